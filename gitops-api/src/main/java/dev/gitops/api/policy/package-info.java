/**
 * Repository policy checks: the rules platform teams enforce on what enters a GitOps repository, as a library.
 *
 * <p>{@link dev.gitops.api.policy.PolicyEngine} runs {@link dev.gitops.api.policy.PolicyRule}s (built-in ones for
 * workloads, namespaces, secrets, RBAC, Flux objects, repository layout and naming, plus a team's own, registered on
 * the builder or found with {@link java.util.ServiceLoader}) over the objects of a repository, as a
 * {@link dev.gitops.api.policy.ManifestSource} gives them, and over its files. The repository's
 * {@code .gitops-policy.yaml} ({@link dev.gitops.api.policy.PolicyConfig}) switches rules and rule sets on and off,
 * sets severities and declares exemptions; objects can exempt themselves with the {@code gitops.dev/exempt}
 * annotation. The outcome is a {@link dev.gitops.api.policy.LintReport} of
 * {@link dev.gitops.api.policy.Finding}s, printable as text, JSON or SARIF 2.1.0
 * ({@link dev.gitops.api.policy.ReportFormat}).
 */
package dev.gitops.api.policy;
