package dev.gitops.api.patch.internal;

import dev.gitops.api.patch.PatchField;
import dev.gitops.api.patch.PatchSchema;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A schema node backed by a table of field definitions. Nodes are created first and filled afterwards so that
 * recursive types (a list of the type itself) resolve to the same node. Immutable once {@link #freeze()} ran.
 */
public final class TableSchema implements PatchSchema {

    private final String typeName;
    private final boolean strict;
    private Map<String, PatchField> fields = new HashMap<>();
    private PatchSchema additionalProperties;
    private volatile boolean frozen;

    /** A node with no fields yet. */
    public TableSchema(String typeName, boolean strict) {
        this.typeName = typeName;
        this.strict = strict;
    }

    /** Adds a field (only before {@link #freeze()}). */
    public void put(PatchField field) {
        if (frozen) {
            throw new IllegalStateException("frozen");
        }
        fields.put(field.name(), field);
    }

    /** Makes every key of this map type resolve to a field with the given value schema. */
    public void additionalProperties(PatchSchema valueSchema) {
        if (frozen) {
            throw new IllegalStateException("frozen");
        }
        this.additionalProperties = valueSchema;
    }

    /** Ends construction. */
    public void freeze() {
        fields = Map.copyOf(fields);
        frozen = true;
    }

    /** The fields listed for this type. */
    public Map<String, PatchField> fields() {
        return fields;
    }

    @Override
    public Optional<PatchField> field(String name) {
        PatchField f = fields.get(name);
        if (f == null && additionalProperties != null) {
            return Optional.of(PatchField.of(name, additionalProperties));
        }
        return Optional.ofNullable(f);
    }

    @Override
    public boolean strict() {
        return strict;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public String toString() {
        return "PatchSchema[" + typeName + "]";
    }
}
