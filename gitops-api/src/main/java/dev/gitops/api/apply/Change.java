package dev.gitops.api.apply;

import dev.gitops.api.model.ResourceId;
import java.util.Objects;

/**
 * What happened to one object.
 *
 * @param id the object (for applies, as the cluster stored it: with its namespace defaulted)
 * @param action what was done
 * @param reason why, for {@link Action#SKIPPED} (e.g. {@code prune disabled}); {@code ""} otherwise
 */
public record Change(ResourceId id, Action action, String reason) {

    /** Validates the components. */
    public Change {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
    }

    /** A change without a reason. */
    public static Change of(ResourceId id, Action action) {
        return new Change(id, action, "");
    }

    /** {@code Kind/namespace/name action}, as Flux prints change set entries. */
    @Override
    public String toString() {
        return id + " " + action.label() + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
