package dev.gitops.api.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.diff.DriftDetector;
import dev.gitops.api.diff.DriftReport;
import dev.gitops.api.diff.FieldChange;
import dev.gitops.api.engine.Condition;
import dev.gitops.api.engine.Drift;
import dev.gitops.api.engine.Health;
import dev.gitops.api.engine.ObjectStatus;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.flux.FluxObject;
import dev.gitops.api.flux.HelmRelease;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.source.Artifact;
import dev.gitops.api.yaml.Yaml;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/** The reconciler's bookkeeping and helpers. Not thread-safe; the reconciler serialises access. */
public final class Units {

    /** Kinds whose health comes from the engine's own status. */
    public static final Set<String> FLUX_KINDS = Set.of("Kustomization", "HelmRelease", "GitRepository",
            "HelmRepository", "OCIRepository", "Bucket", "HelmChart");

    /** Kinds the engine reconciles or serves. */
    public static final Set<String> TRACKED_KINDS = Set.of("Kustomization", "HelmRelease", "GitRepository",
            "HelmRepository", "OCIRepository");

    private Units() {
    }

    /** One Flux object the engine knows, with its status. */
    public static final class Entry {
        /** Kind. */
        public final String kind;
        /** Identity (namespace defaulted). */
        public final ResourceId id;
        /** The object; null only for the root source. */
        public FluxObject object;
        /** The Kustomization that applied it, null for the root. */
        public final ResourceId owner;
        /** Conditions. */
        public List<Condition> conditions = new ArrayList<>();
        /** Last applied revision. */
        public String lastApplied = "";
        /** Last attempted revision. */
        public String lastAttempted = "";
        /** Inventory. */
        public List<ResourceId> inventory = List.of();
        /** What was last applied. */
        public List<Resource> lastDesired = List.of();
        /** Consecutive failures. */
        public int failures;
        /** Last attempt. */
        public Instant lastReconciled = Instant.EPOCH;
        /** Next due time. */
        public Instant nextRun = Instant.EPOCH;
        /** The spec changed since the last attempt. */
        public boolean specChanged;
        /** The last artifact (sources). */
        public Artifact artifact;
        /** Helm release revision. */
        public long helmRevision;
        /** HelmReleases: the release records, newest first. */
        public List<dev.gitops.api.engine.HelmReleaseSnapshot> history = List.of();

        /** A new entry. */
        public Entry(String kind, ResourceId id, FluxObject object, ResourceId owner) {
            this.kind = kind;
            this.id = id;
            this.object = object;
            this.owner = owner;
        }

        /** {@code Kind/namespace/name}. */
        public String key() {
            return kind + "/" + id.namespace() + "/" + id.name();
        }

        /** True when Ready is True. */
        public boolean ready() {
            return readyStatus().equals("True");
        }

        /** The Ready status. */
        public String readyStatus() {
            return conditions.stream().filter(c -> c.type().equals(Condition.READY)).map(Condition::status)
                    .findFirst().orElse("Unknown");
        }

        /** The Ready message. */
        public String message() {
            return conditions.stream().filter(c -> c.type().equals(Condition.READY)).map(Condition::message)
                    .findFirst().orElse("");
        }

        /** The Ready reason. */
        public String reason() {
            return conditions.stream().filter(c -> c.type().equals(Condition.READY)).map(Condition::reason)
                    .findFirst().orElse("");
        }

        /** Replaces or adds a condition, keeping the transition time when the status did not change. */
        public void putCondition(Condition c) {
            for (int i = 0; i < conditions.size(); i++) {
                Condition old = conditions.get(i);
                if (old.type().equals(c.type())) {
                    Instant t = old.status().equals(c.status()) ? old.lastTransitionTime() : c.lastTransitionTime();
                    conditions.set(i, new Condition(c.type(), c.status(), c.reason(), c.message(), t));
                    return;
                }
            }
            conditions.add(c);
        }

