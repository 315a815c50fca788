package dev.gitops.api.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gitops.api.diff.internal.Changes;
import dev.gitops.api.diff.internal.FieldPath;
import dev.gitops.api.diff.internal.SecretMask;
import dev.gitops.api.diff.internal.Semantics;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.patch.JsonMergePatch;
import dev.gitops.api.patch.KubernetesPatchSchemas;
import dev.gitops.api.patch.PatchException;
import dev.gitops.api.patch.PatchField;
import dev.gitops.api.patch.PatchSchema;
import dev.gitops.api.patch.PatchSchemaRegistry;
import dev.gitops.api.patch.ThreeWayPatch;
import dev.gitops.api.patch.internal.Json;
import dev.gitops.api.patch.internal.SmpEngine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares desired objects (from Git) with live ones (from the cluster), using the last-applied configuration, the
 * way {@code kubectl diff} / {@code kubectl apply} do: a field only the live object has is drift only if we set it
 * before (it is in the last-applied configuration) and no longer want it.
 *
 * <p>Before comparing, server-populated noise is removed ({@code status}, {@code metadata.managedFields},
 * {@code resourceVersion}, {@code uid}, {@code generation}, {@code creationTimestamp}, {@code selfLink}, the
 * last-applied annotation), a Secret's {@code stringData} is folded into {@code data}, values equal by meaning are
 * treated as equal (quantities {@code 500m} = {@code 0.5}, {@code 1Gi} = {@code 1024Mi}; int-or-string ports;
 * {@code 1} = {@code 1.0}), and fields the API server fills in inside atomic lists (defaults such as
 * {@code protocol: TCP}) are not drift. Then the ignore rules remove fields from all three documents, so ignored
 * fields are neither reported nor patched.
 *
 * <p>The patch to converge is the three-way strategic merge patch for kinds with a patch schema (the built-in
 * Kubernetes kinds by default) and the three-way JSON merge patch otherwise. Secret values are masked in every
 * displayed object and change (keyed hashes by default, or Flux's {@code *** (before)} / {@code *** (after)} /
 * {@code ***} with {@link Builder#fluxSecretMasks(boolean)}); the patch carries real values and is never printed
 * for Secrets by {@link DriftOutput}. For objects managed by server-side apply, {@link #lastAppliedBy} reads the
 * last-applied configuration of a field manager from the live object's managed fields.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * DriftDetector detector = DriftDetector.builder()
 *         .ignore(IgnoreRule.fieldManager("kube-controller-manager"))
 *         .ignore(IgnoreRule.pointer("/spec/replicas").forObjects(ResourceSelector.kind("apps", "Deployment")))
 *         .build();
 * DriftReport report = detector.diff(desired, live);
 * }</pre>
 */
public final class DriftDetector {

    private final PatchSchemaRegistry schemas;
    private final List<IgnoreRule> ignoreRules;
    private final List<Normalizer> normalizers;
    private final SecretMask masker;
    private final boolean useLastAppliedAnnotation;
    private final boolean fluxMasks;

    private DriftDetector(Builder b) {
        this.schemas = b.schemas;
        this.ignoreRules = List.copyOf(b.ignoreRules);
        this.normalizers = List.copyOf(b.normalizers);
        this.masker = new SecretMask(b.maskKey);
        this.useLastAppliedAnnotation = b.useLastAppliedAnnotation;
        this.fluxMasks = b.fluxMasks;
    }

    /** A builder with the built-in Kubernetes schemas, no ignore rules and no extra normalizers. */
    public static Builder builder() {
        return new Builder();
    }

    /** A detector with the defaults. */
    public static DriftDetector defaults() {
        return builder().build();
    }

    // ------------------------------------------------------------------------------------------------ one object

    /**
     * Compares one desired object with its live counterpart; the last-applied configuration is read from the live
     * object's {@code kubectl.kubernetes.io/last-applied-configuration} annotation when present (and enabled).
     */
    public DriftReport diff(JsonNode desired, JsonNode live) {
        return diffInternal(desired, null, live);
    }

    /** Compares one desired object with its live counterpart, given the last-applied configuration. */
    public DriftReport diff(JsonNode desired, JsonNode lastApplied, JsonNode live) {
        Objects.requireNonNull(lastApplied, "lastApplied");
        return diffInternal(desired, lastApplied, live);
    }

    /** {@link #diff(JsonNode, JsonNode)} for resources. */
    public DriftReport diff(Resource desired, Resource live) {
        return diffInternal(desired.content(), null, live.content());
    }

    /** {@link #diff(JsonNode, JsonNode, JsonNode)} for resources. */
    public DriftReport diff(Resource desired, Resource lastApplied, Resource live) {
        return diffInternal(desired.content(), lastApplied.content(), live.content());
    }

    /**
     * What {@code manager} last applied to a live object by server-side apply, read from its
     * {@code metadata.managedFields}: the live object restricted to the fields that manager owns through
     * {@code Apply} operations (with apiVersion, kind, name and namespace). Pass it as the last-applied
     * configuration of {@link #diff(JsonNode, JsonNode, JsonNode)} to compare the way a server-side apply by that
     * manager would change the object: fields it applied before and no longer applies are removed, fields other
     * managers own are not drift.
     */
    public static ObjectNode lastAppliedBy(JsonNode live, String manager) {
        Objects.requireNonNull(manager, "manager");
        return dev.gitops.api.diff.internal.Owned.project(object(live, "live"), manager);
    }

    /** The report for a desired object that does not exist in the cluster. */
    public DriftReport missing(JsonNode desired) {
        ObjectNode d = object(desired, "desired");
        ResourceId id = idOf(d);
        ObjectNode display = d.deepCopy();
        Semantics.stripServerFields(display);
        mask(id, display);
        return new DriftReport.Missing(id, display);
    }

    /** The report for a live object we own that is no longer desired. */
    public DriftReport extra(JsonNode live) {
        ObjectNode l = object(live, "live");
        ResourceId id = idOf(l);
        ObjectNode display = l.deepCopy();
        Semantics.stripServerFields(display);
        mask(id, display);
        return new DriftReport.Extra(id, display);
    }

    // ------------------------------------------------------------------------------------------------ many objects

    /**
     * Compares sets of objects matched by identity (group, kind, namespace, name; the version is ignored; a desired
     * object without a namespace matches a live one of the same name in any namespace when that is unambiguous).
     * Desired objects come first in their order, then extras in identity order.
     *
     * @param desired the desired objects
     * @param live the live objects
     * @param lastApplied last-applied configurations by object (others fall back to the annotation)
     * @param inventory the objects we own: live objects in it that are not desired are {@link DriftReport.Extra};
     *     live objects outside it are never reported
     */
    public List<DriftReport> compare(Collection<? extends JsonNode> desired, Collection<? extends JsonNode> live,
            Map<ResourceId, ? extends JsonNode> lastApplied, Set<ResourceId> inventory) {
        Map<String, ObjectNode> liveByKey = new LinkedHashMap<>();
        for (JsonNode l : live) {
            ObjectNode o = object(l, "live");
            liveByKey.put(key(idOf(o)), o);
        }
        Map<String, JsonNode> lastByKey = new TreeMap<>();
        lastApplied.forEach((id, n) -> lastByKey.put(key(id), n));
        List<DriftReport> out = new ArrayList<>();
        for (JsonNode d : desired) {
            ObjectNode o = object(d, "desired");
            ResourceId id = idOf(o);
            String k = key(id);
            ObjectNode l = liveByKey.remove(k);
            if (l == null && id.namespace().isEmpty()) {
                String match = null;
                for (String lk : liveByKey.keySet()) {
                    if (sameIgnoringNamespace(lk, k)) {
                        match = match == null ? lk : "";
                    }
                }
                if (match != null && !match.isEmpty()) {
                    l = liveByKey.remove(match);
                }
            }
            if (l == null) {
                out.add(missing(o));
            } else {
                JsonNode la = lastByKey.get(k);
                out.add(la == null ? diff(o, l) : diff(o, la, l));
            }
        }
        Map<String, ResourceId> inventoryKeys = new TreeMap<>();
        inventory.forEach(id -> inventoryKeys.put(key(id), id));
        List<ObjectNode> extras = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : liveByKey.entrySet()) {
            if (inventoryKeys.containsKey(e.getKey())) {
                extras.add(e.getValue());
            }
        }
        extras.stream().map(this::extra).sorted((a, b) -> a.id().compareTo(b.id())).forEach(out::add);
        return out;
    }

    /** {@link #compare(Collection, Collection, Map, Set)} for resources, without explicit last-applied documents. */
    public List<DriftReport> compare(Iterable<Resource> desired, Iterable<Resource> live, Set<ResourceId> inventory) {
        List<ObjectNode> d = new ArrayList<>();
        desired.forEach(r -> d.add(r.content()));
        List<ObjectNode> l = new ArrayList<>();
        live.forEach(r -> l.add(r.content()));
        return compare(d, l, Map.of(), inventory);
    }

    private static String key(ResourceId id) {
        return id.group() + "|" + id.kind() + "|" + id.namespace() + "|" + id.name();
    }

    private static boolean sameIgnoringNamespace(String a, String b) {
        String[] x = a.split("\\|", -1);
        String[] y = b.split("\\|", -1);
        return x[0].equals(y[0]) && x[1].equals(y[1]) && x[3].equals(y[3]);
    }

    // ------------------------------------------------------------------------------------------------ the diff

    private DriftReport diffInternal(JsonNode desiredIn, JsonNode lastAppliedIn, JsonNode liveIn) {
        ObjectNode desired = object(desiredIn, "desired");
        ObjectNode live = object(liveIn, "live");
        ResourceId id = idOf(desired);
        Optional<PatchSchema> schema = schemas.forKind(id.apiVersion(), id.kind());
        PatchSchema s = schema.orElse(PatchSchema.empty());

        ObjectNode la;
        if (lastAppliedIn != null) {
            la = object(lastAppliedIn, "lastApplied").deepCopy();
        } else if (useLastAppliedAnnotation) {
            la = Semantics.lastAppliedAnnotation(live).orElseGet(Json::object);
        } else {
            la = Json.object();
        }
        List<FieldPath> ignored = ignoredPaths(id, live);
        Semantics.stripServerFields(la);

        // desired and live are not copied: noise removal, ignore rules and equalisation copy only the nodes they
        // change and share the rest; whatever modifies nodes in place (normalizers, Secret folding, the patch
        // engine) gets deep copies
        boolean secret = Semantics.isSecret(live) || Semantics.isSecret(desired);
        ObjectNode d;
        ObjectNode l;
        if (secret || !normalizers.isEmpty()) {
            d = desired.deepCopy();
            l = live.deepCopy();
            Semantics.stripServerFields(d);
            Semantics.stripServerFields(l);
            Semantics.foldStringData(d);
            Semantics.foldStringData(l);
        } else {
            d = Semantics.withoutServerFields(desired);
            l = Semantics.withoutServerFields(live);
        }
        Semantics.foldStringData(la);
        for (Normalizer n : normalizers) {
            d = Objects.requireNonNull(n.normalize(id, Normalizer.Side.DESIRED, d), "normalizer result");
            la = Objects.requireNonNull(n.normalize(id, Normalizer.Side.LAST_APPLIED, la), "normalizer result");
            l = Objects.requireNonNull(n.normalize(id, Normalizer.Side.LIVE, l), "normalizer result");
        }
        for (FieldPath p : ignored) {
            d = (ObjectNode) p.removedFrom(d);
            l = (ObjectNode) p.removedFrom(l);
            la = (ObjectNode) p.removedFrom(la);
        }
        PatchField root = PatchField.of("", s);
        d = (ObjectNode) Semantics.equalize(d, l, la, "", root, "", false);

        if (Semantics.covers(d, l, root) && Semantics.deletesNothing(la, d, root)) {
            return new DriftReport.InSync(id);
        }
        // the patch engine modifies the documents it merges: from here on, private copies
        d = d.deepCopy();
        l = l.deepCopy();
        ObjectNode patch;
        ObjectNode merged;
        PatchType type;
        try {
            if (schema.isPresent()) {
                type = PatchType.STRATEGIC_MERGE;
                SmpEngine engine = new SmpEngine();
                ObjectNode p = engine.threeWay(la, d, l, s);
                if (p.isEmpty()) {
                    return new DriftReport.InSync(id);
                }
                patch = p.deepCopy();
                merged = engine.mergeMap(l.deepCopy(), p, s, new SmpEngine.MergeOptions(true, true));
            } else {
                type = PatchType.JSON_MERGE;
                ThreeWayPatch tw = JsonMergePatch.createThreeWay(la, d, l);
                if (tw instanceof ThreeWayPatch.Created c) {
                    patch = c.patch();
                    merged = (ObjectNode) JsonMergePatch.apply(l, patch);
                } else {
                    ThreeWayPatch.Conflict c = (ThreeWayPatch.Conflict) tw;
                    JsonNode m = JsonMergePatch.apply(JsonMergePatch.apply(l, c.liveChanges()), c.patch());
                    merged = (ObjectNode) m;
                    patch = (ObjectNode) JsonMergePatch.createTwoWay(l, merged);
                }
                if (patch.isEmpty()) {
                    return new DriftReport.InSync(id);
                }
            }
        } catch (PatchException e) {
            throw new InvalidInputException(id, "cannot compute the drift: " + e.getMessage());
        }
        Semantics.restoreUnowned(merged, l, la, root);
        if (Json.equal(merged, l)) {
            return new DriftReport.InSync(id);
        }
        List<FieldChange> changes = Changes.between(l, merged, root);
        if (secret && fluxMasks) {
            changes = fluxMaskChanges(changes);
            SecretMask.fluxMaskPair(l, merged);
        } else if (secret) {
            changes = maskChanges(id, changes);
            mask(id, l);
            mask(id, merged);
        }
        return new DriftReport.Drifted(id, changes, type, patch, l, merged);
    }

    private List<FieldPath> ignoredPaths(ResourceId id, JsonNode live) {
        List<FieldPath> out = new ArrayList<>();
        for (IgnoreRule r : ignoreRules) {
            if (!r.appliesTo(id)) {
                continue;
            }
            if (r instanceof IgnoreRule.Pointer p) {
                out.add(FieldPath.ofPointer(p.pointer()));
            } else if (r instanceof IgnoreRule.FieldManager fm) {
                for (JsonNode entry : live.path("metadata").path("managedFields")) {
                    if (fm.manager().equals(entry.path("manager").asText())) {
                        out.addAll(FieldPath.fromFieldsV1(entry.path("fieldsV1")));
                    }
                }
            }
        }
        return out;
    }

    private void mask(ResourceId id, ObjectNode o) {
        if (Semantics.isSecret(o)) {
            if (fluxMasks) {
                SecretMask.fluxMaskPair(o, null);
            } else {
                masker.maskSecret(id.toString(), o);
            }
        }
    }

    /** Flux's masks on changes: {@code *** (before)}/{@code *** (after)} for a changed value, {@code ***} else. */
    private static List<FieldChange> fluxMaskChanges(List<FieldChange> changes) {
        List<FieldChange> out = new ArrayList<>(changes.size());
        for (FieldChange c : changes) {
            String p = c.pointer();
            boolean whole = p.equals("/data") || p.equals("/stringData") || p.isEmpty();
            boolean value = p.startsWith("/data/") || p.startsWith("/stringData/");
            if (!whole && !value) {
                out.add(c);
                continue;
            }
            JsonNode before = c.before();
            JsonNode after = c.after();
            boolean hasBefore = !before.isMissingNode() && !before.isNull();
            boolean hasAfter = !after.isMissingNode() && !after.isNull();
            if (whole) {
                ObjectNode b = hasBefore && before.isObject() ? ((ObjectNode) before).deepCopy() : null;
                ObjectNode a = hasAfter && after.isObject() ? ((ObjectNode) after).deepCopy() : null;
                if (p.isEmpty()) {
                    SecretMask.fluxMaskPair(b, a);
                } else {
                    SecretMask.fluxMaskMaps(b, a);
                }
                out.add(new FieldChange(p, c.type(), b != null ? b : before, a != null ? a : after));
            } else {
                boolean both = hasBefore && hasAfter;
                out.add(new FieldChange(p, c.type(),
                        hasBefore ? TextNode.valueOf(both ? SecretMask.FLUX_BEFORE : SecretMask.FLUX_MASK) : before,
                        hasAfter ? TextNode.valueOf(both ? SecretMask.FLUX_AFTER : SecretMask.FLUX_MASK) : after));
            }
        }
        return out;
    }

    private List<FieldChange> maskChanges(ResourceId id, List<FieldChange> changes) {
        List<FieldChange> out = new ArrayList<>(changes.size());
        for (FieldChange c : changes) {
            String p = c.pointer();
            boolean whole = p.equals("/data") || p.equals("/stringData") || p.isEmpty();
            boolean value = p.startsWith("/data/") || p.startsWith("/stringData/");
            if (whole || value) {
                out.add(new FieldChange(p, c.type(), maskNode(id, c.before(), whole), maskNode(id, c.after(),
                        whole)));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private JsonNode maskNode(ResourceId id, JsonNode n, boolean whole) {
        if (n.isMissingNode() || n.isNull()) {
            return n;
        }
        if (whole && n.isObject()) {
            ObjectNode copy = ((ObjectNode) n).deepCopy();
            if (copy.has("data") || copy.has("stringData")) {
                masker.maskSecret(id.toString(), copy);
            } else {
                masker.maskValues(id.toString(), copy);
            }
            return copy;
        }
        return TextNode.valueOf(masker.mask(id.toString(), n));
    }

    private static ObjectNode object(JsonNode n, String what) {
        Objects.requireNonNull(n, what);
        if (!n.isObject()) {
            throw new InvalidInputException("the " + what + " object must be a mapping, got " + n.getNodeType());
        }
        return (ObjectNode) n;
    }

    private static ResourceId idOf(ObjectNode o) {
        JsonNode av = o.get("apiVersion");
        JsonNode kind = o.get("kind");
        if (av == null || !av.isTextual() || av.asText().isEmpty() || kind == null || !kind.isTextual()
                || kind.asText().isEmpty()) {
            throw new InvalidInputException("every object needs apiVersion and kind (got "
                    + (av == null ? "no apiVersion" : av) + ", " + (kind == null ? "no kind" : kind) + ")");
        }
        return ResourceId.of(av.asText(), kind.asText(), o.path("metadata").path("namespace").asText(""),
                o.path("metadata").path("name").asText(""));
    }

    /** Builds {@link DriftDetector}s. */
    public static final class Builder {
        private PatchSchemaRegistry schemas = KubernetesPatchSchemas.builtIn();
        private final List<IgnoreRule> ignoreRules = new ArrayList<>();
        private final List<Normalizer> normalizers = new ArrayList<>();
        private byte[] maskKey = new byte[0];
        private boolean useLastAppliedAnnotation = true;
        private boolean fluxMasks;

        private Builder() {
        }

        /**
         * Mask Secret values as {@code flux diff} does (fluxcd/pkg ssa) instead of with keyed hashes: a value that
         * changed shows as {@code *** (before)} and {@code *** (after)}, every other value as {@code ***}. Nothing
         * of a value is shown, not even a hash (default false: {@code +++++ (hash)} masks, which also tell equal
         * values in different objects apart).
         */
        public Builder fluxSecretMasks(boolean flux) {
            this.fluxMasks = flux;
            return this;
        }

        /**
         * Where patch schemas come from (default: the built-in Kubernetes kinds). Kinds without a schema are
         * compared and patched with JSON merge patch. Combine with {@link PatchSchemaRegistry#or}.
         */
        public Builder schemas(PatchSchemaRegistry registry) {
            this.schemas = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Adds an ignore rule. */
        public Builder ignore(IgnoreRule rule) {
            ignoreRules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** Adds a normalizer, run after the built-in normalisations, in the order added. */
        public Builder normalizer(Normalizer normalizer) {
            normalizers.add(Objects.requireNonNull(normalizer, "normalizer"));
            return this;
        }

        /**
         * The key for the HMAC that derives Secret masks. Without a key, masks are derived from the value salted
         * with the object's identity only, so a guessable value could be confirmed by someone who sees the mask;
         * set a key kept secret to prevent that.
         */
        public Builder secretMaskKey(byte[] key) {
            this.maskKey = Objects.requireNonNull(key, "key").clone();
            return this;
        }

        /**
         * Whether to read the last-applied configuration from the live object's
         * {@code kubectl.kubernetes.io/last-applied-configuration} annotation when none is given (default true).
         */
        public Builder useLastAppliedAnnotation(boolean use) {
            this.useLastAppliedAnnotation = use;
            return this;
        }

        /** Builds the detector. */
        public DriftDetector build() {
            return new DriftDetector(this);
        }
    }
}
