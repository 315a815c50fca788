package dev.gitops.api.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.apply.ApplyOptions;
import dev.gitops.api.apply.ApplyOrder;
import dev.gitops.api.apply.ChangeSet;
import dev.gitops.api.apply.Change;
import dev.gitops.api.apply.ClusterApplier;
import dev.gitops.api.apply.DeleteOptions;
import dev.gitops.api.apply.Inventory;
import dev.gitops.api.diff.DriftDetector;
import dev.gitops.api.diff.DriftReport;
import dev.gitops.api.diff.FieldChange;
import dev.gitops.api.diff.IgnoreRule;
import dev.gitops.api.engine.ChartRenderer;
import dev.gitops.api.engine.Condition;
import dev.gitops.api.engine.Drift;
import dev.gitops.api.engine.Event;
import dev.gitops.api.engine.HelmReleaseSnapshot;
import dev.gitops.api.engine.ManifestBuilder;
import dev.gitops.api.engine.Reasons;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.flux.HelmRelease;
import dev.gitops.api.flux.HelmRepository;
import dev.gitops.api.flux.NamespacedRef;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.patch.internal.Json;
import dev.gitops.api.source.Artifact;
import dev.gitops.api.yaml.Yaml;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HelmRelease reconciler, after helm-controller v2's atomic release: each reconcile determines the state of the
 * release (absent, failed, out of sync, untested, drifted, in sync) and runs the next action (install, upgrade, test,
 * rollback or uninstall remediation, drift correction) until nothing is left to do, running each kind of action at
 * most once and stopping after a remediation, exactly as helm-controller's {@code cleanReleaseStrategy}. Release
 * records (history) are kept per HelmRelease in memory; the cluster holds only the objects.
 *
 * <p>Not thread-safe; the reconciler serialises passes.
 */
public final class HelmReleases {

    private static final Logger LOG = LoggerFactory.getLogger(HelmReleases.class);

    /** Helm's managed-by label. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** Helm's release name annotation. */
    public static final String RELEASE_NAME_ANNOTATION = "meta.helm.sh/release-name";
    /** Helm's release namespace annotation. */
    public static final String RELEASE_NAMESPACE_ANNOTATION = "meta.helm.sh/release-namespace";
    /** helm-controller's per-object drift detection switch (label or annotation, value {@code disabled}). */
    public static final String DRIFT_DETECTION_KEY = "helm.toolkit.fluxcd.io/driftDetection";
    /** Helm's hook annotation. */
    public static final String HOOK_ANNOTATION = "helm.sh/hook";

    private static final Pattern CRD_FILE = Pattern.compile("(^|.*/)crds/.*");
    private static final int DEFAULT_MAX_HISTORY = 5;

    /** What the engine needs from the reconciler. */
    public interface Host {
        /** The artifact of a GitRepository source. */
        Artifact artifact(NamespacedRef ref, String defaultNamespace);

        /** The decoded data of a Secret. */
        Map<String, byte[]> secretData(String namespace, String name);

        /** An engine entry by {@code Kind/namespace/name}. */
        Optional<Units.Entry> entry(String key);

        /** Waits for the objects to become ready; the failure message when they do not. */
        Optional<String> waitFor(List<ResourceId> ids, Duration timeout);

        /** Records an event. */
        void emit(Units.Entry e, Event.Severity severity, String reason, String message, String revision);
    }

    /**
     * What one reconcile did.
     *
     * @param changes what was applied, pruned or deleted
     * @param drift the drift detected (before any correction)
     */
    public record Outcome(ChangeSet changes, List<Drift> drift) {
    }

    /** Per-HelmRelease state: the release records and failure counters (helm-controller's status). */
    static final class State {
        final List<HelmReleaseSnapshot> history = new ArrayList<>();
        final Map<Integer, List<Resource>> manifests = new TreeMap<>();
        final Map<Integer, List<Resource>> hooks = new TreeMap<>();
        int storedVersion;
        int installFailures;
        int upgradeFailures;
        int failures;
        String lastAction = "";
        String lastAttemptedChart = "";
        String lastAttemptedConfig = "";
        String lastAttemptedPostRenderers = "";
        String observedPostRenderers = "";
        HelmRelease.Spec lastAttemptedSpec;

        HelmReleaseSnapshot latest() {
            return history.isEmpty() ? null : history.get(0);
        }

        void clearFailures() {
            installFailures = 0;
            upgradeFailures = 0;
            failures = 0;
        }

        int failureCount(String action) {
            return action.equals("install") ? installFailures : upgradeFailures;
        }

        void increment(String action) {
            if (action.equals("install")) {
                installFailures++;
            } else {
                upgradeFailures++;
            }
        }

        /** helm-controller's {@code Snapshots.Previous}. */
        HelmReleaseSnapshot previous(boolean ignoreTests) {
            for (int i = 1; i < history.size(); i++) {
                HelmReleaseSnapshot s = history.get(i);
                if ((s.status().equals(HelmReleaseSnapshot.DEPLOYED)
                        || s.status().equals(HelmReleaseSnapshot.SUPERSEDED)) && (ignoreTests || !s.hasFailedTest())) {
                    return s;
                }
            }
            return null;
        }

        /** helm-controller's {@code Snapshots.Truncate}: keep the history back to the previous good release. */
        void truncate(boolean ignoreTests, int max) {
            for (int i = 1; i < history.size(); i++) {
                HelmReleaseSnapshot s = history.get(i);
                if ((s.status().equals(HelmReleaseSnapshot.DEPLOYED)
                        || s.status().equals(HelmReleaseSnapshot.SUPERSEDED)) && (ignoreTests || !s.hasFailedTest())) {
                    history.subList(i + 1, history.size()).clear();
                    return;
                }
            }
            cap(max);
        }

        void cap(int max) {
            if (max > 0 && history.size() > max) {
                history.subList(max, history.size()).clear();
            }
        }

        void replace(HelmReleaseSnapshot old, HelmReleaseSnapshot now) {
            history.set(history.indexOf(old), now);
        }

        void add(HelmReleaseSnapshot s, List<Resource> manifest) {
            history.add(0, s);
            manifests.put(s.version(), manifest);
            storedVersion = Math.max(storedVersion, s.version());
        }

        void forgetManifests() {
            Set<Integer> keep = new java.util.HashSet<>();
            history.forEach(h -> keep.add(h.version()));
            manifests.keySet().retainAll(keep);
            hooks.keySet().retainAll(keep);
        }
    }

    /** What a HelmRelease wants now. */
    private record Desired(String releaseName, String releaseNamespace, List<Resource> crds, List<Resource> objects,
            List<Resource> tests, List<Resource> hooks, String chartName, String chartVersion, String appVersion, String configDigest,
            String postRenderersDigest) {
        String chart() {
            return chartName + "@" + chartVersion;
        }
    }

    /** One drifted object. */
    private record DriftItem(Resource desired, boolean removed, List<FieldChange> changes, Drift drift) {
    }

    private enum Kind { RELEASE, TEST, REMEDIATE, DRIFT_CORRECTION }

    private enum Action {
        INSTALL(Kind.RELEASE), UPGRADE(Kind.RELEASE), TEST(Kind.TEST), ROLLBACK(Kind.REMEDIATE),
        UNINSTALL(Kind.REMEDIATE), CORRECT_DRIFT(Kind.DRIFT_CORRECTION);

        final Kind kind;

        Action(Kind kind) {
            this.kind = kind;
        }
    }

    /** Why the loop stopped. */
    private enum Stop { DONE, REQUEUE, RETRY_AFTER_INTERVAL, TERMINAL }

