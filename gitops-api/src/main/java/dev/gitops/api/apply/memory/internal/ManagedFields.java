package dev.gitops.api.apply.memory.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads and writes {@code metadata.managedFields}. */
public final class ManagedFields {

    /** The operation recorded for a manager. */
    public enum Operation {
        /** Server-side apply. */
        Apply,
        /** Create, update or patch. */
        Update
    }

    /** One {@code managedFields} entry (mutable while an operation computes the new entries). */
    public static final class Entry {
        /** The field manager. */
        public final String manager;
        /** The operation. */
        public final Operation operation;
        /** The subresource ({@code ""} or {@code status}). */
        public final String subresource;
        /** The API version the fields were written in. */
        public String apiVersion;
        /** When the entry last changed. */
        public String time;
        /** The owned fields. */
        public FieldSet fields;

        /** An entry. */
        public Entry(String manager, Operation operation, String subresource, String apiVersion, String time,
                FieldSet fields) {
            this.manager = Objects.requireNonNull(manager);
            this.operation = Objects.requireNonNull(operation);
            this.subresource = Objects.requireNonNull(subresource);
            this.apiVersion = apiVersion;
            this.time = time;
            this.fields = fields;
        }

        /** True when this entry is the given manager's for the given operation and subresource. */
        public boolean is(String m, Operation op, String sub) {
            return manager.equals(m) && operation == op && subresource.equals(sub);
        }

        Entry copy() {
            return new Entry(manager, operation, subresource, apiVersion, time, fields.copy());
        }

        boolean sameAs(Entry o) {
            return is(o.manager, o.operation, o.subresource) && Objects.equals(apiVersion, o.apiVersion)
                    && fields.equals(o.fields);
        }
    }

    private ManagedFields() {
    }

    /** The entries of an object. */
    public static List<Entry> read(ObjectNode object) {
        List<Entry> out = new ArrayList<>();
        JsonNode mf = object.path("metadata").path("managedFields");
        if (mf.isArray()) {
            for (JsonNode e : mf) {
                Operation op = "Apply".equals(e.path("operation").asText()) ? Operation.Apply : Operation.Update;
                out.add(new Entry(e.path("manager").asText(""), op, e.path("subresource").asText(""),
                        e.path("apiVersion").asText(""), e.path("time").asText(""),
                        FieldSet.fromFieldsV1(e.get("fieldsV1"))));
            }
        }
        return out;
    }

    /** Deep copies of the entries. */
    public static List<Entry> copy(List<Entry> entries) {
        List<Entry> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(e.copy());
        }
        return out;
    }

    /** True when both lists hold the same entries (times ignored). */
    public static boolean same(List<Entry> a, List<Entry> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sameAs(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Writes the entries into the object's metadata. */
    public static void write(ObjectNode object, List<Entry> entries) {
        ObjectNode meta = object.withObjectProperty("metadata");
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        for (Entry e : entries) {
            ObjectNode n = arr.addObject();
            n.put("manager", e.manager);
            n.put("operation", e.operation.name());
            n.put("apiVersion", e.apiVersion);
            n.put("time", e.time);
            n.put("fieldsType", "FieldsV1");
            n.set("fieldsV1", e.fields.toFieldsV1());
            if (!e.subresource.isEmpty()) {
                n.put("subresource", e.subresource);
            }
        }
        if (arr.isEmpty()) {
            meta.remove("managedFields");
        } else {
            meta.set("managedFields", arr);
        }
    }
}
