package dev.gitops.api.apply;

import dev.gitops.api.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The result of applying, deleting or pruning a set of objects: one {@link Change} per object, in the order the
 * operations ran.
 *
 * @param changes the entries
 */
public record ChangeSet(List<Change> changes) {

    private static final ChangeSet EMPTY = new ChangeSet(List.of());

    /** Copies the entries. */
    public ChangeSet {
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    }

    /** A change set without entries. */
    public static ChangeSet empty() {
        return EMPTY;
    }

    /** This change set followed by {@code other}'s entries. */
    public ChangeSet plus(ChangeSet other) {
        List<Change> all = new ArrayList<>(changes);
        all.addAll(other.changes);
        return new ChangeSet(all);
    }

    /** The entries with the given action. */
    public List<Change> withAction(Action action) {
        return changes.stream().filter(c -> c.action() == action).toList();
    }

    /** The ids of the entries with the given action. */
    public List<ResourceId> ids(Action action) {
        return changes.stream().filter(c -> c.action() == action).map(Change::id).toList();
    }

    /** The objects that were created. */
    public List<ResourceId> created() {
        return ids(Action.CREATED);
    }

    /** The objects that were changed. */
    public List<ResourceId> configured() {
        return ids(Action.CONFIGURED);
    }

    /** The objects that were already as desired. */
    public List<ResourceId> unchanged() {
        return ids(Action.UNCHANGED);
    }

    /** The objects that were deleted. */
    public List<ResourceId> deleted() {
        return ids(Action.DELETED);
    }

    /** The objects that were left alone. */
    public List<ResourceId> skipped() {
        return ids(Action.SKIPPED);
    }

    /** True when any entry changed the cluster (or would have, in a dry run). */
    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.action().isChange());
    }

    /** One {@code Kind/namespace/name action} line per entry, as Flux logs change sets. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Change c : changes) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
