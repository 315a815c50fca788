package dev.gitops.api.policy.internal;

import dev.gitops.api.model.Resource;
import dev.gitops.api.policy.Finding;
import dev.gitops.api.policy.PolicyContext;
import dev.gitops.api.policy.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of the {@code naming} rule set (off unless a team enables it). */
final class NamingRules {

    static final String SET = "naming";
    static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    /** The suffix kustomize's generators append ({@code -} and ten characters of the hash alphabet). */
    static final Pattern HASH_SUFFIX = Pattern.compile("-[bcdfghkmt2-9]{10}$");

    private NamingRules() {}

    /** {@code naming-kebab-case}: Namespaces and Services are named in kebab-case. */
    static final class KebabCase extends BaseRule {
        KebabCase() {
            super("naming-kebab-case", SET, Severity.WARNING,
                    "Consistent kebab-case names keep DNS names, dashboards and queries predictable.", false,
                    Set.of());
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (Resource r : ctx.resources()) {
                if (r.id().group().isEmpty() && (r.kind().equals("Namespace") || r.kind().equals("Service"))
                        && !r.name().isEmpty() && !KEBAB.matcher(r.name()).matches()) {
                    out.add(ctx.finding(r, "/metadata/name", r.kind() + " name \"" + r.name()
                            + "\" is not kebab-case (lower-case words joined by single hyphens)"));
                }
            }
            return out;
        }
    }

    /** {@code naming-configmap} and {@code naming-secret}: {@code <service>-config} and {@code <service>-secret}. */
    static final class Suffixed extends BaseRule {
        private final String kind;
        private final String suffix;

        Suffixed(String id, String kind, String suffix) {
            super(id, SET, Severity.WARNING, kind + "s named <service>" + suffix + " say at a glance which service"
                    + " they configure.", false, Set.of());
            this.kind = kind;
            this.suffix = suffix;
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            Map<String, Set<String>> services = new HashMap<>();
            for (Resource r : ctx.resources()) {
                if (r.id().group().isEmpty() && r.kind().equals("Service")) {
                    services.computeIfAbsent(r.namespace(), k -> new HashSet<>()).add(r.name());
                }
            }
            List<Finding> out = new ArrayList<>();
            for (Resource r : ctx.resources()) {
                if (!r.id().group().isEmpty() || !r.kind().equals(kind) || r.name().isEmpty()
                        || r.string("/type").orElse("").equals("kubernetes.io/service-account-token")) {
                    continue;
                }
                String name = HASH_SUFFIX.matcher(r.name()).replaceFirst("");
                String prefix = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : null;
                if (prefix == null || !KEBAB.matcher(prefix).matches()) {
                    out.add(ctx.finding(r, "/metadata/name", kind + " name \"" + r.name() + "\" does not follow"
                            + " <service>" + suffix));
                    continue;
                }
                Set<String> known = services.get(r.namespace());
                if (known != null && !known.isEmpty() && !known.contains(prefix)) {
                    out.add(ctx.finding(r, "/metadata/name", kind + " name \"" + r.name() + "\" does not name a"
                            + " Service of its namespace (" + String.join(", ", new java.util.TreeSet<>(known))
                            + ")"));
                }
            }
            return out;
        }
    }
}
