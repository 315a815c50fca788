package dev.gitops.api.policy;

import dev.gitops.api.model.Resource;
import java.util.ArrayList;
import java.util.List;

/** A team's own rule, found by ServiceLoader in the tests: every ConfigMap needs a {@code team} label. */
public final class DiscoveredRule implements PolicyRule {

    @Override
    public String id() {
        return "team-label";
    }

    @Override
    public String ruleSet() {
        return "acme";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String rationale() {
        return "Every object names its owning team.";
    }

    @Override
    public List<Finding> check(PolicyContext context) {
        List<Finding> out = new ArrayList<>();
        for (Resource r : context.resources()) {
            if (r.kind().equals("ConfigMap") && !r.labels().containsKey("team")) {
                out.add(context.finding(r, "/metadata/labels", r.kind() + " " + r.name() + " has no team label"));
            }
        }
        return out;
    }
}
