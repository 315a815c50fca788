package dev.gitops.api.engine;

import dev.gitops.api.model.ResourceId;
import java.time.Instant;
import java.util.Objects;

/**
 * A reconcile event, as Flux controllers record them (and notification-controller forwards them).
 *
 * @param timestamp when
 * @param involvedObject the Flux object
 * @param severity {@code info} or {@code error}
 * @param reason a Flux reason, e.g. {@code ReconciliationSucceeded}
 * @param message a human-readable message (never a secret value)
 * @param revision the source revision concerned, {@code ""} when none
 */
public record Event(Instant timestamp, ResourceId involvedObject, Severity severity, String reason, String message,
        String revision) {

    /** Validates. */
    public Event {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(involvedObject, "involvedObject");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(revision, "revision");
    }

    /** Event severity, as notification-controller's {@code eventSeverity}. */
    public enum Severity {
        /** Normal events. */
        INFO,
        /** Warnings and failures. */
        ERROR
    }
}
