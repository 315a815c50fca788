package dev.gitops.api.apply.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.apply.Action;
import dev.gitops.api.apply.ApplyOptions;
import dev.gitops.api.apply.ApplyResult;
import dev.gitops.api.apply.DeleteOptions;
import dev.gitops.api.apply.ListOptions;
import dev.gitops.api.error.ClusterNotFoundException;
import dev.gitops.api.error.ConflictException;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InMemoryClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);

    private static String resource(String path) throws IOException {
        try (InputStream in = InMemoryClusterTest.class.getResourceAsStream("/apply/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Resource res(String yaml) {
        return Resource.readAll(yaml, "test.yaml").get(0);
    }

    /** The fieldsV1 the in-memory cluster records equals what kube-apiserver v1.20.2 recorded for the same apply. */
    @ParameterizedTest
    @ValueSource(strings = {"deployment", "service"})
    void managedFieldsMatchTheRealApiServer(String fixture) throws IOException {
        InMemoryCluster c = InMemoryCluster.builder().readiness(ReadinessSimulator.none()).build();
        Resource in = res(resource("managed-fields/" + fixture + "/input.yaml"));
        Resource live = c.apply(in, ApplyOptions.defaults().withFieldManager("golden")).object();
        JsonNode expected = JSON.readTree(resource("managed-fields/" + fixture + "/fieldsV1.json"));
        JsonNode actual = live.get("/metadata/managedFields/0/fieldsV1").orElseThrow();
        assertEquals(expected, actual);
    }

    @Test
    void stampsMetadataFromTheInjectedClock() {
        InMemoryCluster c = InMemoryCluster.builder().clock(CLOCK).build();
        Resource live = c.apply(res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"),
                ApplyOptions.defaults()).object();
        assertEquals("2026-01-02T03:04:05Z", live.string("/metadata/creationTimestamp").orElseThrow());
        assertEquals("2026-01-02T03:04:05Z", live.string("/metadata/managedFields/0/time").orElseThrow());
        assertFalse(live.has("/metadata/generation"), "ConfigMaps have no generation");
        InMemoryCluster other = InMemoryCluster.builder().clock(CLOCK).build();
        Resource again = other.apply(res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"),
                ApplyOptions.defaults()).object();
        assertEquals(live, again, "same inputs, same cluster state: deterministic uid and resourceVersion");
    }

    private static final String DEPLOY = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
            + "  namespace: default\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n"
            + "    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n"
            + "        image: nginx\n";

    /** The message kube-apiserver v1.20.2 gave for the same sequence (recorded with curl). */
    @Test
    void conflictMessageMatchesTheApiServer() {
        String d = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: conf, namespace: default}\nspec:\n"
                + "  replicas: 2\n  selector: {matchLabels: {app: conf}}\n  template:\n    metadata: {labels: {app: conf}}\n"
                + "    spec:\n      containers:\n      - name: web\n        image: nginx\n"
                + "        env: [{name: A, value: b}]\n";
        InMemoryCluster c = InMemoryCluster.create();
        ApplyOptions diff = ApplyOptions.defaults().withFieldManager("diff");
        ResourceId id = c.apply(res(d), diff).change().id();
        c.update(id, "hpa", o -> {
            o.withObjectProperty("spec").put("replicas", 4);
            ((ObjectNode) o.at("/spec/template/spec/containers/0/env/0")).put("value", "edited");
            return o;
        });
        ConflictException e = assertThrows(ConflictException.class,
                () -> c.apply(res(d.replace("replicas: 2", "replicas: 3").replace("value: b", "value: c")), diff));
        assertEquals("Apply failed with 2 conflicts: conflicts with \"hpa\" using apps/v1:\n- .spec.replicas\n"
                + "- .spec.template.spec.containers[name=\"web\"].env[name=\"A\"].value", e.detail());
        ConflictException one = assertThrows(ConflictException.class,
                () -> c.apply(res(d.replace("replicas: 2", "replicas: 3").replace("value: b", "value: edited")), diff));
        assertEquals("Apply failed with 1 conflict: conflict with \"hpa\" using apps/v1: .spec.replicas", one.detail());
    }

    @Test
    void readySimulatorMarksWorkloadsAvailable() {
        InMemoryCluster c = InMemoryCluster.create();
        c.apply(res(DEPLOY), ApplyOptions.defaults());
        Resource live = c.get(ResourceId.of("apps/v1", "Deployment", "default", "web")).orElseThrow();
        assertEquals(3, live.get("/status/readyReplicas").orElseThrow().asInt());
        assertEquals(1, live.get("/status/observedGeneration").orElseThrow().asInt());
        assertEquals("True", live.string("/status/conditions/0/status").orElseThrow());
        assertTrue(live.toYaml().contains("manager: kube-controller-manager"));
        assertTrue(live.toYaml().contains("subresource: status"));
    }

    @Test
    void neverReadySimulatorKeepsWorkloadsUnavailable() {
        InMemoryCluster c = InMemoryCluster.builder().readiness(ReadinessSimulator.neverReady()).build();
        c.apply(res(DEPLOY), ApplyOptions.defaults());
        Resource live = c.get(ResourceId.of("apps/v1", "Deployment", "default", "web")).orElseThrow();
        assertFalse(live.has("/status/readyReplicas"));
        assertEquals("False", live.string("/status/conditions/0/status").orElseThrow());
    }

    @Test
    void applyIgnoresStatusOfKindsWithAStatusSubresource() {
        InMemoryCluster c = InMemoryCluster.builder().readiness(ReadinessSimulator.none()).build();
        ObjectNode d = res(DEPLOY).content();
        d.withObjectProperty("status").put("readyReplicas", 99);
        Resource live = c.apply(Resource.of(d), ApplyOptions.defaults()).object();
        assertFalse(live.has("/status"));
        ResourceId id = live.id();
        ObjectNode st = JSON.createObjectNode().put("readyReplicas", 1);
        Resource withStatus = c.updateStatus(id, "test-controller", st);
        assertEquals(1, withStatus.get("/status/readyReplicas").orElseThrow().asInt());
        assertEquals(1, withStatus.get("/metadata/generation").orElseThrow().asInt(), "status is not spec");
        assertEquals(Action.UNCHANGED, c.apply(res(DEPLOY), ApplyOptions.defaults()).change().action());
    }

    @Test
    void updateTakesOwnershipFromTheApplier() {
        InMemoryCluster c = InMemoryCluster.create();
        ResourceId id = c.apply(res(DEPLOY), ApplyOptions.defaults()).object().id();
        Resource after = c.update(id, "hpa", o -> {
            o.withObjectProperty("spec").put("replicas", 7);
            return o;
        });
        assertEquals(2, after.get("/metadata/generation").orElseThrow().asInt());
        JsonNode mf = after.get("/metadata/managedFields").orElseThrow();
        String applier = "", hpa = "";
        for (JsonNode e : mf) {
            if (e.path("manager").asText().equals(ApplyOptions.DEFAULT_FIELD_MANAGER)) {
                applier = e.path("fieldsV1").toString();
            }
            if (e.path("manager").asText().equals("hpa")) {
                hpa = e.path("fieldsV1").toString();
                assertEquals("Update", e.path("operation").asText());
            }
        }
        assertFalse(applier.contains("f:replicas"), applier);
        assertEquals("{\"f:spec\":{\"f:replicas\":{}}}", hpa);
        // the applier no longer sets replicas: HPA keeps its value
        ObjectNode without = res(DEPLOY).content();
        without.withObjectProperty("spec").remove("replicas");
        assertEquals(Action.UNCHANGED, c.apply(Resource.of(without), ApplyOptions.defaults()).change().action());
        assertEquals(7, c.get(id).orElseThrow().get("/spec/replicas").orElseThrow().asInt());
    }

    @Test
    void fieldsDroppedFromTheConfigAreRemovedUnlessSharedOwnership() {
        InMemoryCluster c = InMemoryCluster.create();
        String two = DEPLOY.replace("        image: nginx\n", "        image: nginx\n      - name: side\n"
                + "        image: busybox\n");
        ResourceId id = c.apply(res(two), ApplyOptions.defaults()).object().id();
        assertEquals(Action.CONFIGURED, c.apply(res(DEPLOY), ApplyOptions.defaults()).change().action());
        assertEquals(1, c.get(id).orElseThrow().get("/spec/template/spec/containers").orElseThrow().size());
    }

    @Test
    void crdsRegisterKindsAndTheirDeletionRemovesCustomResources() {
        InMemoryCluster c = InMemoryCluster.create();
        Resource crd = res("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
                + "  name: widgets.example.com\nspec:\n  group: example.com\n  scope: Cluster\n  names:\n"
                + "    kind: Widget\n    plural: widgets\n  versions:\n  - name: v1\n    served: true\n"
                + "    storage: true\n");
        c.apply(crd, ApplyOptions.defaults());
        assertFalse(c.isNamespaced("example.com/v1", "Widget"));
        Resource crdLive = c.get(crd.id()).orElseThrow();
        assertEquals("Established", crdLive.string("/status/conditions/1/type").orElseThrow());
        ApplyResult w = c.apply(res("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n"
                + "  namespace: ignored\nspec:\n  a: 1\n"), ApplyOptions.defaults());
        assertEquals("", w.change().id().namespace());
        assertEquals("True", w.object().string("/status/conditions/0/status").orElseThrow());
        assertEquals(Action.DELETED, c.delete(crd.id(), DeleteOptions.defaults()).action());
        assertThrows(ClusterNotFoundException.class,
                () -> c.list("example.com/v1", "Widget", ListOptions.defaults()));
        assertTrue(c.get(w.change().id()).isEmpty());
    }

    @Test
    void deletingANamespaceDeletesItsObjects() {
        InMemoryCluster c = InMemoryCluster.create();
        c.apply(res("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n"), ApplyOptions.defaults());
        c.apply(res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: team\n"),
                ApplyOptions.defaults());
        c.delete(ResourceId.of("v1", "Namespace", "", "team"), DeleteOptions.defaults());
        assertTrue(c.get(ResourceId.of("v1", "ConfigMap", "team", "a")).isEmpty());
    }

    @Test
    void objectsWithFinalizersAreMarkedForDeletion() {
        InMemoryCluster c = InMemoryCluster.builder().clock(CLOCK).build();
        Resource r = res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: f\n  finalizers: [example.com/x]\n");
        ResourceId id = c.apply(r, ApplyOptions.defaults()).change().id();
        assertEquals(Action.DELETED, c.delete(id, DeleteOptions.defaults()).action());
        assertEquals("2026-01-02T03:04:05Z", c.get(id).orElseThrow().string("/metadata/deletionTimestamp")
                .orElseThrow());
    }

    @Test
    void createFailsWhenTheObjectExists() {
        InMemoryCluster c = InMemoryCluster.create();
        Resource r = res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        c.create(r, "kubectl-create");
        assertThrows(ConflictException.class, () -> c.create(r, "kubectl-create"));
        assertEquals("Update", c.get(r.id().withNamespace("default")).orElseThrow()
                .string("/metadata/managedFields/0/operation").orElseThrow());
    }

    @Test
    void concurrentAppliesGetDistinctResourceVersions() throws Exception {
        InMemoryCluster c = InMemoryCluster.create();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                futures.add(pool.submit(() -> c.apply(res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c"
                        + (n % 20) + "\ndata:\n  v: \"" + n + "\"\n"), ApplyOptions.defaults().withForce(true))
                        .object().string("/metadata/resourceVersion").orElseThrow()));
            }
            Set<String> versions = new HashSet<>();
            for (Future<String> f : futures) {
                versions.add(f.get());
            }
            assertEquals(200, versions.size());
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertEquals(20, c.list("v1", "ConfigMap", ListOptions.defaults().inNamespace("default")).size());
    }
}
