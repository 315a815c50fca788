package dev.gitops.api.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.flux.GoDuration;
import dev.gitops.api.flux.HelmRelease;
import dev.gitops.api.model.ResourceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The helm-controller v2 action settings of a HelmRelease ({@code install}, {@code upgrade}, {@code test},
 * {@code rollback}, {@code uninstall}, {@code driftDetection}), read and validated from the raw spec with errors that
 * name the field. Defaults are helm-controller's.
 *
 * @param install install settings
 * @param upgrade upgrade settings
 * @param test test settings
 * @param rollback rollback settings
 * @param uninstall uninstall settings
 * @param drift drift detection settings
 */
public record HelmSettings(Install install, Upgrade upgrade, Test test, Rollback rollback, Uninstall uninstall,
        DriftDetection drift) {

    /** CRD policy: do not touch the chart's {@code crds/}. */
    public static final String CRDS_SKIP = "Skip";
    /** CRD policy: create the CRDs that do not exist yet. */
    public static final String CRDS_CREATE = "Create";
    /** CRD policy: create and replace (update) CRDs. */
    public static final String CRDS_CREATE_REPLACE = "CreateReplace";

    /** Remediation strategy: roll back to the previous successful release. */
    public static final String ROLLBACK = "rollback";
    /** Remediation strategy: uninstall the release. */
    public static final String UNINSTALL = "uninstall";

    /**
     * {@code install.remediation} or {@code upgrade.remediation}.
     *
     * @param action {@code install} or {@code upgrade}
     * @param retries retries before giving up (negative: unlimited)
     * @param ignoreTestFailures explicit {@code ignoreTestFailures}, empty to follow {@code test.ignoreFailures}
     * @param remediateLastFailure whether the last failure is remediated too once retries are exhausted
     * @param strategy {@code rollback} or {@code uninstall} (install remediation always uninstalls)
     */
    public record Remediation(String action, int retries, Optional<Boolean> ignoreTestFailures,
            boolean remediateLastFailure, String strategy) {

        /** helm-controller's {@code MustIgnoreTestFailures}. */
        public boolean mustIgnoreTestFailures(boolean testDefault) {
            return ignoreTestFailures.orElse(testDefault);
        }

        /** True when {@code failures} exceed the retries. */
        public boolean retriesExhausted(int failures) {
            return retries >= 0 && failures > retries;
        }
    }

    /**
     * {@code install.strategy} / {@code upgrade.strategy}.
     *
     * @param retryOnFailure {@code RetryOnFailure} instead of {@code RemediateOnFailure}
     * @param retryInterval the interval between retries (default 5m)
     */
    public record Strategy(boolean retryOnFailure, Duration retryInterval) {
    }

    /** {@code install}. */
    public record Install(Duration timeout, Remediation remediation, Strategy strategy, boolean createNamespace,
            String crds, boolean disableWait, boolean replace, boolean disableHooks) {
    }

    /** {@code upgrade}. */
    public record Upgrade(Duration timeout, Remediation remediation, Strategy strategy, String crds, boolean force,
            boolean disableWait, boolean cleanupOnFail, boolean disableHooks) {
    }

    /**
     * {@code test}.
     *
     * @param enable run tests after install and upgrade
     * @param ignoreFailures test failures do not fail the release
     * @param timeout per test run
     * @param excluded hook names excluded by {@code filters}
     * @param included hook names included by {@code filters} (empty: all)
     */
    public record Test(boolean enable, boolean ignoreFailures, Duration timeout, Set<String> excluded,
            Set<String> included) {
    }

    /** {@code rollback}. */
    public record Rollback(Duration timeout, boolean disableWait, boolean force, boolean disableHooks) {
    }

    /** {@code uninstall}. */
    public record Uninstall(Duration timeout, boolean disableWait, boolean keepHistory, boolean disableHooks) {
    }

    /**
     * One {@code driftDetection.ignore} rule.
     *
     * @param paths JSON pointers
     * @param target which objects (empty selector: all)
     */
    public record IgnoreRule(List<String> paths, Selectors.Selector target) {
    }

    /**
     * {@code driftDetection}.
     *
     * @param mode {@code enabled}, {@code warn} or {@code disabled}
     * @param ignore ignore rules
     */
    public record DriftDetection(String mode, List<IgnoreRule> ignore) {
        /** helm-controller's {@code MustDetectChanges}. */
        public boolean mustDetect() {
            return mode.equals("enabled") || mode.equals("warn");
        }
    }

    /** Reads and validates the settings of {@code hr}. */
    public static HelmSettings of(ResourceId id, HelmRelease.Spec spec) {
        Reader r = new Reader(id);
        Duration timeout = spec.timeout();
        ObjectNode in = spec.install();
        r.allow("spec.install", in, "timeout", "remediation", "strategy", "createNamespace", "crds", "skipCRDs",
                "disableWait", "disableWaitForJobs", "disableHooks", "disableOpenAPIValidation",
                "disableSchemaValidation", "disableTakeOwnership", "replace", "serverSideApply");
        String installCrds = in.path("skipCRDs").asBoolean(false) ? CRDS_SKIP : CRDS_CREATE;
        installCrds = r.oneOf("spec.install.crds", in.get("crds"), installCrds, CRDS_SKIP, CRDS_CREATE,
                CRDS_CREATE_REPLACE);
        Install install = new Install(r.duration("spec.install.timeout", in.get("timeout"), timeout),
                r.remediation("install", in.path("remediation"), false), r.strategy("spec.install.strategy",
                in.path("strategy")), r.bool("spec.install.createNamespace", in.get("createNamespace")), installCrds,
                r.bool("spec.install.disableWait", in.get("disableWait")), r.bool("spec.install.replace",
                in.get("replace")), r.bool("spec.install.disableHooks", in.get("disableHooks")));
        ObjectNode up = spec.upgrade();
        r.allow("spec.upgrade", up, "timeout", "remediation", "strategy", "crds", "force", "disableWait",
                "disableWaitForJobs", "disableHooks", "disableOpenAPIValidation", "disableSchemaValidation",
                "disableTakeOwnership", "cleanupOnFail", "preserveValues", "chartNameChangeStrategy",
                "serverSideApply");
        Upgrade upgrade = new Upgrade(r.duration("spec.upgrade.timeout", up.get("timeout"), timeout),
                r.remediation("upgrade", up.path("remediation"), true), r.strategy("spec.upgrade.strategy",
                up.path("strategy")), r.oneOf("spec.upgrade.crds", up.get("crds"), CRDS_SKIP, CRDS_SKIP, CRDS_CREATE,
                CRDS_CREATE_REPLACE), r.bool("spec.upgrade.force", up.get("force")),
                r.bool("spec.upgrade.disableWait", up.get("disableWait")), r.bool("spec.upgrade.cleanupOnFail",
                up.get("cleanupOnFail")), r.bool("spec.upgrade.disableHooks", up.get("disableHooks")));
        ObjectNode t = spec.test();
        r.allow("spec.test", t, "enable", "ignoreFailures", "timeout", "filters");
        Set<String> excluded = new java.util.TreeSet<>();
        Set<String> included = new java.util.TreeSet<>();
        JsonNode filters = t.path("filters");
        if (!filters.isMissingNode() && !filters.isArray()) {
            throw r.invalid("spec.test.filters", "expected a sequence");
        }
        for (int i = 0; i < filters.size(); i++) {
            JsonNode f = filters.get(i);
            String p = "spec.test.filters[" + i + "]";
            r.allow(p, f, "name", "exclude");
            String name = f.path("name").asText("");
            if (name.isEmpty()) {
                throw r.invalid(p + ".name", "Required value");
            }
            (r.bool(p + ".exclude", f.get("exclude")) ? excluded : included).add(name);
        }
        Test test = new Test(r.bool("spec.test.enable", t.get("enable")), r.bool("spec.test.ignoreFailures",
                t.get("ignoreFailures")), r.duration("spec.test.timeout", t.get("timeout"), timeout), excluded,
                included);
        ObjectNode rb = spec.rollback();
        r.allow("spec.rollback", rb, "timeout", "disableWait", "disableWaitForJobs", "disableHooks", "recreate",
                "force", "cleanupOnFail", "serverSideApply");
        Rollback rollback = new Rollback(r.duration("spec.rollback.timeout", rb.get("timeout"), timeout),
                r.bool("spec.rollback.disableWait", rb.get("disableWait")), r.bool("spec.rollback.force",
                rb.get("force")), r.bool("spec.rollback.disableHooks", rb.get("disableHooks")));
        ObjectNode un = spec.uninstall();
        r.allow("spec.uninstall", un, "timeout", "disableWait", "disableHooks", "keepHistory",
                "deletionPropagation");
        r.oneOf("spec.uninstall.deletionPropagation", un.get("deletionPropagation"), "background", "background",
                "foreground", "orphan");
        Uninstall uninstall = new Uninstall(r.duration("spec.uninstall.timeout", un.get("timeout"), timeout),
                r.bool("spec.uninstall.disableWait", un.get("disableWait")), r.bool("spec.uninstall.keepHistory",
                un.get("keepHistory")), r.bool("spec.uninstall.disableHooks", un.get("disableHooks")));
        ObjectNode dd = spec.driftDetection();
        List<IgnoreRule> ignore = new ArrayList<>();
        JsonNode rules = dd.path("ignore");
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            String p = "spec.driftDetection.ignore[" + i + "]";
            List<String> paths = new ArrayList<>();
            for (JsonNode path : rule.path("paths")) {
                paths.add(path.asText());
            }
            Selectors.Selector sel = rule.has("target") ? Selectors.selector(id, p + ".target", rule.get("target"))
                    : Selectors.Selector.ANY;
            ignore.add(new IgnoreRule(paths, sel));
        }
        DriftDetection drift = new DriftDetection(spec.driftDetectionMode().isEmpty() ? "disabled"
                : spec.driftDetectionMode(), ignore);
        return new HelmSettings(install, upgrade, test, rollback, uninstall, drift);
    }

    /** Field-naming readers. */
    private static final class Reader {
        private final ResourceId id;

        Reader(ResourceId id) {
            this.id = id;
        }

        InvalidInputException invalid(String field, String detail) {
            return new InvalidInputException(id, field + ": " + detail);
        }

        void allow(String field, JsonNode node, String... keys) {
            if (node == null || node.isMissingNode() || node.isNull()) {
                return;
            }
            if (!node.isObject()) {
                throw invalid(field, "expected a mapping");
            }
            Set<String> ok = Set.of(keys);
            for (var it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!ok.contains(k)) {
                    throw invalid(field + "." + k, "field not declared in schema");
                }
            }
        }

        boolean bool(String field, JsonNode n) {
            if (n == null || n.isNull() || n.isMissingNode()) {
                return false;
            }
            if (!n.isBoolean()) {
                throw invalid(field, "expected a boolean, got " + n);
            }
            return n.booleanValue();
        }

        Optional<Boolean> optionalBool(String field, JsonNode n) {
            if (n == null || n.isNull() || n.isMissingNode()) {
                return Optional.empty();
            }
            return Optional.of(bool(field, n));
        }

        String oneOf(String field, JsonNode n, String def, String... allowed) {
            if (n == null || n.isNull() || n.isMissingNode()) {
                return def;
            }
            String v = n.asText();
            for (String a : allowed) {
                if (a.equals(v)) {
                    return v;
                }
            }
            throw invalid(field, "Unsupported value: \"" + v + "\": supported values: \"" + String.join("\", \"",
                    allowed) + "\"");
        }

        Duration duration(String field, JsonNode n, Duration def) {
            if (n == null || n.isNull() || n.isMissingNode()) {
                return def;
            }
            try {
                return GoDuration.parse(n.asText());
            } catch (RuntimeException e) {
                throw invalid(field, "invalid duration \"" + n.asText() + "\"");
            }
        }

        Remediation remediation(String action, JsonNode n, boolean upgrade) {
            String f = "spec." + action + ".remediation";
            if (upgrade) {
                allow(f, n, "retries", "ignoreTestFailures", "remediateLastFailure", "strategy");
            } else {
                allow(f, n, "retries", "ignoreTestFailures", "remediateLastFailure");
            }
            JsonNode r = n.get("retries");
            int retries = 0;
            if (r != null && !r.isNull()) {
                if (!r.canConvertToInt() || !r.isIntegralNumber()) {
                    throw invalid(f + ".retries", "expected an integer, got " + r);
                }
                retries = r.intValue();
            }
            Optional<Boolean> last = optionalBool(f + ".remediateLastFailure", n.get("remediateLastFailure"));
            // helm-controller: install never remediates the last failure unless asked; upgrade does when retrying
            boolean remediateLast = last.orElse(upgrade && retries > 0);
            String strategy = upgrade ? oneOf(f + ".strategy", n.get("strategy"), ROLLBACK, ROLLBACK, UNINSTALL)
                    : UNINSTALL;
            return new Remediation(action, retries, optionalBool(f + ".ignoreTestFailures",
                    n.get("ignoreTestFailures")), remediateLast, strategy);
        }

        Strategy strategy(String field, JsonNode n) {
            allow(field, n, "name", "retryInterval");
            String name = oneOf(field + ".name", n.get("name"), "RemediateOnFailure", "RemediateOnFailure",
                    "RetryOnFailure");
            Duration interval = duration(field + ".retryInterval", n.get("retryInterval"), Duration.ofMinutes(5));
            if (n.has("retryInterval") && !name.equals("RetryOnFailure")) {
                throw invalid(field + ".retryInterval", "can only be set when strategy is RetryOnFailure");
            }
            return new Strategy(name.equals("RetryOnFailure"), interval);
        }
    }

    /** The settings' remediation for an action ({@code install} or {@code upgrade}). */
    public Remediation remediation(String action) {
        return action.equals("install") ? install.remediation() : upgrade.remediation();
    }

    /** The retry strategy for an action, if it is {@code RetryOnFailure}. */
    public Optional<Strategy> retry(String action) {
        Strategy s = action.equals("install") ? install.strategy() : action.equals("upgrade") ? upgrade.strategy()
                : null;
        return s != null && s.retryOnFailure() ? Optional.of(s) : Optional.empty();
    }

    /** Formats a duration as Go prints it. */
    public static String format(Duration d) {
        return GoDuration.format(d);
    }
}
