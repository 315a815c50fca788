package dev.gitops.api.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * A status condition as Flux objects carry them ({@code metav1.Condition}).
 *
 * @param type {@code Ready}, {@code Reconciling}, {@code Stalled}, {@code Healthy}, …
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param reason a CamelCase reason, e.g. {@code ReconciliationSucceeded}
 * @param message a human-readable message
 * @param lastTransitionTime when the status last changed
 */
public record Condition(String type, String status, String reason, String message, Instant lastTransitionTime) {

    /** The Ready condition type. */
    public static final String READY = "Ready";
    /** The Reconciling condition type. */
    public static final String RECONCILING = "Reconciling";
    /** The Stalled condition type. */
    public static final String STALLED = "Stalled";
    /** The Healthy condition type (Kustomizations with health checks). */
    public static final String HEALTHY = "Healthy";

    /** HelmRelease: the status of the last release attempt (install or upgrade). */
    public static final String RELEASED = "Released";
    /** HelmRelease: the status of the last remediation (rollback or uninstall). */
    public static final String REMEDIATED = "Remediated";
    /** HelmRelease: the status of the last test run. */
    public static final String TEST_SUCCESS = "TestSuccess";
    /** HelmRelease: whether the cluster state drifted from the release. */
    public static final String DRIFTED = "Drifted";

    /** Validates. */
    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
        if (!status.equals("True") && !status.equals("False") && !status.equals("Unknown")) {
            throw new IllegalArgumentException("status must be True, False or Unknown");
        }
    }

    /** True when the status is {@code True}. */
    public boolean isTrue() {
        return status.equals("True");
    }
}
