package dev.gitops.api.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.model.Resource;
import dev.gitops.api.policy.Finding;
import dev.gitops.api.policy.PolicyContext;
import dev.gitops.api.policy.Severity;
import dev.gitops.api.semver.Constraint;
import dev.gitops.api.semver.SemVerException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The rules of the {@code flux} rule set. */
final class FluxRules {

    static final String SET = "flux";
    static final String KUSTOMIZE = "kustomize.toolkit.fluxcd.io";
    static final String HELM = "helm.toolkit.fluxcd.io";

    private FluxRules() {}

    static boolean isKustomization(Resource r) {
        return r.id().group().equals(KUSTOMIZE) && r.kind().equals("Kustomization");
    }

    static boolean isHelmRelease(Resource r) {
        return r.id().group().equals(HELM) && r.kind().equals("HelmRelease");
    }

    /** {@code flux-kustomization-prune}: Flux Kustomizations garbage-collect what leaves Git. */
    static final class Prune extends BaseRule {
        Prune() {
            super("flux-kustomization-prune", SET, Severity.ERROR,
                    "Without prune: true, objects deleted from Git keep running in the cluster and drift from it.");
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (Resource r : ctx.resources()) {
                if (!isKustomization(r)) {
                    continue;
                }
                JsonNode p = r.get("/spec/prune").orElse(null);
                if (p == null || !p.isBoolean() || !p.booleanValue()) {
                    out.add(ctx.finding(r, "/spec/prune", "Kustomization " + r.name() + (p == null
                            ? " does not set prune" : " sets prune to " + Resource.describe(p)) + "; set it to true")
                            .withFix("spec:\n  prune: true"));
                }
            }
            return out;
        }
    }

    /**
     * {@code flux-helm-chart-version}: HelmRelease chart versions are pinned or bounded semver ranges: the version is
     * parsed as a Masterminds constraint (as source-controller does); an invalid one, one that is absent or empty
     * (Flux takes the latest) and one without an upper bound (it accepts any future major release) are findings.
     */
    static final class ChartVersion extends BaseRule {
        /** A version no chart will reach: a constraint that accepts it has no upper bound. */
        private static final String FAR_FUTURE = "999999.0.0";

        ChartVersion() {
            super("flux-helm-chart-version", SET, Severity.ERROR,
                    "An unconstrained chart version upgrades to any new major release as soon as it is published.");
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (Resource r : ctx.resources()) {
                if (!isHelmRelease(r) || r.has("/spec/chartRef") || !r.has("/spec/chart")) {
                    continue; // chartRef: the version is the OCIRepository's or HelmChart's business
                }
                String srcKind = r.string("/spec/chart/spec/sourceRef/kind").orElse("");
                if (srcKind.equals("GitRepository") || srcKind.equals("Bucket")) {
                    continue; // Flux ignores the version for charts from Git and buckets (Chart.yaml decides)
                }
                Optional<JsonNode> v = r.get("/spec/chart/spec/version");
                String text = v.filter(JsonNode::isValueNode).map(JsonNode::asText).orElse("").strip();
                String problem;
                if (v.isEmpty() || v.get().isNull() || text.isEmpty()) {
                    problem = " does not set a chart version (Flux takes the latest)";
                } else if (!v.get().isValueNode()) {
                    problem = " has chart version " + Resource.describe(v.get()) + ", not a semver constraint";
                } else {
                    problem = check(text);
                }
                if (problem != null) {
                    out.add(ctx.finding(r, "/spec/chart/spec/version", "HelmRelease " + r.name() + problem
                            + "; pin a version or a bounded semver range such as \"~1.4.0\"")
                            .withFix("version: \"1.4.x\""));
                }
            }
            return out;
        }

        /** Why a constraint is not acceptable, or null. */
        private static String check(String text) {
            Constraint c;
            try {
                c = Constraint.parse(text);
            } catch (SemVerException e) {
                return " has chart version \"" + text + "\", not a semver constraint (" + e.getMessage() + ")";
            }
            if (c.matches(FAR_FUTURE)) {
                return " accepts any future chart version (\"" + text + "\" has no upper bound)";
            }
            return null;
        }
    }

    /** {@code flux-helm-inline-secrets}: secret-looking HelmRelease values come from valuesFrom. */
    static final class InlineSecrets extends BaseRule {
        InlineSecrets() {
            super("flux-helm-inline-secrets", SET, Severity.ERROR,
                    "Secrets inline in spec.values are stored in Git and in the HelmRelease in plain text.");
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (Resource r : ctx.resources()) {
                if (!isHelmRelease(r)) {
                    continue;
                }
                r.get("/spec/values").ifPresent(v -> walk(ctx, r, v, "/spec/values", "", out));
            }
            return out;
        }

