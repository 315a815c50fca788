package dev.gitops.api.diff.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.patch.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A path to fields inside an object that can address list elements by index, by key values (managed fields'
 * {@code k:{...}}), by value ({@code v:...}) or all at once ({@code *}). Used to remove ignored fields.
 */
public record FieldPath(List<Segment> segments) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One step of a path. */
    public sealed interface Segment {
    }

    /** A map key, or a list index when the token is numeric. */
    public record Name(String name) implements Segment {
    }

    /** Every key or element. */
    public record Any() implements Segment {
    }

    /** The list element whose fields equal these values. */
    public record Keys(ObjectNode keys) implements Segment {
    }

    /** The list element equal to this value. */
    public record Value(JsonNode value) implements Segment {
    }

    /** Copies. */
    public FieldPath {
        segments = List.copyOf(segments);
    }

    /** Parses a JSON pointer where a {@code *} token is a wildcard. */
    public static FieldPath ofPointer(String pointer) {
        List<Segment> s = new ArrayList<>();
        for (String t : pointer.substring(1).split("/", -1)) {
            if (t.equals("*")) {
                s.add(new Any());
            } else {
                s.add(new Name(t.replace("~1", "/").replace("~0", "~")));
            }
        }
        return new FieldPath(s);
    }

    /**
     * Removes every field this path addresses without modifying {@code root}: nodes along the way are copied
     * (shallowly) when something below them is removed; untouched subtrees are shared.
     *
     * @return the new root, or {@code root} itself when nothing was removed
     */
    public JsonNode removedFrom(JsonNode root) {
        return cow(root, 0);
    }

    private JsonNode cow(JsonNode node, int i) {
        if (node == null || !node.isContainerNode()) {
            return node;
        }
        Segment seg = segments.get(i);
        boolean last = i == segments.size() - 1;
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            ObjectNode copy = null;
            List<String> keys = new ArrayList<>();
            if (seg instanceof Name n) {
                if (o.has(n.name())) {
                    keys.add(n.name());
                }
            } else if (seg instanceof Any) {
                o.fieldNames().forEachRemaining(keys::add);
            }
            for (String k : keys) {
                JsonNode child = o.get(k);
                JsonNode replacement = last ? null : cow(child, i + 1);
                if (replacement == child) {
                    continue;
                }
                if (copy == null) {
                    copy = o.objectNode();
                    copy.setAll(o);
                }
                if (replacement == null) {
                    copy.remove(k);
                } else {
                    copy.set(k, replacement);
                }
            }
            return copy == null ? o : copy;
        }
        ArrayNode a = (ArrayNode) node;
        ArrayNode copy = null;
        for (int idx = a.size() - 1; idx >= 0; idx--) {
            JsonNode child = a.get(idx);
            if (!matches(seg, child, idx)) {
                continue;
            }
            JsonNode replacement = last ? null : cow(child, i + 1);
            if (replacement == child) {
                continue;
            }
            if (copy == null) {
                copy = a.arrayNode(a.size());
                copy.addAll(a);
            }
            if (replacement == null) {
                copy.remove(idx);
            } else {
                copy.set(idx, replacement);
            }
        }
        return copy == null ? a : copy;
    }

    /** Removes every field this path addresses; returns true when something was removed. */
    public boolean removeFrom(JsonNode root) {
        return remove(root, 0);
    }

    private boolean remove(JsonNode node, int i) {
        if (node == null || !node.isContainerNode()) {
            return false;
        }
        Segment seg = segments.get(i);
        boolean last = i == segments.size() - 1;
        boolean removed = false;
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            if (seg instanceof Name n) {
                if (last) {
                    return o.remove(n.name()) != null;
                }
                return remove(o.get(n.name()), i + 1);
            }
            if (seg instanceof Any) {
                List<String> keys = new ArrayList<>();
                o.fieldNames().forEachRemaining(keys::add);
                for (String k : keys) {
                    if (last) {
                        o.remove(k);
                        removed = true;
                    } else {
                        removed |= remove(o.get(k), i + 1);
                    }
                }
            }
            return removed;
        }
        ArrayNode a = (ArrayNode) node;
        for (int idx = a.size() - 1; idx >= 0; idx--) {
            if (matches(seg, a.get(idx), idx)) {
                if (last) {
                    a.remove(idx);
                    removed = true;
                } else {
                    removed |= remove(a.get(idx), i + 1);
                }
            }
        }
        return removed;
    }

    private static boolean matches(Segment seg, JsonNode element, int index) {
        if (seg instanceof Any) {
            return true;
        }
        if (seg instanceof Name n) {
            return n.name().equals(Integer.toString(index));
        }
        if (seg instanceof Value v) {
            return Json.equal(v.value(), element);
        }
        if (seg instanceof Keys k && element.isObject()) {
            for (Map.Entry<String, JsonNode> e : k.keys().properties()) {
                if (!Json.equal(e.getValue(), element.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * The leaf paths of a managed-fields {@code fieldsV1} set ({@code f:name}, {@code k:{json}}, {@code v:json},
     * {@code i:index}; {@code .} marks the element itself).
     */
    public static List<FieldPath> fromFieldsV1(JsonNode fieldsV1) {
        List<FieldPath> out = new ArrayList<>();
        collect(fieldsV1, new ArrayList<>(), out);
        return out;
    }

    private static void collect(JsonNode node, List<Segment> prefix, List<FieldPath> out) {
        boolean hasChildren = false;
        if (node != null && node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey();
                if (key.equals(".")) {
                    continue;
                }
                Segment seg = parse(key);
                if (seg == null) {
                    continue;
                }
                hasChildren = true;
                prefix.add(seg);
                collect(e.getValue(), prefix, out);
                prefix.remove(prefix.size() - 1);
            }
        }
        if (!hasChildren && !prefix.isEmpty()) {
            out.add(new FieldPath(prefix));
        }
    }

    private static Segment parse(String key) {
        if (key.length() < 2 || key.charAt(1) != ':') {
            return null;
        }
        String body = key.substring(2);
        try {
            return switch (key.charAt(0)) {
                case 'f' -> new Name(body);
                case 'i' -> new Name(body);
                case 'k' -> {
                    JsonNode k = MAPPER.readTree(body);
                    yield k.isObject() ? new Keys((ObjectNode) k) : null;
                }
                case 'v' -> new Value(MAPPER.readTree(body));
                default -> null;
            };
        } catch (IOException e) {
            return null;
        }
    }
}
