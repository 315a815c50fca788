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
        StrategicMergePatch smp;
        java.util.Optional<PatchSchema> cs = custom == null ? java.util.Optional.empty()
                : custom.forKind(target.apiVersion(), target.kind());
        if (cs.isPresent()) {
            smp = StrategicMergePatch.of(cs.get());
        } else {
            smp = engines.computeIfAbsent(key, k -> StrategicMergePatch.of(
                    KubernetesPatchSchemas.builtIn().forKind(target.apiVersion(), target.kind())
                            .orElse(PatchSchema.empty())));
        }
        try {
            // kyaml's merge knows only the $patch directive: $retainKeys, $setElementOrder/... and
            // $deleteFromPrimitiveList/... are ordinary fields to kustomize, merged and printed as written
            boolean hidden = hasOtherDirectives(patch);
            ObjectNode out = smp.apply(hidden ? (ObjectNode) rename(target.node, DIRECTIVE, HIDDEN) : target.node,
                    hidden ? (ObjectNode) rename(patch, DIRECTIVE, HIDDEN) : patch);
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
}
