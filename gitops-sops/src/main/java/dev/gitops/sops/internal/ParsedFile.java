package dev.gitops.sops.internal;

import dev.gitops.sops.SopsNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A file as a store read it: the data branches (without the {@code sops} key) and the raw metadata as plain Java
 * values (maps, lists, strings...), if there was any.
 */
public record ParsedFile(List<SopsNode.Branch> branches, Optional<Object> metadata) {

    /** Copies. */
    public ParsedFile {
        branches = List.copyOf(branches);
    }

    /** Converts a tree value to plain Java values (comments dropped, time as text). */
    public static Object toPlain(SopsNode n) {
        if (n instanceof SopsNode.Branch b) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (SopsNode.Item i : b.items()) {
                if (i instanceof SopsNode.Entry e) {
                    m.put(e.key(), toPlain(e.value()));
                }
            }
            return m;
        } else if (n instanceof SopsNode.Sequence s) {
            List<Object> l = new ArrayList<>();
            for (SopsNode e : s.elements()) {
                if (!(e instanceof SopsNode.Comment)) {
                    l.add(toPlain(e));
                }
            }
            return l;
        } else if (n instanceof SopsNode.Str s) {
            return s.text();
        } else if (n instanceof SopsNode.Int i) {
            return i.value();
        } else if (n instanceof SopsNode.Float f) {
            return f.value();
        } else if (n instanceof SopsNode.Bool b) {
            return b.value();
        } else if (n instanceof SopsNode.Time t) {
            return GoScalars.formatTime(t.value());
        } else if (n instanceof SopsNode.Null) {
            return null;
        }
        return n.toString();
    }

    /** Converts plain Java values to a tree (maps keep their iteration order). */
    public static SopsNode fromPlain(Object o) {
        if (o instanceof Map<?, ?> m) {
            List<SopsNode.Item> items = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                items.add(new SopsNode.Entry(String.valueOf(e.getKey()), fromPlain(e.getValue())));
            }
            return new SopsNode.Branch(items);
        } else if (o instanceof List<?> l) {
            List<SopsNode> el = new ArrayList<>();
            for (Object x : l) {
                el.add(fromPlain(x));
            }
            return new SopsNode.Sequence(el);
        } else if (o instanceof String s) {
            return SopsNode.Str.of(s);
        } else if (o instanceof Long || o instanceof Integer) {
            return new SopsNode.Int(((Number) o).longValue());
        } else if (o instanceof Double d) {
            return new SopsNode.Float(d);
        } else if (o instanceof Boolean b) {
            return new SopsNode.Bool(b);
        } else if (o == null) {
            return SopsNode.Null.INSTANCE;
        }
        return SopsNode.Str.of(String.valueOf(o));
    }

    /** Splits off the {@code sops} entry of a branch. */
    public static SopsNode.Branch without(SopsNode.Branch b, String key) {
        List<SopsNode.Item> items = new ArrayList<>();
        for (SopsNode.Item i : b.items()) {
            if (!(i instanceof SopsNode.Entry e && e.key().equals(key))) {
                items.add(i);
            }
        }
        return new SopsNode.Branch(items);
    }
}
