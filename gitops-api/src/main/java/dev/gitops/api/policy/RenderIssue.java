package dev.gitops.api.policy;

import java.util.Objects;

/**
 * Something a {@link ManifestSource} could not render: a Kustomization whose build fails, a HelmRelease whose chart
 * does not render, or a part that cannot be rendered without a cluster or the network (a source outside the
 * repository, a {@code substituteFrom} or {@code valuesFrom} object that is not in it, an encrypted Secret). The
 * engine reports issues as findings of the rules {@code render-failed} and {@code render-incomplete}, so that they
 * can be configured and exempted like any other finding; the rest of the repository is still linted.
 *
 * <p>Messages never contain values that may be secret.
 *
 * @param kind whether the part fails (Flux would fail too) or could only not be rendered offline
 * @param location the Flux object (file, line and field) the issue is about
 * @param message what went wrong, one line
 */
public record RenderIssue(Kind kind, Location location, String message) {

    /** How serious an issue is. */
    public enum Kind {
        /** The part does not build or render: Flux would fail on it too. */
        FAILED,
        /** The part could not be rendered here (no cluster, no network); Flux may well succeed. */
        INCOMPLETE
    }

    /** Validates the components. */
    public RenderIssue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        if (message.isBlank()) {
            throw new IllegalArgumentException("message must not be blank");
        }
    }
}
