package dev.gitops.api.policy.internal;

import dev.gitops.api.model.Resource;
import dev.gitops.api.policy.Finding;
import dev.gitops.api.policy.PolicyContext;
import dev.gitops.api.policy.PolicyEngine;
import dev.gitops.api.policy.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code policy-exemption}: {@code gitops.dev/exempt} annotations name known rules and come with a
 * {@code gitops.dev/exempt-reason}. The engine adds it with the ids of every registered rule.
 */
public final class ExemptionAnnotationRule extends BaseRule {

    /** The rule's id. */
    public static final String ID = "policy-exemption";

    private final Set<String> known;

    /** The rule, knowing the ids exemptions may name. */
    public ExemptionAnnotationRule(Set<String> knownIds) {
        super(ID, "policy", Severity.WARNING,
                "An exemption must say which rules it lifts and why, or nobody can tell later whether it still"
                        + " applies.");
        this.known = Set.copyOf(knownIds);
    }

    @Override
    public List<Finding> check(PolicyContext ctx) {
        List<Finding> out = new ArrayList<>();
        String pointer = "/metadata/annotations/" + Workloads.esc(PolicyEngine.EXEMPT_ANNOTATION);
        for (Resource r : ctx.resources()) {
            String exempt = r.annotations().get(PolicyEngine.EXEMPT_ANNOTATION);
            if (exempt == null) {
                continue;
            }
            List<String> unknown = new ArrayList<>();
            for (String id : exempt.split(",")) {
                String t = id.strip();
                if (!t.equals("*") && !known.contains(t)) {
                    unknown.add(t.isEmpty() ? "\"\"" : t);
                }
            }
            if (!unknown.isEmpty()) {
                out.add(ctx.finding(r, pointer, PolicyEngine.EXEMPT_ANNOTATION + " of " + r.kind() + " " + r.name()
                        + " names unknown rule(s) " + String.join(", ", unknown)));
            }
            if (r.annotations().getOrDefault(PolicyEngine.EXEMPT_REASON_ANNOTATION, "").isBlank()) {
                out.add(ctx.finding(r, pointer, r.kind() + " " + r.name() + " is exempt without a "
                        + PolicyEngine.EXEMPT_REASON_ANNOTATION + " annotation")
                        .withFix(PolicyEngine.EXEMPT_REASON_ANNOTATION + ": <why, and until when>"));
            }
        }
        return out;
    }
}
