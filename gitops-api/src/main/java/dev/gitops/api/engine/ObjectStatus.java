package dev.gitops.api.engine;

import dev.gitops.api.model.ResourceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The status the engine keeps for one Flux object (a Kustomization, HelmRelease or source), shaped like the
 * object's {@code .status}.
 *
 * @param id the Flux object
 * @param conditions Ready, Reconciling, Stalled, Healthy as they apply
 * @param lastAppliedRevision the last revision applied successfully ({@code ""} before the first success); a
 *     failed reconcile never changes it
 * @param lastAttemptedRevision the revision of the last attempt
 * @param inventory the objects the last successful apply owned, sorted
 * @param suspended {@code spec.suspend}
 * @param lastReconciled when the last attempt ended
 * @param failures consecutive failures (0 after a success)
 * @param history HelmReleases: the release records, newest first (helm-controller's {@code status.history});
 *     empty for other kinds
 */
public record ObjectStatus(ResourceId id, List<Condition> conditions, String lastAppliedRevision,
        String lastAttemptedRevision, List<ResourceId> inventory, boolean suspended, Instant lastReconciled,
        int failures, List<HelmReleaseSnapshot> history) {

    /** A status without release history. */
    public ObjectStatus(ResourceId id, List<Condition> conditions, String lastAppliedRevision,
            String lastAttemptedRevision, List<ResourceId> inventory, boolean suspended, Instant lastReconciled,
            int failures) {
        this(id, conditions, lastAppliedRevision, lastAttemptedRevision, inventory, suspended, lastReconciled,
                failures, List.of());
    }

    /** Validates and copies. */
    public ObjectStatus {
        Objects.requireNonNull(id, "id");
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(lastAppliedRevision, "lastAppliedRevision");
        Objects.requireNonNull(lastAttemptedRevision, "lastAttemptedRevision");
        inventory = List.copyOf(inventory);
        Objects.requireNonNull(lastReconciled, "lastReconciled");
        history = List.copyOf(history);
    }

    /** The condition of a type, if set. */
    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /** True when Ready is True. */
    public boolean ready() {
        return condition(Condition.READY).map(Condition::isTrue).orElse(false);
    }

    /** The Ready condition's status ({@code Unknown} when unset). */
    public String readyStatus() {
        return condition(Condition.READY).map(Condition::status).orElse("Unknown");
    }

    /** The Ready condition's message ({@code ""} when unset). */
    public String message() {
        return condition(Condition.READY).map(Condition::message).orElse("");
    }

    /** The Ready condition's reason ({@code ""} when unset). */
    public String reason() {
        return condition(Condition.READY).map(Condition::reason).orElse("");
    }
}
