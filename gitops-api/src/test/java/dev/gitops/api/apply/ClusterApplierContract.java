package dev.gitops.api.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.error.ClusterNotFoundException;
import dev.gitops.api.error.ConflictException;
import dev.gitops.api.error.InvalidObjectException;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ClusterApplier} must meet, written against the behaviour of a real Kubernetes API
 * server. Implementations extend this class (it ships in the gitops-api test-jar) and supply {@link #applier()}
 * and {@link #editAs}. Each test works in a namespace of its own, so the suite can run against a shared cluster.
 */
public abstract class ClusterApplierContract {

    /** The field manager the contract applies with. */
    protected static final String MANAGER = "gitops-contract";

    private String ns;
    private final List<ResourceId> cleanup = new ArrayList<>();

    /** The applier under test (may be the same instance for every test). */
    protected abstract ClusterApplier applier();

    /**
     * Changes a live object as another field manager with an ordinary (non-apply) update, as {@code kubectl edit}
     * or a controller would: {@code edit} gets the live object and returns the new one.
     */
    protected abstract void editAs(String manager, ResourceId id, UnaryOperator<ObjectNode> edit);

    @BeforeEach
    void createNamespace() {
        ns = "ct-" + UUID.randomUUID().toString().substring(0, 8);
        ClusterApplier a = applier();
        a.apply(res("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + ns + "\n"), opts());
        cleanup.add(ResourceId.of("v1", "Namespace", "", ns));
    }

    @AfterEach
    void deleteCreated() {
        for (ResourceId id : ApplyOrder.deletionOrder(cleanup)) {
            applier().delete(id, DeleteOptions.defaults().withExclusions(Map.of()));
        }
        cleanup.clear();
    }

    /** The namespace of the running test. */
    protected final String namespace() {
        return ns;
    }

    /** Parses one YAML document. */
    protected static Resource res(String yaml) {
        return Resource.readAll(yaml, "contract.yaml").get(0);
    }

    private static ApplyOptions opts() {
        return ApplyOptions.defaults().withFieldManager(MANAGER);
    }

    private Resource configMap(String name, String data, String labels) {
        return res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: " + ns + "\n"
                + (labels.isEmpty() ? "" : "  labels:\n" + indent(labels, 4)) + "data:\n" + indent(data, 2));
    }

    private Resource deployment(String name, int replicas, String image, String extraLabels) {
        return res("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n  namespace: " + ns
                + "\n  labels:\n    app: " + name + "\n" + (extraLabels.isEmpty() ? "" : indent(extraLabels, 4))
                + "spec:\n  replicas: " + replicas + "\n  selector:\n    matchLabels:\n      app: " + name
                + "\n  template:\n    metadata:\n      labels:\n        app: " + name
                + "\n    spec:\n      containers:\n      - name: web\n        image: " + image
                + "\n        ports:\n        - containerPort: 8080\n");
    }

    private static String indent(String s, int n) {
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n")) {
            sb.append(" ".repeat(n)).append(line).append('\n');
        }
        return sb.toString();
    }

    private ResourceId cm(String name) {
        return ResourceId.of("v1", "ConfigMap", ns, name);
    }

    private ResourceId deploy(String name) {
        return ResourceId.of("apps/v1", "Deployment", ns, name);
    }

    private Resource live(ResourceId id) {
        return applier().get(id).orElseThrow(() -> new AssertionError(id + " not found"));
    }

    private static String rv(Resource r) {
        return r.string("/metadata/resourceVersion").orElseThrow();
    }

    private static JsonNode managedBy(Resource r, String manager) {
        for (JsonNode e : r.get("/metadata/managedFields").orElseThrow()) {
            if (e.path("manager").asText().equals(manager)) {
                return e;
            }
        }
        throw new AssertionError("no managedFields entry for " + manager + " in " + r);
    }

    private static boolean hasManager(Resource r, String manager) {
        for (JsonNode e : r.get("/metadata/managedFields").orElseThrow()) {
            if (e.path("manager").asText().equals(manager)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------- apply

    @Test
    void createsThenReportsUnchangedWithoutWriting() {
        ApplyResult first = applier().apply(configMap("app", "a: \"1\"", ""), opts());
        assertEquals(Action.CREATED, first.change().action());
        assertEquals(cm("app"), first.change().id());
        Resource created = live(cm("app"));
        assertEquals("1", created.string("/data/a").orElseThrow());
        assertFalse(created.string("/metadata/uid").orElse("").isEmpty());
        assertFalse(created.string("/metadata/creationTimestamp").orElse("").isEmpty());

        ApplyResult again = applier().apply(configMap("app", "a: \"1\"", ""), opts());
        assertEquals(Action.UNCHANGED, again.change().action());
        Resource after = live(cm("app"));
        assertEquals(rv(created), rv(after), "a no-op apply must not write");
        assertEquals(created.string("/metadata/uid"), after.string("/metadata/uid"));
    }

    @Test
    void recordsTheFieldManagerInManagedFields() {
        applier().apply(configMap("mf", "a: \"1\"", "app: mf"), opts());
        JsonNode entry = managedBy(live(cm("mf")), MANAGER);
        assertEquals("Apply", entry.path("operation").asText());
        assertEquals("v1", entry.path("apiVersion").asText());
        assertEquals("FieldsV1", entry.path("fieldsType").asText());
        JsonNode f = entry.path("fieldsV1");
        assertTrue(f.path("f:data").has("f:a"), f.toString());
        assertTrue(f.path("f:metadata").path("f:labels").has("f:app"), f.toString());
        assertFalse(f.path("f:metadata").has("f:name"), "name is not a managed field: " + f);
    }

    @Test
    void configuresWhenContentChanges() {
        applier().apply(configMap("app", "a: \"1\"", ""), opts());
        String before = rv(live(cm("app")));
        ApplyResult r = applier().apply(configMap("app", "a: \"2\"", ""), opts());
        assertEquals(Action.CONFIGURED, r.change().action());
        Resource after = live(cm("app"));
        assertEquals("2", after.string("/data/a").orElseThrow());
        assertNotEquals(before, rv(after));
        assertEquals(rv(after), rv(r.object()));
    }

    @Test
    void dryRunPersistsNothing() {
        ApplyOptions dry = opts().withDryRun(true);
        ApplyResult create = applier().apply(configMap("dry", "a: \"1\"", ""), dry);
        assertEquals(Action.CREATED, create.change().action());
        assertEquals("1", create.object().string("/data/a").orElseThrow());
        assertTrue(applier().get(cm("dry")).isEmpty());

        applier().apply(configMap("dry", "a: \"1\"", ""), opts());
        String before = rv(live(cm("dry")));
        ApplyResult change = applier().apply(configMap("dry", "a: \"2\"", ""), dry);
        assertEquals(Action.CONFIGURED, change.change().action());
        assertEquals("2", change.object().string("/data/a").orElseThrow());
        Resource after = live(cm("dry"));
        assertEquals("1", after.string("/data/a").orElseThrow());
        assertEquals(before, rv(after));
        assertEquals(Action.UNCHANGED, applier().apply(configMap("dry", "a: \"1\"", ""), dry).change().action());
    }

    @Test
    void generationFollowsSpecChangesOnly() {
        applier().apply(deployment("web", 1, "nginx:1.25", ""), opts());
        assertEquals(1, live(deploy("web")).get("/metadata/generation").orElseThrow().asInt());
        applier().apply(deployment("web", 1, "nginx:1.25", "team: a\n"), opts());
        assertEquals(1, live(deploy("web")).get("/metadata/generation").orElseThrow().asInt(),
                "a label change is not a spec change");
        applier().apply(deployment("web", 3, "nginx:1.25", "team: a\n"), opts());
        Resource r = live(deploy("web"));
        assertEquals(2, r.get("/metadata/generation").orElseThrow().asInt());
        assertEquals(3, r.get("/spec/replicas").orElseThrow().asInt());
    }

    @Test
    void removesFieldsTheManagerStopsApplying() {
        applier().apply(configMap("rm", "a: \"1\"\nb: \"2\"", "app: rm\nold: x"), opts());
        ApplyResult r = applier().apply(configMap("rm", "a: \"1\"", "app: rm"), opts());
        assertEquals(Action.CONFIGURED, r.change().action());
        Resource after = live(cm("rm"));
        assertFalse(after.has("/data/b"));
        assertFalse(after.labels().containsKey("old"));
        assertEquals("1", after.string("/data/a").orElseThrow());
    }

    @Test
    void keepsFieldsOtherManagersOwn() {
        applier().apply(configMap("shared", "a: \"1\"", "app: shared"), opts());
        editAs("kubectl-edit", cm("shared"), o -> {
            o.withObjectProperty("metadata").withObjectProperty("labels").put("team", "payments");
            o.withObjectProperty("data").put("extra", "kept");
            return o;
        });
        ApplyResult r = applier().apply(configMap("shared", "a: \"1\"", "app: shared"), opts());
        assertEquals(Action.UNCHANGED, r.change().action());
        Resource after = live(cm("shared"));
        assertEquals("payments", after.labels().get("team"));
        assertEquals("kept", after.string("/data/extra").orElseThrow());
        assertTrue(hasManager(after, "kubectl-edit"));
    }

    @Test
    void conflictsWithAnotherManagerUnlessForced() {
        applier().apply(deployment("hpa", 2, "nginx:1.25", ""), opts());
        editAs("hpa-controller", deploy("hpa"), o -> {
            o.withObjectProperty("spec").put("replicas", 5);
            return o;
        });
        ConflictException e = assertThrows(ConflictException.class,
                () -> applier().apply(deployment("hpa", 2, "nginx:1.25", ""), opts()));
        assertEquals(deploy("hpa"), e.resourceId().orElseThrow());
        assertEquals(409, e.code());
        assertEquals(List.of(new ConflictException.FieldConflict("hpa-controller", ".spec.replicas")), e.conflicts());
        assertTrue(e.getMessage().contains("conflict with \"hpa-controller\""), e.getMessage());
        assertEquals(5, live(deploy("hpa")).get("/spec/replicas").orElseThrow().asInt());

        ApplyResult forced = applier().apply(deployment("hpa", 2, "nginx:1.25", ""), opts().withForce(true));
        assertEquals(Action.CONFIGURED, forced.change().action());
        Resource after = live(deploy("hpa"));
        assertEquals(2, after.get("/spec/replicas").orElseThrow().asInt());
        assertTrue(managedBy(after, MANAGER).path("fieldsV1").path("f:spec").has("f:replicas"));
        if (hasManager(after, "hpa-controller")) {
            assertFalse(managedBy(after, "hpa-controller").path("fieldsV1").path("f:spec").has("f:replicas"));
        }
    }

    @Test
    void conflictNamesListItemsByKey() {
        applier().apply(deployment("img", 1, "nginx:1.25", ""), opts());
        editAs("kubectl-edit", deploy("img"), o -> {
            ((ObjectNode) o.withObjectProperty("spec").withObjectProperty("template").withObjectProperty("spec").withArray("containers").get(0))
                    .put("image", "nginx:1.26");
            return o;
        });
        ConflictException e = assertThrows(ConflictException.class,
                () -> applier().apply(deployment("img", 1, "nginx:1.27", ""), opts()));
        assertEquals(List.of(new ConflictException.FieldConflict("kubectl-edit",
                ".spec.template.spec.containers[name=\"web\"].image")), e.conflicts());
    }

    @Test
    void applyingTheSameValueAsAnotherManagerIsNoConflict() {
        applier().apply(deployment("same", 2, "nginx:1.25", ""), opts());
        editAs("other", deploy("same"), o -> {
            o.withObjectProperty("spec").put("replicas", 4);
            return o;
        });
        ApplyResult r = applier().apply(deployment("same", 4, "nginx:1.25", ""), opts());
        assertEquals(Action.UNCHANGED, r.change().action());
        assertEquals(4, live(deploy("same")).get("/spec/replicas").orElseThrow().asInt());
    }

    @Test
    void applyIgnoresStatusOfKindsWithAStatusSubresource() {
        ObjectNode d = deployment("st", 1, "nginx:1.25", "").content();
        d.withObjectProperty("status").put("replicas", 42).put("readyReplicas", 42);
        Resource created = applier().apply(Resource.of(d), opts()).object();
        assertFalse(created.get("/status/readyReplicas").map(n -> n.asInt() == 42).orElse(false));
        assertFalse(live(deploy("st")).get("/status/replicas").map(n -> n.asInt() == 42).orElse(false));
    }

    @Test
    void removalKeepsListItemsAnotherManagerAdded() {
        String two = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: items\n  namespace: " + ns
                + "\nspec:\n  selector:\n    matchLabels:\n      app: items\n  template:\n    metadata:\n"
                + "      labels:\n        app: items\n    spec:\n      containers:\n      - name: web\n"
                + "        image: nginx\n        env:\n        - name: A\n          value: a\n        - name: B\n"
                + "          value: b\n";
        applier().apply(res(two), opts());
        editAs("injector", deploy("items"), o -> {
            ObjectNode c = (ObjectNode) o.withObjectProperty("spec").withObjectProperty("template").withObjectProperty("spec").withArray("containers").get(0);
            c.withArray("env").addObject().put("name", "INJECTED").put("value", "x");
            return o;
        });
        String one = two.replace("        - name: B\n          value: b\n", "");
        assertEquals(Action.CONFIGURED, applier().apply(res(one), opts()).change().action());
        JsonNode env = live(deploy("items")).get("/spec/template/spec/containers/0/env").orElseThrow();
        List<String> names = new ArrayList<>();
        env.forEach(e -> names.add(e.path("name").asText()));
        assertEquals(List.of("A", "INJECTED"), names.stream().sorted().toList());
    }

    @Test
    void staleResourceVersionIsAConflict() {
        applier().apply(configMap("rv", "a: \"1\"", ""), opts());
        ObjectNode c = configMap("rv", "a: \"2\"", "").content();
        c.withObjectProperty("metadata").put("resourceVersion", "1");
        assertThrows(ConflictException.class, () -> applier().apply(Resource.of(c), opts()));
    }

    @Test
    void namespacedObjectsNeedTheirNamespace() {
        Resource r = res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: missing-"
                + ns + "\ndata:\n  a: b\n");
        ClusterNotFoundException e = assertThrows(ClusterNotFoundException.class, () -> applier().apply(r, opts()));
        assertEquals(r.id(), e.resourceId().orElseThrow());
        assertEquals(404, e.code());
    }

    @Test
    void unknownKindsAreRejected() {
        Resource r = res("apiVersion: nothing.contract.gitops.dev/v1\nkind: Gadget\nmetadata:\n  name: g\n"
                + "  namespace: " + ns + "\n");
        ClusterNotFoundException e = assertThrows(ClusterNotFoundException.class, () -> applier().apply(r, opts()));
        assertEquals("Gadget", e.resourceId().orElseThrow().kind());
    }

    @Test
    void invalidObjectsAreRejected() {
        InvalidObjectException name = assertThrows(InvalidObjectException.class,
                () -> applier().apply(configMap("Bad_Name", "a: b", ""), opts()));
        assertEquals(422, name.code());
        assertEquals("Invalid", name.reason());
        assertTrue(name.getMessage().contains("metadata.name"), name.getMessage());
        Resource mismatch = res("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\n  namespace: " + ns
                + "\nspec:\n  selector:\n    matchLabels:\n      app: a\n  template:\n    metadata:\n      labels:\n"
                + "        app: b\n    spec:\n      containers:\n      - name: c\n        image: nginx\n");
        assertThrows(InvalidObjectException.class, () -> applier().apply(mismatch, opts()));
        assertTrue(applier().get(mismatch.id()).isEmpty());
    }

    @Test
    void immutableFieldsCannotChange() {
        applier().apply(deployment("imm", 1, "nginx:1.25", ""), opts());
        ObjectNode d = deployment("imm", 1, "nginx:1.25", "").content();
        d.withObjectProperty("spec").withObjectProperty("selector").withObjectProperty("matchLabels").put("tier", "x");
        d.withObjectProperty("spec").withObjectProperty("template").withObjectProperty("metadata").withObjectProperty("labels").put("tier", "x");
        InvalidObjectException e = assertThrows(InvalidObjectException.class,
                () -> applier().apply(Resource.of(d), opts().withForce(true)));
        assertTrue(e.getMessage().contains("immutable"), e.getMessage());
    }

    @Test
    void clusterScopedObjectsIgnoreTheNamespace() {
        String name = "contract-" + ns;
        Resource role = res("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: " + name
                + "\n  namespace: " + ns + "\nrules:\n- apiGroups: [\"\"]\n  resources: [configmaps]\n"
                + "  verbs: [get]\n");
        ApplyResult r = applier().apply(role, opts());
        ResourceId id = ResourceId.of("rbac.authorization.k8s.io/v1", "ClusterRole", "", name);
        cleanup.add(id);
        assertEquals(id, r.change().id());
        assertTrue(applier().get(id).isPresent());
        assertTrue(applier().get(id).orElseThrow().namespace().isEmpty());
    }

    @Test
    void objectsWithoutNamespaceGoToDefault() {
        String name = "contract-" + ns;
        ApplyResult r = applier().apply(res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name
                + "\ndata:\n  a: b\n"), opts());
        ResourceId id = ResourceId.of("v1", "ConfigMap", "default", name);
        cleanup.add(id);
        assertEquals(id, r.change().id());
        assertTrue(applier().get(id).isPresent());
    }

    // ----------------------------------------------------------------------------------------- list and order

    @Test
    void listsByLabelSelector() {
        applier().apply(configMap("a", "k: v", "app: web\ntier: front"), opts());
        applier().apply(configMap("b", "k: v", "app: web\ntier: back\nlegacy: \"true\""), opts());
        applier().apply(configMap("c", "k: v", "app: db"), opts());
        ListOptions in = ListOptions.defaults().inNamespace(ns);
        assertEquals(List.of("a", "b"), names(applier().list("v1", "ConfigMap", in.withSelector(
                LabelSelector.parse("app=web")))));
        assertEquals(List.of("a", "c"), names(applier().list("v1", "ConfigMap", in.withSelector(
                LabelSelector.parse("app,!legacy")))));
        assertEquals(List.of("b", "c"), names(applier().list("v1", "ConfigMap", in.withSelector(
                LabelSelector.parse("tier notin (front)")))).stream().filter(n -> !n.startsWith("kube-")).toList());
        assertEquals(List.of("a", "b"), names(applier().list("v1", "ConfigMap", in.withSelector(
                LabelSelector.parse("tier in (front, back)")))));
        assertEquals(List.of("a", "b", "c"), names(applier().list("v1", "ConfigMap", in.withSelector(
                LabelSelector.parse("app")))));
    }

    private static List<String> names(List<Resource> rs) {
        return rs.stream().map(Resource::name).sorted().toList();
    }

    @Test
    void applyAllPutsNamespacesFirstAndReportsEachObject() {
        String other = ns + "-b";
        Resource cmInOther = res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n  namespace: " + other
                + "\ndata:\n  a: b\n");
        Resource namespace = res("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + other + "\n");
        cleanup.add(namespace.id());
        ChangeSet cs = applier().applyAll(List.of(cmInOther, configMap("second", "a: b", ""), namespace), opts());
        // namespaces first; then by kind, namespace and name
        assertEquals(List.of(namespace.id(), cm("second"), cmInOther.id()),
                cs.changes().stream().map(Change::id).toList());
        assertEquals(3, cs.created().size());
        assertTrue(cs.hasChanges());
        ChangeSet again = applier().applyAll(List.of(cmInOther, configMap("second", "a: b", ""), namespace), opts());
        assertEquals(3, again.unchanged().size());
        assertFalse(again.hasChanges());
        assertTrue(again.toString().contains("ConfigMap/" + other + "/first unchanged"), again.toString());
    }

    @Test
    void customResourcesAfterTheirDefinition() {
        String group = "g" + ns.substring(3) + ".contract.gitops.dev";
        Resource crd = res("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
                + "  name: widgets." + group + "\nspec:\n  group: " + group + "\n  scope: Namespaced\n  names:\n"
                + "    kind: Widget\n    plural: widgets\n    singular: widget\n    listKind: WidgetList\n"
                + "  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n"
                + "      openAPIV3Schema:\n        type: object\n        x-kubernetes-preserve-unknown-fields: true\n");
        cleanup.add(crd.id());
        Resource widget = res("apiVersion: " + group + "/v1\nkind: Widget\nmetadata:\n  name: w1\n  namespace: " + ns
                + "\nspec:\n  size: 3\n");
        ChangeSet cs = applier().applyAll(List.of(widget, crd), opts());
        assertEquals(List.of(Action.CREATED, Action.CREATED), cs.changes().stream().map(Change::action).toList());
        assertEquals(crd.id(), cs.changes().get(0).id());
        assertEquals(3, live(widget.id()).get("/spec/size").orElseThrow().asInt());
        assertEquals(List.of("w1"), names(applier().list(group + "/v1", "Widget",
                ListOptions.defaults().inNamespace(ns))));
    }

    // -------------------------------------------------------------------------------------- delete and prune

    @Test
    void deletesAndSkipsWhatIsGone() {
        applier().apply(configMap("del", "a: b", ""), opts());
        assertEquals(Action.DELETED, applier().delete(cm("del"), DeleteOptions.defaults()).action());
        assertTrue(applier().get(cm("del")).isEmpty());
        Change again = applier().delete(cm("del"), DeleteOptions.defaults());
        assertEquals(Action.SKIPPED, again.action());
    }

    @Test
    void deleteDryRunKeepsTheObject() {
        applier().apply(configMap("keep", "a: b", ""), opts());
        assertEquals(Action.DELETED, applier().delete(cm("keep"), DeleteOptions.defaults().withDryRun(true)).action());
        assertTrue(applier().get(cm("keep")).isPresent());
    }

    @Test
    void pruneDeletesOnlyStaleInventoryEntries() {
        ChangeSet applied = applier().applyAll(List.of(configMap("keep", "a: b", ""), configMap("stale", "a: b", ""),
                deployment("old", 1, "nginx:1.25", ""), configMap("protected", "a: b", "")), opts());
        ObjectNode prot = configMap("protected", "a: b", "").content();
        prot.withObjectProperty("metadata").withObjectProperty("annotations").put(DeleteOptions.PRUNE_ANNOTATION, DeleteOptions.PRUNE_DISABLED);
        applier().apply(Resource.of(prot), opts());
        // an object another tool created: not in any inventory of ours
        applier().apply(configMap("foreign", "a: b", ""), opts().withFieldManager("someone-else"));

        Inventory previous = Inventory.of(applied);
        assertEquals(4, previous.ids().size());
        Inventory current = Inventory.of(List.of(cm("keep")));
        ChangeSet pruned = applier().prune(previous, current, DeleteOptions.defaults());
        assertEquals(List.of(deploy("old"), cm("stale")), pruned.deleted(), "reverse apply order");
        assertEquals(List.of(cm("protected")), pruned.skipped());
        assertEquals("prune disabled", pruned.withAction(Action.SKIPPED).get(0).reason());
        assertTrue(applier().get(cm("keep")).isPresent());
        assertTrue(applier().get(cm("foreign")).isPresent());
        assertTrue(applier().get(cm("protected")).isPresent());
        assertTrue(applier().get(cm("stale")).isEmpty());
        assertTrue(applier().get(deploy("old")).isEmpty());
    }

    @Test
    void pruneRequiresOwnerLabelsWhenAsked() {
        applier().apply(configMap("mine", "a: b", "owner: me"), opts());
        applier().apply(configMap("taken", "a: b", "owner: them"), opts());
        Inventory previous = Inventory.of(List.of(cm("mine"), cm("taken")));
        ChangeSet pruned = applier().prune(previous, Inventory.empty(),
                DeleteOptions.defaults().withInclusions(Map.of("owner", "me")));
        assertEquals(List.of(cm("mine")), pruned.deleted());
        assertEquals(List.of(cm("taken")), pruned.skipped());
        assertTrue(applier().get(cm("taken")).isPresent());
    }

    @Test
    void pruneDryRunDeletesNothing() {
        applier().apply(configMap("p", "a: b", ""), opts());
        ChangeSet pruned = applier().prune(Inventory.of(List.of(cm("p"))), Inventory.empty(),
                DeleteOptions.defaults().withDryRun(true));
        assertEquals(List.of(cm("p")), pruned.deleted());
        assertTrue(applier().get(cm("p")).isPresent());
    }

    @Test
    void getReturnsTheRequestedIdentity() {
        applier().apply(deployment("id", 1, "nginx:1.25", ""), opts());
        Resource r = live(deploy("id"));
        assertEquals(deploy("id"), r.id());
        assertEquals("Deployment", r.kind());
        assertTrue(applier().get(deploy("nope")).isEmpty());
        assertTrue(applier().get(ResourceId.of("v1", "ConfigMap", ns, "id")).isEmpty());
        assertEquals(ns, r.namespace().toLowerCase(Locale.ROOT));
    }

    // ---------------------------------------------------------------------------- immutable fields, stringData

    private InvalidObjectException refused(String yaml) {
        return assertThrows(InvalidObjectException.class, () -> applier().apply(res(yaml), opts().withForce(true)));
    }

    private static void assertMessage(InvalidObjectException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + p + "' not in: " + e.getMessage());
        }
        assertEquals(422, e.code());
        assertEquals("Invalid", e.reason());
    }

    @Test
    void jobTemplateIsImmutable() {
        String job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\n  namespace: " + ns + "\nspec:\n"
                + "  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n"
                + "        image: busybox:1\n";
        applier().apply(res(job), opts());
        InvalidObjectException e = refused(job.replace("busybox:1", "busybox:2"));
        assertMessage(e, "Job.batch \"once\" is invalid", "spec.template: Invalid value: ", ": field is immutable");
        assertEquals("busybox:1", live(ResourceId.of("batch/v1", "Job", ns, "once")).content()
                .at("/spec/template/spec/containers/0/image").asText());
    }

    @Test
    void serviceClusterIpMayNotChangeOnceSet() {
        int host = 20 + Math.floorMod(ns.hashCode(), 200);
        String svc = "apiVersion: v1\nkind: Service\nmetadata:\n  name: fixed\n  namespace: " + ns + "\nspec:\n"
                + "  clusterIP: 10.96.0." + host + "\n  ports:\n  - port: 80\n    protocol: TCP\n";
        applier().apply(res(svc), opts());
        String other = "10.96.0." + (host + 1);
        InvalidObjectException e = refused(svc.replace("10.96.0." + host + "\n", other + "\n"));
        assertMessage(e, "Service \"fixed\" is invalid", "spec.clusterIPs[0]: Invalid value: []string{\"" + other
                + "\"}: may not change once set");
    }

    @Test
    void persistentVolumeClaimSpecIsImmutableExceptStorageGrowthOfBoundClaims() {
        String pvc = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: " + ns
                + "\nspec:\n  accessModes:\n  - ReadWriteOnce\n  resources:\n    requests:\n      storage: 1Gi\n";
        applier().apply(res(pvc), opts());
        assertMessage(refused(pvc.replace("ReadWriteOnce", "ReadWriteMany")), "PersistentVolumeClaim \"data\" is "
                + "invalid", "spec: Forbidden: spec is immutable after creation except resources.requests");
        ResourceId id = ResourceId.of("v1", "PersistentVolumeClaim", ns, "data");
        if ("Bound".equals(live(id).content().at("/status/phase").asText())) {
            // a bound claim may grow (a volume controller bound it), never shrink
            assertEquals(Action.CONFIGURED, applier().apply(res(pvc.replace("1Gi", "2Gi")), opts()).change().action());
            assertMessage(refused(pvc), "spec.resources.requests.storage: Forbidden: field can not be less than");
            assertEquals("2Gi", live(id).content().at("/spec/resources/requests/storage").asText());
        } else {
            // growing the request needs a bound claim; without a volume controller it stays Pending
            assertMessage(refused(pvc.replace("1Gi", "2Gi")), "spec: Forbidden: spec is immutable after creation");
            assertEquals("1Gi", live(id).content().at("/spec/resources/requests/storage").asText());
        }
    }

    @Test
    void statefulSetSpecOutsideTheMutableFieldsIsForbidden() {
        String sts = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n  namespace: " + ns + "\nspec:\n"
                + "  serviceName: db\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n"
                + "      labels:\n        app: db\n    spec:\n      containers:\n      - name: c\n        image: db:1\n";
        applier().apply(res(sts), opts());
        assertMessage(refused(sts.replace("serviceName: db", "serviceName: db2")), "StatefulSet.apps \"db\" is invalid",
                "spec: Forbidden: updates to statefulset spec for fields other than 'replicas'");
        assertEquals(Action.CONFIGURED, applier().apply(res(sts.replace("db:1", "db:2")), opts()).change().action(),
                "the template may change");
    }

    @Test
    void immutableSecretsAndConfigMapsKeepTheirData() {
        String secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: frozen\n  namespace: " + ns + "\n"
                + "immutable: true\ndata:\n  a: b25l\n";
        applier().apply(res(secret), opts());
        assertMessage(refused(secret.replace("b25l", "dHdv")), "Secret \"frozen\" is invalid",
                "data: Forbidden: field is immutable when `immutable` is set");
        assertMessage(refused(secret.replace("immutable: true", "immutable: false")),
                "immutable: Forbidden: field is immutable when `immutable` is set");
        String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frozen\n  namespace: " + ns + "\n"
                + "immutable: true\ndata:\n  a: one\n";
        applier().apply(res(cm), opts());
        assertMessage(refused(cm.replace("one", "two")), "ConfigMap \"frozen\" is invalid",
                "data: Forbidden: field is immutable when `immutable` is set");
        assertEquals(Action.UNCHANGED, applier().apply(res(cm), opts()).change().action());
    }

    @Test
    void secretStringDataIsMergedIntoDataAndNotStored() {
        String secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: mixed\n  namespace: " + ns + "\n"
                + "data:\n  a: eA==\n  b: dHdv\nstringData:\n  a: one\n";
        ResourceId id = ResourceId.of("v1", "Secret", ns, "mixed");
        assertEquals(Action.CREATED, applier().apply(res(secret), opts()).change().action());
        Resource s = live(id);
        assertEquals("b25l", s.content().at("/data/a").asText(), "stringData wins over data");
        assertEquals("dHdv", s.content().at("/data/b").asText());
        assertFalse(s.has("/stringData"), "stringData is write-only");
        assertEquals(Action.UNCHANGED, applier().apply(res(secret), opts()).change().action());
        assertEquals(Action.CONFIGURED, applier().apply(res(secret.replace("a: one", "a: two")), opts()).change()
                .action());
        assertEquals("dHdv", live(id).content().at("/data/a").asText());
        assertTrue(managedBy(live(id), MANAGER).path("fieldsV1").path("f:stringData").has("f:a"),
                "the applier owns the stringData keys it applied");
        // moving a key from data to stringData: the stale data field is removed before stringData is folded in
        applier().apply(res("apiVersion: v1\nkind: Secret\nmetadata:\n  name: moved\n  namespace: " + ns
                + "\ndata:\n  x: b25l\n"), opts());
        applier().apply(res("apiVersion: v1\nkind: Secret\nmetadata:\n  name: moved\n  namespace: " + ns
                + "\nstringData:\n  x: two\n"), opts());
        assertEquals("dHdv", live(ResourceId.of("v1", "Secret", ns, "moved")).content().at("/data/x").asText());
    }

    // ---------------------------------------------------------------------------------------------- impersonation

    /** A user the cluster knows nothing about: every request made as it is forbidden. */
    protected String unprivilegedUser() {
        return "system:serviceaccount:" + ns + ":nobody";
    }

    @Test
    void impersonatedRequestsAreAuthorizedAsTheServiceAccount() {
        String role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: deployer\n"
                + "  namespace: " + ns + "\nrules:\n- apiGroups: [\"\"]\n  resources: [configmaps]\n"
                + "  verbs: [get, list, create, patch, update, delete]\n";
        String binding = "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: deployer\n"
                + "  namespace: " + ns + "\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n"
                + "  name: deployer\nsubjects:\n- kind: ServiceAccount\n  name: deployer\n  namespace: " + ns + "\n";
        applier().applyAll(List.of(res(role), res(binding)), opts());
        String deployer = Impersonation.serviceAccount(ns, "deployer");
        ApplyOptions asDeployer = opts().withImpersonation(deployer);
        Resource cm = configMap("as-sa", "a: b", "");
        assertEquals(Action.CREATED, applier().apply(cm, asDeployer).change().action());
        Resource secret = res("apiVersion: v1\nkind: Secret\nmetadata:\n  name: as-sa\n  namespace: " + ns
                + "\ndata:\n  a: Yg==\n");
        dev.gitops.api.error.ForbiddenException denied = assertThrows(dev.gitops.api.error.ForbiddenException.class,
                () -> applier().apply(secret, opts().withImpersonation(unprivilegedUser())));
        assertEquals(403, denied.code());
        assertTrue(denied.getMessage().contains("secrets \"as-sa\" is forbidden: User \"" + unprivilegedUser()
                + "\" cannot get resource \"secrets\" in API group \"\" in the namespace \"" + ns + "\""),
                denied.getMessage());
        assertTrue(applier().get(secret.id()).isEmpty());
        assertThrows(dev.gitops.api.error.ForbiddenException.class, () -> applier().apply(cm,
                opts().withImpersonation(unprivilegedUser())));
        assertThrows(dev.gitops.api.error.ForbiddenException.class, () -> applier().delete(cm("as-sa"),
                DeleteOptions.defaults().withImpersonation(unprivilegedUser())));
        assertEquals(Action.DELETED, applier().delete(cm("as-sa"), DeleteOptions.defaults()
                .withImpersonation(deployer)).action());
    }
}
