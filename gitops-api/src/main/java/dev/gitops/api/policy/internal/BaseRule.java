package dev.gitops.api.policy.internal;

import dev.gitops.api.policy.PolicyRule;
import dev.gitops.api.policy.Severity;
import java.util.Set;

/** The descriptor part of a built-in rule. */
abstract class BaseRule implements PolicyRule {

    private final String id;
    private final String ruleSet;
    private final Severity severity;
    private final String rationale;
    private final boolean onByDefault;
    private final Set<String> options;

    BaseRule(String id, String ruleSet, Severity severity, String rationale) {
        this(id, ruleSet, severity, rationale, true, Set.of());
    }

    BaseRule(String id, String ruleSet, Severity severity, String rationale, boolean onByDefault,
            Set<String> options) {
        this.id = id;
        this.ruleSet = ruleSet;
        this.severity = severity;
        this.rationale = rationale;
        this.onByDefault = onByDefault;
        this.options = Set.copyOf(options);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String ruleSet() {
        return ruleSet;
    }

    @Override
    public final Severity defaultSeverity() {
        return severity;
    }

    @Override
    public final String rationale() {
        return rationale;
    }

    @Override
    public final boolean enabledByDefault() {
        return onByDefault;
    }

    @Override
    public final Set<String> optionNames() {
        return options;
    }

    @Override
    public String toString() {
        return id;
    }
}