        /**
         * Sets Ready and, as they apply, Reconciling (retrying) and Stalled (terminal); Healthy is dropped. True when
         * the Ready status, reason or message changed.
         */
        public boolean setConditions(Instant now, String ready, String reason, String message, boolean reconciling,
                boolean stalled) {
            Optional<Condition> old = conditions.stream().filter(c -> c.type().equals(Condition.READY)).findFirst();
            boolean changed = old.isEmpty() || !old.get().status().equals(ready) || !old.get().reason().equals(reason)
                    || !old.get().message().equals(message);
            conditions.removeIf(c -> c.type().equals(Condition.RECONCILING) || c.type().equals(Condition.STALLED)
                    || c.type().equals(Condition.HEALTHY));
            putCondition(new Condition(Condition.READY, ready, reason, message, now));
            if (reconciling) {
                conditions.add(new Condition(Condition.RECONCILING, "True", "ProgressingWithRetry", message, now));
            }
            if (stalled) {
                conditions.add(new Condition(Condition.STALLED, "True", reason, message, now));
            }
            return changed;
        }

        /** Sets Reconciling True with reason ProgressingWithRetry (a retry is due); Stalled goes, as Flux does. */
        public void setReconciling(Instant now, String message) {
            conditions.removeIf(c -> c.type().equals(Condition.RECONCILING) || c.type().equals(Condition.STALLED));
            conditions.add(new Condition(Condition.RECONCILING, "True", "ProgressingWithRetry", message, now));
        }

        /** The public status. */
        public ObjectStatus status(boolean suspended) {
            return new ObjectStatus(id, conditions, lastApplied, lastAttempted, inventory, suspended, lastReconciled,
                    failures, history);
        }
    }

    /** {@code Kind/namespace/name} as Flux prints it. */
    public static String describe(ResourceId id) {
        return id.kind() + "/" + (id.namespace().isEmpty() ? "" : id.namespace() + "/") + id.name();
    }

    /** kstatus's spelling of a status. */
    public static String kstatusName(Health.Status s) {
        return switch (s) {
            case CURRENT -> "Current";
            case IN_PROGRESS -> "InProgress";
            case FAILED -> "Failed";
            case TERMINATING -> "Terminating";
            case NOT_FOUND -> "NotFound";
        };
    }

    private static final Set<String> IGNORED_META = Set.of("managedFields", "resourceVersion", "generation", "uid",
            "creationTimestamp");

    /** The fields where {@code live} and {@code desired} differ (status and server metadata ignored). */
    public static List<Drift.Field> diff(ObjectNode live, ObjectNode desired, boolean secret) {
        List<Drift.Field> out = new ArrayList<>();
        ObjectNode l = live == null ? JsonNodeFactory.instance.objectNode() : strip(live);
        ObjectNode d = strip(desired);
        walk("", l, d, secret, out);
        return out;
    }

    /**
     * The drift of one object with the three-way detector: {@code desired} (what the controller applied), the live
     * object, and what {@code manager} owns in it as the last-applied configuration; a missing object is reported
     * with every field of the (masked) desired object.
     */
    public static List<Drift.Field> driftFields(DriftDetector detector, Resource desired, Optional<Resource> live,
            String manager) {
        if (live.isEmpty()) {
            DriftReport m = detector.missing(desired.content());
            return diff(null, ((DriftReport.Missing) m).desired(), false);
        }
        ObjectNode l = live.get().content();
        DriftReport r = detector.diff(withLiveNamespace(desired, live.get()), DriftDetector.lastAppliedBy(l, manager),
                l);
        if (!(r instanceof DriftReport.Drifted d)) {
            return List.of();
        }
        List<Drift.Field> out = new ArrayList<>();
        for (FieldChange c : d.changes()) {
            out.add(new Drift.Field(c.pointer().isEmpty() ? "/" : c.pointer(), show(c.beforeValue().orElse(null),
                    false), show(c.afterValue().orElse(null), false)));
        }
        return out;
    }

    /** The desired object with the namespace the cluster gave it, when it has none (namespaced kinds default). */
    public static ObjectNode withLiveNamespace(Resource desired, Resource live) {
        ObjectNode c = desired.content();
        if (desired.namespace().isEmpty() && !live.namespace().isEmpty()) {
            c.withObjectProperty("metadata").put("namespace", live.namespace());
        }
        return c;
    }

