package dev.gitops.api.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.model.Resource;
import dev.gitops.api.policy.Finding;
import dev.gitops.api.policy.PolicyContext;
import dev.gitops.api.policy.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The rules of the {@code rbac} rule set. */
final class RbacRules {

    static final String SET = "rbac";
    static final String GROUP = "rbac.authorization.k8s.io";
    private static final Set<String> SYSTEM = Set.of("kube-system", "flux-system");

    private RbacRules() {}

    /** {@code rbac-cluster-admin}: no cluster-admin for application ServiceAccounts. */
    static final class ClusterAdmin extends BaseRule {
        ClusterAdmin() {
            super("rbac-cluster-admin", SET, Severity.ERROR,
                    "An application ServiceAccount bound to cluster-admin turns any compromise of the app into a"
                            + " compromise of the cluster.", true, Set.of("systemNamespaces"));
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            Set<String> system = NamespaceRules.stringSet(ctx, "systemNamespaces", SYSTEM);
            List<Finding> out = new ArrayList<>();
            for (Resource r : ctx.resources()) {
                if (!r.id().group().equals(GROUP)
                        || !(r.kind().equals("ClusterRoleBinding") || r.kind().equals("RoleBinding"))) {
                    continue;
                }
                JsonNode c = r.content();
                if (!c.at("/roleRef/kind").asText("").equals("ClusterRole")
                        || !c.at("/roleRef/name").asText("").equals("cluster-admin")) {
                    continue;
                }
                JsonNode subjects = c.path("subjects");
                for (int i = 0; i < subjects.size(); i++) {
                    JsonNode s = subjects.get(i);
                    if (!s.path("kind").asText("").equals("ServiceAccount")) {
                        continue;
                    }
                    String ns = s.path("namespace").asText(r.namespace());
                    if (system.contains(ns)) {
                        continue;
                    }
                    out.add(ctx.finding(r, "/subjects/" + i, r.kind() + " " + r.name() + " binds cluster-admin to"
                            + " ServiceAccount " + (ns.isEmpty() ? "" : ns + "/") + s.path("name").asText("")
                            + "; bind a Role with the permissions the app needs"));
                }
            }
            return out;
        }
    }

    /**
     * ClusterRoles that are bound, and bound only to ServiceAccounts of system namespaces (a controller's own
     * role, such as Flux's {@code crd-controller}): not application roles.
     */
    static Set<String> systemOnlyClusterRoles(PolicyContext ctx, Set<String> system) {
        java.util.Map<String, Boolean> verdict = new java.util.HashMap<>();
        for (Resource b : ctx.resources()) {
            if (!b.id().group().equals(GROUP)
                    || !(b.kind().equals("ClusterRoleBinding") || b.kind().equals("RoleBinding"))) {
                continue;
            }
            JsonNode c = b.content();
            if (!c.at("/roleRef/kind").asText("").equals("ClusterRole")) {
                continue;
            }
            boolean onlySystem = c.path("subjects").size() > 0;
            for (JsonNode s : c.path("subjects")) {
                String ns = s.path("namespace").asText(b.namespace());
                if (!s.path("kind").asText("").equals("ServiceAccount") || !system.contains(ns)) {
                    onlySystem = false;
                }
            }
            verdict.merge(c.at("/roleRef/name").asText(""), onlySystem, Boolean::logicalAnd);
        }
        Set<String> out = new java.util.HashSet<>();
        verdict.forEach((name, only) -> {
            if (only) {
                out.add(name);
            }
        });
        return out;
    }

    /** {@code rbac-wildcard}: no {@code *} verbs or resources in application Roles and ClusterRoles. */
    static final class Wildcard extends BaseRule {
        Wildcard() {
            super("rbac-wildcard", SET, Severity.ERROR,
                    "Wildcard verbs or resources grant every future permission too, including secrets and"
                            + " escalation.", true, Set.of("systemNamespaces"));
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            Set<String> system = NamespaceRules.stringSet(ctx, "systemNamespaces", SYSTEM);
            Set<String> systemOnly = systemOnlyClusterRoles(ctx, system);
            List<Finding> out = new ArrayList<>();
            for (Resource r : ctx.resources()) {
                if (!r.id().group().equals(GROUP)
                        || !(r.kind().equals("ClusterRole") || r.kind().equals("Role"))
                        || system.contains(r.namespace()) || r.name().equals("cluster-admin")
                        || r.name().startsWith("system:") || r.has("/aggregationRule")
                        || (r.kind().equals("ClusterRole") && systemOnly.contains(r.name()))) {
                    continue;
                }
                JsonNode rules = r.content().path("rules");
                for (int i = 0; i < rules.size(); i++) {
                    for (String field : List.of("verbs", "resources")) {
                        JsonNode list = rules.get(i).path(field);
                        for (int j = 0; j < list.size(); j++) {
                            if (list.get(j).asText("").equals("*")) {
                                out.add(ctx.finding(r, "/rules/" + i + "/" + field + "/" + j, r.kind() + " "
                                        + r.name() + " grants " + (field.equals("verbs") ? "every verb" :
                                        "every resource") + " (\"*\") in rules[" + i + "]; list them explicitly"));
                                break;
                            }
                        }
                    }
                }
            }
            return out;
        }
    }
}
