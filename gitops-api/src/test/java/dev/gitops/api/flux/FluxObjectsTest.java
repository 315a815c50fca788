package dev.gitops.api.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.model.Resource;
import dev.gitops.api.source.GitReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FluxObjectsTest {

    static List<Resource> load(String path) {
        try (InputStream in = FluxObjectsTest.class.getResourceAsStream("/flux/" + path)) {
            return Resource.readAll(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void readsEveryKind() {
        List<FluxObject> objs = load("valid/objects.yaml").stream().map(r -> FluxObjects.read(r).orElseThrow())
                .toList();
        Kustomization ks = (Kustomization) objs.get(0);
        assertEquals("apps/staging", ks.spec().path().replaceFirst("^\\./", ""));
        assertEquals(Duration.ofMinutes(10), ks.spec().interval());
        assertEquals(Duration.ofMinutes(1), ks.spec().retryInterval());
        assertEquals(Duration.ofMinutes(10), ks.spec().timeout(), "timeout defaults to the interval");
        assertTrue(ks.spec().waitForReady());
        assertEquals("infra-configs", ks.spec().dependsOn().get(0).name());
        assertEquals("MirrorPrune", ks.spec().deletionPolicy());
        assertEquals(Map.of("team", "web"), ks.spec().commonLabels());
        assertEquals("Deployment", ks.spec().patches().get(0).target().get("kind").asText());
        assertEquals("1.27", ks.spec().images().get(0).newTag());
        assertEquals(Map.of("cluster_env", "staging"), ks.spec().postBuild().substitute());
        assertTrue(ks.spec().postBuild().substituteFrom().get(0).optional());
        assertEquals("sops-age", ks.spec().decryption().secretRef());

        GitRepository git = (GitRepository) objs.get(1);
        assertEquals(GitReference.Kind.SEMVER, git.spec().ref().kind());
        assertEquals("shared", git.spec().include().get(0).toPath());
        assertEquals(Duration.ofSeconds(60), git.spec().timeout());

        HelmRelease hr = (HelmRelease) objs.get(2);
        assertEquals("cache-redis", hr.releaseName(), "helm-controller's <targetNamespace>-<name>");
        assertEquals("*", hr.spec().chart().version());
        assertEquals("values.yaml", hr.spec().valuesFrom().get(0).valuesKey());
        assertEquals(2, hr.spec().values().get("replicas").asInt());

        assertTrue(((HelmRepository) objs.get(3)).isOci());
        ImagePolicy policy = (ImagePolicy) objs.get(4);
        assertInstanceOf(ImagePolicy.Policy.Numerical.class, policy.spec().policy());
        assertEquals("$ts", policy.spec().filterExtract());
        assertEquals(List.of("^.*\\.sig$"), ((ImageRepository) objs.get(5)).spec().exclusionList());
        ImageUpdateAutomation iua = (ImageUpdateAutomation) objs.get(6);
        assertEquals("clusters/staging", iua.spec().updatePath());
        assertEquals("main", iua.spec().checkout().orElseThrow().branch());
        assertEquals("latest", ((OCIRepository) objs.get(7)).spec().tag());
    }

    @Test
    void notAFluxObject() {
        Resource cm = Resource.readAll("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n", "x.yaml").get(0);
        assertFalse(FluxObjects.read(cm).isPresent());
    }

    @Test
    void unknownFieldNamesFileLineAndPath() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FluxObjects.read(load("unknown-field/ks.yaml").get(0)));
        assertEquals("unknown-field/ks.yaml:12 /spec/postBuild/substitutes: Kustomization: unknown field "
                + "\"spec.postBuild.substitutes\"", e.getMessage());
    }

    @Test
    void invalidDuration() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FluxObjects.read(load("bad-duration/ks.yaml").get(0)));
        assertEquals("bad-duration/ks.yaml:10 /spec/interval: Kustomization spec.interval: time: invalid duration "
                + "\"ten minutes\"", e.getMessage());
    }

    @Test
    void invalidEnum() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FluxObjects.read(load("bad-enum/ks.yaml").get(0)));
        assertTrue(e.getMessage().startsWith("bad-enum/ks.yaml:8 /spec/deletionPolicy: "), e.getMessage());
        assertTrue(e.getMessage().contains("Unsupported value: \"Sometimes\""), e.getMessage());
    }

    @Test
    void missingRequiredFieldsAndWrongVersion() {
        Resource noPrune = Resource.readAll("apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
                + "metadata:\n  name: a\nspec:\n  interval: 1m\n  sourceRef:\n    kind: GitRepository\n"
                + "    name: x\n", "a.yaml").get(0);
        assertTrue(assertThrows(InvalidInputException.class, () -> FluxObjects.read(noPrune)).getMessage()
                .contains("spec.prune: Required value"));
        Resource v3 = Resource.readAll("apiVersion: helm.toolkit.fluxcd.io/v3\nkind: HelmRelease\n"
                + "metadata:\n  name: a\n", "b.yaml").get(0);
        assertTrue(assertThrows(InvalidInputException.class, () -> FluxObjects.read(v3)).getMessage()
                .contains("no matches for kind \"HelmRelease\" in version \"helm.toolkit.fluxcd.io/v3\""));
    }

    @Test
    void goDurations() {
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1.5s"));
        assertEquals("1h0m0s", GoDuration.format(Duration.ofHours(1)));
        assertEquals("10m0s", GoDuration.format(Duration.ofMinutes(10)));
        assertEquals("1.5s", GoDuration.format(Duration.ofMillis(1500)));
        assertEquals("500ms", GoDuration.format(Duration.ofMillis(500)));
        assertEquals("0s", GoDuration.format(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("10"));
    }
}
