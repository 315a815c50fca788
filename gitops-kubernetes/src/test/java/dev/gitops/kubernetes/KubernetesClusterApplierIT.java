package dev.gitops.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.apply.Action;
import dev.gitops.api.apply.ApplyOptions;
import dev.gitops.api.apply.memory.InMemoryCluster;
import dev.gitops.api.apply.memory.ReadinessSimulator;
import dev.gitops.api.error.ConflictException;
import dev.gitops.api.error.ForbiddenException;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real applier's own behaviour, and differential checks of the in-memory cluster against the API server. */
class KubernetesClusterApplierIT {

    private static KubernetesClusterApplier applier;
    private static KubeApiServer.Paths paths;

    @BeforeAll
    static void connect() {
        paths = KubeApiServer.start();
        applier = KubernetesClusterApplier.builder().kubeconfig(paths.admin()).build();
    }

    private static Resource res(String yaml) {
        return Resource.readAll(yaml, "it.yaml").get(0);
    }

    private static String namespace() {
        String ns = "it-" + UUID.randomUUID().toString().substring(0, 8);
        applier.apply(res("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + ns + "\n"), ApplyOptions.defaults());
        return ns;
    }

    private static String fixture(String path) throws IOException {
        try (InputStream in = KubernetesClusterApplierIT.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path + " (from the gitops-api test-jar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void identityWithoutPermissionsIsForbidden() {
        KubernetesClusterApplier nobody = KubernetesClusterApplier.builder().kubeconfig(paths.nobody()).build();
        Resource cm = res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\n");
        GitOpsException e = assertThrows(GitOpsException.class, () -> nobody.apply(cm, ApplyOptions.defaults()));
        assertTrue(e instanceof ForbiddenException, e.toString());
        assertEquals(403, ((ForbiddenException) e).code());
        assertEquals(cm.id(), e.resourceId().orElseThrow());
    }

    /** The in-memory cluster records the same managed fields as the real API server for the same apply. */
    @ParameterizedTest
    @ValueSource(strings = {"deployment", "service"})
    void inMemoryManagedFieldsMatchTheApiServer(String fixture) throws IOException {
        String ns = namespace();
        ObjectNode o = res(fixture("/apply/managed-fields/" + fixture + "/input.yaml")).content();
        o.withObjectProperty("metadata").put("namespace", ns);
        Resource in = Resource.of(o);
        ApplyOptions opts = ApplyOptions.defaults().withFieldManager("differential");
        Resource real = applier.apply(in, opts).object();
        InMemoryCluster memory = InMemoryCluster.builder().readiness(ReadinessSimulator.none()).build();
        memory.apply(res("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + ns + "\n"), opts);
        Resource simulated = memory.apply(in, opts).object();
        assertEquals(fields(real, "differential"), fields(simulated, "differential"));
    }

    /** After an HPA-like update, both clusters report the same conflict for the same apply. */
    @Test
    void inMemoryConflictsMatchTheApiServer() {
        String ns = namespace();
        String yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: " + ns + "\nspec:\n"
                + "  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n"
                + "      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n"
                + "        env:\n        - name: A\n          value: b\n";
        ApplyOptions opts = ApplyOptions.defaults().withFieldManager("diff");
        InMemoryCluster memory = InMemoryCluster.create();
        memory.apply(res("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + ns + "\n"), opts);
        ResourceId id = applier.apply(res(yaml), opts).change().id();
        memory.apply(res(yaml), opts);
        java.util.function.UnaryOperator<ObjectNode> edit = d -> {
            d.withObjectProperty("spec").put("replicas", 4);
            ObjectNode c = (ObjectNode) d.withObjectProperty("spec").withObjectProperty("template").withObjectProperty("spec").withArray("containers").get(0);
            ((ObjectNode) c.withArray("env").get(0)).put("value", "edited");
            return d;
        };
        KubernetesClusterApplierContractIT.editWithUpdate(applier, "hpa", id, edit);
        memory.update(id, "hpa", edit);
        String changed = yaml.replace("replicas: 2", "replicas: 3").replace("value: b", "value: c");
        ConflictException real = assertThrows(ConflictException.class, () -> applier.apply(res(changed), opts));
        ConflictException simulated = assertThrows(ConflictException.class, () -> memory.apply(res(changed), opts));
        assertEquals(real.conflicts().stream().sorted(java.util.Comparator.comparing(
                ConflictException.FieldConflict::field)).toList(),
                simulated.conflicts().stream().sorted(java.util.Comparator.comparing(
                        ConflictException.FieldConflict::field)).toList());
        assertEquals(2, real.conflicts().size(), real.getMessage());
        assertTrue(real.getMessage().endsWith(simulated.detail()), real.getMessage() + "\nvs\n" + simulated.detail());
        assertEquals(Action.CONFIGURED, applier.apply(res(changed), opts.withForce(true)).change().action());
        assertEquals(Action.CONFIGURED, memory.apply(res(changed), opts.withForce(true)).change().action());
        assertEquals(fields(applier.get(id).orElseThrow(), "diff"), fields(memory.get(id).orElseThrow(), "diff"));
        assertEquals(fields(applier.get(id).orElseThrow(), "hpa"), fields(memory.get(id).orElseThrow(), "hpa"));
    }

    /** A sequence of applies and foreign edits leaves the same object and managed fields on both clusters. */
    @Test
    void inMemoryMergeAndRemovalMatchTheApiServer() {
        String ns = namespace();
        String v1 = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: seq\n  namespace: " + ns + "\n"
                + "  labels: {app: seq, tier: web, old: x}\n  annotations: {note: a}\nspec:\n  replicas: 2\n"
                + "  selector:\n    matchLabels: {app: seq}\n  template:\n    metadata:\n      labels: {app: seq}\n"
                + "    spec:\n      containers:\n      - name: web\n        image: nginx:1\n        args: [a, b]\n"
                + "        env:\n        - {name: A, value: a}\n        - {name: B, value: b}\n"
                + "      - name: side\n        image: busybox\n      tolerations:\n      - {key: k, operator: Exists}\n";
        String v2 = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: seq\n  namespace: " + ns + "\n"
                + "  labels: {app: seq, tier: api}\nspec:\n  selector:\n    matchLabels: {app: seq}\n  template:\n"
                + "    metadata:\n      labels: {app: seq}\n    spec:\n      containers:\n      - name: web\n"
                + "        image: nginx:2\n        args: [c]\n        env:\n        - {name: A, value: a}\n";
        ApplyOptions opts = ApplyOptions.defaults().withFieldManager("seq");
        InMemoryCluster memory = InMemoryCluster.builder().readiness(ReadinessSimulator.none()).build();
        memory.apply(res("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + ns + "\n"), opts);
        ResourceId id = applier.apply(res(v1), opts).change().id();
        memory.apply(res(v1), opts);
        java.util.function.UnaryOperator<ObjectNode> edit = d -> {
            d.withObjectProperty("metadata").withObjectProperty("labels").put("owner", "ops");
            d.withObjectProperty("metadata").withObjectProperty("annotations").put("note", "edited");
            d.withObjectProperty("spec").put("replicas", 5);
            return d;
        };
        KubernetesClusterApplierContractIT.editWithUpdate(applier, "ops", id, edit);
        memory.update(id, "ops", edit);
        Action real = applier.apply(res(v2), opts).change().action();
        Action simulated = memory.apply(res(v2), opts).change().action();
        assertEquals(real, simulated);
        Resource r = applier.get(id).orElseThrow();
        Resource m = memory.get(id).orElseThrow();
        assertEquals(r.labels(), m.labels());
        assertEquals(r.annotations(), m.annotations());
        assertEquals(r.get("/spec/replicas"), m.get("/spec/replicas"));
        assertEquals(r.get("/spec/template/spec/containers/0/env"), m.get("/spec/template/spec/containers/0/env"));
        assertEquals(r.get("/spec/template/spec/containers/0/args"), m.get("/spec/template/spec/containers/0/args"));
        assertEquals(r.get("/spec/template/spec/containers").orElseThrow().size(),
                m.get("/spec/template/spec/containers").orElseThrow().size());
        assertEquals(r.has("/spec/template/spec/tolerations"), m.has("/spec/template/spec/tolerations"));
        assertEquals(fields(r, "seq"), fields(m, "seq"));
        assertEquals(fields(r, "ops"), fields(m, "ops"));
        assertEquals(r.get("/metadata/generation"), m.get("/metadata/generation"));
    }

    private static JsonNode fields(Resource r, String manager) {
        for (JsonNode e : r.get("/metadata/managedFields").orElseThrow()) {
            if (e.path("manager").asText().equals(manager)) {
                return e.path("fieldsV1");
            }
        }
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    @Test
    void listUsesTheServerSideLabelSelector() {
        String ns = namespace();
        for (String n : List.of("a", "b")) {
            applier.apply(res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + n + "\n  namespace: " + ns
                    + "\n  labels:\n    pick: \"" + n + "\"\n"), ApplyOptions.defaults());
        }
        List<Resource> picked = applier.list("v1", "ConfigMap", dev.gitops.api.apply.ListOptions.defaults()
                .inNamespace(ns).withSelector(dev.gitops.api.apply.LabelSelector.parse("pick in (b)")));
        assertEquals(List.of("b"), picked.stream().map(Resource::name).toList());
        assertEquals("ConfigMap", picked.get(0).kind());
    }
}
