package dev.gitops.api.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.model.Resource;
import dev.gitops.api.policy.Finding;
import dev.gitops.api.policy.PolicyContext;
import dev.gitops.api.policy.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules of the {@code namespaces} rule set. */
final class NamespaceRules {

    static final String SET = "namespaces";
    static final String PSS_LABEL = "pod-security.kubernetes.io/enforce";
    private static final Set<String> DEFAULT_IGNORED = Set.of("kube-system", "kube-public", "kube-node-lease");

    private NamespaceRules() {}

    static Set<String> stringSet(PolicyContext ctx, String option, Set<String> dflt) {
        return ctx.option(option).map(n -> {
            Set<String> s = new LinkedHashSet<>();
            n.forEach(e -> s.add(e.asText()));
            if (n.isTextual()) {
                s.add(n.textValue());
            }
            return s;
        }).orElse(dflt);
    }

    /** {@code namespace-pod-security}: Namespaces enforce the restricted or baseline Pod Security Standard. */
    static final class PodSecurity extends BaseRule {
        PodSecurity() {
            super("namespace-pod-security", SET, Severity.ERROR,
                    "Without an enforced Pod Security Standard any pod may run privileged or mount the host.",
                    true, Set.of("ignoreNamespaces"));
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            Set<String> ignored = stringSet(ctx, "ignoreNamespaces", DEFAULT_IGNORED);
            List<Finding> out = new ArrayList<>();
            for (Resource r : ctx.resources()) {
                if (!r.id().group().isEmpty() || !r.kind().equals("Namespace") || ignored.contains(r.name())) {
                    continue;
                }
                String level = r.labels().get(PSS_LABEL);
                if (level == null) {
                    out.add(ctx.finding(r, "/metadata/labels", "Namespace " + r.name() + " has no " + PSS_LABEL
                            + " label").withFix("metadata:\n  labels:\n    " + PSS_LABEL + ": restricted"));
                } else if (!level.equals("restricted") && !level.equals("baseline")) {
                    out.add(ctx.finding(r, "/metadata/labels/" + Workloads.esc(PSS_LABEL), "Namespace " + r.name()
                            + " enforces the \"" + level + "\" Pod Security Standard; use restricted or baseline")
                            .withFix(PSS_LABEL + ": restricted"));
                }
            }
            return out;
        }
    }

    /** {@code namespace-network-policy}: every workload's pods are selected by a NetworkPolicy of its namespace. */
    static final class NetworkPolicy extends BaseRule {
        NetworkPolicy() {
            super("namespace-network-policy", SET, Severity.WARNING,
                    "Pods no NetworkPolicy selects accept traffic from anywhere in the cluster.",
                    true, Set.of("ignoreNamespaces"));
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            Set<String> ignored = stringSet(ctx, "ignoreNamespaces", DEFAULT_IGNORED);
            Map<String, List<JsonNode>> selectors = new HashMap<>();
            for (Resource r : ctx.resources()) {
                if (r.id().group().equals("networking.k8s.io") && r.kind().equals("NetworkPolicy")) {
                    selectors.computeIfAbsent(r.namespace(), k -> new ArrayList<>())
                            .add(r.get("/spec/podSelector").orElse(null));
                }
            }
            List<Finding> out = new ArrayList<>();
            for (Workloads.Workload w : Workloads.all(ctx.resources())) {
                String ns = w.resource().namespace();
                if (ignored.contains(ns)) {
                    continue;
                }
                Map<String, String> labels = w.labels();
                boolean selected = false;
                for (JsonNode sel : selectors.getOrDefault(ns, List.of())) {
                    if (LabelSelectors.matches(sel, labels)) {
                        selected = true;
                        break;
                    }
                }
                if (!selected) {
                    String where = ns.isEmpty() ? "its namespace" : "namespace " + ns;
                    out.add(ctx.finding(w.resource(), w.podLabels(), "no NetworkPolicy in " + where
                            + " selects the pods of " + w.describe())
                            .withFix("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: "
                                    + "default-deny\n" + (ns.isEmpty() ? "" : "  namespace: " + ns + "\n")
                                    + "spec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]"));
                }
            }
            return out;
        }
    }
}
