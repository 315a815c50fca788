package dev.gitops.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.patch.internal.SmpEngine;
import dev.gitops.api.patch.internal.SmpEngine.DiffOptions;
import dev.gitops.api.patch.internal.SmpEngine.MergeOptions;
import java.util.Objects;

/**
 * Kubernetes strategic merge patch: apply, two-way and three-way creation (with {@code kubectl apply}'s conflict
 * detection), merging lists by key according to a {@link PatchSchema}. Supports the directives {@code $patch}
 * ({@code replace} and {@code delete}; {@code merge} is rejected, as Kubernetes does), {@code $retainKeys},
 * {@code $setElementOrder/<field>},
 * {@code $deleteFromPrimitiveList/<field>} and {@code null} deletions, with the same results as
 * {@code k8s.io/apimachinery/pkg/util/strategicpatch} (verified against its test tables).
 *
 * <p>Immutable and thread-safe; inputs are never modified, results are fresh trees.
 *
 * <pre>{@code
 * StrategicMergePatch smp = StrategicMergePatch.builder()
 *         .schema(KubernetesPatchSchemas.builtIn().forKind("apps/v1", "Deployment").orElseThrow())
 *         .build();
 * ObjectNode patched = smp.apply(deployment, patch);
 * }</pre>
 */
public final class StrategicMergePatch {

    private final PatchSchema schema;

    private StrategicMergePatch(Builder b) {
        this.schema = b.schema;
    }

    /** A builder; the default schema is {@link PatchSchema#empty()} (JSON-merge-like). */
    public static Builder builder() {
        return new Builder();
    }

    /** An engine for one schema. */
    public static StrategicMergePatch of(PatchSchema schema) {
        return builder().schema(schema).build();
    }

    /**
     * An engine for a kind: the built-in Kubernetes schema when it knows the kind, otherwise the lenient empty
     * schema.
     */
    public static StrategicMergePatch forKind(String apiVersion, String kind) {
        return of(KubernetesPatchSchemas.builtIn().forKind(apiVersion, kind).orElse(PatchSchema.empty()));
    }

    /** The schema. */
    public PatchSchema schema() {
        return schema;
    }

    /**
     * Applies a patch (Go's {@code StrategicMergePatch}).
     *
     * @param original the object to patch (not modified)
     * @param patch the strategic merge patch (not modified)
     * @return the patched object
     * @throws PatchException when the patch is malformed for the schema
     */
    public ObjectNode apply(JsonNode original, JsonNode patch) {
        ObjectNode o = object(original, "original");
        ObjectNode p = object(patch, "patch");
        return new SmpEngine().mergeMap(o, p, schema, new MergeOptions(true, true));
    }

    /**
     * Creates the patch that turns {@code original} into {@code modified} (Go's {@code CreateTwoWayMergePatch}).
     *
     * @throws PatchException when the documents do not fit the schema (e.g. a merging list without merge keys)
     */
    public ObjectNode createTwoWay(JsonNode original, JsonNode modified) {
        return new SmpEngine().diffMaps(object(original, "original"), object(modified, "modified"), schema,
                new DiffOptions(true, false, false, false));
    }

    /**
     * Creates the three-way patch of {@code kubectl apply} (Go's {@code CreateThreeWayMergePatch}): the deletions
     * from {@code original} (last applied) to {@code modified} (desired), plus the additions and changes from
     * {@code current} (live) to {@code modified}. Fields set only on the live object are left alone.
     *
     * @param overwrite when false, a patch that changes a field that was changed on the live object since
     *     {@code original} (differently) is reported as a {@link ThreeWayPatch.Conflict}
     */
    public ThreeWayPatch createThreeWay(JsonNode original, JsonNode modified, JsonNode current, boolean overwrite) {
        ObjectNode o = object(original, "original");
        ObjectNode m = object(modified, "modified");
        ObjectNode c = object(current, "current");
        SmpEngine engine = new SmpEngine();
        ObjectNode patch = engine.threeWay(o.deepCopy(), m.deepCopy(), c.deepCopy(), schema);
        if (!overwrite) {
            ObjectNode changed = engine.changes(o, c, schema);
            if (engine.mergingMapsHaveConflicts(patch, changed, schema)) {
                return new ThreeWayPatch.Conflict(patch, changed);
            }
        }
        return new ThreeWayPatch.Created(patch);
    }

    /**
     * Sorts every merging list by its merge key (lists of primitives by value, deduplicated), recursively; the
     * form in which two objects that differ only in the order of merging lists compare equal.
     */
    public ObjectNode sortMergeLists(JsonNode document) {
        return new SmpEngine().sortMergeListsByNameMap(object(document, "document"), schema);
    }

    private static ObjectNode object(JsonNode n, String what) {
        Objects.requireNonNull(n, what);
        if (n.isNull() || n.isMissingNode()) {
            return dev.gitops.api.patch.internal.Json.object();
        }
        if (!n.isObject()) {
            throw new PatchException("the " + what + " document must be a JSON object, got " + n.getNodeType());
        }
        return ((ObjectNode) n).deepCopy();
    }

    /** Builds {@link StrategicMergePatch} instances. */
    public static final class Builder {
        private PatchSchema schema = PatchSchema.empty();

        private Builder() {
        }

        /** The schema that gives merge keys and strategies. */
        public Builder schema(PatchSchema schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /** Builds the engine. */
        public StrategicMergePatch build() {
            return new StrategicMergePatch(this);
        }
    }
}
