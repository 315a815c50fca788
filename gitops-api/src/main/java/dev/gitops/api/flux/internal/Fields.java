package dev.gitops.api.flux.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.Origin;
import dev.gitops.api.flux.GoDuration;
import dev.gitops.api.model.Resource;
import dev.gitops.api.yaml.SourceMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict reader of one mapping of a Flux object: every accessor marks its key as known, {@link #done()} reports
 * the first unknown key; wrong types and invalid values are reported with file, line and field path.
 */
public final class Fields {

    private final ObjectNode node;
    private final String pointer;
    private final SourceMap sourceMap;
    private final String kind;
    private final Set<String> known = new LinkedHashSet<>();

    private Fields(ObjectNode node, String pointer, SourceMap sourceMap, String kind) {
        this.node = node;
        this.pointer = pointer;
        this.sourceMap = sourceMap;
        this.kind = kind;
    }

    /** The top level of a resource. */
    public static Fields of(Resource r) {
        return new Fields(r.content(), "", r.sourceMap(), r.kind());
    }

    /** The JSON pointer of a key of this mapping. */
    public String pointer(String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    private static String dotted(String ptr) {
        return ptr.isEmpty() ? "" : ptr.substring(1).replace('/', '.');
    }

    /** Where a key of this mapping is. */
    public Origin origin(String key) {
        String p = pointer(key);
        return sourceMap.locate(p).map(o -> o.withPointer(p)).orElse(Origin.of(sourceMap.file()).withPointer(p));
    }

    /** An invalid-value error at a key of this mapping. */
    public InvalidInputException invalid(String key, String detail) {
        return new InvalidInputException(origin(key), kind + " " + dotted(pointer(key)) + ": " + detail);
    }

    /** True when the key is present and not null. */
    public boolean has(String key) {
        JsonNode n = node.get(key);
        return n != null && !n.isNull();
    }

    private JsonNode get(String key) {
        known.add(key);
        JsonNode n = node.get(key);
        return n == null || n.isNull() ? null : n;
    }

    /** Marks keys as known without reading them. */
    public Fields allow(String... keys) {
        Collections.addAll(known, keys);
        return this;
    }

    /** A string, {@code ""} when absent. */
    public String string(String key) {
        JsonNode n = get(key);
        if (n == null) {
            return "";
        }
        if (!n.isTextual()) {
            throw invalid(key, "expected a string, got " + Resource.describe(n));
        }
        return n.textValue();
    }

    /** A string that must be present and non-empty. */
    public String requiredString(String key) {
        String s = string(key);
        if (s.isEmpty()) {
            throw new InvalidInputException(origin(key).withPointer(pointer(key)),
                    kind + " " + dotted(pointer(key)) + ": Required value");
        }
        return s;
    }

    /** A string that must be one of {@code allowed}; {@code def} when absent. */
    public String oneOf(String key, String def, String... allowed) {
        String s = string(key);
        if (s.isEmpty()) {
            return def;
        }
        for (String a : allowed) {
            if (a.equals(s)) {
                return s;
            }
        }
        throw invalid(key, "Unsupported value: \"" + s + "\": supported values: \"" + String.join("\", \"",
                allowed) + "\"");
    }

    /** A boolean, {@code def} when absent. */
    public boolean bool(String key, boolean def) {
        JsonNode n = get(key);
        if (n == null) {
            return def;
        }
        if (!n.isBoolean()) {
            throw invalid(key, "expected a boolean, got " + Resource.describe(n));
        }
        return n.booleanValue();
    }

    /** An integer, {@code def} when absent. */
    public long integer(String key, long def) {
        JsonNode n = get(key);
        if (n == null) {
            return def;
        }
        if (!n.isIntegralNumber()) {
            throw invalid(key, "expected an integer, got " + Resource.describe(n));
        }
        return n.longValue();
    }

    /** A Go duration ({@code 1m30s}), {@code def} when absent. */
    public Duration duration(String key, Duration def) {
        String s = string(key);
        if (s.isEmpty()) {
            return def;
        }
        try {
            return GoDuration.parse(s);
        } catch (IllegalArgumentException e) {
            throw invalid(key, e.getMessage());
        }
    }

    /** A required Go duration. */
    public Duration requiredDuration(String key) {
        requiredString(key);
        return duration(key, Duration.ZERO);
    }

    /** A nested mapping (empty when absent). */
    public Fields object(String key) {
        JsonNode n = get(key);
        if (n == null) {
            return new Fields(JsonNodeFactory.instance.objectNode(), pointer(key), sourceMap, kind);
        }
        if (!n.isObject()) {
            throw invalid(key, "expected a mapping, got " + Resource.describe(n));
        }
        return new Fields((ObjectNode) n, pointer(key), sourceMap, kind);
    }

    /** The elements of a sequence of mappings (empty when absent). */
    public List<Fields> objects(String key) {
        JsonNode n = get(key);
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            throw invalid(key, "expected a sequence, got " + Resource.describe(n));
        }
        List<Fields> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            String p = pointer(key) + "/" + i;
            if (!e.isObject()) {
                throw new InvalidInputException(sourceMap.locate(p).orElse(Origin.of(sourceMap.file()))
                        .withPointer(p), kind + " " + dotted(p) + ": expected a mapping, got " + Resource.describe(e));
            }
            out.add(new Fields((ObjectNode) e, p, sourceMap, kind));
        }
        return out;
    }

    /** A sequence of strings (empty when absent). */
    public List<String> strings(String key) {
        JsonNode n = get(key);
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            throw invalid(key, "expected a sequence, got " + Resource.describe(n));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) {
                throw invalid(key + "/" + i, "expected a string, got " + Resource.describe(n.get(i)));
            }
            out.add(n.get(i).textValue());
        }
        return out;
    }

    /** A mapping of string to string (empty when absent); scalars are kept as their text. */
    public Map<String, String> stringMap(String key) {
        JsonNode n = get(key);
        if (n == null) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw invalid(key, "expected a mapping, got " + Resource.describe(n));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw invalid(key + "/" + e.getKey(), "expected a string, got " + Resource.describe(e.getValue()));
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /** The raw node (a copy), or a missing node. */
    public JsonNode raw(String key) {
        JsonNode n = get(key);
        return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n.deepCopy();
    }

    /** A raw mapping (copy), empty when absent. */
    public ObjectNode rawObject(String key) {
        JsonNode n = get(key);
        if (n == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!n.isObject()) {
            throw invalid(key, "expected a mapping, got " + Resource.describe(n));
        }
        return (ObjectNode) n.deepCopy();
    }

    /** Fails on the first key that no accessor read. */
    public void done() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                String p = pointer(k);
                throw new InvalidInputException(sourceMap.locate(p).orElse(Origin.of(sourceMap.file()))
                        .withPointer(p), kind + ": unknown field \"" + dotted(p) + "\"");
            }
        }
    }
}
