package dev.gitops.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.engine.internal.FluxGenerator;
import dev.gitops.api.engine.internal.OverlayFileSystem;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.flux.FluxObjects;
import dev.gitops.api.flux.Kustomization;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    private static FileSystem fs(Map<String, String> files) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        files.forEach((k, v) -> m.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return FileSystem.inMemory(m);
    }

    private static Kustomization.Spec spec(String extra) {
        return FluxObjects.read(Resource.readAll("apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
                + "metadata:\n  name: k\nspec:\n  interval: 1m\n  prune: true\n  sourceRef:\n    kind: GitRepository\n"
                + "    name: s\n  path: ./app\n" + extra, "k.yaml").get(0), Kustomization.class).spec();
    }

    private static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n";

    @Test
    void aPlainDirectoryGetsAGeneratedKustomizationListingEveryManifest() {
        FileSystem base = fs(Map.of(
                "app/a.yaml", CM.formatted("a"),
                "app/sub/b.yml", CM.formatted("b"),
                "app/sub/notes.txt", "not yaml",
                "app/nested/kustomization.yaml", "resources:\n- c.yaml\n",
                "app/nested/c.yaml", CM.formatted("c"),
                "app/nested/ignored.yaml", CM.formatted("ignored")));
        OverlayFileSystem fs = new OverlayFileSystem(base);
        String k = FluxGenerator.prepare(fs, "app", spec("  targetNamespace: prod\n"));
        assertEquals("app/kustomization.yaml", k);
        assertEquals("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: prod\n"
                + "resources:\n- a.yaml\n- nested\n- sub/b.yml\n", fs.readString(k));
        List<Resource> built = ManifestBuilder.plain().build(fs, "app");
        assertEquals(List.of("a", "c", "b"), built.stream().map(Resource::name).toList());
        assertTrue(built.stream().allMatch(r -> r.namespace().equals("prod")));
        assertThrows(GitOpsException.class, () -> base.readString("app/kustomization.yaml"),
                "the artifact itself is not modified");
    }

    @Test
    void overlayFieldsAreMergedIntoAnExistingKustomization() {
        FileSystem base = fs(Map.of("app/kustomization.yaml", "resources:\n- a.yaml\nimages:\n- name: nginx\n"
                + "  newTag: \"1.0\"\n", "app/a.yaml", CM.formatted("a")));
        OverlayFileSystem fs = new OverlayFileSystem(base);
        FluxGenerator.prepare(fs, "app", spec("  namePrefix: p-\n  images:\n  - name: nginx\n    newTag: \"2.0\"\n"
                + "  - name: redis\n    digest: sha256:abc\n  components:\n  - ../comp\n  patches:\n"
                + "  - patch: |\n      - op: add\n        path: /data\n        value: {}\n    target:\n"
                + "      kind: ConfigMap\n"));
        assertEquals("components:\n- ../comp\nimages:\n- name: nginx\n  newTag: \"2.0\"\n- digest: sha256:abc\n"
                + "  name: redis\nnamePrefix: p-\npatches:\n- patch: |\n    - op: add\n      path: /data\n"
                + "      value: {}\n  target:\n    kind: ConfigMap\nresources:\n- a.yaml\n",
                fs.readString("app/kustomization.yaml"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ManifestBuilder.plain().build(fs, "app"));
        assertTrue(e.getMessage().contains("does not support kustomization field 'components'"), e.getMessage());
    }

    @Test
    void invalidManifestsAndMissingPaths() {
        FileSystem bad = fs(Map.of("app/a.yaml", "just: data\n"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FluxGenerator.prepare(new OverlayFileSystem(bad), "app", spec("")));
        assertTrue(e.getMessage().contains("failed to decode Kubernetes YAML from app/a.yaml"), e.getMessage());
        GitOpsException missing = assertThrows(GitOpsException.class,
                () -> FluxGenerator.prepare(new OverlayFileSystem(bad), "nope", spec("")));
        assertTrue(missing.getMessage().contains("kustomization path not found"), missing.getMessage());
    }

    @Test
    void micrometerMetricsUseFluxNames() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry reg =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        MicrometerMetrics m = MicrometerMetrics.of(reg);
        m.condition("Kustomization", "flux-system", "apps", "Ready", "True");
        m.condition("Kustomization", "flux-system", "apps", "Ready", "False");
        m.suspended("Kustomization", "flux-system", "apps", true);
        m.duration("Kustomization", "flux-system", "apps", java.time.Duration.ofMillis(1500));
        assertEquals(1.0, reg.get("gotk_reconcile_condition").tags("name", "apps", "type", "Ready", "status", "False")
                .gauge().value());
        assertEquals(0.0, reg.get("gotk_reconcile_condition").tags("name", "apps", "status", "True").gauge().value());
        assertEquals(1.0, reg.get("gotk_suspend_status").tags("kind", "Kustomization").gauge().value());
        assertEquals(1, reg.get("gotk.reconcile.duration").tags("namespace", "flux-system").timer().count());
    }
}
