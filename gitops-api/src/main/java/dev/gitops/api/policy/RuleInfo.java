package dev.gitops.api.policy;

import java.util.Objects;

/**
 * A rule as it ran in one lint: its id, rule set, effective severity and rationale.
 *
 * @param id rule id
 * @param ruleSet rule set
 * @param severity effective severity (configured or the rule's default)
 * @param rationale one-line rationale
 */
public record RuleInfo(String id, String ruleSet, Severity severity, String rationale) {

    /** Validates the components. */
    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ruleSet, "ruleSet");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rationale, "rationale");
    }

    /** The descriptor of a rule at a severity. */
    public static RuleInfo of(PolicyRule rule, Severity severity) {
        return new RuleInfo(rule.id(), rule.ruleSet(), severity, rule.rationale());
    }
}
