package dev.gitops.api.policy;

import java.util.Objects;

/**
 * A finding that an exemption suppressed, with the exemption's reason.
 *
 * @param finding the suppressed finding
 * @param source where the exemption is: {@code annotation} (on the object) or {@code config} (in the policy file)
 * @param reason why it is exempt ({@code ""} when none was given)
 */
public record Suppression(Finding finding, Source source, String reason) {

    /** Where an exemption was declared. */
    public enum Source {
        /** A {@code gitops.dev/exempt} annotation on the object. */
        ANNOTATION,
        /** An {@code exemptions} entry of the policy configuration. */
        CONFIG
    }

    /** Validates the components. */
    public Suppression {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
    }
}
