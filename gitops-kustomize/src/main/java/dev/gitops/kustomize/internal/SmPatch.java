package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.patch.KubernetesPatchSchemas;
import dev.gitops.api.patch.PatchSchema;
import dev.gitops.api.patch.StrategicMergePatch;

/** Applies a strategic merge patch the way kustomize does, using the shared patch engine. */
final class SmPatch {

    private static final String DIRECTIVE = "$";
    private static final String HIDDEN = "\u0000kustomize-field:";

    private SmPatch() {}

    /**
     * The patched object, or null when the patch deletes the whole object; {@code engines} memoizes the engine of
     * each builtin kind (per build).
     */
    static ObjectNode apply(Res target, ObjectNode patch, dev.gitops.api.patch.PatchSchemaRegistry custom,
            java.util.Map<String, StrategicMergePatch> engines) {
        JsonNode directive = patch.get("$patch");
        if (directive != null && "delete".equals(directive.asText())) {
            return null;
        }
        String key = target.apiVersion() + "/" + target.kind();
        java.util.Optional<PatchSchema> cs = custom == null ? java.util.Optional.empty()
                : custom.forKind(target.apiVersion(), target.kind());
        PatchSchema schema = cs.orElseGet(() -> KubernetesPatchSchemas.builtIn()
                .forKind(target.apiVersion(), target.kind()).orElse(PatchSchema.empty()));
        StrategicMergePatch smp = cs.isPresent() ? StrategicMergePatch.of(schema)
                : engines.computeIfAbsent(key, k -> StrategicMergePatch.of(schema));
        try {
            // kyaml's merge knows only the $patch directive: $retainKeys, $setElementOrder/... and
            // $deleteFromPrimitiveList/... are ordinary fields to kustomize, merged and printed as written
            boolean hidden = hasOtherDirectives(patch);
            ObjectNode t = hidden ? (ObjectNode) rename(target.node, DIRECTIVE, HIDDEN) : target.node;
            ObjectNode p = hidden ? (ObjectNode) rename(patch, DIRECTIVE, HIDDEN) : patch;
            boolean nulls = containsNull(p);
            if (nulls) {
                p = p.deepCopy();
                dropNullsInNew(p, t, schema);
            }
            ObjectNode out = smp.apply(t, p);
            if (nulls) {
                restoreAtomicLists(out, p, schema);
            }
            return hidden ? (ObjectNode) rename(out, HIDDEN, DIRECTIVE) : out;
        } catch (RuntimeException e) {
            throw new BuildError("applying patch to " + target.curId() + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasOtherDirectives(JsonNode n) {
        if (n.isObject()) {
            for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                java.util.Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith("$") && !e.getKey().equals("$patch") || hasOtherDirectives(e.getValue())) {
                    return true;
                }
            }
        } else if (n.isArray()) {
            for (JsonNode v : n) {
                if (hasOtherDirectives(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A copy with keys starting with {@code from} (except {@code $patch}) renamed to start with {@code to}. */
    private static JsonNode rename(JsonNode n, String from, String to) {
        if (n.isObject()) {
            ObjectNode o = Res.F.objectNode();
            for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                java.util.Map.Entry<String, JsonNode> e = it.next();
                String k = e.getKey();
                if (k.startsWith(from) && !k.equals("$patch")) {
                    k = to + k.substring(from.length());
                }
                o.set(k, rename(e.getValue(), from, to));
            }
            return o;
        }
        if (n.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode a = Res.F.arrayNode();
            for (JsonNode v : n) {
                a.add(rename(v, from, to));
            }
            return a;
        }
        return n;
    }

    // ------------------------------------------------------------------ kyaml's nulls

    private static boolean containsNull(JsonNode n) {
        if (n.isNull()) {
            return true;
        }
        for (JsonNode c : n) {
            if (containsNull(c)) {
                return true;
            }
        }
        return false;
    }

    private static dev.gitops.api.patch.PatchField field(PatchSchema schema, String name) {
        return schema.field(name).orElse(dev.gitops.api.patch.PatchField.unknown(name));
    }

    private static boolean keyed(dev.gitops.api.patch.PatchField f) {
        return f.merging() && !f.mergeKey().isEmpty();
    }

    private static JsonNode byKey(JsonNode list, String key, JsonNode value) {
        if (list == null || !list.isArray() || value == null) {
            return null;
        }
        for (JsonNode e : list) {
            if (e.isObject() && value.equals(e.get(key))) {
                return e;
            }
        }
        return null;
    }

    /**
     * kyaml's merge walks new content against nothing, so a null there sets nothing: nulls are dropped from new maps
     * and from new elements of merge-keyed lists (in existing content they still delete).
     */
    private static void dropNullsInNew(ObjectNode patch, JsonNode dest, PatchSchema schema) {
        for (String k : keys(patch)) {
            if (k.startsWith("$")) {
                continue;
            }
            JsonNode pv = patch.get(k);
            dev.gitops.api.patch.PatchField f = field(schema, k);
            JsonNode dv = dest == null ? null : dest.get(k);
            if (pv.isObject()) {
                if (dv != null && dv.isObject()) {
                    dropNullsInNew((ObjectNode) pv, dv, f.schema());
                } else {
                    stripNew((ObjectNode) pv, f.schema());
                }
            } else if (pv.isArray() && keyed(f)) {
                for (JsonNode e : pv) {
                    if (e instanceof ObjectNode eo && !eo.has("$patch")) {
                        JsonNode de = byKey(dv, f.mergeKey(), eo.get(f.mergeKey()));
                        if (de != null) {
                            dropNullsInNew(eo, de, f.schema());
                        } else {
                            stripNew(eo, f.schema());
                        }
                    }
                }
            }
        }
    }

    private static void stripNew(ObjectNode m, PatchSchema schema) {
        for (String k : keys(m)) {
            if (k.startsWith("$")) {
                continue;
            }
            JsonNode v = m.get(k);
            dev.gitops.api.patch.PatchField f = field(schema, k);
            if (v.isNull()) {
                m.remove(k);
            } else if (v.isObject()) {
                stripNew((ObjectNode) v, f.schema());
            } else if (v.isArray() && keyed(f)) {
                for (JsonNode e : v) {
                    if (e instanceof ObjectNode eo) {
                        stripNew(eo, f.schema());
                    }
                }
            }
        }
    }

    /** kyaml replaces a list without a merge strategy as written, nulls inside included. */
    private static void restoreAtomicLists(ObjectNode result, ObjectNode patch, PatchSchema schema) {
        for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            JsonNode pv = e.getValue();
            JsonNode rv = result.get(k);
            if (k.startsWith("$") || rv == null) {
                continue;
            }
            dev.gitops.api.patch.PatchField f = field(schema, k);
            if (pv.isArray() && !f.merging() && rv.isArray() && containsNull(pv)) {
                result.set(k, pv.deepCopy());
            } else if (pv.isObject() && rv instanceof ObjectNode ro) {
                restoreAtomicLists(ro, (ObjectNode) pv, f.schema());
            } else if (pv.isArray() && keyed(f) && rv.isArray()) {
                for (JsonNode pe : pv) {
                    if (pe instanceof ObjectNode peo && byKey(rv, f.mergeKey(), peo.get(f.mergeKey()))
                            instanceof ObjectNode reo) {
                        restoreAtomicLists(reo, peo, f.schema());
                    }
                }
            }
        }
    }

    private static java.util.List<String> keys(ObjectNode o) {
        java.util.List<String> keys = new java.util.ArrayList<>(o.size());
        o.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
