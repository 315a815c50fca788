package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.patch.KubernetesPatchSchemas;
import dev.gitops.api.patch.OpenApiPatchSchemas;
import dev.gitops.api.patch.PatchSchemaRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * A kustomization's custom OpenAPI schema ({@code openapi.path}) as kustomize's kyaml sees it: kyaml adds the custom
 * definitions to one global schema that also holds the builtin Kubernetes definitions, so a custom document may
 * reference {@code #/definitions/io.k8s.api.core.v1.PodTemplateSpec} without defining it. Definitions of the custom
 * document win; references it leaves unresolved are filled from the builtin Kubernetes patch metadata (the data file
 * of {@link KubernetesPatchSchemas}), matched by type name.
 */
final class CustomSchema {

    private static final String REF = "#/definitions/";
    private static final String BUILTIN_PREFIX = "gitops.builtin.";

    private CustomSchema() {}

    static PatchSchemaRegistry of(JsonNode document) {
        JsonNode doc = document.deepCopy();
        if (doc instanceof ObjectNode o && o.get("definitions") instanceof ObjectNode defs) {
            fillBuiltinReferences(defs);
        }
        return OpenApiPatchSchemas.lenient(doc);
    }

    private static void fillBuiltinReferences(ObjectNode defs) {
        JsonNode builtinTypes = null;
        Deque<JsonNode> todo = new ArrayDeque<>();
        defs.elements().forEachRemaining(todo::add);
        while (!todo.isEmpty()) {
            JsonNode n = todo.pop();
            if (n.isObject()) {
                JsonNode ref = n.get("$ref");
                if (ref != null && ref.isTextual() && ref.textValue().startsWith(REF)) {
                    String name = ref.textValue().substring(REF.length());
                    if (!defs.has(name)) {
                        if (builtinTypes == null) {
                            builtinTypes = builtinTypes();
                        }
                        String simple = name.substring(name.lastIndexOf('.') + 1);
                        if (builtinTypes.has(simple)) {
                            defs.set(name, convert(builtinTypes.get(simple)));
                            addBuiltin(defs, builtinTypes, simple);
                        }
                    }
                }
                n.elements().forEachRemaining(todo::add);
            } else if (n.isArray()) {
                n.elements().forEachRemaining(todo::add);
            }
        }
    }

    /** Adds {@code gitops.builtin.<type>} and the builtin types it refers to. */
    private static void addBuiltin(ObjectNode defs, JsonNode types, String type) {
        Deque<String> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            String t = todo.pop();
            JsonNode fields = types.get(t);
            for (Iterator<JsonNode> it = fields.elements(); it.hasNext(); ) {
                JsonNode f = it.next();
                if (f.hasNonNull("type") && !defs.has(BUILTIN_PREFIX + f.get("type").asText())) {
                    String sub = f.get("type").asText();
                    defs.set(BUILTIN_PREFIX + sub, convert(types.get(sub)));
                    todo.add(sub);
                }
            }
        }
    }

    /** One type of the builtin patch-metadata table as an OpenAPI definition. */
    private static ObjectNode convert(JsonNode fields) {
        ObjectNode def = Res.F.objectNode();
        def.put("type", "object");
        ObjectNode props = def.putObject("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode f = e.getValue();
            ObjectNode p = props.putObject(e.getKey());
            if (!f.path("strategy").asText("").isEmpty()) {
                p.put("x-kubernetes-patch-strategy", f.get("strategy").asText());
            }
            if (!f.path("mergeKey").asText("").isEmpty()) {
                p.put("x-kubernetes-patch-merge-key", f.get("mergeKey").asText());
            }
            if (!f.path("listType").asText("").isEmpty()) {
                p.put("x-kubernetes-list-type", f.get("listType").asText());
            }
            if (f.path("listMapKeys").isArray() && !f.get("listMapKeys").isEmpty()) {
                ArrayNode keys = p.putArray("x-kubernetes-list-map-keys");
                f.get("listMapKeys").forEach(keys::add);
            }
            if (f.hasNonNull("type")) {
                p.put("$ref", REF + BUILTIN_PREFIX + f.get("type").asText());
            }
        }
        return def;
    }

    /** The {@code types} of the builtin Kubernetes patch-metadata data file. */
    private static JsonNode builtinTypes() {
        try (InputStream in = KubernetesPatchSchemas.class.getResourceAsStream("kubernetes-patch-schema.yaml")) {
            if (in == null) {
                throw new IllegalStateException("missing kubernetes-patch-schema.yaml next to KubernetesPatchSchemas");
            }
            return dev.gitops.api.yaml.Yaml.defaults().readOne(new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8), "kubernetes-patch-schema.yaml").content().path("types");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