        private static void walk(PolicyContext ctx, Resource r, JsonNode n, String pointer, String path,
                List<Finding> out) {
            if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String k = e.getKey();
                    String p = pointer + "/" + Workloads.esc(k);
                    String dotted = path.isEmpty() ? k : path + "." + k;
                    JsonNode v = e.getValue();
                    if (v.isTextual() && ((SecretHeuristics.secretKey(k)
                            && SecretHeuristics.inlineCredential(v.textValue())
                            && !SecretHeuristics.namesASecret(k, v.textValue()))
                            || SecretHeuristics.urlWithPassword(v.textValue()))) {
                        out.add(finding(ctx, r, p, dotted));
                    } else {
                        walk(ctx, r, v, p, dotted, out);
                    }
                }
            } else if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    JsonNode v = n.get(i);
                    String p = pointer + "/" + i;
                    if (v.isTextual() && SecretHeuristics.urlWithPassword(v.textValue())) {
                        out.add(finding(ctx, r, p, path + "[" + i + "]"));
                    } else {
                        walk(ctx, r, v, p, path + "[" + i + "]", out);
                    }
                }
            }
        }

        private static Finding finding(PolicyContext ctx, Resource r, String pointer, String path) {
            return ctx.finding(r, pointer, "HelmRelease " + r.name() + " has value " + path
                    + " inline and it looks like a secret; move it to a Secret referenced by spec.valuesFrom")
                    .withFix("valuesFrom:\n  - kind: Secret\n    name: " + r.name() + "-values\n    valuesKey: "
                            + "values.yaml   # or targetPath: " + path);
        }
    }

    /** {@code flux-helm-remediation}: install and upgrade remediation retries set. */
    static final class Remediation extends BaseRule {
        Remediation() {
            super("flux-helm-remediation", SET, Severity.WARNING,
                    "Without remediation retries a failed install or upgrade stays failed until someone intervenes.");
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (Resource r : ctx.resources()) {
                if (!isHelmRelease(r)) {
                    continue;
                }
                for (String action : List.of("install", "upgrade")) {
                    String p = "/spec/" + action + "/remediation/retries";
                    JsonNode v = r.get(p).orElse(null);
                    if (v == null || !v.isIntegralNumber() || v.longValue() == 0) {
                        out.add(ctx.finding(r, p, "HelmRelease " + r.name() + (v == null
                                ? " does not set " + action + ".remediation.retries"
                                : " sets " + action + ".remediation.retries to " + Resource.describe(v)
                                        + " (no retries)"))
                                .withFix(action + ":\n  remediation:\n    retries: 3"
                                        + (action.equals("upgrade") ? "\n    remediateLastFailure: true" : "")));
                    }
                }
            }
            return out;
        }
    }

    /** {@code flux-interval}: Flux objects reconcile at an interval of at least one minute. */
    static final class Interval extends BaseRule {
        private static final Set<String> KINDS = Set.of(
                KUSTOMIZE + "/Kustomization", HELM + "/HelmRelease",
                "source.toolkit.fluxcd.io/GitRepository", "source.toolkit.fluxcd.io/HelmRepository",
                "source.toolkit.fluxcd.io/OCIRepository", "source.toolkit.fluxcd.io/Bucket",
                "source.toolkit.fluxcd.io/HelmChart", "image.toolkit.fluxcd.io/ImageRepository",
                "image.toolkit.fluxcd.io/ImageUpdateAutomation");

        Interval() {
            super("flux-interval", SET, Severity.ERROR,
                    "Flux objects need an interval, and one below a minute hammers Git hosts, registries and the API"
                            + " server.", true, Set.of("minimum"));
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            String minText = ctx.option("minimum").map(JsonNode::asText).orElse("1m");
            BigDecimal min = GoDuration.parseNanos(minText).orElseThrow(() -> new dev.gitops.api.error
                    .InvalidInputException("option minimum is not a Go duration such as \"5m\": \"" + minText
                            + "\""));
            List<Finding> out = new ArrayList<>();
            for (Resource r : ctx.resources()) {
                if (!KINDS.contains(r.id().group() + "/" + r.kind())) {
                    continue;
                }
                if (r.kind().equals("HelmChart") && r.has("/metadata/ownerReferences")) {
                    continue;
                }
                JsonNode v = r.get("/spec/interval").orElse(null);
                String msg = null;
                if (v == null || v.isNull()) {
                    msg = " does not set spec.interval";
                } else if (!v.isTextual() || GoDuration.parseNanos(v.textValue()).isEmpty()) {
                    msg = " has spec.interval " + Resource.describe(v) + ", not a duration such as \"10m\"";
                } else if (GoDuration.parseNanos(v.textValue()).get().compareTo(min) < 0) {
                    msg = " reconciles every " + v.textValue() + ", more often than every " + minText;
                }
                if (msg != null) {
                    out.add(ctx.finding(r, "/spec/interval", r.kind() + " " + r.name() + msg)
                            .withFix("spec:\n  interval: 10m"));
                }
            }
            return out;
        }
    }
}
