package dev.gitops.api.policy.internal;

import dev.gitops.api.policy.PolicyRule;
import java.util.List;

/** The rules that ship with the library. */
public final class BuiltInRules {

    private BuiltInRules() {}

    /** New instances of every built-in rule (except {@code policy-exemption}, which the engine adds). */
    public static List<PolicyRule> all() {
        return List.of(
                new WorkloadRules.Resources(),
                new WorkloadRules.Probes(),
                new WorkloadRules.ServiceAccount(),
                new WorkloadRules.ImagePinned(),
                new NamespaceRules.PodSecurity(),
                new NamespaceRules.NetworkPolicy(),
                new SecretRules.Plaintext(),
                new SecretRules.InlineEnv(),
                new RbacRules.ClusterAdmin(),
                new RbacRules.Wildcard(),
                new FluxRules.Prune(),
                new FluxRules.ChartVersion(),
                new FluxRules.InlineSecrets(),
                new FluxRules.Remediation(),
                new FluxRules.Interval(),
                new LayoutRules.Structure(),
                new LayoutRules.OverlayDuplicates(),
                new NamingRules.KebabCase(),
                new NamingRules.Suffixed("naming-configmap", "ConfigMap", "-config"),
                new NamingRules.Suffixed("naming-secret", "Secret", "-secret"),
                new YamlSyntaxRule(),
                new RenderRules.Failed(),
                new RenderRules.Incomplete());
    }
}
