package dev.gitops.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.patch.internal.Strategies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Patch schemas read from an OpenAPI document: Swagger 2 ({@code definitions}, as served by
 * {@code /openapi/v2} and used by kustomize's {@code openapi:} field) or OpenAPI 3 ({@code components.schemas}).
 * Reads {@code x-kubernetes-patch-strategy}, {@code x-kubernetes-patch-merge-key}, {@code x-kubernetes-list-type}
 * and {@code x-kubernetes-list-map-keys}, follows {@code $ref} and {@code allOf}, and maps kinds through
 * {@code x-kubernetes-group-version-kind}.
 *
 * <p>By default the schemas are lenient (unknown fields merge like JSON merge patch). {@link #strict(JsonNode)}
 * gives the behaviour of Kubernetes' OpenAPI lookup, where a field missing from {@code properties} fails once a
 * patch recurses into it. Optionally, a list declared {@code x-kubernetes-list-type: map} with a single
 * {@code x-kubernetes-list-map-keys} entry and no patch strategy is merged by that key
 * ({@link #inferMergeFromListType}), which is what CRD authors usually mean.
 */
public final class OpenApiPatchSchemas implements PatchSchemaRegistry {

    private final JsonNode definitions;
    private final String refPrefix;
    private final boolean strict;
    private final boolean inferFromListType;
    private final Map<String, PatchSchema> byGroupKind;
    private final Map<String, Node> named = new ConcurrentHashMap<>();

    private OpenApiPatchSchemas(JsonNode doc, boolean strict, boolean inferFromListType) {
        Objects.requireNonNull(doc, "doc");
        if (doc.has("definitions")) {
            this.definitions = doc.get("definitions");
            this.refPrefix = "#/definitions/";
        } else if (doc.path("components").has("schemas")) {
            this.definitions = doc.get("components").get("schemas");
            this.refPrefix = "#/components/schemas/";
        } else {
            throw new PatchException("not an OpenAPI document: neither definitions nor components.schemas");
        }
        this.strict = strict;
        this.inferFromListType = inferFromListType;
        Map<String, PatchSchema> kinds = new HashMap<>();
        for (Iterator<String> it = definitions.fieldNames(); it.hasNext();) {
            String name = it.next();
            for (JsonNode gvk : definitions.get(name).path("x-kubernetes-group-version-kind")) {
                kinds.put(gvk.path("group").asText("") + "/" + gvk.path("version").asText("") + "/"
                        + gvk.path("kind").asText(""), named(name));
            }
        }
        this.byGroupKind = Map.copyOf(kinds);
    }

    /** Lenient schemas from a Swagger 2 or OpenAPI 3 document. */
    public static OpenApiPatchSchemas lenient(JsonNode doc) {
        return new OpenApiPatchSchemas(doc.deepCopy(), false, false);
    }

    /** Strict schemas (Kubernetes' behaviour) from a Swagger 2 or OpenAPI 3 document. */
    public static OpenApiPatchSchemas strict(JsonNode doc) {
        return new OpenApiPatchSchemas(doc.deepCopy(), true, false);
    }

    /** Lenient schemas that also merge single-key {@code x-kubernetes-list-type: map} lists by their key. */
    public static OpenApiPatchSchemas inferMergeFromListType(JsonNode doc) {
        return new OpenApiPatchSchemas(doc.deepCopy(), false, true);
    }

    @Override
    public Optional<PatchSchema> forKind(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        return Optional.ofNullable(byGroupKind.get(group + "/" + version + "/" + kind));
    }

    /** The schema of a named definition, e.g. {@code io.k8s.api.apps.v1.Deployment} or {@code mergeItem}. */
    public Optional<PatchSchema> type(String name) {
        return definitions.has(name) ? Optional.of(named(name)) : Optional.empty();
    }

    private Node named(String name) {
        return named.computeIfAbsent(name, n -> new Node(n, definitions.get(n)));
    }

    /** Resolves {@code allOf[0]} and {@code $ref}; returns the definition node and a name. */
    private Node resolve(String fallbackName, JsonNode schema) {
        JsonNode s = schema;
        for (int guard = 0; guard < 64; guard++) {
            if (s.has("allOf") && s.get("allOf").size() > 0) {
                s = s.get("allOf").get(0);
                continue;
            }
            if (s.has("$ref")) {
                String ref = s.get("$ref").asText();
                if (!ref.startsWith(refPrefix) || !definitions.has(ref.substring(refPrefix.length()))) {
                    throw new PatchException("unable to resolve " + ref + " in OpenAPI document");
                }
                return named(ref.substring(refPrefix.length()));
            }
            break;
        }
        return new Node(fallbackName, s);
    }

    private final class Node implements PatchSchema {
        private final String name;
        private final JsonNode schema;
        private final Map<String, Optional<PatchField>> cache = new ConcurrentHashMap<>();

        Node(String name, JsonNode schema) {
            this.name = name;
            this.schema = schema;
        }

        @Override
        public Optional<PatchField> field(String key) {
            return cache.computeIfAbsent(key, this::compute);
        }

        private Optional<PatchField> compute(String key) {
            JsonNode props = schema.path("properties");
            JsonNode fieldSchema = props.get(key);
            if (fieldSchema == null) {
                JsonNode additional = schema.get("additionalProperties");
                if (additional != null && additional.isObject()) {
                    return Optional.of(PatchField.of(key, valueSchema(name + "." + key, additional)));
                }
                return Optional.empty();
            }
            // metadata on the property itself, or on the first allOf entry
            JsonNode meta = fieldSchema;
            String strategy = text(meta, "x-kubernetes-patch-strategy");
            String mergeKey = text(meta, "x-kubernetes-patch-merge-key");
            String listType = text(meta, "x-kubernetes-list-type");
            List<String> keys = new ArrayList<>();
            meta.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
            if (inferFromListType && strategy.isEmpty() && "map".equals(listType) && keys.size() == 1) {
                strategy = "merge";
                mergeKey = keys.get(0);
            }
            if (inferFromListType && strategy.isEmpty() && "set".equals(listType)) {
                strategy = "merge";
            }
            JsonNode valueNode = fieldSchema;
            if ("array".equals(fieldSchema.path("type").asText()) && fieldSchema.has("items")) {
                valueNode = fieldSchema.get("items");
            }
            PatchSchema sub = valueSchema(name + "." + key, valueNode);
            return Optional.of(Strategies.field(key, Strategies.split(strategy), mergeKey, listType, keys, sub));
        }

        private PatchSchema valueSchema(String fallback, JsonNode node) {
            Node n = resolve(fallback, node);
            return n;
        }

        private String text(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v == null || v.isNull() ? "" : v.asText();
        }

        @Override
        public boolean strict() {
            return strict && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        }

        @Override
        public String typeName() {
            return name;
        }

        @Override
        public String toString() {
            return "PatchSchema[" + name + "]";
        }
    }
}
