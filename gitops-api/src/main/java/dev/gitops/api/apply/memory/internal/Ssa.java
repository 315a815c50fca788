package dev.gitops.api.apply.memory.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server-side apply algorithms on JSON trees: the field set of an applied configuration, the merge of a
 * configuration into a live object, removal of fields, value lookup by path and the changes between two objects.
 */
public final class Ssa {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SERVER_METADATA = Set.of("name", "namespace", "uid", "resourceVersion",
            "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp",
            "deletionGracePeriodSeconds");

    private Ssa() {
    }

    /** True when two JSON values are equal, comparing numbers by value. */
    public static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                if (!same(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** The field set of a whole object (apiVersion, kind, name, namespace and server fields excluded). */
    public static FieldSet fieldsOf(ObjectNode object, boolean includeStatus) {
        FieldSet out = new FieldSet();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            String k = e.getKey();
            if (k.equals("apiVersion") || k.equals("kind") || (k.equals("status") && !includeStatus)) {
                continue;
            }
            List<String> path = List.of("f:" + k);
            if (k.equals("metadata") && e.getValue().isObject()) {
                for (Map.Entry<String, JsonNode> me : e.getValue().properties()) {
                    if (!SERVER_METADATA.contains(me.getKey())) {
                        collect(me.getValue(), List.of("metadata", me.getKey()),
                                List.of("f:metadata", "f:" + me.getKey()), out);
                    }
                }
                continue;
            }
            collect(e.getValue(), List.of(k), path, out);
        }
        return out;
    }

    private static void collect(JsonNode v, List<String> names, List<String> path, FieldSet out) {
        if (v.isObject() && v.size() > 0 && !ListSchema.atomicObject(names, v)) {
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                collect(e.getValue(), plus(names, e.getKey()), plus(path, "f:" + e.getKey()), out);
            }
            return;
        }
        if (v.isArray() && v.size() > 0) {
            ListSchema.Spec spec = ListSchema.listAt(names);
            switch (spec.type()) {
                case SET -> {
                    for (JsonNode item : v) {
                        out.add(plus(path, "v:" + item.toString()));
                    }
                    return;
                }
                case MAP -> {
                    if (allObjects(v)) {
                        for (JsonNode item : v) {
                            List<String> ip = plus(path, keyElement(item, spec));
                            out.add(ip);
                            List<String> in = plus(names, "[]");
                            for (Map.Entry<String, JsonNode> e : item.properties()) {
                                collect(e.getValue(), plus(in, e.getKey()), plus(ip, "f:" + e.getKey()), out);
                            }
                        }
                        return;
                    }
                }
                default -> {
                }
            }
        }
        out.add(path);
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode i : array) {
            if (!i.isObject()) {
                return false;
            }
        }
        return true;
    }

    /** The {@code k:{...}} element of an associative-list item: its key fields (defaults applied), sorted. */
    public static String keyElement(JsonNode item, ListSchema.Spec spec) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        List<String> sorted = new ArrayList<>(spec.keys());
        java.util.Collections.sort(sorted);
        for (String k : sorted) {
            JsonNode v = item.get(k);
            if (v == null || v.isNull()) {
                String d = spec.defaults().get(k);
                if (d != null) {
                    key.put(k, d);
                }
            } else {
                key.set(k, v);
            }
        }
        return "k:" + key;
    }

    private static List<String> plus(List<String> l, String e) {
        List<String> out = new ArrayList<>(l.size() + 1);
        out.addAll(l);
        out.add(e);
        return out;
    }

    /** The field names of a path (for schema lookups), {@code "[]"} for list items. */
    public static List<String> names(List<String> path) {
        List<String> out = new ArrayList<>(path.size());
        for (String el : path) {
            out.add(el.startsWith("f:") ? el.substring(2) : "[]");
        }
        return out;
    }

    /** The value at a path, or null. */
    public static JsonNode resolve(JsonNode root, List<String> path) {
        JsonNode n = root;
        List<String> names = new ArrayList<>();
        for (String el : path) {
            if (n == null) {
                return null;
            }
            if (el.startsWith("f:")) {
                String f = el.substring(2);
                n = n.isObject() ? n.get(f) : null;
                names.add(f);
            } else {
                if (!n.isArray()) {
                    return null;
                }
                int idx = indexOf((ArrayNode) n, el, ListSchema.listAt(names));
                n = idx < 0 ? null : n.get(idx);
                names.add("[]");
            }
        }
        return n;
    }

    private static int indexOf(ArrayNode list, String el, ListSchema.Spec spec) {
        try {
            if (el.startsWith("k:")) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i).isObject() && keyElement(list.get(i), spec).equals(el)) {
                        return i;
                    }
                }
            } else if (el.startsWith("v:")) {
                JsonNode want = JSON.readTree(el.substring(2));
                for (int i = 0; i < list.size(); i++) {
                    if (same(list.get(i), want)) {
                        return i;
                    }
                }
            } else if (el.startsWith("i:")) {
                int i = Integer.parseInt(el.substring(2));
                return i < list.size() ? i : -1;
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Removes the value at a path (a field, a list item or a set value); no-op when absent. */
    public static void remove(JsonNode root, List<String> path) {
        if (path.isEmpty()) {
            return;
        }
        JsonNode parent = resolve(root, path.subList(0, path.size() - 1));
        String el = path.get(path.size() - 1);
        if (parent == null) {
            return;
        }
        if (el.startsWith("f:") && parent.isObject()) {
            ((ObjectNode) parent).remove(el.substring(2));
        } else if (parent.isArray()) {
            int idx = indexOf((ArrayNode) parent, el, ListSchema.listAt(names(path.subList(0, path.size() - 1))));
            if (idx >= 0) {
                ((ArrayNode) parent).remove(idx);
            }
        }
    }

    /** Merges an applied configuration into a copy of the live object and returns it. */
    public static ObjectNode merge(ObjectNode live, ObjectNode applied) {
        ObjectNode out = live.deepCopy();
        mergeObject(out, applied, List.of());
        return out;
    }

    private static void mergeObject(ObjectNode target, JsonNode applied, List<String> names) {
        for (Map.Entry<String, JsonNode> e : applied.properties()) {
            List<String> cn = plus(names, e.getKey());
            target.set(e.getKey(), mergeValue(target.get(e.getKey()), e.getValue(), cn));
        }
    }

    private static JsonNode mergeValue(JsonNode live, JsonNode applied, List<String> names) {
        if (live == null) {
            return applied.deepCopy();
        }
        if (applied.isObject() && live.isObject() && !ListSchema.atomicObject(names, applied)) {
            ObjectNode o = (ObjectNode) live.deepCopy();
            mergeObject(o, applied, names);
            return o;
        }
        if (applied.isArray() && live.isArray()) {
            ListSchema.Spec spec = ListSchema.listAt(names);
            if (spec.type() == ListSchema.Type.SET) {
                ArrayNode out = JsonNodeFactory.instance.arrayNode();
                applied.forEach(v -> out.add(v.deepCopy()));
                for (JsonNode v : live) {
                    if (indexOfValue(out, v) < 0) {
                        out.add(v.deepCopy());
                    }
                }
                return out;
            }
            if (spec.type() == ListSchema.Type.MAP && allObjects(applied) && allObjects(live)) {
                ArrayNode out = JsonNodeFactory.instance.arrayNode();
                List<String> itemNames = plus(names, "[]");
                List<String> appliedKeys = new ArrayList<>();
                for (JsonNode a : applied) {
                    String k = keyElement(a, spec);
                    appliedKeys.add(k);
                    int li = indexOf((ArrayNode) live, k, spec);
                    if (li < 0) {
                        out.add(a.deepCopy());
                    } else {
                        ObjectNode merged = (ObjectNode) live.get(li).deepCopy();
                        mergeObject(merged, a, itemNames);
                        out.add(merged);
                    }
                }
                for (JsonNode l : live) {
                    if (!appliedKeys.contains(keyElement(l, spec))) {
                        out.add(l.deepCopy());
                    }
                }
                return out;
            }
        }
        return applied.deepCopy();
    }

    private static int indexOfValue(ArrayNode list, JsonNode v) {
        for (int i = 0; i < list.size(); i++) {
            if (same(list.get(i), v)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The changes from {@code before} to {@code after}: the member paths whose values were added or changed (as the
     * field set of the new values) and the paths that were removed.
     */
    public static void diff(JsonNode before, JsonNode after, List<String> names, List<String> path, FieldSet changed,
            FieldSet removed) {
        if (before == null && after == null) {
            return;
        }
        if (before == null) {
            collect(after, names, path, changed);
            return;
        }
        if (after == null) {
            removed.add(path);
            return;
        }
        if (before.isObject() && after.isObject() && after.size() > 0 && before.size() > 0
                && !ListSchema.atomicObject(names, after) && !ListSchema.atomicObject(names, before)) {
            java.util.TreeSet<String> keys = new java.util.TreeSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                diff(before.get(k), after.get(k), plus(names, k), plus(path, "f:" + k), changed, removed);
            }
            return;
        }
        if (before.isArray() && after.isArray() && before.size() > 0 && after.size() > 0) {
            ListSchema.Spec spec = ListSchema.listAt(names);
            if (spec.type() == ListSchema.Type.MAP && allObjects(before) && allObjects(after)) {
                List<String> in = plus(names, "[]");
                for (JsonNode a : after) {
                    String k = keyElement(a, spec);
                    int bi = indexOf((ArrayNode) before, k, spec);
                    if (bi < 0) {
                        collect(JsonNodeFactory.instance.arrayNode().add(a), names, path, changed);
                    } else {
                        diff(before.get(bi), a, in, plus(path, k), changed, removed);
                    }
                }
                for (JsonNode b : before) {
                    String k = keyElement(b, spec);
                    if (indexOf((ArrayNode) after, k, spec) < 0) {
                        removed.add(plus(path, k));
                    }
                }
                return;
            }
            if (spec.type() == ListSchema.Type.SET) {
                for (JsonNode a : after) {
                    if (indexOfValue((ArrayNode) before, a) < 0) {
                        changed.add(plus(path, "v:" + a));
                    }
                }
                for (JsonNode b : before) {
                    if (indexOfValue((ArrayNode) after, b) < 0) {
                        removed.add(plus(path, "v:" + b));
                    }
                }
                return;
            }
        }
        if (!same(before, after)) {
            changed.add(path);
        }
    }

    /** A path as the API server prints it in conflict messages: {@code .spec.containers[name="web"].image}. */
    public static String display(List<String> path) {
        StringBuilder sb = new StringBuilder();
        for (String el : path) {
            if (el.startsWith("f:")) {
                sb.append('.').append(el.substring(2));
            } else if (el.startsWith("k:")) {
                sb.append('[');
                try {
                    JsonNode key = JSON.readTree(el.substring(2));
                    boolean first = true;
                    for (Map.Entry<String, JsonNode> e : key.properties()) {
                        if (!first) {
                            sb.append(',');
                        }
                        first = false;
                        sb.append(e.getKey()).append('=').append(e.getValue());
                    }
                } catch (java.io.IOException e) {
                    sb.append(el.substring(2));
                }
                sb.append(']');
            } else if (el.startsWith("v:")) {
                sb.append("[=").append(el.substring(2)).append(']');
            } else {
                sb.append('[').append(el.substring(2)).append(']');
            }
        }
        return sb.toString();
    }
}
