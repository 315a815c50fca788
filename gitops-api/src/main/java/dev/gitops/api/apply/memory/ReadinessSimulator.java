package dev.gitops.api.apply.memory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.apply.memory.internal.SimulatedStatus;
import dev.gitops.api.model.Resource;
import java.util.Optional;

/**
 * Plays the controllers of an {@link InMemoryCluster}: after each write to an object's spec it may return the
 * status a controller would write (as field manager {@value #MANAGER}). Use {@link #ready()} for workloads that
 * become ready at once, {@link #neverReady()} for workloads that never do (to test health-check timeouts), and
 * {@link #none()} to leave status alone (tests then call {@link InMemoryCluster#updateStatus}).
 */
@FunctionalInterface
public interface ReadinessSimulator {

    /** The field manager under which simulated controllers write status. */
    String MANAGER = "kube-controller-manager";

    /**
     * The status to write for the object as it now is, or empty to leave its status alone.
     *
     * @param object the live object after the write
     * @param timestamp the clock's time as RFC 3339 (for condition transition times)
     */
    Optional<ObjectNode> status(Resource object, String timestamp);

    /** Workloads become ready immediately: Deployments available, Jobs complete, custom resources Ready. */
    static ReadinessSimulator ready() {
        return (object, ts) -> SimulatedStatus.status(object, ts, true);
    }

    /** Workloads are observed but never become ready (no ready replicas, Ready=False). */
    static ReadinessSimulator neverReady() {
        return (object, ts) -> SimulatedStatus.status(object, ts, false);
    }

    /** No controller: status is never written. */
    static ReadinessSimulator none() {
        return (object, ts) -> Optional.empty();
    }
}
