package dev.gitops.api.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One field that differs between the live object and what applying the desired state would make of it.
 *
 * @param pointer RFC 6901 JSON pointer of the field in the live object (list elements by index)
 * @param type whether the field is added, removed or changed by converging
 * @param before the live value, {@link MissingNode} when the field is added (Secret values are masked)
 * @param after the converged value, {@link MissingNode} when the field is removed (Secret values are masked)
 */
public record FieldChange(String pointer, Type type, JsonNode before, JsonNode after) {

    /** The kind of change. */
    public enum Type {
        /** Only the converged object has the field. */
        ADDED,
        /** Only the live object has the field. */
        REMOVED,
        /** Both have it, with different values. */
        CHANGED
    }

    /** Validates and copies. */
    public FieldChange {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(type, "type");
        before = Objects.requireNonNull(before, "before").deepCopy();
        after = Objects.requireNonNull(after, "after").deepCopy();
    }

    /** A copy of the live value ({@link MissingNode} when added). */
    @Override
    public JsonNode before() {
        return before.deepCopy();
    }

    /** A copy of the converged value ({@link MissingNode} when removed). */
    @Override
    public JsonNode after() {
        return after.deepCopy();
    }

    /** The live value, when the field exists on the live object. */
    public Optional<JsonNode> beforeValue() {
        return before.isMissingNode() ? Optional.empty() : Optional.of(before.deepCopy());
    }

    /** The converged value, when the field exists after converging. */
    public Optional<JsonNode> afterValue() {
        return after.isMissingNode() ? Optional.empty() : Optional.of(after.deepCopy());
    }
}
