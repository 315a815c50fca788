package dev.gitops.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.testing.SharedConformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Sibling directories of a {@code resources} list are built in parallel ({@link Kustomizer.Builder#parallel}): the
 * result must be exactly the sequential one, resources, order, warnings and errors alike.
 */
class ParallelBuildTest {

    /** Output, warnings or the error message of a build. */
    private static String outcome(Kustomizer.Builder b, String path) {
        try {
            BuildResult r = b.build().build(path);
            return "warnings: " + r.warnings() + "\n" + r.toYaml();
        } catch (RuntimeException e) {
            return "error: " + e;
        }
    }

    private static void assertSameBothWays(FileSystem fs, String path) {
        String seq = outcome(Kustomizer.builder().fileSystem(fs).parallel(false), path);
        for (int i = 0; i < 3; i++) {
            assertEquals(seq, outcome(Kustomizer.builder().fileSystem(fs), path), path);
        }
    }

    @TestFactory
    Stream<DynamicTest> everySharedConformanceCaseBuildsTheSameInParallel() throws IOException {
        Path dir = SharedConformance.require("kustomize");
        List<Path> cases = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> Files.isDirectory(p.resolve("input"))).sorted().forEach(cases::add);
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            String target = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(c.resolve("case.json").toFile()).path("target").asText(".");
            assertSameBothWays(FileSystem.onDisk(c.resolve("input")), target.equals(".") ? "" : target);
        }));
    }

    private static Map<String, byte[]> fleet(int apps) {
        Map<String, byte[]> f = new LinkedHashMap<>();
        StringBuilder agg = new StringBuilder("resources:\n");
        for (int i = 0; i < apps; i++) {
            put(f, "apps/app" + i + "/kustomization.yaml", "resources:\n- deploy.yaml\nconfigMapGenerator:\n"
                    + "- name: cfg" + i + "\n  literals:\n  - N=" + i + "\ncommonLabels:\n  app: a" + i + "\n");
            put(f, "apps/app" + i + "/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app"
                    + i + "\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: img:"
                    + i + "\n        envFrom:\n        - configMapRef:\n            name: cfg" + i + "\n");
            agg.append("- apps/app").append(i).append('\n');
        }
        put(f, "kustomization.yaml", agg.toString());
        return f;
    }

    private static void put(Map<String, byte[]> f, String path, String content) {
        f.put(path, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFleetBuildsTheSameWithWarningsInOrder() {
        Map<String, byte[]> f = fleet(40);
        BuildResult r = Kustomizer.builder().fileSystem(FileSystem.inMemory(f)).build().build("");
        assertEquals(80, r.resources().size());
        assertEquals(40, r.warnings().size()); // commonLabels is deprecated, once per app
        assertSameBothWays(FileSystem.inMemory(f), "");
    }

    @Test
    void originsAreTrackedInParallelSubBuildsToo() {
        FileSystem fs = FileSystem.inMemory(fleet(8));
        for (boolean parallel : new boolean[] {false, true}) {
            BuildResult r = Kustomizer.builder().fileSystem(fs).trackOrigins(true).parallel(parallel).build()
                    .build("");
            var deploy = r.resources().stream().filter(x -> x.kind().equals("Deployment")).findFirst().orElseThrow();
            var origin = deploy.originOf("/spec/template/spec/containers/0/image");
            assertEquals("apps/app0/deploy.yaml", origin.file(), "parallel=" + parallel);
            assertEquals(10, origin.line(), "parallel=" + parallel);
        }
    }

    @Test
    void theFirstBrokenSiblingIsTheOneReported() {
        Map<String, byte[]> f = fleet(12);
        put(f, "apps/app5/deploy.yaml", "kind: [broken\n");
        put(f, "apps/app3/kustomization.yaml", "resources:\n- missing.yaml\n");
        put(f, "apps/app9/kustomization.yaml", "nope: 1\n");
        KustomizeException e = assertThrows(KustomizeException.class,
                () -> Kustomizer.builder().fileSystem(FileSystem.inMemory(f)).build().build(""));
        assertTrue(e.getMessage().contains("apps/app3"), e.getMessage());
        assertSameBothWays(FileSystem.inMemory(f), "");
    }

    @Test
    void nameReferencesAndHashesOfALargeBuildAreTheSequentialOnes() {
        // enough referrers and generated objects for the top level's hash and name-reference steps to go parallel
        Map<String, byte[]> f = fleet(60);
        StringBuilder top = new StringBuilder(new String(f.get("kustomization.yaml"), StandardCharsets.UTF_8));
        top.append("- refs.yaml\nnamePrefix: p-\nconfigMapGenerator:\n- name: shared\n  literals:\n  - A=1\n");
        put(f, "kustomization.yaml", top.toString());
        StringBuilder refs = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            refs.append("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod").append(i)
                    .append("\nspec:\n  volumes:\n  - name: v\n    configMap:\n      name: ")
                    .append(i % 2 == 0 ? "shared" : "cfg" + i).append("\n  containers:\n  - name: c\n    env:\n"
                            + "    - name: X\n      valueFrom:\n        configMapKeyRef:\n          name: cfg")
                    .append((i * 7) % 60).append("\n          key: N\n");
        }
        put(f, "refs.yaml", refs.toString());
        String seq = outcome(Kustomizer.builder().fileSystem(FileSystem.inMemory(f)).parallel(false), "");
        assertTrue(seq.contains("name: p-shared-"), seq);
        assertTrue(seq.contains("name: p-cfg7-"), seq);
        assertSameBothWays(FileSystem.inMemory(f), "");
    }

    @Test
    void theNameReferenceErrorReportedIsTheFirstInKustomizesOrder() {
        // Overlay a holds a ServiceAccount of its own and the base's, both once named "sa": the bindings' subjects
        // are ambiguous. Both binding kinds fail; kustomize visits field specs (RoleBinding's, ClusterRoleBinding's)
        // before resources, so in one of the two resource orders the later resource's error is the one reported.
        for (List<String> order : List.of(List.of("rb.yaml", "crb.yaml"), List.of("crb.yaml", "rb.yaml"))) {
            Map<String, byte[]> f = fleet(60);
            StringBuilder top = new StringBuilder(new String(f.get("kustomization.yaml"), StandardCharsets.UTF_8));
            top.append("- a\n");
            put(f, "kustomization.yaml", top.toString());
            put(f, "a/kustomization.yaml", "namePrefix: a-\nresources:\n- sa.yaml\n- ../base\n");
            put(f, "a/sa.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n");
            put(f, "base/kustomization.yaml", "namePrefix: p-\nresources:\n- sa.yaml\n- " + order.get(0) + "\n- "
                    + order.get(1) + "\n");
            put(f, "base/sa.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n");
            for (String kind : List.of("RoleBinding", "ClusterRoleBinding")) {
                put(f, "base/" + (kind.equals("RoleBinding") ? "rb.yaml" : "crb.yaml"), "apiVersion: "
                        + "rbac.authorization.k8s.io/v1\nkind: " + kind + "\nmetadata:\n  name: binding\nroleRef:\n"
                        + "  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: role\nsubjects:\n"
                        + "- kind: ServiceAccount\n  name: sa\n");
            }
            String seq = outcome(Kustomizer.builder().fileSystem(FileSystem.inMemory(f)).parallel(false), "");
            assertTrue(seq.startsWith("error: ") && seq.contains("found multiple possible referrals"), seq);
            assertSameBothWays(FileSystem.inMemory(f), "");
        }
    }

    @Test
    void anOpenApiSchemaSetByAnEarlierSiblingAppliesToTheLaterOnes() {
        // app0 sets a custom schema (first one wins): the strategic merge patch in app1 merges its list by key
        Map<String, byte[]> f = new LinkedHashMap<>();
        put(f, "kustomization.yaml", "resources:\n- app0\n- app1\n- app2\n");
        put(f, "app0/kustomization.yaml", "openapi:\n  path: schema.json\nresources:\n- cm.yaml\n");
        put(f, "app0/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c0\n");
        put(f, "app0/schema.json", """
                {"definitions": {"v1.Thing": {"type": "object",
                  "x-kubernetes-group-version-kind": [{"group": "example.com", "version": "v1", "kind": "Thing"}],
                  "properties": {"items": {"type": "array", "x-kubernetes-patch-merge-key": "name",
                    "x-kubernetes-patch-strategy": "merge", "items": {"type": "object"}}}}}}
                """);
        for (String app : List.of("app1", "app2")) {
            put(f, app + "/kustomization.yaml", "resources:\n- thing.yaml\npatches:\n- path: patch.yaml\n");
            put(f, app + "/thing.yaml", "apiVersion: example.com/v1\nkind: Thing\nmetadata:\n  name: " + app
                    + "\nitems:\n- name: a\n  v: 1\n- name: b\n  v: 2\n");
            put(f, app + "/patch.yaml", "apiVersion: example.com/v1\nkind: Thing\nmetadata:\n  name: " + app
                    + "\nitems:\n- name: b\n  v: 3\n");
        }
        String seq = outcome(Kustomizer.builder().fileSystem(FileSystem.inMemory(f)).parallel(false), "");
        assertTrue(seq.contains("- name: a\n  v: 1\n- name: b\n  v: 3\n"), seq); // merged by key, not replaced
        assertSameBothWays(FileSystem.inMemory(f), "");
    }
}
