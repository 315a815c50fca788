package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/** kustomize's fieldspec filter: walks a path (sequences fan out) and calls a setter on each match. */
public final class Walk {

    /** A place in a tree that can be read and replaced. */
    public interface Slot {
        JsonNode get();

        void set(JsonNode value);
    }

    /** What a transformer does at a matched field. */
    public interface SetFn {
        void set(Slot slot);
    }

    /** The kind of node to create for missing fields. */
    public enum Create { NONE, SCALAR, MAP, SEQ }

    private Walk() {}

    static boolean matchesGvk(FieldSpec fs, Res r) {
        Gvk g = r.gvk();
        return (fs.gvk().kind().isEmpty() || fs.gvk().kind().equals(g.kind()))
                && (fs.gvk().group().isEmpty() || fs.gvk().group().equals(g.group()))
                && (fs.gvk().version().isEmpty() || fs.gvk().version().equals(g.version()));
    }

    public static void apply(Res r, FieldSpec fs, Create createKind, SetFn fn) {
        if (!matchesGvk(fs, r)) {
            return;
        }
        List<String> path = fs.segments();
        try {
            walk(r.node, path, 0, fs.create() ? createKind : Create.NONE, fn, rootSlot(r));
        } catch (BuildError e) {
            throw new BuildError("considering field '" + fs.path() + "' of object " + r.curId() + ": "
                    + e.getMessage(), e);
        }
    }

    public static void applyAll(Res r, List<FieldSpec> specs, Create createKind, SetFn fn) {
        for (FieldSpec fs : specs) {
            apply(r, fs, createKind, fn);
        }
    }

    private static Slot rootSlot(Res r) {
        return new Slot() {
            public JsonNode get() {
                return r.node;
            }

            public void set(JsonNode value) {
                r.node = (ObjectNode) value;
            }
        };
    }

    static Slot fieldSlot(ObjectNode parent, String name) {
        return new Slot() {
            public JsonNode get() {
                return parent.get(name);
            }

            public void set(JsonNode value) {
                parent.set(name, value);
            }
        };
    }

    static Slot elementSlot(ArrayNode parent, int i) {
        return new Slot() {
            public JsonNode get() {
                return parent.get(i);
            }

            public void set(JsonNode value) {
                parent.set(i, value);
            }
        };
    }

    private static void walk(JsonNode node, List<String> path, int i, Create create, SetFn fn, Slot slot) {
        if (i == path.size()) {
            fn.set(slot);
            return;
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node instanceof ArrayNode arr) {
            for (int k = 0; k < arr.size(); k++) {
                walk(arr.get(k), path, i, create, fn, elementSlot(arr, k));
            }
            return;
        }
        if (!(node instanceof ObjectNode obj)) {
            throw new BuildError("expected sequence or mapping node");
        }
        String seg = path.get(i);
        boolean isSeq = seg.endsWith("[]");
        String field = isSeq ? seg.substring(0, seg.length() - 2) : seg;
        if (field.isEmpty()) {
            throw new BuildError("cannot set or create an empty field name");
        }
        JsonNode child = obj.get(field);
        if (create == Create.NONE || isSeq) {
            if (child == null) {
                return;
            }
        } else if (i == path.size() - 1) {
            if (child == null || child.isNull()) {
                child = switch (create) {
                    case SCALAR -> child == null ? TextNode.valueOf("") : child;
                    case MAP -> obj.objectNode();
                    case SEQ -> obj.arrayNode();
                    default -> child;
                };
                if (child != null && !(create == Create.SCALAR && child.isNull())) {
                    obj.set(field, child);
                }
            }
        } else if (child == null || child.isNull()) {
            child = obj.objectNode();
            obj.set(field, child);
        }
        walk(child, path, i + 1, create, fn, fieldSlot(obj, field));
    }
}
