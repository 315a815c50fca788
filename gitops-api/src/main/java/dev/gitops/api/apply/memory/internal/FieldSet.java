package dev.gitops.api.apply.memory.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of field paths, as structured-merge-diff's {@code fieldpath.Set}: a trie whose edges are path elements
 * ({@code f:name}, {@code k:{"name":"web"}}, {@code v:"x"}, {@code i:0}) and whose nodes may be members. Serialises
 * to and from the {@code fieldsV1} form of {@code metadata.managedFields} (members with children carry
 * {@code ".": {}}). Children are kept sorted, so output is deterministic and matches the API server's.
 */
public final class FieldSet {

    private boolean member;
    private final TreeMap<String, FieldSet> children = new TreeMap<>();

    /** An empty set. */
    public FieldSet() {
    }

    /** Parses a {@code fieldsV1} object. */
    public static FieldSet fromFieldsV1(JsonNode node) {
        FieldSet s = new FieldSet();
        if (node != null && node.isObject()) {
            s.readChildren(node);
        }
        return s;
    }

    private void readChildren(JsonNode node) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equals(".")) {
                continue;
            }
            FieldSet c = new FieldSet();
            JsonNode v = e.getValue();
            if (!v.isObject() || v.size() == 0 || v.has(".")) {
                c.member = true;
            }
            if (v.isObject()) {
                c.readChildren(v);
            }
            children.put(e.getKey(), c);
        }
    }

    /** The {@code fieldsV1} object. */
    public ObjectNode toFieldsV1() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        write(out);
        return out;
    }

    private void write(ObjectNode out) {
        for (Map.Entry<String, FieldSet> e : children.entrySet()) {
            ObjectNode c = out.putObject(e.getKey());
            FieldSet child = e.getValue();
            if (child.member && !child.children.isEmpty()) {
                c.putObject(".");
            }
            child.write(c);
        }
    }

    /** Adds a member path. */
    public void add(List<String> path) {
        FieldSet n = this;
        for (String el : path) {
            n = n.children.computeIfAbsent(el, k -> new FieldSet());
        }
        n.member = true;
    }

    /** True when the path is a member. */
    public boolean contains(List<String> path) {
        FieldSet n = find(path);
        return n != null && n.member;
    }

    /** True when the path or any path below it is a member. */
    public boolean containsPrefix(List<String> path) {
        FieldSet n = find(path);
        return n != null && (n.member || n.hasMembers());
    }

    private boolean hasMembers() {
        for (FieldSet c : children.values()) {
            if (c.member || c.hasMembers()) {
                return true;
            }
        }
        return false;
    }

    private FieldSet find(List<String> path) {
        FieldSet n = this;
        for (String el : path) {
            n = n.children.get(el);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /** Removes a member path (its descendants stay). */
    public void remove(List<String> path) {
        FieldSet n = find(path);
        if (n != null) {
            n.member = false;
        }
        prune();
    }

    /** Removes a path and everything below it. */
    public void removeTree(List<String> path) {
        if (path.isEmpty()) {
            children.clear();
            member = false;
            return;
        }
        FieldSet parent = find(path.subList(0, path.size() - 1));
        if (parent != null) {
            parent.children.remove(path.get(path.size() - 1));
        }
        prune();
    }

    private boolean prune() {
        children.values().removeIf(FieldSet::prune);
        return !member && children.isEmpty();
    }

    /** Every member path, depth first in sorted order. */
    public List<List<String>> paths() {
        List<List<String>> out = new ArrayList<>();
        collect(new ArrayList<>(), out);
        return out;
    }

    private void collect(List<String> prefix, List<List<String>> out) {
        if (member) {
            out.add(List.copyOf(prefix));
        }
        for (Map.Entry<String, FieldSet> e : children.entrySet()) {
            prefix.add(e.getKey());
            e.getValue().collect(prefix, out);
            prefix.remove(prefix.size() - 1);
        }
    }

    /** True when no path is a member. */
    public boolean isEmpty() {
        return !member && !hasMembers();
    }

    /** A deep copy. */
    public FieldSet copy() {
        FieldSet s = new FieldSet();
        s.member = member;
        for (Map.Entry<String, FieldSet> e : children.entrySet()) {
            s.children.put(e.getKey(), e.getValue().copy());
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet f && paths().equals(f.paths());
    }

    @Override
    public int hashCode() {
        return paths().hashCode();
    }

    @Override
    public String toString() {
        return toFieldsV1().toString();
    }
}
