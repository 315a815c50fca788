package dev.gitops.api.policy;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One violation of a rule: which rule, how severe, where, what is wrong, and (where one is obvious) how to fix it.
 *
 * <p>Messages and fixes name fields and keys, never the values of anything that may be secret.
 *
 * @param ruleId the id of the rule that reported it
 * @param severity the effective severity (the rule's default or the configured one)
 * @param location where it is
 * @param message what is wrong, one line
 * @param suggestedFix a YAML snippet or instruction that fixes it, if one is obvious
 */
public record Finding(String ruleId, Severity severity, Location location, String message,
        Optional<String> suggestedFix) {

    /** Report order: file, line, column, object, pointer, rule, message; findings without a file last, by object. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.location().file().isEmpty())
            .thenComparing(f -> f.location().file())
            .thenComparingInt(f -> f.location().line())
            .thenComparingInt(f -> f.location().column())
            .thenComparing(f -> f.location().resource().map(Object::toString).orElse(""))
            .thenComparing(f -> f.location().pointer())
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::message);

    /** Validates the components. */
    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(suggestedFix, "suggestedFix");
        if (ruleId.isEmpty()) {
            throw new IllegalArgumentException("ruleId must not be empty");
        }
        if (message.isBlank()) {
            throw new IllegalArgumentException("message must not be blank");
        }
    }

    /** A finding without a suggested fix. */
    public static Finding of(String ruleId, Severity severity, Location location, String message) {
        return new Finding(ruleId, severity, location, message, Optional.empty());
    }

    /** The same finding with a suggested fix. */
    public Finding withFix(String fix) {
        return new Finding(ruleId, severity, location, message, Optional.of(fix));
    }

    /** The same finding at another severity. */
    public Finding withSeverity(Severity newSeverity) {
        return new Finding(ruleId, newSeverity, location, message, suggestedFix);
    }

    /** {@code location: severity rule-id: message}. */
    @Override
    public String toString() {
        return location + ": " + severity.id() + " " + ruleId + ": " + message;
    }
}
