package dev.gitops.api.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.engine.ChartRenderer;
import dev.gitops.api.engine.ManifestBuilder;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link ManifestSource#rendered}: what the engine would apply, without a cluster. */
class RenderedManifestSourceTest {

    private static final String GOTK = """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: flux-system
              namespace: flux-system
            spec:
              interval: 10m
              path: ./clusters/dev
              prune: true
              sourceRef: {kind: GitRepository, name: flux-system}
            """;

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: web
            spec:
              replicas: ${replicas:=1}
              template:
                spec:
                  containers:
                    - name: web
                      image: nginx:${tag}
            """;

    private final List<ChartRenderer.ChartRequest> requests = new CopyOnWriteArrayList<>();
    private final ManifestSource source = ManifestSource.rendering().manifestBuilder(ManifestBuilder.plain())
            .chartRenderer(r -> {
                requests.add(r);
                return new LiteralChartRenderer().render(r);
            }).build();

    private static FileSystem repo(String... pathsAndContents) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return FileSystem.inMemory(files);
    }

    private static String kustomization(String name, String path, String extra) {
        return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: " + name
                + "\n  namespace: flux-system\nspec:\n  interval: 10m\n  prune: true\n  path: " + path
                + "\n  sourceRef: {kind: GitRepository, name: flux-system}\n" + extra;
    }

    private static Resource find(List<Resource> rs, String kind, String name) {
        return rs.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in " + rs));
    }

    @Test
    void substituteFromReadsWhatALaterKustomizationRenders() {
        FileSystem fs = repo(
                "clusters/dev/flux-system/gotk-sync.yaml", GOTK,
                "clusters/dev/apps.yaml", kustomization("apps", "./apps/web", """
                          postBuild:
                            substitute: {replicas: "3"}
                            substituteFrom:
                              - {kind: ConfigMap, name: vars}
                        """),
                "clusters/dev/config.yaml", kustomization("config", "./config", ""),
                "apps/web/deployment.yaml", DEPLOYMENT,
                "config/vars.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vars\n"
                        + "  namespace: flux-system\ndata:\n  tag: 1.27.2\n");
        ManifestSource.Manifests m = source.render(fs, "");
        assertEquals(List.of(), m.issues());
        Resource web = find(m.resources(), "Deployment", "web");
        assertEquals("nginx:1.27.2", web.string("/spec/template/spec/containers/0/image").orElseThrow());
        assertEquals(3, web.get("/spec/replicas").orElseThrow().intValue());
        assertEquals("apps", web.labels().get("kustomize.toolkit.fluxcd.io/name"));
        assertEquals("flux-system", web.labels().get("kustomize.toolkit.fluxcd.io/namespace"));
        assertEquals("apps/web/deployment.yaml", web.originOf("/spec/template/spec/containers/0/image").file());
        assertEquals(12, web.originOf("/spec/template/spec/containers/0/image").line());
        // every file was rendered: nothing is read a second time as it is
        assertEquals(1, m.resources().stream().filter(r -> r.kind().equals("Deployment")).count());
    }

    @Test
    void missingOrEncryptedVariableSourcesAreIncompleteNotFatal() {
        FileSystem fs = repo(
                "clusters/dev/flux-system/gotk-sync.yaml", GOTK,
                "clusters/dev/apps.yaml", kustomization("apps", "./apps/web", """
                          postBuild:
                            substitute: {tag: "1.0.0"}
                            substituteFrom:
                              - {kind: ConfigMap, name: from-terraform}
                              - {kind: Secret, name: sealed}
                              - {kind: Secret, name: optional-one, optional: true}
                        """),
                "clusters/dev/sealed.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: sealed\n"
                        + "  namespace: flux-system\nstringData:\n  tag: ENC[AES256_GCM,data:abc,type:str]\n"
                        + "sops:\n  version: 3.9.0\n",
                "apps/web/deployment.yaml", DEPLOYMENT);
        ManifestSource.Manifests m = source.render(fs, "clusters/dev");
        List<String> issues = new ArrayList<>();
        m.issues().forEach(i -> issues.add(i.kind() + " " + i.location()));
        assertEquals(List.of(
                "INCOMPLETE clusters/dev/apps.yaml:14 /spec/postBuild/substituteFrom/0",
                "INCOMPLETE clusters/dev/apps.yaml:15 /spec/postBuild/substituteFrom/1"), issues);
        Resource web = find(m.resources(), "Deployment", "web");
        assertEquals("nginx:1.0.0", web.string("/spec/template/spec/containers/0/image").orElseThrow());
        // the encrypted Secret is linted encrypted
        assertTrue(find(m.resources(), "Secret", "sealed").has("/sops"));
    }

    @Test
    void helmReleasesRenderWithValuesFromTheRepositoryAndAreLocatedAtTheRelease() {
        FileSystem fs = repo(
                "clusters/dev/flux-system/gotk-sync.yaml", GOTK,
                "clusters/dev/cache.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: cache-values
                          namespace: flux-system
                        data:
                          values.yaml: |
                            maxMemory: 64mb
                        ---
                        apiVersion: helm.toolkit.fluxcd.io/v2
                        kind: HelmRelease
                        metadata:
                          name: cache
                          namespace: flux-system
                        spec:
                          interval: 30m
                          targetNamespace: cache
                          chart:
                            spec:
                              chart: ./charts/cache
                              sourceRef: {kind: GitRepository, name: flux-system}
                          valuesFrom:
                            - {kind: ConfigMap, name: cache-values}
                            - {kind: Secret, name: in-cluster-only}
                          values:
                            replicas: 2
                        """,
                "charts/cache/Chart.yaml", "apiVersion: v2\nname: cache\nversion: 1.0.0\n",
                "charts/cache/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\n"
                        + "metadata:\n  name: cache\nspec:\n  template:\n    spec:\n      containers:\n"
                        + "        - name: redis\n          image: redis:7.4.1\n");
        ManifestSource.Manifests m = source.render(fs, "clusters/dev");
        assertEquals(1, requests.size());
        ObjectNode values = requests.get(0).values();
        assertEquals("64mb", values.path("maxMemory").asText());
        assertEquals(2, values.path("replicas").asInt());
        assertEquals("cache-cache", requests.get(0).releaseName());
        assertEquals(1, m.issues().size(), m.issues().toString());
        assertEquals("clusters/dev/cache.yaml:24 /spec/valuesFrom/1", m.issues().get(0).location().toString());
        Resource d = find(m.resources(), "Deployment", "cache");
        assertEquals("cache", d.namespace());
        assertEquals("cache", d.labels().get("helm.toolkit.fluxcd.io/name"));
        Location l = Location.of(d.id(), d.originOf("/spec/template/spec/containers/0/image"));
        assertEquals("clusters/dev/cache.yaml", l.file());
        assertEquals(10, l.line()); // the HelmRelease document
        assertEquals("/spec/template/spec/containers/0/image", l.pointer());
        assertEquals("Deployment/cache/cache", l.resource().orElseThrow().toString());
    }

    @Test
    void aKustomizationThatDoesNotBuildFailsAloneAndItsFilesAreLintedAsTheyAre() {
        FileSystem fs = repo(
                "clusters/dev/flux-system/gotk-sync.yaml", GOTK,
                "clusters/dev/apps.yaml", kustomization("apps", "./apps/web", ""),
                "clusters/dev/other.yaml", kustomization("other", "./other", ""),
                // the plain builder refuses patches: a build failure
                "apps/web/kustomization.yaml", "resources: [deployment.yaml]\npatches:\n  - path: p.yaml\n",
                "apps/web/deployment.yaml", DEPLOYMENT,
                "other/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other-config\n"
                        + "  namespace: other\n");
        ManifestSource.Manifests m = source.render(fs, "clusters/dev");
        assertEquals(1, m.issues().size());
        RenderIssue i = m.issues().get(0);
        assertEquals(RenderIssue.Kind.FAILED, i.kind());
        assertEquals("clusters/dev/apps.yaml:9 /spec/path", i.location().toString());
        assertTrue(i.message().startsWith("Kustomization apps does not build: "), i.message());
        Resource web = find(m.resources(), "Deployment", "web");
        assertEquals("${replicas:=1}", web.string("/spec/replicas").orElseThrow()); // as it is in Git
        assertEquals("other", find(m.resources(), "ConfigMap", "other-config").labels()
                .get("kustomize.toolkit.fluxcd.io/name"));
    }

    @Test
    void withoutAFluxSystemPathTheFilesAreLintedAsTheyAre() {
        FileSystem fs = repo("apps/web/deployment.yaml", DEPLOYMENT);
        ManifestSource.Manifests m = source.render(fs, "");
        assertEquals(List.of(), m.issues());
        assertEquals(ManifestSource.rawYaml().manifests(fs, ""), m.resources());
    }
}
