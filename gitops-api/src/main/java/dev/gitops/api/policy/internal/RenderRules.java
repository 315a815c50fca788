package dev.gitops.api.policy.internal;

import dev.gitops.api.policy.Finding;
import dev.gitops.api.policy.PolicyContext;
import dev.gitops.api.policy.RenderIssue;
import dev.gitops.api.policy.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules that report what a rendering {@link dev.gitops.api.policy.ManifestSource} could not render (nothing when
 * the repository's files are linted as they are).
 */
final class RenderRules {

    static final String SET = "repository";

    private RenderRules() {}

    /** {@code render-failed}: a Kustomization does not build or a HelmRelease does not render. */
    static final class Failed extends BaseRule {
        Failed() {
            super("render-failed", SET, Severity.ERROR,
                    "A Kustomization that does not build or a chart that does not render fails in Flux too, and"
                            + " nothing of it is applied.");
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            return of(ctx, RenderIssue.Kind.FAILED);
        }
    }

    /** {@code render-incomplete}: a part that cannot be rendered without the cluster or the network. */
    static final class Incomplete extends BaseRule {
        Incomplete() {
            super("render-incomplete", SET, Severity.WARNING,
                    "What depends on objects outside the repository (other sources, remote charts, cluster"
                            + " ConfigMaps and Secrets) cannot be checked before it reaches a cluster.");
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            return of(ctx, RenderIssue.Kind.INCOMPLETE);
        }
    }

    private static List<Finding> of(PolicyContext ctx, RenderIssue.Kind kind) {
        List<Finding> out = new ArrayList<>();
        for (RenderIssue i : ctx.renderIssues()) {
            if (i.kind() == kind) {
                out.add(ctx.finding(i.location(), i.message()));
            }
        }
        return out;
    }
}
