package dev.gitops.api.apply.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.apply.Action;
import dev.gitops.api.apply.ApplyOptions;
import dev.gitops.api.apply.ApplyResult;
import dev.gitops.api.apply.Change;
import dev.gitops.api.apply.ClusterApplier;
import dev.gitops.api.apply.DeleteOptions;
import dev.gitops.api.apply.ListOptions;
import dev.gitops.api.apply.memory.internal.FieldSet;
import dev.gitops.api.apply.memory.internal.KindInfo;
import dev.gitops.api.apply.memory.internal.ListSchema;
import dev.gitops.api.apply.memory.internal.ManagedFields;
import dev.gitops.api.apply.memory.internal.ManagedFields.Entry;
import dev.gitops.api.apply.memory.internal.ManagedFields.Operation;
import dev.gitops.api.apply.memory.internal.Ssa;
import dev.gitops.api.apply.memory.internal.Validation;
import dev.gitops.api.error.ClusterNotFoundException;
import dev.gitops.api.error.ConflictException;
import dev.gitops.api.error.ConflictException.FieldConflict;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Kubernetes API server for tests and demos: the {@link ClusterApplier} of record when no real cluster
 * is at hand. Thread-safe; all operations are serialised.
 *
 * <p>What it models, as the API server does:
 * <ul>
 *   <li>server-side apply with {@code metadata.managedFields} per field manager in the {@code FieldsV1} format
 *       ({@code f:} fields, {@code k:{...}} items of associative lists such as containers, env and ports, {@code v:}
 *       set members such as finalizers); conflicts between managers (with the API server's message), forced
 *       ownership transfer, removal of fields a manager stops applying, dry runs;</li>
 *   <li>{@code metadata.uid}, {@code resourceVersion} (one counter per cluster, unchanged by no-op applies),
 *       {@code generation} (bumped when anything outside metadata and status changes, for the kinds that have it),
 *       {@code creationTimestamp} from the injected {@link Clock};</li>
 *   <li>namespaced and cluster-scoped kinds (a built-in table, plus the kinds of CustomResourceDefinitions applied
 *       to it); namespaced objects need an existing namespace; deleting a namespace deletes its objects, deleting
 *       a CRD deletes its custom resources; status is written only through the status subresource for kinds that
 *       have one;</li>
 *   <li>validation of names, labels and workload selectors, and the update rules for immutable fields, with the
 *       API server's messages: Deployment/StatefulSet/DaemonSet/ReplicaSet {@code spec.selector}, StatefulSet
 *       spec outside replicas/template/updateStrategy/ordinals/persistentVolumeClaimRetentionPolicy/minReadySeconds,
 *       Job {@code spec.selector} and {@code spec.template}, Service {@code spec.clusterIP} (an update that leaves
 *       it out keeps it), PersistentVolumeClaim spec outside {@code resources.requests} (storage may only grow,
 *       and only once the claim is Bound), data of ConfigMaps and Secrets marked {@code immutable: true};</li>
 *   <li>Secret {@code stringData}, write-only as in the API server: merged into {@code data} as base64 (a key in
 *       both takes the stringData value) on every write, while the applier's managed fields record
 *       {@code f:stringData} as applied;</li>
 *   <li>impersonation ({@link ApplyOptions#impersonate()}): each write is recorded with its user in
 *       {@link #auditLog()}, and an {@link Authorizer} may deny impersonated requests with the API server's
 *       Forbidden message;</li>
 *   <li>controllers, through a {@link ReadinessSimulator} that writes workload status after each change.</li>
 * </ul>
 * Not modelled: defaulting of fields (e.g. {@code imagePullPolicy}), admission, garbage collection of dependents,
 * watch, conversion between API versions (objects are returned as stored, with the requested {@code apiVersion}),
 * the list-type markers of CRD schemas (lists in custom resources are atomic, as for a schema without markers).
 * Where Kubernetes versions differ, the newer behaviour is modelled: applied {@code status} of a kind with a status
 * subresource is neither stored nor recorded in the applier's managed fields (1.20 still recorded it).
 *
 * <p>Tests change live objects as another field manager with {@link #update} (a {@code kubectl edit} or an HPA
 * scaling a Deployment), create foreign objects with {@link #create}, and write status with {@link #updateStatus}.
 */
public final class InMemoryCluster implements ClusterApplier {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryCluster.class);
    private static final String API_SERVER_MANAGER = "kube-apiserver";
    private static final int AUDIT_LIMIT = 10_000;
    private static final Set<String> SERVER_METADATA = Set.of("uid", "resourceVersion", "generation",
            "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

    private final Object lock = new Object();
    private final Clock clock;
    private final ReadinessSimulator readiness;
    private final Authorizer authorizer;
    private final java.util.ArrayDeque<AuditEntry> audit = new java.util.ArrayDeque<>();
    private final Map<String, KindInfo> kinds = new HashMap<>();
    private final TreeMap<Key, ObjectNode> objects = new TreeMap<>();
    private long resourceVersion;
    private long uids;

    private record Key(String group, String kind, String namespace, String name) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::group).thenComparing(Key::kind)
                .thenComparing(Key::namespace).thenComparing(Key::name);

        static Key of(ResourceId id) {
            return new Key(id.group(), id.kind(), id.namespace(), id.name());
        }

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    private InMemoryCluster(Builder b) {
        this.clock = b.clock;
        this.readiness = b.readiness;
        this.authorizer = b.authorizer;
        for (KindInfo k : KindInfo.builtins()) {
            kinds.put(k.group() + "/" + k.kind(), k);
        }
        for (String ns : b.namespaces) {
            ObjectNode n = Resource.readAll("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + ns + "\n",
                    "namespace").get(0).content();
            ResourceId id = ResourceId.of("v1", "Namespace", "", ns);
            stamp(n, id, kinds.get("/Namespace"), timestamp());
            n.withObjectProperty("status").put("phase", "Active");
            objects.put(Key.of(id), n);
        }
    }

    /** A builder with the system clock, {@link ReadinessSimulator#ready()} and the usual four namespaces. */
    public static Builder builder() {
        return new Builder();
    }

    /** A cluster with the defaults of {@link #builder()}. */
    public static InMemoryCluster create() {
        return builder().build();
    }

    /** Builds {@link InMemoryCluster}s. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private ReadinessSimulator readiness = ReadinessSimulator.ready();
        private List<String> namespaces = List.of("default", "kube-node-lease", "kube-public", "kube-system");
        private Authorizer authorizer = Authorizer.allowAll();

        private Builder() {
        }

        /** The clock for timestamps. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** How workloads become ready. */
        public Builder readiness(ReadinessSimulator r) {
            this.readiness = Objects.requireNonNull(r, "readiness");
            return this;
        }

        /** The namespaces that exist from the start (default: default, kube-node-lease, kube-public, kube-system). */
        public Builder namespaces(List<String> names) {
            this.namespaces = List.copyOf(names);
            return this;
        }

        /** Who may do what when a request impersonates a user (default: {@link Authorizer#allowAll()}). */
        public Builder authorizer(Authorizer a) {
            this.authorizer = Objects.requireNonNull(a, "authorizer");
            return this;
        }

        /** The cluster. */
        public InMemoryCluster build() {
            return new InMemoryCluster(this);
        }
    }

    // ---------------------------------------------------------------------------------------------------- apply

    @Override
    public ApplyResult apply(Resource resource, ApplyOptions options) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(options, "options");
        synchronized (lock) {
            KindInfo kind = kindOf(resource.id());
            ObjectNode config = resource.content();
            ResourceId id = normalize(resource.id(), kind, config);
            ObjectNode meta = config.withObjectProperty("metadata");
            String requestedVersion = meta.path("resourceVersion").asText("");
            for (String f : SERVER_METADATA) {
                meta.remove(f);
            }
            if (kind.statusSubresource()) {
                config.remove("status");
            }
            if (kind.namespaced()) {
                requireNamespace(id);
            }
            FieldSet applied = Ssa.fieldsOf(config, !kind.statusSubresource(), kind.deduced());
            Key key = Key.of(id);
            ObjectNode live = objects.get(key);
            // appliers read the live object first; a server-side apply is a PATCH, whether or not it exists
            authorize(options.impersonate(), Authorizer.Verb.GET, id, kind, options.dryRun());
            authorize(options.impersonate(), Authorizer.Verb.PATCH, id, kind, options.dryRun());
            if (!requestedVersion.isEmpty() && (live == null
                    || !requestedVersion.equals(live.path("metadata").path("resourceVersion").asText()))) {
                throw new ConflictException(id, "Operation cannot be fulfilled on " + kind.plural()
                        + (kind.group().isEmpty() ? "" : "." + kind.group()) + " \"" + id.name()
                        + "\": the object has been modified; please apply your changes to the latest version and"
                        + " try again", List.of());
            }
            String now = timestamp();
            if (live == null) {
                ObjectNode created = config;
                stamp(created, id, kind, now);
                if (options.dryRun()) {
                    created.withObjectProperty("metadata").remove("resourceVersion");
                }
                ManagedFields.write(created, List.of(new Entry(options.fieldManager(), Operation.Apply, "",
                        id.apiVersion(), now, applied)));
                prepare(id, created, null);
                Validation.validate(id, created, null);
                if (!options.dryRun()) {
                    objects.put(key, created);
                    afterWrite(id, kind, true);
                    LOG.debug("{} created by {}", id, options.fieldManager());
                }
                return new ApplyResult(Change.of(id, Action.CREATED), view(options.dryRun() ? created
                        : objects.get(key), id));
            }
            List<Entry> before = ManagedFields.read(live);
            List<Entry> managers = ManagedFields.copy(before);
            List<FieldConflict> conflicts = new ArrayList<>();
            for (List<String> path : applied.paths()) {
                if (!differs(Ssa.resolve(config, path), Ssa.resolve(live, path), path)) {
                    continue;
                }
                for (Entry e : managers) {
                    if (!e.manager.equals(options.fieldManager()) && e.fields.contains(path)) {
                        conflicts.add(new FieldConflict(e.manager, Ssa.display(path)));
                        if (options.force()) {
                            e.fields.remove(path);
                        }
                    }
                }
            }
            if (!conflicts.isEmpty() && !options.force()) {
                throw conflict(id, conflicts, managers);
            }
            ObjectNode merged = Ssa.merge(live, config);
            Entry mine = null;
            for (Entry e : managers) {
                if (e.is(options.fieldManager(), Operation.Apply, "")) {
                    mine = e;
                }
            }
            if (mine != null) {
                List<List<String>> stale = new ArrayList<>();
                for (List<String> path : mine.fields.paths()) {
                    if (!applied.containsPrefix(path) && !ownedByOthers(managers, mine, path)) {
                        stale.add(path);
                    }
                }
                // parents before children: removing an item first makes its fields' removal a no-op
                for (List<String> path : stale) {
                    Ssa.remove(merged, path);
                }
            } else {
                mine = new Entry(options.fieldManager(), Operation.Apply, "", id.apiVersion(), now, applied);
                managers.add(mine);
            }
            boolean fieldsChanged = !mine.fields.equals(applied) || !id.apiVersion().equals(mine.apiVersion);
            mine.fields = applied;
            mine.apiVersion = id.apiVersion();
            if (fieldsChanged) {
                mine.time = now;
            }
            Entry applier = mine;
            // the applier's own entry stays even when empty (it records that the manager applies this object)
            managers.removeIf(e -> e.fields.isEmpty() && e != applier);
            // after the merge and the removal of fields the manager no longer applies, as the API server's
            // strategy runs after server-side apply: stringData lands in data (owned as applied, f:stringData)
            prepare(id, merged, live);
            boolean contentChanged = !Ssa.same(comparable(live), comparable(merged));
            if (!contentChanged && ManagedFields.same(before, managers)) {
                return new ApplyResult(Change.of(id, Action.UNCHANGED), view(live, id));
            }
            if (kind.generation() && specChanged(live, merged)) {
                meta(merged).put("generation", meta(live).path("generation").asInt(1) + 1);
            }
            merged.put("apiVersion", id.apiVersion());
            ManagedFields.write(merged, managers);
            Validation.validate(id, merged, live);
            if (!options.dryRun()) {
                meta(merged).put("resourceVersion", Long.toString(++resourceVersion));
                objects.put(key, merged);
                afterWrite(id, kind, contentChanged);
                LOG.debug("{} {} by {}", id, contentChanged ? "configured" : "re-owned", options.fieldManager());
            }
            return new ApplyResult(Change.of(id, contentChanged ? Action.CONFIGURED : Action.UNCHANGED),
                    view(options.dryRun() ? merged : objects.get(key), id));
        }
    }

    private static boolean differs(JsonNode applied, JsonNode live, List<String> path) {
        String last = path.get(path.size() - 1);
        if (last.startsWith("k:") || last.startsWith("v:")) {
            return live == null;
        }
        if (applied != null && applied.isObject() && applied.size() > 0
                && !ListSchema.atomicObject(Ssa.names(path), applied)) {
            // a granular map owned as a whole: its fields conflict one by one, the map itself only by presence
            return live == null;
        }
        return !Ssa.same(applied, live);
    }

    private static boolean ownedByOthers(List<Entry> managers, Entry mine, List<String> path) {
        for (Entry e : managers) {
            if (e != mine && e.fields.containsPrefix(path)) {
                return true;
            }
        }
        return false;
    }

    /** The API server's message: one conflict inline, several grouped by manager (sorted), one field a line. */
    private ConflictException conflict(ResourceId id, List<FieldConflict> conflicts, List<Entry> managers) {
        Map<String, String> versions = new HashMap<>();
        for (Entry e : managers) {
            versions.putIfAbsent(e.manager, e.apiVersion);
        }
        StringBuilder sb = new StringBuilder("Apply failed with ").append(conflicts.size())
                .append(conflicts.size() == 1 ? " conflict: " : " conflicts: ");
        if (conflicts.size() == 1) {
            FieldConflict c = conflicts.get(0);
            sb.append("conflict with \"").append(c.manager()).append("\" using ")
                    .append(versions.getOrDefault(c.manager(), id.apiVersion())).append(": ").append(c.field());
        } else {
            TreeMap<String, List<String>> byManager = new TreeMap<>();
            for (FieldConflict c : conflicts) {
                byManager.computeIfAbsent(c.manager(), k -> new ArrayList<>()).add(c.field());
            }
            boolean first = true;
            for (Map.Entry<String, List<String>> e : byManager.entrySet()) {
                if (!first) {
                    sb.append('\n');
                }
                first = false;
                sb.append("conflicts with \"").append(e.getKey()).append("\" using ")
                        .append(versions.getOrDefault(e.getKey(), id.apiVersion())).append(':');
                for (String f : e.getValue()) {
                    sb.append("\n- ").append(f);
                }
            }
        }
        return new ConflictException(id, sb.toString(), conflicts);
    }

    /** The object without the fields the server maintains, for change detection. */
    private static ObjectNode comparable(ObjectNode o) {
        ObjectNode c = o.deepCopy();
        c.remove("apiVersion");
        ObjectNode m = c.withObjectProperty("metadata");
        m.remove("managedFields");
        m.remove("resourceVersion");
        m.remove("generation");
        return c;
    }

    private static boolean specChanged(ObjectNode before, ObjectNode after) {
        ObjectNode a = before.deepCopy();
        ObjectNode b = after.deepCopy();
        for (ObjectNode o : List.of(a, b)) {
            o.remove("metadata");
            o.remove("status");
            o.remove("apiVersion");
        }
        return !Ssa.same(a, b);
    }

    private static ObjectNode meta(ObjectNode o) {
        return o.withObjectProperty("metadata");
    }

    private void stamp(ObjectNode obj, ResourceId id, KindInfo kind, String now) {
        ObjectNode m = obj.withObjectProperty("metadata");
        m.put("name", id.name());
        if (kind.namespaced()) {
            m.put("namespace", id.namespace());
        } else {
            m.remove("namespace");
        }
        m.put("uid", nextUid());
        m.put("resourceVersion", Long.toString(++resourceVersion));
        if (kind.generation()) {
            m.put("generation", 1);
        }
        m.put("creationTimestamp", now);
        if (id.kind().equals("Namespace") && id.group().isEmpty()) {
            obj.withObjectProperty("status").put("phase", "Active");
        }
    }

    private String nextUid() {
        return UUID.nameUUIDFromBytes(("gitops-in-memory-cluster/" + (++uids)).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private String timestamp() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    private KindInfo kindOf(ResourceId id) {
        KindInfo k = kinds.get(id.group() + "/" + id.kind());
        if (k == null || !k.versions().contains(id.version())) {
            throw new ClusterNotFoundException(id, "no matches for kind \"" + id.kind() + "\" in version \""
                    + id.apiVersion() + "\"");
        }
        return k;
    }

    private static ResourceId normalize(ResourceId id, KindInfo kind, ObjectNode config) {
        ResourceId out = id;
        if (kind.namespaced() && id.namespace().isEmpty()) {
            out = id.withNamespace("default");
        } else if (!kind.namespaced() && !id.namespace().isEmpty()) {
            out = id.withNamespace("");
        }
        ObjectNode m = config.withObjectProperty("metadata");
        if (kind.namespaced()) {
            m.put("namespace", out.namespace());
        } else {
            m.remove("namespace");
        }
        return out;
    }

    private void requireNamespace(ResourceId id) {
        ObjectNode ns = objects.get(new Key("", "Namespace", "", id.namespace()));
        if (ns == null) {
            throw new ClusterNotFoundException(id, "namespaces \"" + id.namespace() + "\" not found");
        }
    }

    /** After a write of the main resource: register CRDs and let the simulated controllers update status. */
    private void afterWrite(ResourceId id, KindInfo kind, boolean changed) {
        Key key = Key.of(id);
        ObjectNode obj = objects.get(key);
        if (id.group().equals("apiextensions.k8s.io") && id.kind().equals("CustomResourceDefinition")) {
            registerCrd(id, obj);
            return;
        }
        if (!changed) {
            return;
        }
        Optional<ObjectNode> status = readiness.status(Resource.of(obj), timestamp());
        if (status.isPresent() && !Ssa.same(status.get(), obj.get("status"))) {
            writeStatus(id, kind, ReadinessSimulator.MANAGER, status.get());
        }
    }

    /** What the API server does to an object before validating a write: Secret stringData, kept cluster IPs. */
    private static void prepare(ResourceId id, ObjectNode obj, ObjectNode previous) {
        prepareSecret(id, obj);
        if (previous != null && id.group().isEmpty() && id.kind().equals("Service")) {
            JsonNode was = previous.path("spec").get("clusterIP");
            if (was != null && !was.asText("").isEmpty() && obj.path("spec").path("clusterIP").asText("").isEmpty()) {
                // an update that leaves the allocated cluster IP out keeps it
                obj.withObjectProperty("spec").set("clusterIP", was.deepCopy());
            }
        }
    }

    /** Secret {@code stringData} merged into {@code data} as base64, stringData winning, then dropped. */
    private static void prepareSecret(ResourceId id, ObjectNode obj) {
        if (!id.group().isEmpty() || !id.kind().equals("Secret") || !(obj.get("stringData") instanceof ObjectNode sd)) {
            return;
        }
        ObjectNode data = obj.withObjectProperty("data");
        for (Map.Entry<String, JsonNode> e : sd.properties()) {
            if (e.getValue().isNull()) {
                continue;
            }
            data.put(e.getKey(), java.util.Base64.getEncoder().encodeToString(
                    e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        }
        obj.remove("stringData");
    }

    private void authorize(String user, Authorizer.Verb verb, ResourceId id, KindInfo kind, boolean dryRun) {
        if (!user.isEmpty() && !authorizer.allows(user, verb, id)) {
            String resource = kind.plural();
            throw new dev.gitops.api.error.ForbiddenException(id, 403, "Forbidden", resource
                    + (kind.group().isEmpty() ? "" : "." + kind.group()) + " \"" + id.name() + "\" is forbidden: User \""
                    + user + "\" cannot " + verb.apiName() + " resource \"" + resource + "\" in API group \""
                    + kind.group() + "\"" + (kind.namespaced() ? " in the namespace \"" + id.namespace() + "\"" : " at the "
                    + "cluster scope"), null);
        }
        if (verb == Authorizer.Verb.GET) {
            return;
        }
        audit.addLast(new AuditEntry(verb, id, user, dryRun));
        while (audit.size() > AUDIT_LIMIT) {
            audit.removeFirst();
        }
    }

    /**
     * The last write requests (applies and deletes, at most 10,000, oldest first) with the user each acted as:
     * how tests see that {@code spec.serviceAccountName} was impersonated.
     */
    public List<AuditEntry> auditLog() {
        synchronized (lock) {
            return List.copyOf(audit);
        }
    }

    private void registerCrd(ResourceId id, ObjectNode crd) {
        JsonNode spec = crd.path("spec");
        String group = spec.path("group").asText();
        String kindName = spec.path("names").path("kind").asText();
        List<String> versions = new ArrayList<>();
        boolean status = spec.path("subresources").has("status");
        boolean deduced = false;
        for (JsonNode v : spec.path("versions")) {
            if (v.path("served").asBoolean(true)) {
                versions.add(v.path("name").asText());
            }
            status |= v.path("subresources").has("status");
            JsonNode schema = v.path("schema").path("openAPIV3Schema");
            deduced |= schema.isMissingNode() || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        }
        kinds.put(group + "/" + kindName, new KindInfo(group, versions, kindName,
                spec.path("names").path("plural").asText(), "Namespaced".equals(spec.path("scope").asText()), status,
                true, true, deduced));
        ObjectNode st = crd.objectNode();
        st.withObjectProperty("acceptedNames").setAll((ObjectNode) spec.path("names").deepCopy());
        String now = timestamp();
        st.putArray("conditions").addObject().put("type", "NamesAccepted").put("status", "True")
                .put("lastTransitionTime", now).put("reason", "NoConflicts").put("message", "no conflicts found");
        ((com.fasterxml.jackson.databind.node.ArrayNode) st.get("conditions")).addObject().put("type", "Established")
                .put("status", "True").put("lastTransitionTime", now).put("reason", "InitialNamesAccepted")
                .put("message", "the initial names have been accepted");
        st.putArray("storedVersions").add(versions.isEmpty() ? "" : versions.get(0));
        JsonNode old = crd.path("status");
        if (!Ssa.same(old.path("acceptedNames"), st.get("acceptedNames"))) {
            writeStatus(id, kinds.get("apiextensions.k8s.io/CustomResourceDefinition"), API_SERVER_MANAGER, st);
        }
    }

    private void writeStatus(ResourceId id, KindInfo kind, String manager, ObjectNode status) {
        Key key = Key.of(id);
        ObjectNode live = objects.get(key);
        ObjectNode next = live.deepCopy();
        next.set("status", status.deepCopy());
        commitUpdate(id, kind, live, next, manager, "status");
    }

    /** Records an update (non-apply) write: the manager takes the changed fields from everyone else. */
    private ObjectNode commitUpdate(ResourceId id, KindInfo kind, ObjectNode live, ObjectNode next, String manager,
            String subresource) {
        FieldSet changed = new FieldSet();
        FieldSet removed = new FieldSet();
        Ssa.diff(strip(live), strip(next), List.of(), List.of(), changed, removed, kind.deduced());
        List<Entry> managers = ManagedFields.read(live);
        for (Entry e : managers) {
            for (List<String> p : changed.paths()) {
                e.fields.remove(p);
            }
            for (List<String> p : removed.paths()) {
                e.fields.removeTree(p);
            }
        }
        Entry mine = null;
        for (Entry e : managers) {
            if (e.is(manager, Operation.Update, subresource)) {
                mine = e;
            }
        }
        String now = timestamp();
        if (mine == null && !changed.isEmpty()) {
            mine = new Entry(manager, Operation.Update, subresource, id.apiVersion(), now, new FieldSet());
            managers.add(mine);
        }
        if (mine != null && !changed.isEmpty()) {
            for (List<String> p : changed.paths()) {
                mine.fields.add(p);
            }
            mine.time = now;
        }
        if (kind.generation() && specChanged(live, next)) {
            meta(next).put("generation", meta(live).path("generation").asInt(1) + 1);
        }
        managers.removeIf(e -> e.fields.isEmpty());
        ManagedFields.write(next, managers);
        meta(next).put("resourceVersion", Long.toString(++resourceVersion));
        objects.put(Key.of(id), next);
        return next;
    }

    private static ObjectNode strip(ObjectNode o) {
        ObjectNode c = o.deepCopy();
        c.remove("apiVersion");
        c.remove("kind");
        ObjectNode m = c.withObjectProperty("metadata");
        for (String f : SERVER_METADATA) {
            m.remove(f);
        }
        m.remove("name");
        m.remove("namespace");
        if (m.isEmpty()) {
            c.remove("metadata");
        }
        return c;
    }

    // ---------------------------------------------------------------------------------------- read and delete

    @Override
    public Optional<Resource> get(ResourceId id) {
        synchronized (lock) {
            KindInfo k = kinds.get(id.group() + "/" + id.kind());
            if (k == null) {
                return Optional.empty();
            }
            ResourceId n = scoped(id, k);
            ObjectNode o = objects.get(Key.of(n));
            return o == null ? Optional.empty() : Optional.of(view(o, id));
        }
    }

    @Override
    public List<Resource> list(String apiVersion, String kind, ListOptions options) {
        synchronized (lock) {
            ResourceId probe = ResourceId.of(apiVersion, kind, options.namespace(), "");
            KindInfo k = kindOf(probe);
            List<Resource> out = new ArrayList<>();
            for (Map.Entry<Key, ObjectNode> e : objects.entrySet()) {
                Key key = e.getKey();
                if (!key.group().equals(k.group()) || !key.kind().equals(k.kind())) {
                    continue;
                }
                if (k.namespaced() && !options.namespace().isEmpty() && !key.namespace().equals(options.namespace())) {
                    continue;
                }
                Resource r = view(e.getValue(), probe);
                if (options.selector().matches(r.labels())) {
                    out.add(r);
                }
            }
            return List.copyOf(out);
        }
    }

    @Override
    public Change delete(ResourceId id, DeleteOptions options) {
        synchronized (lock) {
            KindInfo k = kinds.get(id.group() + "/" + id.kind());
            if (k == null) {
                return new Change(id, Action.SKIPPED, "not found");
            }
            ResourceId n = scoped(id, k);
            authorize(options.impersonate(), Authorizer.Verb.GET, n, k, options.dryRun());
            Key key = Key.of(n);
            ObjectNode live = objects.get(key);
            if (live == null) {
                return new Change(n, Action.SKIPPED, "not found");
            }
            Optional<String> skip = options.skipReason(Resource.of(live));
            if (skip.isPresent()) {
                return new Change(n, Action.SKIPPED, skip.get());
            }
            authorize(options.impersonate(), Authorizer.Verb.DELETE, n, k, options.dryRun());
            if (options.dryRun()) {
                return Change.of(n, Action.DELETED);
            }
            JsonNode finalizers = live.path("metadata").path("finalizers");
            if (finalizers.isArray() && !finalizers.isEmpty()) {
                if (!live.path("metadata").has("deletionTimestamp")) {
                    ObjectNode next = live.deepCopy();
                    meta(next).put("deletionTimestamp", timestamp());
                    meta(next).put("deletionGracePeriodSeconds", 0);
                    meta(next).put("resourceVersion", Long.toString(++resourceVersion));
                    objects.put(key, next);
                }
                return Change.of(n, Action.DELETED);
            }
            objects.remove(key);
            cascade(n);
            LOG.debug("{} deleted", n);
            return Change.of(n, Action.DELETED);
        }
    }

    /** What the namespace controller and the CRD finalizer do once their object is gone. */
    private void cascade(ResourceId deleted) {
        if (deleted.group().isEmpty() && deleted.kind().equals("Namespace")) {
            objects.keySet().removeIf(k -> k.namespace().equals(deleted.name()));
        } else if (deleted.group().equals("apiextensions.k8s.io")
                && deleted.kind().equals("CustomResourceDefinition")) {
            for (Iterator<Map.Entry<String, KindInfo>> it = kinds.entrySet().iterator(); it.hasNext(); ) {
                KindInfo k = it.next().getValue();
                if (k.custom() && deleted.name().equals(k.plural() + "." + k.group())) {
                    it.remove();
                    objects.keySet().removeIf(key -> key.group().equals(k.group()) && key.kind().equals(k.kind()));
                }
            }
        }
    }

    private static ResourceId scoped(ResourceId id, KindInfo k) {
        if (k.namespaced() && id.namespace().isEmpty()) {
            return id.withNamespace("default");
        }
        if (!k.namespaced() && !id.namespace().isEmpty()) {
            return id.withNamespace("");
        }
        return id;
    }

    private static Resource view(ObjectNode stored, ResourceId requested) {
        ObjectNode c = stored.deepCopy();
        c.put("apiVersion", requested.apiVersion());
        return Resource.of(c);
    }

    // -------------------------------------------------------------------------------------- test-facing writes

    /**
     * Creates an object as {@code manager} with an ordinary (non-apply) create, as {@code kubectl create} does: the
     * manager owns every field under operation {@code Update}.
     *
     * @throws ConflictException when the object already exists
     */
    public Resource create(Resource resource, String manager) {
        Objects.requireNonNull(manager, "manager");
        synchronized (lock) {
            KindInfo kind = kindOf(resource.id());
            ObjectNode obj = resource.content();
            ResourceId id = normalize(resource.id(), kind, obj);
            if (kind.namespaced()) {
                requireNamespace(id);
            }
            if (objects.containsKey(Key.of(id))) {
                throw new ConflictException(id, kind.plural() + " \"" + id.name() + "\" already exists", List.of());
            }
            ObjectNode meta = obj.withObjectProperty("metadata");
            for (String f : SERVER_METADATA) {
                meta.remove(f);
            }
            String now = timestamp();
            FieldSet fields = Ssa.fieldsOf(obj, !kind.statusSubresource(), kind.deduced());
            if (kind.statusSubresource()) {
                obj.remove("status");
            }
            stamp(obj, id, kind, now);
            ManagedFields.write(obj, List.of(new Entry(manager, Operation.Update, "", id.apiVersion(), now, fields)));
            prepare(id, obj, null);
            Validation.validate(id, obj, null);
            objects.put(Key.of(id), obj);
            afterWrite(id, kind, true);
            return view(objects.get(Key.of(id)), id);
        }
    }

    /**
     * Changes a live object as {@code manager} with an ordinary update (a {@code kubectl edit}, an HPA scaling a
     * Deployment): the edit receives a copy of the live object and returns the new one; the manager takes ownership
     * of every field it changed, other managers lose them. Server-maintained metadata and (for kinds with a status
     * subresource) status are kept as they were.
     *
     * @throws ClusterNotFoundException when the object does not exist
     */
    public Resource update(ResourceId id, String manager, UnaryOperator<ObjectNode> edit) {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(edit, "edit");
        synchronized (lock) {
            KindInfo kind = kindOf(id);
            ResourceId n = scoped(id, kind);
            ObjectNode live = objects.get(Key.of(n));
            if (live == null) {
                throw new ClusterNotFoundException(n, kind.plural() + " \"" + n.name() + "\" not found");
            }
            ObjectNode next = Objects.requireNonNull(edit.apply(live.deepCopy()), "edit returned null");
            ObjectNode nm = next.withObjectProperty("metadata");
            ObjectNode lm = live.withObjectProperty("metadata");
            for (String f : List.of("uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
                    "name", "namespace", "deletionTimestamp")) {
                if (lm.has(f)) {
                    nm.set(f, lm.get(f).deepCopy());
                } else {
                    nm.remove(f);
                }
            }
            next.put("apiVersion", live.path("apiVersion").asText());
            next.put("kind", n.kind());
            if (kind.statusSubresource()) {
                if (live.has("status")) {
                    next.set("status", live.get("status").deepCopy());
                } else {
                    next.remove("status");
                }
            }
            prepare(n, next, live);
            Validation.validate(n, next, live);
            if (Ssa.same(strip(live), strip(next))) {
                return view(live, id);
            }
            commitUpdate(n, kind, live, next, manager, "");
            afterWrite(n, kind, true);
            return view(objects.get(Key.of(n)), id);
        }
    }

    /**
     * Replaces an object's status as {@code manager} through the status subresource (what a controller does).
     *
     * @throws ClusterNotFoundException when the object does not exist
     */
    public Resource updateStatus(ResourceId id, String manager, ObjectNode status) {
        Objects.requireNonNull(status, "status");
        synchronized (lock) {
            KindInfo kind = kindOf(id);
            ResourceId n = scoped(id, kind);
            ObjectNode live = objects.get(Key.of(n));
            if (live == null) {
                throw new ClusterNotFoundException(n, kind.plural() + " \"" + n.name() + "\" not found");
            }
            writeStatus(n, kind, manager, status);
            return view(objects.get(Key.of(n)), id);
        }
    }

    /** True when the cluster serves the kind in that API version and it is namespaced. */
    public boolean isNamespaced(String apiVersion, String kind) {
        synchronized (lock) {
            return kindOf(ResourceId.of(apiVersion, kind, "", "")).namespaced();
        }
    }

    /** Every stored object (in group, kind, namespace, name order). */
    public List<Resource> objects() {
        synchronized (lock) {
            List<Resource> out = new ArrayList<>(objects.size());
            for (ObjectNode o : objects.values()) {
                out.add(Resource.of(o));
            }
            return List.copyOf(out);
        }
    }

    /** The kinds the cluster serves, as {@code group/Kind} (core kinds as {@code /Kind}), sorted. */
    public Set<String> servedKinds() {
        synchronized (lock) {
            return new LinkedHashSet<>(new java.util.TreeSet<>(kinds.keySet()));
        }
    }
}
