package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.patch.KubernetesPatchSchemas;
import dev.gitops.api.patch.PatchSchema;
import dev.gitops.api.patch.StrategicMergePatch;

/** Applies a strategic merge patch the way kustomize does, using the shared patch engine. */
final class SmPatch {

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
            ObjectNode out = smp.apply(target.node, patch);
            return out;
        } catch (RuntimeException e) {
            throw new BuildError("applying patch to " + target.curId() + ": " + e.getMessage(), e);
        }
    }
}
