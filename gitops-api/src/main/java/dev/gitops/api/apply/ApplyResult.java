package dev.gitops.api.apply;

import dev.gitops.api.model.Resource;
import java.util.Objects;

/**
 * The outcome of applying one object.
 *
 * @param change what happened
 * @param object the object as the cluster holds it afterwards (for a dry run: as it would hold it), including the
 *     fields the server fills in ({@code metadata.uid}, {@code resourceVersion}, {@code managedFields}, ...)
 */
public record ApplyResult(Change change, Resource object) {

    /** Validates the components. */
    public ApplyResult {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(object, "object");
    }
}
