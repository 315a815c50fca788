package dev.gitops.api.error;

import dev.gitops.api.model.ResourceId;
import java.util.List;
import java.util.Objects;

/**
 * HTTP 409: a server-side apply touched fields owned by another field manager (and was not forced), or an update
 * raced with another writer (stale {@code resourceVersion}, object already exists). For field-manager conflicts
 * {@link #conflicts()} names each field and its owner.
 */
public class ConflictException extends ApplyException {

    private final transient List<FieldConflict> conflicts;

    /**
     * One field owned by another manager.
     *
     * @param manager the field manager that owns the field
     * @param field the field path as the API server prints it, e.g. {@code .spec.replicas} or
     *     {@code .spec.template.spec.containers[name="web"].image}
     */
    public record FieldConflict(String manager, String field) {
        /** Validates the components. */
        public FieldConflict {
            Objects.requireNonNull(manager, "manager");
            Objects.requireNonNull(field, "field");
        }
    }

    /** A conflict with the given field-manager conflicts (may be empty for other kinds of conflicts). */
    public ConflictException(ResourceId resourceId, String detail, List<FieldConflict> conflicts) {
        this(resourceId, detail, conflicts, null);
    }

    /** As {@link #ConflictException(ResourceId, String, List)}, with a cause (may be null). */
    public ConflictException(ResourceId resourceId, String detail, List<FieldConflict> conflicts, Throwable cause) {
        super(resourceId, 409, "Conflict", detail, cause);
        this.conflicts = List.copyOf(conflicts);
    }

    /** The conflicting fields, empty when the conflict is not about field ownership. */
    public List<FieldConflict> conflicts() {
        return conflicts;
    }
}
