package dev.gitops.api.model;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.Origin;
import dev.gitops.api.yaml.SourceMap;
import dev.gitops.api.yaml.Yaml;
import dev.gitops.api.yaml.YamlDocument;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Kubernetes object: an immutable JSON tree with its {@link ResourceId} and, when it was read from a file, where
 * it came from.
 *
 * <p>The tree is never shared: {@link #content()} and {@link #get(String)} return copies, and the factory methods
 * copy what they are given. Transformations produce new resources ({@link #withContent(ObjectNode)}); the origin
 * travels with them so that later errors still name the file and line.
 *
 * <p>Equality compares the content only (not the origin). Instances are thread-safe.
 */
public final class Resource {

    private final ObjectNode content;
    private final ResourceId id;
    private final SourceMap sourceMap;
    private final boolean apiVersionOptional;

    private Resource(ObjectNode content, SourceMap sourceMap, boolean copy) {
        this(content, sourceMap, copy, false);
    }

    private Resource(ObjectNode content, SourceMap sourceMap, boolean copy, boolean apiVersionOptional) {
        Objects.requireNonNull(content, "content");
        this.sourceMap = Objects.requireNonNull(sourceMap, "sourceMap");
        this.content = copy ? content.deepCopy() : content;
        this.apiVersionOptional = apiVersionOptional;
        this.id = idOf(this.content, sourceMap, apiVersionOptional);
    }

    /** A resource holding a copy of {@code content}; it must have {@code apiVersion} and {@code kind}. */
    public static Resource of(ObjectNode content) {
        return new Resource(content, SourceMap.empty(), true);
    }

    /**
     * A resource holding a copy of {@code content} that may lack {@code apiVersion} (then {@link #apiVersion()} is
     * {@code ""}); {@code kind} is still required. Only for build tools that pass such objects through unchanged, as
     * {@code kustomize build} does (its output may hold {@code kind: Foo} without an {@code apiVersion}); every other
     * factory requires {@code apiVersion}. {@link #withContent(ObjectNode)} keeps this leniency.
     */
    public static Resource ofApiVersionOptional(ObjectNode content) {
        return new Resource(content, SourceMap.empty(), true, true);
    }

    /** As {@link #ofApiVersionOptional(ObjectNode)}, with the positions the object was read from. */
    public static Resource ofApiVersionOptional(ObjectNode content, SourceMap sourceMap) {
        return new Resource(content, sourceMap, true, true);
    }

    /** A resource holding a copy of {@code content}, read from a file. */
    public static Resource of(ObjectNode content, SourceMap sourceMap) {
        return new Resource(content, sourceMap, true);
    }

    /** A resource from a YAML document; the document must be a mapping with {@code apiVersion} and {@code kind}. */
    public static Resource of(YamlDocument document) {
        if (!document.content().isObject()) {
            throw new InvalidInputException(document.origin(),
                    "expected a Kubernetes object (a YAML mapping), got " + describe(document.content()));
        }
        return new Resource((ObjectNode) document.content(), document.sourceMap(), true);
    }

    /** Reads every non-empty document of a YAML stream as a resource. */
    public static java.util.List<Resource> readAll(String yaml, String file) {
        java.util.List<Resource> out = new java.util.ArrayList<>();
        for (YamlDocument d : Yaml.defaults().readAll(yaml, file)) {
            if (!d.isEmpty()) {
                out.add(of(d));
            }
        }
        return out;
    }

    private static ResourceId idOf(ObjectNode c, SourceMap sm, boolean apiVersionOptional) {
        String apiVersion = apiVersionOptional ? optionalString(c, "/apiVersion", sm)
                : requiredString(c, "/apiVersion", sm);
        String kind = requiredString(c, "/kind", sm);
        JsonNode meta = c.get("metadata");
        if (meta != null && !meta.isNull() && !meta.isObject()) {
            throw new InvalidInputException(at(sm, "/metadata"), "expected a mapping, got " + describe(meta));
        }
        String name = optionalString(c, "/metadata/name", sm);
        String ns = optionalString(c, "/metadata/namespace", sm);
        return ResourceId.of(apiVersion, kind, ns, name);
    }

    private static Origin at(SourceMap sm, String pointer) {
        return sm.locate(pointer).orElse(Origin.of(sm.file()).withPointer(pointer));
    }

    private static String requiredString(ObjectNode c, String pointer, SourceMap sm) {
        JsonNode n = c.at(pointer);
        if (n.isMissingNode() || n.isNull()) {
            throw new InvalidInputException(at(sm, pointer), "missing required field " + pointer.substring(1)
                    + " (every Kubernetes object needs apiVersion and kind)");
        }
        if (!n.isTextual() || n.textValue().isEmpty()) {
            throw new InvalidInputException(at(sm, pointer), "expected a non-empty string, got " + describe(n));
        }
        return n.textValue();
    }

    private static String optionalString(ObjectNode c, String pointer, SourceMap sm) {
        JsonNode n = c.at(pointer);
        if (n.isMissingNode() || n.isNull()) {
            return "";
        }
        if (!n.isTextual()) {
            throw new InvalidInputException(at(sm, pointer), "expected a string, got " + describe(n));
        }
        return n.textValue();
    }

    /** A short description of a node's type and value, for error messages. */
    public static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a sequence";
        }
        if (n.isTextual()) {
            return "\"" + n.textValue() + "\"";
        }
        return n.toString();
    }

    /** The object's identity. */
    public ResourceId id() {
        return id;
    }

    /** {@code apiVersion}. */
    public String apiVersion() {
        return id.apiVersion();
    }

    /** {@code kind}. */
    public String kind() {
        return id.kind();
    }

    /** {@code metadata.name}, {@code ""} when unset. */
    public String name() {
        return id.name();
    }

    /** {@code metadata.namespace}, {@code ""} when unset. */
    public String namespace() {
        return id.namespace();
    }

    /** {@code metadata.labels} (string values only), in file order. */
    public Map<String, String> labels() {
        return stringMap("/metadata/labels");
    }

    /** {@code metadata.annotations} (string values only), in file order. */
    public Map<String, String> annotations() {
        return stringMap("/metadata/annotations");
    }

    private Map<String, String> stringMap(String pointer) {
        JsonNode n = content.at(pointer);
        if (!n.isObject() || n.size() == 0) {
            return Collections.emptyMap();
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                m.put(e.getKey(), e.getValue().asText());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** A copy of the whole object. */
    public ObjectNode content() {
        return content.deepCopy();
    }

    /** A copy of the node at an RFC 6901 JSON pointer, if present. */
    public Optional<JsonNode> get(String pointer) {
        JsonNode n = content.at(JsonPointer.compile(pointer));
        return n.isMissingNode() ? Optional.empty() : Optional.of(n.deepCopy());
    }

    /** The text of the scalar at a JSON pointer, if it is a string. */
    public Optional<String> string(String pointer) {
        JsonNode n = content.at(JsonPointer.compile(pointer));
        return n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
    }

    /** True when the object has a node at the pointer. */
    public boolean has(String pointer) {
        return !content.at(JsonPointer.compile(pointer)).isMissingNode();
    }

    /** A resource with new content (copied), keeping this one's origin. */
    public Resource withContent(ObjectNode newContent) {
        return new Resource(newContent, sourceMap, true, apiVersionOptional);
    }

    /** Where the object was read from, if it was read from a file. */
    public Optional<Origin> origin() {
        return sourceMap.documentOrigin();
    }

    /** Where the field at {@code pointer} (or its nearest ancestor) was read from. */
    public Origin originOf(String pointer) {
        return at(sourceMap, pointer);
    }

    /** The positions of the object's fields in its file. */
    public SourceMap sourceMap() {
        return sourceMap;
    }

    /** The object as kustomize prints it. */
    public String toYaml() {
        return Yaml.defaults().write(content);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resource r && content.equals(r.content);
    }

    @Override
    public int hashCode() {
        return content.hashCode();
    }

    /** {@code Kind/namespace/name}; never the content (it may hold secrets). */
    @Override
    public String toString() {
        return id.toString();
    }
}
