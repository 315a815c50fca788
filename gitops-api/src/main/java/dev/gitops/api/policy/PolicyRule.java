package dev.gitops.api.policy;

import java.util.List;

/**
 * A repository or manifest check: the plug point platform teams implement to add their own rules.
 *
 * <p>A rule looks at what a {@link PolicyContext} offers, the rendered objects (each with the file and line it came
 * from) and the repository's files, and returns its findings, built with {@link PolicyContext#finding} so that they
 * carry the rule's id and effective severity. Exemptions, severities from the configuration and ordering are the
 * engine's business, not the rule's.
 *
 * <p>Implementations must be stateless and thread-safe; {@link #check} may run concurrently on several contexts.
 * They are registered on {@link PolicyEngine.Builder#rule(PolicyRule)} or found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.gitops.api.policy.PolicyRule}, public no-argument constructor) when the builder is
 * asked to {@linkplain PolicyEngine.Builder#discoverRules(ClassLoader) discover} them; an explicit registration
 * replaces a discovered or built-in rule of the same id.
 *
 * <p>Messages and fixes must never contain values that may be secret: name the key or field, not what it holds.
 */
public interface PolicyRule {

    /** The rule's id, kebab-case and unique, as used in configuration and exemption annotations. */
    String id();

    /** The rule set it belongs to ({@code workloads}, {@code secrets}, ... or a team's own), kebab-case. */
    String ruleSet();

    /** The severity of its findings unless the configuration says otherwise. */
    Severity defaultSeverity();

    /** Why the rule exists, one line. */
    String rationale();

    /** Whether the rule runs when the configuration says nothing about it or its rule set. */
    default boolean enabledByDefault() {
        return true;
    }

    /**
     * The names of the options the rule accepts under {@code rules.<id>.options} in the policy configuration (each
     * rule documents their meaning); any other option is a configuration error.
     */
    default java.util.Set<String> optionNames() {
        return java.util.Set.of();
    }

    /** Checks what the context offers and returns the findings (an empty list when all is well). */
    List<Finding> check(PolicyContext context);
}