    private static ObjectNode strip(ObjectNode o) {
        ObjectNode c = o.deepCopy();
        c.remove("status");
        JsonNode meta = c.get("metadata");
        if (meta instanceof ObjectNode m) {
            IGNORED_META.forEach(m::remove);
        }
        return c;
    }

    private static void walk(String ptr, JsonNode l, JsonNode d, boolean secret, List<Drift.Field> out) {
        if (l != null && d != null && l.isObject() && d.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            l.fieldNames().forEachRemaining(keys::add);
            d.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                walk(ptr + "/" + k.replace("~", "~0").replace("/", "~1"), l.get(k), d.get(k), secret, out);
            }
            return;
        }
        if (l != null && l.equals(d)) {
            return;
        }
        boolean sensitive = secret && (ptr.startsWith("/data") || ptr.startsWith("/stringData"));
        out.add(new Drift.Field(ptr.isEmpty() ? "/" : ptr, show(l, sensitive), show(d, sensitive)));
    }

    private static String show(JsonNode n, boolean sensitive) {
        if (n == null) {
            return "<absent>";
        }
        if (sensitive) {
            return "*** (sensitive)";
        }
        String y = Yaml.defaults().write(n).strip();
        return y;
    }

    /**
     * helm-controller's values: each {@code valuesFrom} in order (merged, or set at {@code targetPath}), then the
     * inline values merged on top.
     */
    public static ObjectNode mergeValues(HelmRelease.Spec spec,
            BiFunction<String, String, Optional<Resource>> lookup) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (HelmRelease.ValuesReference ref : spec.valuesFrom()) {
            Optional<Resource> r = lookup.apply(ref.kind(), ref.name());
            if (r.isEmpty()) {
                if (ref.optional()) {
                    continue;
                }
                throw new NotFoundException("could not find " + ref.kind() + " '" + ref.name() + "'");
            }
            JsonNode data = r.get().content().path("data").path(ref.valuesKey());
            if (data.isMissingNode()) {
                data = r.get().content().path("stringData").path(ref.valuesKey());
                if (data.isMissingNode()) {
                    if (ref.optional()) {
                        continue;
                    }
                    throw new NotFoundException("missing key '" + ref.valuesKey() + "' in " + ref.kind() + " '"
                            + ref.name() + "'");
                }
            } else if (ref.kind().equals("Secret")) {
                data = JsonNodeFactory.instance.textNode(new String(Base64.getDecoder().decode(data.asText()),
                        StandardCharsets.UTF_8));
            }
            String text = data.asText();
            if (!ref.targetPath().isEmpty()) {
                setPath(out, ref.targetPath(), text);
                continue;
            }
            JsonNode parsed = Yaml.defaults().readOne(text, ref.kind() + "/" + ref.name() + "/" + ref.valuesKey())
                    .content();
            if (parsed.isObject()) {
                merge(out, (ObjectNode) parsed);
            } else if (!parsed.isNull() && !parsed.isMissingNode()) {
                throw new InvalidInputException("unable to read values from key '" + ref.valuesKey() + "' in "
                        + ref.kind() + " '" + ref.name() + "': not a mapping");
            }
        }
        merge(out, spec.values());
        return out;
    }

    /** Deep merge: mappings merge, anything else replaces. */
    public static void merge(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode cur = into.get(e.getKey());
            if (cur instanceof ObjectNode co && e.getValue() instanceof ObjectNode fo) {
                merge(co, fo);
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    private static void setPath(ObjectNode into, String path, String value) {
        String[] parts = path.split("\\.");
        ObjectNode cur = into;
        for (int i = 0; i < parts.length - 1; i++) {
            cur = cur.with(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (value.equals("true") || value.equals("false")) {
            cur.put(last, Boolean.parseBoolean(value));
        } else if (value.matches("-?[0-9]+") && value.length() < 18) {
            cur.put(last, Long.parseLong(value));
        } else if (value.equals("null")) {
            cur.putNull(last);
        } else {
            cur.put(last, value);
        }
    }
}
