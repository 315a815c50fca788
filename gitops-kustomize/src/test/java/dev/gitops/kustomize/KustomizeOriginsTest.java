package dev.gitops.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gitops.api.error.Origin;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Built objects keep where their fields come from: the file an object was read from (line and column per field),
 * the patch file that set a field, the kustomization that generated an object. The policy linter names these
 * locations in its findings on rendered objects.
 */
class KustomizeOriginsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                    - name: web
                      image: web:1.0.0
                    - name: proxy
                      image: envoy:1.30.0
            """;

    private static FileSystem fs(String... pathsAndContents) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return FileSystem.inMemory(files);
    }

    private static String at(Resource r, String pointer) {
        Origin o = r.originOf(pointer);
        return o.file() + ":" + o.line();
    }

    private static Resource find(List<Resource> rs, String kind, String name) {
        return rs.stream().filter(r -> r.kind().equals(kind) && r.name().startsWith(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void fieldsNameTheBaseFileTheirPatchOrTheirGenerator() {
        FileSystem fs = fs(
                "base/deployment.yaml", DEPLOYMENT,
                "base/list.yaml", "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n"
                        + "    metadata:\n      name: web\n    spec:\n      ports:\n        - port: 80\n",
                "base/kustomization.yaml", "resources: [deployment.yaml, list.yaml]\n",
                "prod/kustomization.yaml", """
                        resources: [../base]
                        namePrefix: prod-
                        configMapGenerator:
                          - name: settings
                            literals: [A=b]
                        patches:
                          - path: smp.yaml
                          - path: json.yaml
                            target: {kind: Deployment}
                        """,
                "prod/smp.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: web
                        spec:
                          template:
                            spec:
                              containers:
                                - name: proxy
                                  image: envoy:1.31.0
                                  resources:
                                    limits: {memory: 64Mi}
                        """,
                "prod/json.yaml", """
                        - op: replace
                          path: /spec/replicas
                          value: 3
                        """);
        List<Resource> out = Kustomizer.builder().fileSystem(fs).trackOrigins(true).build().build("prod")
                .resources();
        Resource web = find(out, "Deployment", "prod-web");
        assertEquals("base/deployment.yaml:1", at(web, ""));
        assertEquals("base/deployment.yaml:11", at(web, "/spec/template/spec/containers/0/image"));
        // the strategic merge patch set the proxy's image and added its resources
        assertEquals("prod/smp.yaml:10", at(web, "/spec/template/spec/containers/1/image"));
        assertEquals("prod/smp.yaml:12", at(web, "/spec/template/spec/containers/1/resources/limits/memory"));
        assertEquals("base/deployment.yaml:12", at(web, "/spec/template/spec/containers/1/name"));
        // the JSON patch replaced the replicas
        assertEquals("prod/json.yaml:3", at(web, "/spec/replicas"));
        // an item of a List, and a generated ConfigMap
        assertEquals("base/list.yaml:10", at(find(out, "Service", "prod-web"), "/spec/ports/0"));
        assertEquals("prod/kustomization.yaml:0", at(find(out, "ConfigMap", "prod-settings"), "/data"));
        // and the build output itself is what kustomize prints: origins are not in the objects
        assertEquals(3, web.get("/spec/replicas").orElseThrow().intValue());
        assertEquals(false, web.toYaml().contains("config.kubernetes.io/origin"));
        // without tracking (the default) the same output, and no origins
        List<Resource> plain = Kustomizer.builder().fileSystem(fs).build().build("prod").resources();
        assertEquals(out, plain);
        assertEquals("-", find(plain, "Deployment", "prod-web").originOf("/spec/replicas").file());
        assertEquals(List.of(), KustomizeManifestBuilder.create().build(fs, "prod").stream()
                .filter(r -> !r.originOf("").file().equals("-")).toList());
        assertEquals(out.size(), KustomizeManifestBuilder.create().trackingOrigins().build(fs, "prod").stream()
                .filter(r -> !r.originOf("").file().equals("-")).count());
    }
}
