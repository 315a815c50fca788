package dev.gitops.api.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.policy.Finding;
import dev.gitops.api.policy.PolicyContext;
import dev.gitops.api.policy.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The rules of the {@code workloads} rule set. */
final class WorkloadRules {

    static final String SET = "workloads";

    private WorkloadRules() {}

    /** {@code workload-resources}: cpu and memory requests and limits on every container, init containers too. */
    static final class Resources extends BaseRule {
        private static final String[][] FIELDS = {
            {"requests", "cpu"}, {"requests", "memory"}, {"limits", "cpu"}, {"limits", "memory"},
        };

        Resources() {
            super("workload-resources", SET, Severity.ERROR,
                    "Containers without cpu and memory requests and limits starve or get evicted from shared nodes"
                            + " unpredictably.");
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (Workloads.Workload w : Workloads.all(ctx.resources())) {
                for (Workloads.Container c : w.containers(true)) {
                    List<String> missing = new ArrayList<>();
                    for (String[] f : FIELDS) {
                        JsonNode v = c.node().path("resources").path(f[0]).path(f[1]);
                        if (v.isMissingNode() || v.isNull() || (v.isTextual() && v.textValue().isBlank())) {
                            missing.add("resources." + f[0] + "." + f[1]);
                        }
                    }
                    if (!missing.isEmpty()) {
                        out.add(ctx.finding(w.resource(), c.pointer() + "/resources",
                                c.describe() + " of " + w.describe() + " has no " + String.join(", ", missing))
                                .withFix("resources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n  limits:\n"
                                        + "    cpu: 500m\n    memory: 256Mi"));
                    }
                }
            }
            return out;
        }
    }

    /** {@code workload-probes}: readiness and liveness probes on the containers of long-running workloads. */
    static final class Probes extends BaseRule {
        Probes() {
            super("workload-probes", SET, Severity.WARNING,
                    "Without readiness and liveness probes, rollouts send traffic to pods that are not ready and"
                            + " hung pods are never restarted.");
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (Workloads.Workload w : Workloads.all(ctx.resources())) {
                if (!Workloads.longRunning(w.resource())) {
                    continue;
                }
                for (Workloads.Container c : w.containers(false)) {
                    List<String> missing = new ArrayList<>();
                    for (String p : List.of("readinessProbe", "livenessProbe")) {
                        if (!c.node().path(p).isObject()) {
                            missing.add(p);
                        }
                    }
                    if (missing.isEmpty()) {
                        continue;
                    }
                    String pointer = missing.size() == 1 ? c.pointer() + "/" + missing.get(0) : c.pointer();
                    StringBuilder fix = new StringBuilder();
                    for (String p : missing) {
                        fix.append(p).append(":\n  httpGet:\n    path: ")
                                .append(p.equals("readinessProbe") ? "/readyz" : "/healthz")
                                .append("\n    port: http\n  periodSeconds: 10\n");
                    }
                    out.add(ctx.finding(w.resource(), pointer, c.describe() + " of " + w.describe() + " has no "
                            + String.join(" and no ", missing)).withFix(fix.toString().strip()));
                }
            }
            return out;
        }
    }

    /** {@code workload-service-account}: a dedicated ServiceAccount, never {@code default}. */
    static final class ServiceAccount extends BaseRule {
        ServiceAccount() {
            super("workload-service-account", SET, Severity.WARNING,
                    "Pods running as the namespace's default ServiceAccount share its permissions with every other"
                            + " workload there.");
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (Workloads.Workload w : Workloads.all(ctx.resources())) {
                JsonNode spec = w.podSpecNode();
                String field = spec.has("serviceAccountName") || !spec.has("serviceAccount") ? "serviceAccountName"
                        : "serviceAccount";
                JsonNode sa = spec.path(field);
                String name = sa.isTextual() ? sa.textValue() : "";
                if (name.isEmpty() || name.equals("default")) {
                    out.add(ctx.finding(w.resource(), w.podSpec() + "/" + field, w.describe()
                            + (name.isEmpty() ? " sets no serviceAccountName (its pods run as \"default\")"
                                    : " runs as the \"default\" ServiceAccount"))
                            .withFix("serviceAccountName: " + (w.resource().name().isEmpty() ? "my-app"
                                    : w.resource().name())
                                    + "   # and a ServiceAccount of that name"));
                }
            }
            return out;
        }
    }

    /** {@code workload-image-pinned}: images pinned to a version tag or a digest. */
    static final class ImagePinned extends BaseRule {
        private static final Set<String> DEFAULT_FORBIDDEN = Set.of("latest", "main", "master", "dev");

        ImagePinned() {
            super("workload-image-pinned", SET, Severity.ERROR,
                    "Moving tags such as latest make what runs depend on when a node pulled, not on what Git says.",
                    true, Set.of("forbiddenTags"));
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            Set<String> forbidden = NamespaceRules.stringSet(ctx, "forbiddenTags", DEFAULT_FORBIDDEN);
            List<Finding> out = new ArrayList<>();
            for (Workloads.Workload w : Workloads.all(ctx.resources())) {
                for (Workloads.Container c : w.containers(true)) {
                    JsonNode img = c.node().path("image");
                    if (!img.isTextual() || img.textValue().isBlank()) {
                        continue;
                    }
                    String image = img.textValue().strip();
                    if (image.contains("@sha256:") || image.contains("@sha512:")) {
                        continue;
                    }
                    int slash = image.lastIndexOf('/');
                    int colon = image.lastIndexOf(':');
                    String tag = colon > slash ? image.substring(colon + 1) : "";
                    String repo = colon > slash ? image.substring(0, colon) : image;
                    if (tag.isEmpty() || forbidden.contains(tag)) {
                        out.add(ctx.finding(w.resource(), c.pointer() + "/image", c.describe() + " of "
                                + w.describe() + " uses image \"" + image + "\""
                                + (tag.isEmpty() ? " without a tag (it means latest)" : " with the moving tag \""
                                        + tag + "\"") + "; pin a version tag or a digest")
                                .withFix("image: " + repo + ":1.2.3   # or " + repo + "@sha256:<digest>"));
                    }
                }
            }
            return out;
        }
    }
}
