package dev.gitops.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON Patch (RFC 6902): a validated, immutable list of operations ({@code add}, {@code remove},
 * {@code replace}, {@code move}, {@code copy}, {@code test}) applied atomically to a document. Errors are
 * {@link JsonPatchException}s naming the operation index and path.
 *
 * <pre>{@code
 * JsonNode patched = JsonPatch.parse(opsArray).apply(document);
 * }</pre>
 */
public final class JsonPatch {

    /** One operation. {@code from} is {@code ""} unless the op is move or copy. */
    public record Operation(String op, String path, String from, Optional<JsonNode> value) {
        /** Validates and copies. */
        public Operation {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(from, "from");
            value = Objects.requireNonNull(value, "value").map(JsonNode::deepCopy);
        }

        /** A copy of the value. */
        @Override
        public Optional<JsonNode> value() {
            return value.map(JsonNode::deepCopy);
        }
    }

    private final List<Operation> operations;

    private JsonPatch(List<Operation> operations) {
        this.operations = List.copyOf(operations);
    }

    /** The operations, in order. */
    public List<Operation> operations() {
        return operations;
    }

    /**
     * Reads a JSON Patch document (an array of operation objects).
     *
     * @throws JsonPatchException when an operation is malformed
     */
    public static JsonPatch parse(JsonNode patch) {
        Objects.requireNonNull(patch, "patch");
        if (!patch.isArray()) {
            throw new PatchException("a JSON patch must be an array of operations, got " + patch.getNodeType());
        }
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < patch.size(); i++) {
            JsonNode o = patch.get(i);
            if (!o.isObject()) {
                throw new JsonPatchException(i, "", "", "an operation must be an object");
            }
            JsonNode opNode = o.get("op");
            String op = opNode != null && opNode.isTextual() ? opNode.asText() : "";
            JsonNode pathNode = o.get("path");
            String pathText = pathNode != null && pathNode.isTextual() ? pathNode.asText() : "";
            if (opNode == null || !opNode.isTextual()) {
                throw new JsonPatchException(i, op, pathText, "missing 'op' member");
            }
            if (!List.of("add", "remove", "replace", "move", "copy", "test").contains(op)) {
                throw new JsonPatchException(i, op, pathText, "unknown op \"" + op + "\"");
            }
            if (pathNode == null) {
                throw new JsonPatchException(i, op, "", "missing 'path' member");
            }
            if (!pathNode.isTextual()) {
                throw new JsonPatchException(i, op, "", "'path' must be a string, got " + pathNode.getNodeType());
            }
            checkPointer(i, op, pathText, pathText);
            String from = "";
            if (op.equals("move") || op.equals("copy")) {
                JsonNode f = o.get("from");
                if (f == null || !f.isTextual()) {
                    throw new JsonPatchException(i, op, pathText, "missing 'from' member");
                }
                from = f.asText();
                checkPointer(i, op, pathText, from);
            }
            Optional<JsonNode> value = Optional.empty();
            if (op.equals("add") || op.equals("replace") || op.equals("test")) {
                if (!o.has("value")) {
                    throw new JsonPatchException(i, op, pathText, "missing 'value' member");
                }
                value = Optional.of(o.get("value"));
            }
            ops.add(new Operation(op, pathText, from, value));
        }
        return new JsonPatch(ops);
    }

    private static void checkPointer(int i, String op, String path, String pointer) {
        if (!pointer.isEmpty() && pointer.charAt(0) != '/') {
            throw new JsonPatchException(i, op, path, "JSON pointer \"" + pointer + "\" must start with '/'");
        }
    }

    /**
     * Applies the operations in order to a copy of {@code document}.
     *
     * @return the patched document
     * @throws JsonPatchException naming the first operation that fails
     */
    public JsonNode apply(JsonNode document) {
        Objects.requireNonNull(document, "document");
        JsonNode doc = document.deepCopy();
        for (int i = 0; i < operations.size(); i++) {
            Operation o = operations.get(i);
            doc = switch (o.op()) {
                case "add" -> add(i, o, doc, o.path(), o.value.orElseThrow().deepCopy());
                case "remove" -> remove(i, o, doc, o.path());
                case "replace" -> {
                    get(i, o, doc, o.path(), "path");
                    JsonNode d = remove(i, o, doc, o.path());
                    yield add(i, o, d, o.path(), o.value.orElseThrow().deepCopy());
                }
                case "move" -> {
                    if (o.path().startsWith(o.from() + "/")) {
                        throw new JsonPatchException(i, o.op(), o.path(),
                                "cannot move a value into one of its children (from " + o.from() + ")");
                    }
                    JsonNode v = get(i, o, doc, o.from(), "from");
                    JsonNode d = remove(i, o, doc, o.from());
                    yield add(i, o, d, o.path(), v);
                }
                case "copy" -> add(i, o, doc, o.path(), get(i, o, doc, o.from(), "from").deepCopy());
                case "test" -> {
                    JsonNode actual = get(i, o, doc, o.path(), "path");
                    if (!jsonEquals(actual, o.value.orElseThrow())) {
                        throw new JsonPatchException(i, o.op(), o.path(), "test failed: value differs");
                    }
                    yield doc;
                }
                default -> throw new JsonPatchException(i, o.op(), o.path(), "unknown op");
            };
        }
        return doc;
    }

    /** Applies a patch given as JSON; shorthand for {@code parse(patch).apply(document)}. */
    public static JsonNode apply(JsonNode document, JsonNode patch) {
        return parse(patch).apply(document);
    }

    private static List<String> tokens(String pointer) {
        List<String> t = new ArrayList<>();
        if (pointer.isEmpty()) {
            return t;
        }
        for (String s : pointer.substring(1).split("/", -1)) {
            t.add(s.replace("~1", "/").replace("~0", "~"));
        }
        return t;
    }

    private static int arrayIndex(int i, Operation o, String token, int size, boolean allowEnd) {
        if (allowEnd && token.equals("-")) {
            return size;
        }
        if (token.isEmpty() || !token.chars().allMatch(Character::isDigit)
                || (token.length() > 1 && token.charAt(0) == '0') || token.length() > 9) {
            throw new JsonPatchException(i, o.op(), o.path(), "invalid array index \"" + token + "\"");
        }
        int idx = Integer.parseInt(token);
        if (idx > size || (!allowEnd && idx == size)) {
            throw new JsonPatchException(i, o.op(), o.path(), "array index " + idx + " out of bounds (size "
                    + size + ")");
        }
        return idx;
    }

    private static JsonNode get(int i, Operation o, JsonNode doc, String pointer, String what) {
        JsonNode cur = doc;
        for (String t : tokens(pointer)) {
            if (cur.isObject()) {
                cur = cur.get(t);
            } else if (cur.isArray()) {
                cur = cur.get(arrayIndex(i, o, t, cur.size(), false));
            } else {
                cur = null;
            }
            if (cur == null) {
                throw new JsonPatchException(i, o.op(), o.path(), "'" + what + "' location " + pointer
                        + " does not exist");
            }
        }
        return cur;
    }

    private static JsonNode parent(int i, Operation o, JsonNode doc, List<String> tokens) {
        JsonNode cur = doc;
        for (int k = 0; k < tokens.size() - 1; k++) {
            String t = tokens.get(k);
            if (cur.isObject()) {
                cur = cur.get(t);
            } else if (cur.isArray()) {
                cur = cur.get(arrayIndex(i, o, t, cur.size(), false));
            } else {
                cur = null;
            }
            if (cur == null) {
                throw new JsonPatchException(i, o.op(), o.path(), "parent of " + o.path() + " does not exist");
            }
        }
        return cur;
    }

    private static JsonNode add(int i, Operation o, JsonNode doc, String pointer, JsonNode value) {
        List<String> t = tokens(pointer);
        if (t.isEmpty()) {
            return value;
        }
        JsonNode p = parent(i, o, doc, t);
        String last = t.get(t.size() - 1);
        if (p.isObject()) {
            ((ObjectNode) p).set(last, value);
        } else if (p.isArray()) {
            ((ArrayNode) p).insert(arrayIndex(i, o, last, p.size(), true), value);
        } else {
            throw new JsonPatchException(i, o.op(), o.path(), "parent of " + pointer + " is not a container");
        }
        return doc;
    }

    private static JsonNode remove(int i, Operation o, JsonNode doc, String pointer) {
        List<String> t = tokens(pointer);
        if (t.isEmpty()) {
            return com.fasterxml.jackson.databind.node.NullNode.instance;
        }
        JsonNode p = parent(i, o, doc, t);
        String last = t.get(t.size() - 1);
        if (p.isObject()) {
            if (!p.has(last)) {
                throw new JsonPatchException(i, o.op(), o.path(), "location " + pointer + " does not exist");
            }
            ((ObjectNode) p).remove(last);
        } else if (p.isArray()) {
            ((ArrayNode) p).remove(arrayIndex(i, o, last, p.size(), false));
        } else {
            throw new JsonPatchException(i, o.op(), o.path(), "parent of " + pointer + " is not a container");
        }
        return doc;
    }

    /** JSON equality: numbers by value (1 == 1.0), objects regardless of member order. */
    static boolean jsonEquals(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (var e : a.properties()) {
                JsonNode o = b.get(e.getKey());
                if (o == null || !jsonEquals(e.getValue(), o)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int k = 0; k < a.size(); k++) {
                if (!jsonEquals(a.get(k), b.get(k))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
