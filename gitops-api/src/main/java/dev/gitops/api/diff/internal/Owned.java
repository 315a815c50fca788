package dev.gitops.api.diff.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Projects a live object onto a managed-fields {@code fieldsV1} set: the parts of the object a field manager owns,
 * which for a server-side apply manager is the configuration it last applied (as far as the object still holds it).
 */
public final class Owned {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Owned() {
    }

    /**
     * The live object restricted to the fields {@code manager} owns through {@code Apply} operations, with
     * {@code apiVersion}, {@code kind}, {@code metadata.name} and {@code metadata.namespace} of the live object.
     */
    public static ObjectNode project(JsonNode live, String manager) {
        ObjectNode out = F.objectNode();
        for (JsonNode entry : live.path("metadata").path("managedFields")) {
            if (!manager.equals(entry.path("manager").asText()) || !"Apply".equals(entry.path("operation").asText())
                    || !entry.path("subresource").asText("").isEmpty()) {
                continue;
            }
            JsonNode p = projectNode(live, entry.path("fieldsV1"));
            if (p instanceof ObjectNode o) {
                merge(out, o);
            }
        }
        for (String f : new String[] {"apiVersion", "kind"}) {
            if (live.has(f)) {
                out.set(f, live.get(f).deepCopy());
            }
        }
        ObjectNode meta = out.withObjectProperty("metadata");
        for (String f : new String[] {"name", "namespace"}) {
            if (live.path("metadata").has(f)) {
                meta.set(f, live.path("metadata").get(f).deepCopy());
            }
        }
        return out;
    }

    private static JsonNode projectNode(JsonNode node, JsonNode fields) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        boolean hasChildren = false;
        for (Iterator<String> it = fields.fieldNames(); it.hasNext(); ) {
            if (!it.next().equals(".")) {
                hasChildren = true;
            }
        }
        if (!hasChildren) {
            return node.deepCopy();
        }
        if (node.isObject()) {
            ObjectNode out = F.objectNode();
            for (Map.Entry<String, JsonNode> e : fields.properties()) {
                if (!e.getKey().startsWith("f:")) {
                    continue;
                }
                String name = e.getKey().substring(2);
                JsonNode child = projectNode(node.get(name), e.getValue());
                if (child != null) {
                    out.set(name, child);
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = F.arrayNode();
            for (JsonNode item : node) {
                for (Map.Entry<String, JsonNode> e : fields.properties()) {
                    if (matches(item, e.getKey())) {
                        // an element owned only as present ('.') is its key; otherwise the owned fields (the key
                        // fields among them when they were applied; a defaulted key field such as a port's
                        // protocol is not, and must not look applied)
                        java.util.Optional<ObjectNode> k = keys(e.getKey());
                        JsonNode p = onlyPresence(e.getValue()) && k.isPresent() ? k.get().deepCopy()
                                : projectNode(item, e.getValue());
                        if (p != null) {
                            out.add(p);
                        }
                        break;
                    }
                }
            }
            return out;
        }
        return node.deepCopy();
    }

    private static boolean onlyPresence(JsonNode fields) {
        for (Iterator<String> it = fields.fieldNames(); it.hasNext(); ) {
            if (!it.next().equals(".")) {
                return false;
            }
        }
        return true;
    }

    private static java.util.Optional<ObjectNode> keys(String key) {
        if (!key.startsWith("k:")) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode k = MAPPER.readTree(key.substring(2));
            return k instanceof ObjectNode o ? java.util.Optional.of(o) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean matches(JsonNode item, String key) {
        try {
            if (key.startsWith("k:")) {
                JsonNode k = MAPPER.readTree(key.substring(2));
                if (!k.isObject() || !item.isObject()) {
                    return false;
                }
                for (Map.Entry<String, JsonNode> e : k.properties()) {
                    JsonNode v = item.get(e.getKey());
                    if (v == null || !Json2.sameScalar(v, e.getValue())) {
                        return false;
                    }
                }
                return true;
            }
            if (key.startsWith("v:")) {
                return Json2.sameScalar(item, MAPPER.readTree(key.substring(2)));
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        for (Map.Entry<String, JsonNode> e : from.properties()) {
            JsonNode cur = into.get(e.getKey());
            if (cur instanceof ObjectNode co && e.getValue() instanceof ObjectNode fo) {
                merge(co, fo);
            } else if (cur == null) {
                into.set(e.getKey(), e.getValue());
            }
        }
    }

    /** Value equality where numbers compare by value (8080 as int or long). */
    private static final class Json2 {
        static boolean sameScalar(JsonNode a, JsonNode b) {
            if (a.isNumber() && b.isNumber()) {
                return a.decimalValue().compareTo(b.decimalValue()) == 0;
            }
            return a.equals(b);
        }
    }
}