    private static final class Stalled extends RuntimeException {
        final String reason;

        Stalled(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    private final ClusterApplier cluster;
    private final ChartRenderer charts;
    private final ManifestBuilder builder;
    private final Clock clock;
    private final String manager;
    private final Map<Units.Entry, State> states = new WeakHashMap<>();
    /** The user the current reconcile impersonates ({@code spec.serviceAccountName}), {@code ""} for none. */
    private String user = "";

    /** A HelmRelease reconciler applying as field manager {@code manager}. */
    public HelmReleases(ClusterApplier cluster, ChartRenderer charts, ManifestBuilder builder, Clock clock,
            String manager) {
        this.cluster = cluster;
        this.charts = charts;
        this.builder = builder;
        this.clock = clock;
        this.manager = manager;
    }

    // ------------------------------------------------------------------------------------------------ reconcile

    /** Reconciles one HelmRelease (helm-controller's {@code reconcileRelease} and atomic release). */
    public Outcome reconcile(Units.Entry e, Host host) {
        HelmRelease hr = (HelmRelease) e.object;
        HelmRelease.Spec spec = hr.spec();
        State st = states.computeIfAbsent(e, k -> new State());
        e.specChanged = false;
        e.lastReconciled = clock.instant();
        List<Drift> drift = new ArrayList<>();
        ChangeSet[] changes = {ChangeSet.empty()};
        try {
            HelmSettings settings;
            PostRenderers post;
            try {
                settings = HelmSettings.of(e.id, spec);
                try {
                    user = dev.gitops.api.apply.Impersonation.forServiceAccountName(e.id.namespace(),
                            spec.serviceAccountName());
                } catch (GitOpsException ex) {
                    throw new InvalidInputException(e.id, "spec.serviceAccountName: " + ex.getMessage());
                }
                post = PostRenderers.of(e.id, spec.postRenderers());
                if (!spec.chartRef().name().isEmpty()) {
                    throw new InvalidInputException(e.id, "spec.chartRef: charts from " + spec.chartRef().kind() + " '"
                            + spec.chartRef().namespaceOr(e.id.namespace()) + "/" + spec.chartRef().name()
                            + "' are not supported by the engine yet; use spec.chart.spec with a GitRepository or "
                            + "HelmRepository sourceRef");
                }
            } catch (InvalidInputException ex) {
                notReady(e, st, ex.getMessage().contains(": spec.chartRef: ") ? Reasons.ARTIFACT_FAILED
                        : Reasons.INVALID, ex.getMessage(), true, host, spec.interval());
                return new Outcome(changes[0], drift);
            }
            Desired d;
            try {
                d = desired(e, hr, post, host, installing(st));
            } catch (Failure f) {
                if (f.released) {
                    String action = installing(st) ? "install" : "upgrade";
                    markReleaseFailure(e, st, action, f.getMessage(), host, spec.chart().version());
                    summarize(e, settings);
                    e.nextRun = clock.instant().plus(spec.interval());
                    e.setReconciling(clock.instant(), f.getMessage());
                } else {
                    notReady(e, st, f.reason, f.getMessage(), f.terminal, host, spec.interval());
                }
                return new Outcome(changes[0], drift);
            }
            // helm-controller's MustResetFailures: a new generation, chart version or values digest
            if (!spec.equals(st.lastAttemptedSpec) || !st.lastAttemptedChart.equals(d.chart())
                    || !st.lastAttemptedConfig.equals(d.configDigest())
                    || !st.lastAttemptedPostRenderers.equals(d.postRenderersDigest())) {
                st.clearFailures();
            }
            st.lastAttemptedSpec = spec;
            st.lastAttemptedChart = d.chart();
            st.lastAttemptedConfig = d.configDigest();
            st.lastAttemptedPostRenderers = d.postRenderersDigest();
            e.lastAttempted = d.chartVersion();
            Stop stop = atomicRelease(e, st, settings, d, host, drift, changes);
            switch (stop) {
                case DONE -> e.nextRun = clock.instant().plus(spec.interval());
                case REQUEUE -> e.nextRun = clock.instant();
                case RETRY_AFTER_INTERVAL -> e.nextRun = clock.instant().plus(settings.retry(st.lastAction)
                        .map(HelmSettings.Strategy::retryInterval).orElse(spec.interval()));
                case TERMINAL -> e.nextRun = clock.instant().plus(spec.interval());
                default -> throw new IllegalStateException();
            }
            markHelmRepository(spec, e.id.namespace(), d, host);
        } finally {
            user = "";
            e.lastReconciled = clock.instant();
            e.failures = st.failures;
            e.history = List.copyOf(st.history);
            HelmReleaseSnapshot latest = st.latest();
            if (latest != null && latest.status().equals(HelmReleaseSnapshot.DEPLOYED)) {
                e.lastApplied = latest.chartVersion();
            }
        }
        return new Outcome(changes[0], drift);
    }

    private static boolean installing(State st) {
        HelmReleaseSnapshot latest = st.latest();
        return latest == null || latest.status().equals(HelmReleaseSnapshot.UNINSTALLED);
    }

    private Stop atomicRelease(Units.Entry e, State st, HelmSettings s, Desired d, Host host, List<Drift> drift,
            ChangeSet[] changes) {
        EnumSet<Kind> previous = EnumSet.noneOf(Kind.class);
        while (true) {
            Action next;
            try {
                next = actionFor(e, st, s, d, host, drift);
            } catch (Stalled ex) {
                e.putCondition(new Condition(Condition.STALLED, "True", ex.reason, ex.getMessage(),
                        clock.instant()));
                e.conditions.removeIf(c -> c.type().equals(Condition.RECONCILING));
                summarize(e, s);
                return Stop.TERMINAL;
            }
            if (next == null) {
                e.conditions.removeIf(c -> c.type().equals(Condition.RECONCILING));
                summarize(e, s);
                return Stop.DONE;
            }
            if (previous.contains(next.kind)) {
                // cleanReleaseStrategy: every kind of action runs at most once per reconcile
                if (s.retry(st.lastAction).isPresent()) {
                    e.setReconciling(clock.instant(), "retrying after " + HelmSettings.format(
                            s.retry(st.lastAction).get().retryInterval()));
                    return Stop.RETRY_AFTER_INTERVAL;
                }
                HelmSettings.Remediation rem = activeRemediation(st, s);
                if (rem == null || !rem.retriesExhausted(st.failureCount(rem.action()))) {
                    e.setReconciling(clock.instant(), e.message());
                    return Stop.REQUEUE;
                }
                e.conditions.removeIf(c -> c.type().equals(Condition.RECONCILING));
                return Stop.DONE;
            }
            LOG.debug("{}: running {}", e.key(), next);
            boolean ok = run(next, e, st, s, d, host, drift, changes);
            if (!ok && s.retry(st.lastAction).isPresent() && next.kind == Kind.RELEASE) {
                e.setReconciling(clock.instant(), "retrying after " + HelmSettings.format(
                        s.retry(st.lastAction).get().retryInterval()));
                return Stop.RETRY_AFTER_INTERVAL;
            }
            if (next.kind == Kind.REMEDIATE) {
                HelmSettings.Remediation rem = activeRemediation(st, s);
                if (rem == null || !rem.retriesExhausted(st.failureCount(rem.action()))
                        || (rem.action().equals("upgrade") && rem.strategy().equals(HelmSettings.UNINSTALL))) {
                    e.setReconciling(clock.instant(), e.message());
                    return Stop.REQUEUE;
                }
                String msg = "Failed to " + st.lastAction + " after " + st.failureCount(rem.action())
                        + " attempt(s)";
                e.putCondition(new Condition(Condition.STALLED, "True", Reasons.RETRIES_EXCEEDED, msg,
                        clock.instant()));
                e.conditions.removeIf(c -> c.type().equals(Condition.RECONCILING));
                return Stop.TERMINAL;
            }
            previous.add(next.kind);
        }
    }

    private static HelmSettings.Remediation activeRemediation(State st, HelmSettings s) {
        return switch (st.lastAction) {
            case "install" -> s.install().remediation();
            case "upgrade" -> s.upgrade().remediation();
            default -> null;
        };
    }

    /** helm-controller's {@code DetermineReleaseState} and {@code actionForState}. */
    private Action actionFor(Units.Entry e, State st, HelmSettings s, Desired d, Host host, List<Drift> driftOut) {
        HelmReleaseSnapshot latest = st.latest();
        HelmSettings.Remediation remediation = activeRemediation(st, s);
        boolean ignoreTests = remediation != null ? remediation.mustIgnoreTestFailures(s.test().ignoreFailures())
                : s.test().ignoreFailures();
        // absent
        if (latest == null || latest.status().equals(HelmReleaseSnapshot.UNINSTALLED)) {
            if (s.install().remediation().retriesExhausted(st.installFailures)) {
                throw new Stalled(Reasons.RETRIES_EXCEEDED, "Failed to install after " + st.installFailures
                        + " attempt(s)");
            }
            return Action.INSTALL;
        }
        // failed
        if (latest.status().equals(HelmReleaseSnapshot.FAILED) || (s.test().enable() && remediation != null
                && !ignoreTests && latest.hasFailedTest())) {
            if (s.retry(st.lastAction).isPresent() || remediation == null || st.failureCount(remediation.action())
                    <= 0) {
                return Action.UPGRADE;
            }
            if (remediation.retriesExhausted(st.failureCount(remediation.action()))
                    && !remediation.remediateLastFailure()) {
                throw new Stalled(Reasons.RETRIES_EXCEEDED, "Failed to " + st.lastAction + " after "
                        + st.failureCount(remediation.action()) + " attempt(s)");
            }
            st.truncate(ignoreTests, maxHistory(e));
            if (remediation.strategy().equals(HelmSettings.ROLLBACK)) {
                if (st.previous(ignoreTests) == null || !st.manifests.containsKey(st.previous(ignoreTests)
                        .version())) {
                    throw new Stalled(Reasons.MISSING_ROLLBACK_TARGET, "Failed to perform remediation: missing "
                            + "target release for rollback: cannot remediate failed release");
                }
                return Action.ROLLBACK;
            }
            return Action.UNINSTALL;
        }
        // out of sync
        if (!latest.chartName().equals(d.chartName()) || !latest.chartVersion().equals(d.chartVersion())
                || !latest.configDigest().equals(d.configDigest())
                || !st.observedPostRenderers.equals(d.postRenderersDigest())) {
            if (s.upgrade().remediation().retriesExhausted(st.upgradeFailures)) {
                throw new Stalled(Reasons.RETRIES_EXCEEDED, "Failed to upgrade after " + st.upgradeFailures
                        + " attempt(s)");
            }
            return Action.UPGRADE;
        }
        // untested
        if (s.test().enable() && !latest.tested()) {
            if (isTrue(e, Condition.REMEDIATED)) {
                replaceRemediated(e, latest);
            }
            return Action.TEST;
        }
        // drifted
        if (s.drift().mustDetect()) {
            List<DriftItem> items = detectDrift(e, st, s);
            if (!items.isEmpty()) {
                items.forEach(i -> driftOut.add(i.drift()));
                String msg = "Cluster state of release " + latest.fullReleaseName() + " has drifted from the "
                        + "desired state:\n" + summarizeDrift(items);
                host.emit(e, Event.Severity.ERROR, Reasons.DRIFT_DETECTED, msg, latest.chartVersion());
                e.putCondition(new Condition(Condition.DRIFTED, "True", Reasons.DRIFT_DETECTED, msg,
                        clock.instant()));
                if (s.drift().mode().equals("enabled")) {
                    pendingDrift = items;
                    return Action.CORRECT_DRIFT;
                }
                return null;
            }
        }
        // in sync
        if (s.retry(st.lastAction).isPresent()) {
            st.cap(maxHistory(e));
        } else {
            st.truncate(ignoreTests, maxHistory(e));
        }
        st.forgetManifests();
        if (isTrue(e, Condition.REMEDIATED)) {
            replaceRemediated(e, latest);
        }
        Optional<Condition> released = e.conditions.stream().filter(c -> c.type().equals(Condition.RELEASED))
                .findFirst();
        if (released.isPresent() && !released.get().isTrue()) {
            String reason = released.get().reason();
            if (reason.equals(Reasons.INSTALL_FAILED) || reason.equals(Reasons.UPGRADE_FAILED)) {
                boolean inst = reason.equals(Reasons.INSTALL_FAILED);
                e.putCondition(new Condition(Condition.RELEASED, "True", inst ? Reasons.INSTALL_SUCCEEDED
                        : Reasons.UPGRADE_SUCCEEDED, "Helm " + (inst ? "install" : "upgrade") + " succeeded for "
                        + "release " + latest.fullReleaseName() + " with chart " + latest.versionedChartName(),
                        clock.instant()));
            }
        }
        if (s.drift().mustDetect()) {
            e.putCondition(new Condition(Condition.DRIFTED, "False", Reasons.NO_DRIFT_DETECTED,
                    "No drift detected against the cluster state", clock.instant()));
        } else {
            e.conditions.removeIf(c -> c.type().equals(Condition.DRIFTED));
        }
        return null;
    }

    private List<DriftItem> pendingDrift = List.of();

    private void replaceRemediated(Units.Entry e, HelmReleaseSnapshot latest) {
        e.conditions.removeIf(c -> c.type().equals(Condition.REMEDIATED));
        e.putCondition(new Condition(Condition.RELEASED, "True", Reasons.UPGRADE_SUCCEEDED, "Helm upgrade succeeded "
                + "for release " + latest.fullReleaseName() + " with chart " + latest.versionedChartName(),
                clock.instant()));
    }

    private static boolean isTrue(Units.Entry e, String type) {
        return e.conditions.stream().anyMatch(c -> c.type().equals(type) && c.isTrue());
    }

    private static int maxHistory(Units.Entry e) {
        long m = ((HelmRelease) e.object).spec().maxHistory();
        return m < 0 ? DEFAULT_MAX_HISTORY : (int) Math.min(m, Integer.MAX_VALUE);
    }

    // ------------------------------------------------------------------------------------------------ actions

    /** Runs an action; false when it failed but recorded a release (the loop goes on to remediate). */
    private boolean run(Action a, Units.Entry e, State st, HelmSettings s, Desired d, Host host, List<Drift> drift,
            ChangeSet[] changes) {
        return switch (a) {
            case INSTALL -> install(e, st, s, d, host, changes);
            case UPGRADE -> upgrade(e, st, s, d, host, changes);
            case TEST -> test(e, st, s, d, host);
            case ROLLBACK -> rollback(e, st, s, host, changes);
            case UNINSTALL -> uninstall(e, st, s, host, changes);
            case CORRECT_DRIFT -> correctDrift(e, st, s, host, changes);
        };
    }

    private boolean install(Units.Entry e, State st, HelmSettings s, Desired d, Host host, ChangeSet[] changes) {
        st.lastAction = "install";
        st.history.clear();
        st.manifests.clear();
        st.hooks.clear();
        e.conditions.removeIf(c -> c.type().equals(Condition.TEST_SUCCESS) || c.type().equals(Condition.REMEDIATED));
        int version = st.storedVersion + 1;
        Instant now = clock.instant();
        Optional<String> error = deploy(e, d.releaseNamespace(), d.crds(), d.objects(), s.install().crds(),
                s.install().createNamespace(), s.install().replace(), !s.install().disableWait(),
                s.install().timeout(), host, changes, "install", s.install().disableHooks() ? List.of() : d.hooks());
        String status = error.isPresent() ? HelmReleaseSnapshot.FAILED : HelmReleaseSnapshot.DEPLOYED;
        HelmReleaseSnapshot snap = snapshot(d, version, status, "install", now, now);
        st.add(snap, d.objects());
        st.hooks.put(version, d.hooks());
        st.observedPostRenderers = d.postRenderersDigest();
        if (error.isPresent()) {
            String msg = "Helm install failed for release " + d.releaseNamespace() + "/" + d.releaseName()
                    + " with chart " + d.chart() + ": " + error.get();
            st.failures++;
            e.putCondition(new Condition(Condition.RELEASED, "False", Reasons.INSTALL_FAILED, msg, clock.instant()));
            host.emit(e, Event.Severity.ERROR, Reasons.INSTALL_FAILED, msg, d.chartVersion());
            st.installFailures++;
            summarize(e, s);
            return false;
        }
        String msg = "Helm install succeeded for release " + snap.fullReleaseName() + " with chart "
                + snap.versionedChartName();
        e.putCondition(new Condition(Condition.RELEASED, "True", Reasons.INSTALL_SUCCEEDED, msg, clock.instant()));
        if (s.test().enable()) {
            e.putCondition(new Condition(Condition.TEST_SUCCESS, "Unknown", "AwaitingTests", "Helm release "
                    + snap.fullReleaseName() + " with chart " + snap.versionedChartName() + " is awaiting tests",
                    clock.instant()));
        }
        if (s.retry("install").isPresent()) {
            st.clearFailures();
        }
        host.emit(e, Event.Severity.INFO, Reasons.INSTALL_SUCCEEDED, msg, d.chartVersion());
        summarize(e, s);
        return true;
    }

    private boolean upgrade(Units.Entry e, State st, HelmSettings s, Desired d, Host host, ChangeSet[] changes) {
        st.lastAction = "upgrade";
        e.conditions.removeIf(c -> c.type().equals(Condition.TEST_SUCCESS) || c.type().equals(Condition.REMEDIATED));
        HelmReleaseSnapshot current = st.latest();
        int version = st.storedVersion + 1;
        Instant now = clock.instant();
        List<ResourceId> before = e.inventory;
        Optional<String> error = deploy(e, d.releaseNamespace(), d.crds(), d.objects(), s.upgrade().crds(), false,
                s.upgrade().force(), !s.upgrade().disableWait(), s.upgrade().timeout(), host, changes, "upgrade",
                s.upgrade().disableHooks() ? List.of() : d.hooks());
        Instant first = current == null ? now : current.firstDeployed();
        if (error.isPresent() && s.upgrade().cleanupOnFail()) {
            // Helm's --cleanup-on-fail: delete the objects this upgrade created
            List<ResourceId> created = d.objects().stream().map(Resource::id).filter(id -> !before.contains(id))
                    .toList();
            try {
                changes[0] = changes[0].plus(cluster.deleteAll(created, keepPolicy()));
                List<ResourceId> left = new ArrayList<>(e.inventory);
                left.removeAll(created);
                e.inventory = List.copyOf(left);
            } catch (GitOpsException ex) {
                error = Optional.of(error.get() + "; cleanup on fail: " + ex.getMessage());
            }
        }
        if (error.isPresent()) {
            HelmReleaseSnapshot snap = snapshot(d, version, HelmReleaseSnapshot.FAILED, "upgrade", first, now);
            st.add(snap, d.objects());
            st.hooks.put(version, d.hooks());
            st.observedPostRenderers = d.postRenderersDigest();
            String msg = "Helm upgrade failed for release " + d.releaseNamespace() + "/" + d.releaseName()
                    + " with chart " + d.chart() + ": " + error.get();
            st.failures++;
            e.putCondition(new Condition(Condition.RELEASED, "False", Reasons.UPGRADE_FAILED, msg, clock.instant()));
            host.emit(e, Event.Severity.ERROR, Reasons.UPGRADE_FAILED, msg, d.chartVersion());
            st.upgradeFailures++;
            summarize(e, s);
            return false;
        }
        supersedeDeployed(st);
        HelmReleaseSnapshot snap = snapshot(d, version, HelmReleaseSnapshot.DEPLOYED, "upgrade", first, now);
        st.add(snap, d.objects());
        st.hooks.put(version, d.hooks());
        st.observedPostRenderers = d.postRenderersDigest();
        String msg = "Helm upgrade succeeded for release " + snap.fullReleaseName() + " with chart "
                + snap.versionedChartName();
        e.putCondition(new Condition(Condition.RELEASED, "True", Reasons.UPGRADE_SUCCEEDED, msg, clock.instant()));
        if (s.test().enable()) {
            e.putCondition(new Condition(Condition.TEST_SUCCESS, "Unknown", "AwaitingTests", "Helm release "
                    + snap.fullReleaseName() + " with chart " + snap.versionedChartName() + " is awaiting tests",
                    clock.instant()));
        }
        if (s.retry("upgrade").isPresent()) {
            st.clearFailures();
        }
        host.emit(e, Event.Severity.INFO, Reasons.UPGRADE_SUCCEEDED, msg, d.chartVersion());
        summarize(e, s);
        return true;
    }

    private static void supersedeDeployed(State st) {
        for (int i = 0; i < st.history.size(); i++) {
            HelmReleaseSnapshot h = st.history.get(i);
            if (h.status().equals(HelmReleaseSnapshot.DEPLOYED) || h.status().equals(HelmReleaseSnapshot.FAILED)
                    && i == 0) {
                st.history.set(i, h.withStatus(HelmReleaseSnapshot.SUPERSEDED));
            }
        }
    }

    private boolean rollback(Units.Entry e, State st, HelmSettings s, Host host, ChangeSet[] changes) {
        HelmSettings.Remediation rem = activeRemediation(st, s);
        boolean ignoreTests = rem != null && rem.mustIgnoreTestFailures(s.test().ignoreFailures());
        HelmReleaseSnapshot prev = st.previous(ignoreTests);
        List<Resource> objects = st.manifests.get(prev.version());
        int version = st.storedVersion + 1;
        Instant now = clock.instant();
        List<Resource> targetHooks = st.hooks.getOrDefault(prev.version(), List.of());
        Optional<String> error = deploy(e, prev.namespace(), List.of(), objects, HelmSettings.CRDS_SKIP, false,
                s.rollback().force(), !s.rollback().disableWait(), s.rollback().timeout(), host, changes, "rollback",
                s.rollback().disableHooks() ? List.of() : targetHooks);
        if (error.isPresent()) {
            HelmReleaseSnapshot failed = new HelmReleaseSnapshot(prev.name(), prev.namespace(), version,
                    HelmReleaseSnapshot.FAILED, "rollback", prev.chartName(), prev.chartVersion(), prev.appVersion(),
                    prev.configDigest(), prev.digest(), prev.firstDeployed(), now, Instant.EPOCH, false, Map.of());
            st.add(failed, objects);
            st.hooks.put(version, targetHooks);
            String msg = "Helm rollback to previous release " + prev.fullReleaseName() + " with chart "
                    + prev.versionedChartName() + " failed: " + error.get();
            st.failures++;
            e.putCondition(new Condition(Condition.REMEDIATED, "False", Reasons.ROLLBACK_FAILED, msg,
                    clock.instant()));
            host.emit(e, Event.Severity.ERROR, Reasons.ROLLBACK_FAILED, msg, prev.chartVersion());
            summarize(e, s);
            return false;
        }
        supersedeDeployed(st);
        HelmReleaseSnapshot snap = new HelmReleaseSnapshot(prev.name(), prev.namespace(), version,
                HelmReleaseSnapshot.DEPLOYED, "rollback", prev.chartName(), prev.chartVersion(), prev.appVersion(),
                prev.configDigest(), prev.digest(), prev.firstDeployed(), now, Instant.EPOCH, false, Map.of());
        st.add(snap, objects);
        st.hooks.put(version, targetHooks);
        String msg = "Helm rollback to previous release " + prev.fullReleaseName() + " with chart "
                + prev.versionedChartName() + " succeeded";
        e.putCondition(new Condition(Condition.REMEDIATED, "True", Reasons.ROLLBACK_SUCCEEDED, msg,
                clock.instant()));
        host.emit(e, Event.Severity.INFO, Reasons.ROLLBACK_SUCCEEDED, msg, prev.chartVersion());
        summarize(e, s);
        return true;
    }

    private boolean uninstall(Units.Entry e, State st, HelmSettings s, Host host, ChangeSet[] changes) {
        HelmReleaseSnapshot cur = st.latest();
        String msg;
        List<Resource> hooks = s.uninstall().disableHooks() ? List.of()
                : st.hooks.getOrDefault(cur.version(), List.of());
        try {
            Optional<String> pre = runHooks(hooks, "pre-delete", s.uninstall().timeout(), host);
            if (pre.isPresent()) {
                throw new GitOpsException(pre.get());
            }
            ChangeSet cs = cluster.deleteAll(e.inventory, keepPolicy());
            changes[0] = changes[0].plus(cs);
            if (!s.uninstall().disableWait()) {
                Optional<String> gone = waitGone(e.inventory, s.uninstall().timeout(), host);
                if (gone.isPresent()) {
                    throw new GitOpsException(gone.get());
                }
            }
            Optional<String> post = runHooks(hooks, "post-delete", s.uninstall().timeout(), host);
            if (post.isPresent()) {
                throw new GitOpsException(post.get());
            }
        } catch (GitOpsException ex) {
            msg = "Helm uninstall remediation for release " + cur.fullReleaseName() + " with chart "
                    + cur.versionedChartName() + " failed: " + ex.getMessage();
            st.failures++;
            e.putCondition(new Condition(Condition.REMEDIATED, "False", Reasons.UNINSTALL_FAILED, msg,
                    clock.instant()));
            host.emit(e, Event.Severity.ERROR, Reasons.UNINSTALL_FAILED, msg, cur.chartVersion());
            summarize(e, s);
            return false;
        }
        st.replace(cur, cur.uninstalled(clock.instant()));
        if (!s.uninstall().keepHistory()) {
            // Helm deletes the release records; the next install starts again at v1
            st.storedVersion = 0;
            st.manifests.clear();
            st.hooks.clear();
        }
        e.inventory = List.of();
        e.lastDesired = List.of();
        msg = "Helm uninstall remediation for release " + cur.fullReleaseName() + " with chart "
                + cur.versionedChartName() + " succeeded";
        e.putCondition(new Condition(Condition.REMEDIATED, "True", Reasons.UNINSTALL_SUCCEEDED, msg,
                clock.instant()));
        host.emit(e, Event.Severity.INFO, Reasons.UNINSTALL_SUCCEEDED, msg, cur.chartVersion());
        summarize(e, s);
        return true;
    }

    private Optional<String> waitGone(List<ResourceId> ids, Duration timeout, Host host) {
        // deletion in the in-memory cluster is immediate; objects with finalizers are reported by the applier
        List<String> left = new ArrayList<>();
        for (ResourceId id : ids) {
            if (cluster.get(id).isPresent() && !keepAnnotated(cluster.get(id).get())) {
                left.add(Units.describe(id));
            }
        }
        return left.isEmpty() ? Optional.empty() : Optional.of("timed out waiting for the deletion of "
                + String.join(", ", left));
    }

    private static boolean keepAnnotated(Resource r) {
        return "keep".equals(r.annotations().get("helm.sh/resource-policy"));
    }

    private DeleteOptions keepPolicy() {
        return new DeleteOptions(DeleteOptions.Propagation.BACKGROUND, false, Map.of("helm.sh/resource-policy",
                "keep"), Map.of()).withImpersonation(user);
    }

    /** Server-side apply as helm-controller, forcing ownership, as the HelmRelease's service account if any. */
    private ApplyOptions applyOptions() {
        return ApplyOptions.defaults().withFieldManager(manager).withForce(true).withImpersonation(user);
    }

    private DeleteOptions deleteOptions() {
        return DeleteOptions.defaults().withImpersonation(user);
    }

    /**
     * Applies a release's objects as Helm does: the namespace (when asked), the chart's CRDs by policy, the objects
     * (server-side apply, forcing ownership; {@code replace} recreates objects the apply refuses), the objects of the
     * previous revision that are gone are deleted, then the objects are waited for.
     */
    private Optional<String> deploy(Units.Entry e, String namespace, List<Resource> crds, List<Resource> objects,
            String crdPolicy, boolean createNamespace, boolean replace, boolean wait, Duration timeout, Host host,
            ChangeSet[] changes, String hookPhase, List<Resource> hooks) {
        ApplyOptions opts = applyOptions();
        Inventory next = Inventory.of(objects.stream().map(Resource::id).toList());
        try {
            if (createNamespace && cluster.get(ResourceId.of("v1", "Namespace", "", namespace)).isEmpty()) {
                ObjectNode ns = JsonNodeFactory.instance.objectNode();
                ns.put("apiVersion", "v1").put("kind", "Namespace");
                ns.putObject("metadata").put("name", namespace).putObject("labels").put("name", namespace);
                changes[0] = changes[0].plus(new ChangeSet(List.of(cluster.apply(Resource.of(ns), opts).change())));
            }
            List<Resource> crdsToApply = new ArrayList<>();
            if (!crdPolicy.equals(HelmSettings.CRDS_SKIP)) {
                for (Resource crd : crds) {
                    if (crdPolicy.equals(HelmSettings.CRDS_CREATE_REPLACE) || cluster.get(crd.id()).isEmpty()) {
                        crdsToApply.add(crd);
                    }
                }
            }
            if (!crdsToApply.isEmpty()) {
                changes[0] = changes[0].plus(cluster.applyAll(crdsToApply, opts));
            }
            Optional<String> pre = runHooks(hooks, "pre-" + hookPhase, timeout, host);
            if (pre.isPresent()) {
                return pre;
            }
            List<Change> applied = new ArrayList<>();
            for (Resource r : ApplyOrder.sort(objects)) {
                try {
                    applied.add(cluster.apply(r, opts).change());
                } catch (GitOpsException ex) {
                    if (!replace || cluster.get(r.id()).isEmpty()) {
                        throw ex;
                    }
                    // --force: replace the object Helm could not patch
                    cluster.delete(r.id(), deleteOptions());
                    applied.add(Change.of(r.id(), cluster.apply(r, opts).change().action()));
                }
            }
            ChangeSet cs = new ChangeSet(applied);
            cs = cs.plus(cluster.prune(new Inventory(e.inventory), next, keepPolicy()));
            changes[0] = changes[0].plus(cs);
        } catch (GitOpsException ex) {
            e.inventory = mergeInventory(e.inventory, next.ids());
            e.lastDesired = objects;
            return Optional.of(ex.getMessage());
        }
        e.inventory = next.ids();
        e.lastDesired = objects;
        if (wait) {
            Optional<String> unhealthy = host.waitFor(objects.stream().map(Resource::id).toList(), timeout);
            if (unhealthy.isPresent()) {
                return unhealthy;
            }
        }
        try {
            return runHooks(hooks, "post-" + hookPhase, timeout, host);
        } catch (GitOpsException ex) {
            return Optional.of(ex.getMessage());
        }
    }

    /**
     * Runs the hooks of one phase as Helm does: ordered by {@code helm.sh/hook-weight}, then kind and name; each
     * applied (after deleting a previous one, {@code before-hook-creation} being the default delete policy) and
     * waited for (Jobs to complete, Pods to succeed, by kstatus); deleted afterwards per
     * {@code hook-succeeded}/{@code hook-failed}. The first failure stops the phase.
     */
    private Optional<String> runHooks(List<Resource> hooks, String phase, Duration timeout, Host host) {
        List<Resource> run = new ArrayList<>();
        for (Resource h : hooks) {
            for (String p : h.annotations().getOrDefault(HOOK_ANNOTATION, "").split(",")) {
                if (p.trim().equals(phase)) {
                    run.add(h);
                    break;
                }
            }
        }
        run.sort(Comparator.comparingInt(HelmReleases::hookWeight).thenComparing(Resource::kind)
                .thenComparing(Resource::name));
        ApplyOptions opts = applyOptions();
        for (Resource h : run) {
            String policy = h.annotations().getOrDefault("helm.sh/hook-delete-policy", "before-hook-creation");
            if (policy.contains("before-hook-creation") && cluster.get(h.id()).isPresent()) {
                cluster.delete(h.id(), deleteOptions());
            }
            cluster.apply(h, opts);
            Optional<String> bad = host.waitFor(List.of(h.id()), timeout);
            if (bad.isPresent()) {
                if (policy.contains("hook-failed")) {
                    cluster.delete(h.id(), deleteOptions());
                }
                return Optional.of("failed " + phase + ": " + Units.describe(h.id()) + ": " + bad.get());
            }
            if (policy.contains("hook-succeeded")) {
                cluster.delete(h.id(), deleteOptions());
            }
        }
        return Optional.empty();
    }

    private static List<ResourceId> mergeInventory(List<ResourceId> a, List<ResourceId> b) {
        java.util.TreeSet<ResourceId> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    // ------------------------------------------------------------------------------------------------ tests

    private boolean test(Units.Entry e, State st, HelmSettings s, Desired d, Host host) {
        HelmReleaseSnapshot cur = st.latest();
        List<Resource> hooks = d.tests();
        List<Resource> selected = new ArrayList<>();
        for (Resource h : hooks) {
            if (s.test().excluded().contains(h.name())) {
                continue;
            }
            if (!s.test().included().isEmpty() && !s.test().included().contains(h.name())) {
                continue;
            }
            selected.add(h);
        }
        selected.sort(Comparator.comparingInt(HelmReleases::hookWeight).thenComparing(Resource::name));
        Map<String, String> phases = new LinkedHashMap<>();
        String failure = null;
        ApplyOptions opts = applyOptions();
        for (Resource h : selected) {
            String policy = h.annotations().getOrDefault("helm.sh/hook-delete-policy", "before-hook-creation");
            try {
                if (policy.contains("before-hook-creation") && cluster.get(h.id()).isPresent()) {
                    cluster.delete(h.id(), deleteOptions());
                }
                cluster.apply(h, opts);
                Optional<String> bad = host.waitFor(List.of(h.id()), s.test().timeout());
                if (bad.isPresent()) {
                    phases.put(h.name(), "Failed");
                    failure = Units.describe(h.id()) + " failed: " + bad.get();
                    if (policy.contains("hook-failed")) {
                        cluster.delete(h.id(), deleteOptions());
                    }
                    break;
                }
                phases.put(h.name(), "Succeeded");
                if (policy.contains("hook-succeeded")) {
                    cluster.delete(h.id(), deleteOptions());
                }
            } catch (GitOpsException ex) {
                phases.put(h.name(), "Failed");
                failure = Units.describe(h.id()) + " failed: " + ex.getMessage();
                break;
            }
        }
        HelmReleaseSnapshot tested = cur.withTests(phases);
        st.replace(cur, tested);
        if (failure != null) {
            String msg = "Helm test failed for release " + tested.fullReleaseName() + " with chart "
                    + tested.versionedChartName() + ": " + failure;
            st.failures++;
            e.putCondition(new Condition(Condition.TEST_SUCCESS, "False", Reasons.TEST_FAILED, msg,
                    clock.instant()));
            host.emit(e, Event.Severity.ERROR, Reasons.TEST_FAILED, msg, tested.chartVersion());
            HelmSettings.Remediation rem = activeRemediation(st, s);
            if (rem != null && !rem.mustIgnoreTestFailures(s.test().ignoreFailures())) {
                st.increment(rem.action());
            }
            summarize(e, s);
            return false;
        }
        String hookMsg = phases.isEmpty() ? "no test hooks" : phases.size() + " test hook" + (phases.size() > 1
                ? "s" : "") + " completed successfully";
        String msg = "Helm test succeeded for release " + tested.fullReleaseName() + " with chart "
                + tested.versionedChartName() + ": " + hookMsg;
        e.putCondition(new Condition(Condition.TEST_SUCCESS, "True", Reasons.TEST_SUCCEEDED, msg, clock.instant()));
        host.emit(e, Event.Severity.INFO, Reasons.TEST_SUCCEEDED, msg, tested.chartVersion());
        summarize(e, s);
        return true;
    }

    private static int hookWeight(Resource r) {
        try {
            return Integer.parseInt(r.annotations().getOrDefault("helm.sh/hook-weight", "0").trim());
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    private static boolean isTestHook(Resource r) {
        String hook = r.annotations().getOrDefault(HOOK_ANNOTATION, "");
        for (String h : hook.split(",")) {
            if (h.trim().equals("test") || h.trim().equals("test-success")) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ drift

    private List<DriftItem> detectDrift(Units.Entry e, State st, HelmSettings s) {
        List<DriftItem> out = new ArrayList<>();
        List<Resource> manifest = st.manifests.getOrDefault(st.latest().version(), List.of());
        for (Resource desired : manifest) {
            if ("disabled".equals(desired.labels().get(DRIFT_DETECTION_KEY))
                    || "disabled".equals(desired.annotations().get(DRIFT_DETECTION_KEY))) {
                continue;
            }
            Optional<Resource> live = cluster.get(desired.id());
            boolean secret = desired.kind().equals("Secret") && desired.id().group().isEmpty();
            if (live.isEmpty()) {
                out.add(new DriftItem(desired, true, List.of(), new Drift(e.id, desired.id(), Units.diff(null,
                        desired.content(), secret))));
                continue;
            }
            DriftDetector.Builder b = DriftDetector.builder();
            for (String p : ignoredPointers(s, desired)) {
                b.ignore(IgnoreRule.pointer(p));
            }
            DriftReport report = b.build().diff(desired.content(), desired.content(), live.get().content());
            if (report instanceof DriftReport.Drifted dr) {
                List<Drift.Field> fields = new ArrayList<>();
                for (FieldChange c : dr.changes()) {
                    fields.add(new Drift.Field(c.pointer(), show(c.before()), show(c.after())));
                }
                out.add(new DriftItem(desired, false, dr.changes(), new Drift(e.id, desired.id(), fields)));
            }
        }
        return out;
    }

    private static List<String> ignoredPointers(HelmSettings s, Resource r) {
        List<String> out = new ArrayList<>();
        for (HelmSettings.IgnoreRule rule : s.drift().ignore()) {
            if (rule.target().matches(r)) {
                out.addAll(rule.paths());
            }
        }
        return out;
    }

    private static String show(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "<absent>";
        }
        return Yaml.defaults().write(n).strip();
    }

    private static String summarizeDrift(List<DriftItem> items) {
        StringBuilder sb = new StringBuilder();
        for (DriftItem i : items) {
            sb.append(Units.describe(i.desired().id()));
            if (i.removed()) {
                sb.append(" removed\n");
            } else {
                int added = 0;
                int changed = 0;
                int removed = 0;
                for (FieldChange c : i.changes()) {
                    switch (c.type()) {
                        case ADDED -> added++;
                        case CHANGED -> changed++;
                        case REMOVED -> removed++;
                        default -> throw new IllegalStateException();
                    }
                }
                sb.append(" changed (").append(added).append(" additions, ").append(changed).append(" changes, ")
                        .append(removed).append(" removals)\n");
            }
        }
        return sb.toString().strip();
    }

    private boolean correctDrift(Units.Entry e, State st, HelmSettings s, Host host, ChangeSet[] changes) {
        List<DriftItem> items = pendingDrift;
        pendingDrift = List.of();
        HelmReleaseSnapshot cur = st.latest();
        ApplyOptions opts = applyOptions();
        List<Change> done = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (DriftItem i : items) {
            try {
                Resource target = i.desired();
                if (!i.removed()) {
                    target = keepIgnored(target, cluster.get(target.id()).orElseThrow(), ignoredPointers(s, target));
                }
                Change c = cluster.apply(target, opts).change();
                done.add(Change.of(c.id(), i.removed() ? dev.gitops.api.apply.Action.CREATED
                        : dev.gitops.api.apply.Action.CONFIGURED));
            } catch (GitOpsException | java.util.NoSuchElementException ex) {
                errors.add(Units.describe(i.desired().id()) + (i.removed() ? " creation" : " patch") + " failure: "
                        + ex.getMessage());
            }
        }
        ChangeSet cs = new ChangeSet(done);
        changes[0] = changes[0].plus(cs);
        StringBuilder lines = new StringBuilder();
        for (Change c : done) {
            lines.append(lines.length() == 0 ? "" : "\n").append(Units.describe(c.id())).append(' ')
                    .append(c.action().label());
        }
        if (!errors.isEmpty()) {
            String msg = "Failed to " + (done.isEmpty() ? "" : "partially ") + "correct cluster state of release "
                    + cur.fullReleaseName() + ":\n" + String.join("\n", errors) + (done.isEmpty() ? ""
                    : "\n\nSuccessful corrections:\n" + lines);
            host.emit(e, Event.Severity.ERROR, Reasons.DRIFT_CORRECTION_FAILED, msg, cur.chartVersion());
        } else if (!done.isEmpty()) {
            host.emit(e, Event.Severity.INFO, Reasons.DRIFT_CORRECTED, "Cluster state of release "
                    + cur.fullReleaseName() + " has been corrected:\n" + lines, cur.chartVersion());
        }
        return true;
    }

    /** The desired object with the ignored fields taken from the live object, so correcting leaves them alone. */
    private static Resource keepIgnored(Resource desired, Resource live, List<String> pointers) {
        if (pointers.isEmpty()) {
            return desired;
        }
        ObjectNode d = desired.content();
        for (String p : pointers) {
            for (String concrete : expand(p, live.content(), d)) {
                JsonNode lv = live.content().at(concrete);
                setAt(d, concrete, lv.isMissingNode() ? null : lv.deepCopy());
            }
        }
        return desired.withContent(d);
    }

    /** Expands {@code *} segments against both documents. */
    private static List<String> expand(String pointer, JsonNode a, JsonNode b) {
        List<String> out = new ArrayList<>();
        expand(pointer.substring(1).split("/", -1), 0, "", a, b, out);
        return out;
    }

    private static void expand(String[] segs, int i, String prefix, JsonNode a, JsonNode b, List<String> out) {
        if (i == segs.length) {
            out.add(prefix);
            return;
        }
        if (!segs[i].equals("*")) {
            expand(segs, i + 1, prefix + "/" + segs[i], a, b, out);
            return;
        }
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        for (JsonNode n : List.of(a.at(prefix.isEmpty() ? "" : prefix), b.at(prefix.isEmpty() ? "" : prefix))) {
            if (n.isObject()) {
                n.fieldNames().forEachRemaining(k -> keys.add(k.replace("~", "~0").replace("/", "~1")));
            } else if (n.isArray()) {
                for (int k = 0; k < n.size(); k++) {
                    keys.add(Integer.toString(k));
                }
            }
        }
        for (String k : keys) {
            expand(segs, i + 1, prefix + "/" + k, a, b, out);
        }
    }

    private static void setAt(ObjectNode root, String pointer, JsonNode value) {
        String[] segs = pointer.substring(1).split("/", -1);
        JsonNode cur = root;
        for (int i = 0; i < segs.length - 1; i++) {
            String k = segs[i].replace("~1", "/").replace("~0", "~");
            JsonNode next = cur.isArray() ? cur.get(Integer.parseInt(k)) : cur.get(k);
            if (next == null || !next.isContainerNode()) {
                if (value == null || !cur.isObject()) {
                    return;
                }
                next = ((ObjectNode) cur).putObject(k);
            }
            cur = next;
        }
        String last = segs[segs.length - 1].replace("~1", "/").replace("~0", "~");
        if (cur instanceof ObjectNode o) {
            if (value == null) {
                o.remove(last);
            } else {
                o.set(last, value);
            }
        } else if (cur.isArray() && last.matches("[0-9]+")) {
            var arr = (com.fasterxml.jackson.databind.node.ArrayNode) cur;
            int idx = Integer.parseInt(last);
            if (idx < arr.size()) {
                if (value == null) {
                    arr.remove(idx);
                } else {
                    arr.set(idx, value);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ desired

    /** A failure before any release was stored. */
    private static final class Failure extends RuntimeException {
        final String reason;
        final boolean terminal;
        final boolean released;

        Failure(String reason, String message, boolean terminal, boolean released) {
            super(message, null, false, false);
            this.reason = reason;
            this.terminal = terminal;
            this.released = released;
        }
    }

    private Desired desired(Units.Entry e, HelmRelease hr, PostRenderers post, Host host, boolean install) {
        HelmRelease.Spec spec = hr.spec();
        String ns = e.id.namespace();
        ChartRenderer.ChartSource source;
        String revisionSuffix = "";
        try {
            NamespacedRef ref = spec.chart().sourceRef();
            switch (ref.kind()) {
                case "GitRepository" -> {
                    Artifact a = host.artifact(ref, ns);
                    source = new ChartRenderer.ChartSource.InArtifact(a.files(),
                            FsPaths.normalize(spec.chart().name()), spec.chart().valuesFiles());
                    if (spec.chart().reconcileStrategy().equals("Revision")) {
                        String rev = a.revision();
                        int at = rev.lastIndexOf(':');
                        String sha = at >= 0 ? rev.substring(at + 1) : rev;
                        revisionSuffix = "+" + sha.substring(0, Math.min(12, sha.length()));
                    }
                }
                case "HelmRepository" -> {
                    String key = "HelmRepository/" + ref.namespaceOr(ns) + "/" + ref.name();
                    Units.Entry repo = host.entry(key).orElseThrow(() -> new NotFoundException("HelmRepository '"
                            + ref.namespaceOr(ns) + "/" + ref.name() + "' not found"));
                    HelmRepository hrepo = (HelmRepository) repo.object;
                    Map<String, byte[]> creds = hrepo.spec().secretRef().isEmpty() ? Map.of()
                            : host.secretData(repo.id.namespace(), hrepo.spec().secretRef());
                    source = new ChartRenderer.ChartSource.Repository(hrepo.spec().url(), spec.chart().name(),
                            spec.chart().version(), creds, hrepo.spec().passCredentials(), hrepo.spec().insecure());
                }
                default -> throw new InvalidInputException(e.id, "spec.chart.spec.sourceRef.kind: chart source kind '" + ref.kind()
                        + "' is not supported by the engine yet");
            }
        } catch (GitOpsException ex) {
            throw new Failure(Reasons.ARTIFACT_FAILED, ex.getMessage(), ex instanceof InvalidInputException, false);
        }
        ObjectNode values;
        try {
            values = Units.mergeValues(spec, (kind, name) -> cluster.get(ResourceId.of("v1", kind, ns, name)));
        } catch (GitOpsException ex) {
            throw new Failure(Reasons.VALUES_ERROR, ex.getMessage(), false, false);
        }
        String releaseName = hr.releaseName();
        String releaseNs = hr.releaseNamespace(ns);
        ChartRenderer.Rendered rendered = null;
        List<Resource> crds = new ArrayList<>();
        List<Resource> templates = new ArrayList<>();
        try {
            rendered = charts.render(new ChartRenderer.ChartRequest(releaseName, releaseNs, source, values));
            for (Resource r : rendered.resources()) {
                String file = r.origin().map(o -> o.file()).orElse("");
                boolean crd = r.kind().equals("CustomResourceDefinition") && CRD_FILE.matcher(file).matches()
                        && !file.contains("/templates/");
                (crd ? crds : templates).add(r);
            }
            templates = post.run(templates, builder);
        } catch (GitOpsException ex) {
            String chart;
            if (rendered != null) {
                chart = rendered.chartName() + "@" + rendered.chartVersion();
            } else {
                chart = FsPaths.normalize(spec.chart().name());
                chart = chart.substring(chart.lastIndexOf('/') + 1) + "@" + spec.chart().version();
            }
            throw new Failure("", "Helm " + (install ? "install" : "upgrade") + " failed for release "
                    + releaseNs + "/" + releaseName + " with chart " + chart + ": " + ex.getMessage(), false, true);
        }
        List<Resource> objects = new ArrayList<>();
        // release namespace and helm.toolkit labels as the linter's rendering sees them, plus Helm's own metadata
        for (Resource r : FluxBuild.releaseObjects(templates, e.id, releaseNs)) {
            ObjectNode c = r.content();
            ObjectNode meta = c.with("metadata");
            meta.with("labels").put(MANAGED_BY, "Helm");
            ObjectNode ann = meta.with("annotations");
            ann.put(RELEASE_NAME_ANNOTATION, releaseName);
            ann.put(RELEASE_NAMESPACE_ANNOTATION, releaseNs);
            objects.add(r.withContent(c));
        }
        List<Resource> tests = new ArrayList<>();
        List<Resource> lifecycle = new ArrayList<>();
        for (Resource h : rendered.hooks()) {
            ObjectNode c = h.content();
            ObjectNode meta = c.with("metadata");
            if (!meta.has("namespace") && !PlainManifestBuilder.CLUSTER_SCOPED.contains(h.kind())) {
                meta.put("namespace", releaseNs);
            }
            (isTestHook(h) ? tests : lifecycle).add(h.withContent(c));
        }
        String configDigest = "sha256:" + PostRenderers.sha256(Json.goJson(values));
        return new Desired(releaseName, releaseNs, crds, objects, tests, lifecycle, rendered.chartName(),
                rendered.chartVersion() + revisionSuffix, rendered.appVersion(), configDigest, post.digest());
    }

    private HelmReleaseSnapshot snapshot(Desired d, int version, String status, String action, Instant first,
            Instant last) {
        StringBuilder manifest = new StringBuilder();
        for (Resource r : d.objects()) {
            manifest.append(Json.goJson(r.content())).append('\n');
        }
        String digest = "sha256:" + PostRenderers.sha256(d.releaseNamespace() + "/" + d.releaseName() + ".v"
                + version + "\n" + d.chart() + "\n" + d.configDigest() + "\n" + manifest);
        return new HelmReleaseSnapshot(d.releaseName(), d.releaseNamespace(), version, status, action, d.chartName(),
                d.chartVersion(), d.appVersion(), d.configDigest(), digest, first, last, Instant.EPOCH, false,
                Map.of());
    }

    // ------------------------------------------------------------------------------------------------ conditions

    /** helm-controller's {@code summarize}: Ready from Remediated, TestSuccess, Released (first present wins). */
    private void summarize(Units.Entry e, HelmSettings s) {
        List<String> order = s.test().enable() && !s.test().ignoreFailures()
                ? List.of(Condition.REMEDIATED, Condition.TEST_SUCCESS, Condition.RELEASED)
                : List.of(Condition.REMEDIATED, Condition.RELEASED);
        if (!s.test().enable()) {
            e.conditions.removeIf(c -> c.type().equals(Condition.TEST_SUCCESS));
        }
        for (String type : order) {
            Optional<Condition> c = e.conditions.stream().filter(x -> x.type().equals(type)).findFirst();
            if (c.isPresent()) {
                String status = type.equals(Condition.REMEDIATED) ? "False" : c.get().status();
                e.putCondition(new Condition(Condition.READY, status, c.get().reason(), c.get().message(),
                        clock.instant()));
                if (status.equals("True")) {
                    e.conditions.removeIf(x -> x.type().equals(Condition.STALLED));
                }
                return;
            }
        }
    }

    private void markReleaseFailure(Units.Entry e, State st, String action, String message, Host host,
            String revision) {
        st.failures++;
        e.putCondition(new Condition(Condition.RELEASED, "False", action.equals("install") ? Reasons.INSTALL_FAILED
                : Reasons.UPGRADE_FAILED, message, clock.instant()));
        host.emit(e, Event.Severity.ERROR, action.equals("install") ? Reasons.INSTALL_FAILED : Reasons.UPGRADE_FAILED,
                message, revision);
    }

    private void notReady(Units.Entry e, State st, String reason, String message, boolean terminal, Host host,
            Duration interval) {
        st.failures++;
        e.nextRun = clock.instant().plus(interval);
        e.setConditions(clock.instant(), "False", reason, message, !terminal, terminal);
        host.emit(e, Event.Severity.ERROR, reason, message, e.lastAttempted);
    }

    private void markHelmRepository(HelmRelease.Spec spec, String ns, Desired d, Host host) {
        if (spec.chart().sourceRef().kind().equals("HelmRepository")) {
            host.entry("HelmRepository/" + spec.chart().sourceRef().namespaceOr(ns) + "/"
                    + spec.chart().sourceRef().name()).ifPresent(repo -> {
                        repo.lastReconciled = clock.instant();
                        repo.setConditions(clock.instant(), "True", Reasons.SUCCEEDED, "chart " + d.chart()
                                + " fetched by the chart renderer", false, false);
                    });
        }
    }
}
