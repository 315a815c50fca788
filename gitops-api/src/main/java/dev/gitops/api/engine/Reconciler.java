package dev.gitops.api.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.apply.ApplyOptions;
import dev.gitops.api.apply.ChangeSet;
import dev.gitops.api.apply.ClusterApplier;
import dev.gitops.api.apply.DeleteOptions;
import dev.gitops.api.apply.Impersonation;
import dev.gitops.api.apply.Inventory;
import dev.gitops.api.diff.DriftDetector;
import dev.gitops.api.diff.DriftReport;
import dev.gitops.api.engine.internal.FluxBuild;
import dev.gitops.api.engine.internal.FluxCrds;
import dev.gitops.api.engine.internal.HelmReleases;
import dev.gitops.api.engine.internal.KustomizationApply;
import dev.gitops.api.engine.internal.SopsMask;
import dev.gitops.api.engine.internal.Units;
import dev.gitops.api.error.ApplyException;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.flux.FluxMeta;
import dev.gitops.api.flux.FluxObject;
import dev.gitops.api.flux.FluxObjects;
import dev.gitops.api.flux.GitRepository;
import dev.gitops.api.flux.GoDuration;
import dev.gitops.api.flux.HelmRelease;
import dev.gitops.api.flux.HelmRepository;
import dev.gitops.api.flux.Kustomization;
import dev.gitops.api.flux.NamespacedRef;
import dev.gitops.api.flux.OCIRepository;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.oci.RegistryAuth;
import dev.gitops.api.source.Artifact;
import dev.gitops.api.source.FetchResult;
import dev.gitops.api.source.GitCredentials;
import dev.gitops.api.source.GitSource;
import dev.gitops.api.source.GitSourceSpec;
import dev.gitops.api.source.OciCredentials;
import dev.gitops.api.source.OciSource;
import dev.gitops.api.source.OciSourceSpec;
import dev.gitops.api.source.SourceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitOps engine: reconciles a Git repository into a cluster the way Flux's source, kustomize and helm
 * controllers do, in process.
 *
 * <p>The root source and path act as the {@code flux-system} GitRepository and Kustomization that
 * {@code flux bootstrap} creates (children refer to {@code sourceRef: {kind: GitRepository, name: flux-system}};
 * no such object needs to exist in the repository). Each pass fetches the root source, builds and applies the root
 * Kustomization, discovers the Flux objects it applied (Kustomizations, HelmReleases, GitRepositories,
 * HelmRepositories), and reconciles them in {@code dependsOn} order until nothing new appears. Per Kustomization:
 * the Flux overlay fields are merged into the path's kustomization (one is generated for a plain directory), the
 * {@link ManifestBuilder} builds it, SOPS-encrypted objects go through the {@link Decryptor}, {@code postBuild}
 * variables are substituted, {@code commonMetadata} and Flux's ownership labels are set, the objects are applied
 * through the {@link ClusterApplier} (server-side apply, forcing ownership, as kustomize-controller), objects
 * removed from the source are pruned against the inventory, and {@code wait}/{@code healthChecks} are evaluated by
 * kstatus rules ({@link Health}) until {@code timeout}. HelmReleases are rendered by the {@link ChartRenderer}.
 *
 * <p>Status is kept per object ({@link ObjectStatus}: Ready / Reconciling / Stalled with Flux's reasons); a failed
 * reconcile keeps the last applied revision and inventory. Events go to the {@link EventSink}, metrics to
 * {@link ReconcileMetrics}. {@link #reconcileOnce()} reconciles everything; {@link #reconcileDue()} only what its
 * interval, retry backoff or a new source revision makes due; {@link #start} runs passes on a scheduler.
 *
 * <p>Thread-safe: passes are serialised.
 */
public final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /** The namespace and name of the root objects. */
    public static final String FLUX_SYSTEM = "flux-system";
    /** Field manager of Kustomization applies. */
    public static final String KUSTOMIZE_MANAGER = "kustomize-controller";
    /** Field manager of HelmRelease applies. */
    public static final String HELM_MANAGER = "helm-controller";
    /** Labels Flux sets on every object a Kustomization applies. */
    public static final String KS_NAME_LABEL = "kustomize.toolkit.fluxcd.io/name";
    /** Labels Flux sets on every object a Kustomization applies. */
    public static final String KS_NAMESPACE_LABEL = "kustomize.toolkit.fluxcd.io/namespace";
    /** Labels helm-controller sets on every object of a release. */
    public static final String HR_NAME_LABEL = "helm.toolkit.fluxcd.io/name";
    /** Labels helm-controller sets on every object of a release. */
    public static final String HR_NAMESPACE_LABEL = "helm.toolkit.fluxcd.io/namespace";

    private static final String KS = "Kustomization";
    private static final String HR = "HelmRelease";
    private static final String ROOT_KEY = KS + "/" + FLUX_SYSTEM + "/" + FLUX_SYSTEM;
    private static final String ROOT_SOURCE_KEY = "GitRepository/" + FLUX_SYSTEM + "/" + FLUX_SYSTEM;

    private final GitSourceSpec rootSource;
    private final String rootPath;
    private final Duration rootInterval;
    private final GitSource git;
    private final OciSource oci;
    private final ClusterApplier cluster;
    private final ManifestBuilder builder;
    private final Decryptor decryptor;
    private final ChartRenderer charts;
    private final EventSink events;
    private final ReconcileMetrics metrics;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration pollInterval;
    private final boolean strictSubstitution;
    private final boolean bootstrap;

    private final HelmReleases helmReleases;
    private final Map<String, Units.Entry> entries = new TreeMap<>();
    private final Set<String> suspendedByApi = new HashSet<>();
    private boolean bootstrapped;

    private Reconciler(Builder b) {
        this.rootSource = Objects.requireNonNull(b.rootSource, "source");
        this.rootPath = FsPaths.normalize(b.rootPath);
        this.rootInterval = b.rootInterval;
        this.git = b.git != null ? b.git : GitSource.builder().clock(b.clock).build();
        this.oci = b.oci;
        this.cluster = Objects.requireNonNull(b.cluster, "cluster");
        this.builder = b.builder;
        this.decryptor = b.decryptor;
        this.charts = b.charts;
        this.events = b.events;
        this.metrics = b.metrics;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.pollInterval = b.pollInterval;
        this.strictSubstitution = b.strict;
        this.bootstrap = b.bootstrap;
        this.helmReleases = new HelmReleases(cluster, charts, builder, clock, HELM_MANAGER);
        Units.Entry root = new Units.Entry(KS, ResourceId.of("kustomize.toolkit.fluxcd.io/v1", KS, FLUX_SYSTEM,
                FLUX_SYSTEM), rootKustomization(), null);
        entries.put(ROOT_KEY, root);
        Units.Entry src = new Units.Entry("GitRepository", ResourceId.of("source.toolkit.fluxcd.io/v1",
                "GitRepository", FLUX_SYSTEM, FLUX_SYSTEM), null, null);
        entries.put(ROOT_SOURCE_KEY, src);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    private Kustomization rootKustomization() {
        return FluxBuild.rootKustomization(rootPath);
    }

    // ------------------------------------------------------------------ public API

    /** Reconciles every object now, regardless of intervals (what {@code --once} and tests use). */
    public synchronized ReconcileReport reconcileOnce() {
        return runPass(true);
    }

    /** Reconciles the objects whose interval or retry backoff has elapsed or whose source revision changed. */
    public synchronized ReconcileReport reconcileDue() {
        return runPass(false);
    }

    /** The status of every known Flux object. */
    public synchronized ReconcileReport status() {
        return report(Map.of(), Map.of());
    }

    /** The status of one object. */
    public synchronized Optional<ObjectStatus> status(String kind, String namespace, String name) {
        Units.Entry e = entries.get(kind + "/" + namespace + "/" + name);
        return e == null ? Optional.empty() : Optional.of(e.status(isSuspended(e)));
    }

    /** Suspends an object as {@code flux suspend} does, overriding its spec until {@link #resume}. */
    public synchronized void suspend(String kind, String namespace, String name) {
        suspendedByApi.add(kind + "/" + namespace + "/" + name);
    }

    /** Resumes an object suspended with {@link #suspend}; it is reconciled at the next pass. */
    public synchronized void resume(String kind, String namespace, String name) {
        String key = kind + "/" + namespace + "/" + name;
        suspendedByApi.remove(key);
        Units.Entry e = entries.get(key);
        if (e != null) {
            e.nextRun = Instant.EPOCH;
        }
    }

    /**
     * Compares the live objects with what each Kustomization and HelmRelease last applied, with the three-way
     * {@link DriftDetector}: the desired object (as last applied), the live object, and what the controller's field
     * manager owns in it ({@code metadata.managedFields}, standing for the last-applied configuration). Fields
     * another manager changed or took over show as drift; fields only other managers set do not. Objects that no
     * longer exist are reported with every field. Secret values are masked as {@code flux diff} masks them
     * ({@code ***}, {@code *** (before)}, {@code *** (after)}). Nothing is written to the cluster.
     */
    public synchronized List<Drift> detectDrift() {
        DriftDetector detector = DriftDetector.builder().fluxSecretMasks(true).useLastAppliedAnnotation(false)
                .build();
        List<Drift> out = new ArrayList<>();
        for (Units.Entry e : entries.values()) {
            if (!e.kind.equals(KS) && !e.kind.equals(HR)) {
                continue;
            }
            String manager = e.kind.equals(KS) ? KUSTOMIZE_MANAGER : HELM_MANAGER;
            for (Resource desired : e.lastDesired) {
                Optional<Resource> live;
                try {
                    live = cluster.get(desired.id());
                } catch (GitOpsException ex) {
                    continue;
                }
                List<Drift.Field> fields = Units.driftFields(detector, desired, live, manager);
                if (!fields.isEmpty()) {
                    out.add(new Drift(e.id, desired.id(), fields));
                }
            }
        }
        return out;
    }

    /**
     * Renders the objects Kustomization {@code namespace/name} would apply for the current revision of its source,
     * without applying anything, as {@code flux build kustomization} does: built through the
     * {@link ManifestBuilder} with the Flux overlay fields, {@code postBuild} variables substituted (values of
     * {@code substituteFrom} read from the cluster), {@code commonMetadata} and Flux's ownership labels set.
     * With {@link KustomizationBuild.Secrets#MASKED} SOPS-encrypted Secret values are replaced by
     * {@code **SOPS**} as {@code flux build} prints them; with {@link KustomizationBuild.Secrets#ENCRYPTED} they
     * are left as they are in Git; with {@link KustomizationBuild.Secrets#DECRYPTED} they are decrypted as
     * kustomize-controller would before applying.
     *
     * <p>The Kustomization must be known: the root {@code flux-system}, or one discovered by a previous pass
     * ({@link #reconcileOnce()}; {@link #suspend} it first to discover it without applying it). The source is
     * fetched if its interval has elapsed, as a pass would.
     *
     * @throws NotFoundException when no such Kustomization is known
     * @throws GitOpsException when the source cannot be fetched or the build fails
     */
    public synchronized KustomizationBuild buildKustomization(String namespace, String name,
            KustomizationBuild.Secrets secrets) {
        Objects.requireNonNull(secrets, "secrets");
        Units.Entry e = entries.get(KS + "/" + namespace + "/" + name);
        if (e == null || !(e.object instanceof Kustomization ks)) {
            List<String> known = entries.values().stream().filter(x -> x.kind.equals(KS))
                    .map(x -> x.id.namespace() + "/" + x.id.name()).toList();
            throw new NotFoundException("Kustomization '" + namespace + "/" + name + "' not found (known: "
                    + String.join(", ", known) + ")");
        }
        Pass pass = new Pass(false);
        fetchRoot(pass);
        Artifact art = artifactFor(ks.spec().sourceRef(), e.id.namespace(), pass);
        List<Resource> objects = build(e, ks.spec(), art, secrets == KustomizationBuild.Secrets.DECRYPTED);
        if (secrets == KustomizationBuild.Secrets.MASKED) {
            objects = objects.stream().map(SopsMask::mask).toList();
        }
        return new KustomizationBuild(e.id, art.revision(), objects, e.inventory, ks.spec().prune());
    }

    /**
     * What applying Kustomization {@code namespace/name} now would change in this engine's cluster, as
     * {@code flux diff kustomization} shows: {@link #buildKustomization} with Secrets decrypted, compared by
     * {@link KustomizationDiff#compare} (three-way, with what kustomize-controller owns in each live object as the
     * last-applied configuration; Secret values masked in the reports by {@code detector}).
     *
     * @throws NotFoundException when no such Kustomization is known
     * @throws GitOpsException when the source cannot be fetched, the build fails or the cluster refuses a dry run
     */
    public synchronized List<DriftReport> diffKustomization(String namespace, String name,
            DriftDetector detector) {
        Objects.requireNonNull(detector, "detector");
        return KustomizationDiff.compare(buildKustomization(namespace, name, KustomizationBuild.Secrets.DECRYPTED),
                cluster, detector);
    }

    /**
     * Runs {@link #reconcileDue()} every {@code tick} on {@code executor} until the returned handle is cancelled.
     * Failures of a pass are logged and reported as events; the loop keeps running.
     */
    public ScheduledFuture<?> start(ScheduledExecutorService executor, Duration tick) {
        return executor.scheduleWithFixedDelay(() -> {
            try {
                reconcileDue();
            } catch (RuntimeException e) {
                LOG.warn("reconcile pass failed: {}", e.getMessage());
            }
        }, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------ the pass

    private final class Pass {
        final boolean force;
        final Map<String, Artifact> artifacts = new HashMap<>();
        final Map<String, GitOpsException> artifactErrors = new HashMap<>();
        final Set<String> done = new HashSet<>();
        final Set<String> inProgress = new HashSet<>();
        final Map<ResourceId, ChangeSet> changes = new LinkedHashMap<>();
        final Map<ResourceId, List<Drift>> drift = new LinkedHashMap<>();

        Pass(boolean force) {
            this.force = force;
        }
    }

    private ReconcileReport runPass(boolean force) {
        if (bootstrap && !bootstrapped) {
            ApplyOptions opts = ApplyOptions.defaults().withFieldManager("flux-bootstrap").withForce(true);
            cluster.apply(FluxCrds.namespace(FLUX_SYSTEM), opts);
            for (Resource crd : FluxCrds.all()) {
                cluster.apply(crd, opts);
            }
            bootstrapped = true;
        }
        Pass pass = new Pass(force);
        fetchRoot(pass);
        while (true) {
            List<String> pending = new ArrayList<>();
            for (Map.Entry<String, Units.Entry> me : entries.entrySet()) {
                String k = me.getValue().kind;
                if ((k.equals(KS) || k.equals(HR)) && !pass.done.contains(me.getKey())) {
                    pending.add(me.getKey());
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            markCycles(pass);
            for (String key : pending) {
                if (entries.containsKey(key)) {
                    process(key, pass);
                }
            }
        }
        return report(pass.changes, pass.drift);
    }

    private void fetchRoot(Pass pass) {
        Units.Entry src = entries.get(ROOT_SOURCE_KEY);
        if (!pass.force && clock.instant().isBefore(src.nextRun) && src.artifact != null) {
            pass.artifacts.put(ROOT_SOURCE_KEY, src.artifact);
            return;
        }
        try {
            FetchResult r = git.fetch(rootSource);
            src.artifact = r.artifact();
            pass.artifacts.put(ROOT_SOURCE_KEY, r.artifact());
            sourceReady(src, r, rootInterval);
        } catch (GitOpsException e) {
            pass.artifactErrors.put(ROOT_SOURCE_KEY, e);
            sourceFailed(src, e, rootInterval);
        }
    }

    private void sourceReady(Units.Entry src, FetchResult r, Duration interval) {
        String rev = r.artifact().revision();
        src.lastApplied = rev;
        src.lastAttempted = rev;
        src.failures = 0;
        src.nextRun = clock.instant().plus(interval);
        src.lastReconciled = clock.instant();
        src.setConditions(clock.instant(), "True", Reasons.SUCCEEDED, "stored artifact for revision '" + rev + "'",
                false, false);
        if (r.changed()) {
            emit(src, Event.Severity.INFO, "NewArtifact", "stored artifact with revision '" + rev + "' from '"
                    + (src.object == null ? rootSource.redactedUrl() : src.object instanceof OCIRepository o
                            ? o.spec().url() : ((GitRepository) src.object).spec().url())
                    + "'", rev);
        }
        metrics.condition(src.kind, src.id.namespace(), src.id.name(), Condition.READY, "True");
    }

    private void sourceFailed(Units.Entry src, GitOpsException e, Duration interval) {
        src.failures++;
        src.lastReconciled = clock.instant();
        src.nextRun = clock.instant().plus(backoff(interval, interval, src.failures));
        String reason = src.object instanceof OCIRepository ? Reasons.OCI_PULL_FAILED : Reasons.GIT_OPERATION_FAILED;
        src.setConditions(clock.instant(), "False", reason, e.getMessage(), true, false);
        emit(src, Event.Severity.ERROR, reason, e.getMessage(), "");
        metrics.condition(src.kind, src.id.namespace(), src.id.name(), Condition.READY, "False");
    }

    private void markCycles(Pass pass) {
        Map<String, List<String>> graph = new TreeMap<>();
        for (Map.Entry<String, Units.Entry> me : entries.entrySet()) {
            Units.Entry e = me.getValue();
            if (e.kind.equals(KS) || e.kind.equals(HR)) {
                graph.put(me.getKey(), dependencies(e));
            }
        }
        DependencyGraph.Ordering o = DependencyGraph.of(graph).order();
        while (o instanceof DependencyGraph.Ordering.Cyclic c) {
            for (String k : c.cycle()) {
                if (pass.done.add(k)) {
                    Units.Entry e = entries.get(k);
                    e.lastReconciled = clock.instant();
                    e.setConditions(clock.instant(), "False", Reasons.DEPENDENCY_CYCLE, "dependency cycle: "
                            + c.describe(), false, true);
                    emit(e, Event.Severity.ERROR, Reasons.DEPENDENCY_CYCLE, "dependency cycle: " + c.describe(), "");
                }
                graph.remove(k);
            }
            o = DependencyGraph.of(graph).order();
        }
    }

    private List<String> dependencies(Units.Entry e) {
        List<String> deps = new ArrayList<>();
        List<NamespacedRef> refs = e.object instanceof Kustomization k ? k.spec().dependsOn()
                : e.object instanceof HelmRelease h ? h.spec().dependsOn() : List.of();
        for (NamespacedRef r : refs) {
            deps.add(e.kind + "/" + r.namespaceOr(e.id.namespace()) + "/" + r.name());
        }
        return deps;
    }

    private boolean isSuspended(Units.Entry e) {
        return suspendedByApi.contains(e.key()) || (e.object != null && e.object.suspended());
    }

    /** Reconciles one unit after its dependencies (depth first). */
    private void process(String key, Pass pass) {
        if (pass.done.contains(key) || pass.inProgress.contains(key)) {
            return;
        }
        Units.Entry e = entries.get(key);
        if (e == null) {
            return;
        }
        pass.inProgress.add(key);
        try {
            if (e.owner != null) {
                // the parent first: it may change or remove this object's spec
                process(e.owner.kind() + "/" + e.owner.namespace() + "/" + e.owner.name(), pass);
                if (entries.get(key) != e) {
                    return;
                }
            }
            if (isSuspended(e)) {
                metrics.suspended(e.kind, e.id.namespace(), e.id.name(), true);
                LOG.debug("{} is suspended", key);
                return;
            }
            metrics.suspended(e.kind, e.id.namespace(), e.id.name(), false);
            for (String dep : dependencies(e)) {
                process(dep, pass);
            }
            for (String dep : dependencies(e)) {
                Units.Entry d = entries.get(dep);
                if (d == null || !d.ready()) {
                    String name = dep.substring(dep.indexOf('/') + 1);
                    String msg = "dependency '" + name + "' is not ready";
                    e.lastReconciled = clock.instant();
                    boolean changed = e.setConditions(clock.instant(), "False", Reasons.DEPENDENCY_NOT_READY, msg,
                            true, false);
                    e.nextRun = clock.instant().plus(retryInterval(e));
                    if (changed) {
                        emit(e, Event.Severity.INFO, Reasons.DEPENDENCY_NOT_READY, msg, "");
                    }
                    metrics.condition(e.kind, e.id.namespace(), e.id.name(), Condition.READY, "False");
                    return;
                }
            }
            if (!pass.force && !isDue(e, pass)) {
                return;
            }
            Instant t0 = clock.instant();
            if (e.kind.equals(KS)) {
                reconcileKustomization(e, pass);
            } else {
                reconcileHelmRelease(e, pass);
            }
            metrics.duration(e.kind, e.id.namespace(), e.id.name(), Duration.between(t0, clock.instant()));
            metrics.condition(e.kind, e.id.namespace(), e.id.name(), Condition.READY, e.readyStatus());
        } finally {
            pass.inProgress.remove(key);
            pass.done.add(key);
        }
    }

    private boolean isDue(Units.Entry e, Pass pass) {
        if (e.specChanged || !clock.instant().isBefore(e.nextRun)) {
            return true;
        }
        if (e.object instanceof Kustomization k) {
            try {
                Artifact a = artifactFor(k.spec().sourceRef(), e.id.namespace(), pass);
                return !a.revision().equals(e.lastAttempted);
            } catch (GitOpsException ex) {
                return true;
            }
        }
        return false;
    }

    private Duration retryInterval(Units.Entry e) {
        if (e.object instanceof Kustomization k) {
            return k.spec().retryInterval();
        }
        if (e.object instanceof HelmRelease h) {
            return h.spec().interval();
        }
        return Duration.ofMinutes(1);
    }

    /** Kustomization retries after retryInterval, doubling per consecutive failure up to the interval. */
    private static Duration backoff(Duration retry, Duration interval, int failures) {
        Duration d = retry;
        for (int i = 1; i < failures && d.compareTo(interval) < 0; i++) {
            d = d.multipliedBy(2);
        }
        Duration cap = interval.compareTo(retry) > 0 ? interval : retry;
        return d.compareTo(cap) > 0 ? cap : d;
    }

    // ------------------------------------------------------------------ sources

    private Artifact artifactFor(NamespacedRef ref, String defaultNs, Pass pass) {
        String kind = ref.kind().isEmpty() ? "GitRepository" : ref.kind();
        String key = kind + "/" + ref.namespaceOr(defaultNs) + "/" + ref.name();
        Artifact cached = pass.artifacts.get(key);
        if (cached != null) {
            return cached;
        }
        GitOpsException failed = pass.artifactErrors.get(key);
        if (failed != null) {
            throw failed;
        }
        if (kind.equals("OCIRepository")) {
            return ociArtifactFor(key, pass);
        }
        if (!kind.equals("GitRepository")) {
            throw new GitOpsException("source kind '" + kind + "' is not supported by the engine yet (Source '"
                    + key + "')");
        }
        Units.Entry src = entries.get(key);
        if (src == null || src.object == null) {
            throw new NotFoundException("Source '" + key + "' not found");
        }
        GitRepository repo = (GitRepository) src.object;
        if (src.artifact != null && (isSuspended(src)
                || (!pass.force && !src.specChanged && clock.instant().isBefore(src.nextRun)))) {
            // suspended, or polled less than spec.interval ago: serve the stored artifact
            pass.artifacts.put(key, src.artifact);
            return src.artifact;
        }
        src.specChanged = false;
        try {
            GitCredentials cred = repo.spec().secretRef().isEmpty() ? GitCredentials.none()
                    : GitCredentials.fromSecretData(secretData(src.id.namespace(), repo.spec().secretRef()));
            GitSourceSpec spec = new GitSourceSpec(repo.spec().url(), repo.spec().ref(), cred, repo.spec().ignore(),
                    repo.spec().timeout());
            FetchResult r = git.fetch(spec);
            Artifact a = r.artifact();
            for (GitRepository.Include inc : repo.spec().include()) {
                Artifact other = artifactFor(new NamespacedRef("", "GitRepository", inc.repository(), ""),
                        src.id.namespace(), pass);
                a = a.include(other, inc.fromPath(), inc.toPath().isEmpty() ? inc.repository() : inc.toPath());
            }
            src.artifact = a;
            pass.artifacts.put(key, a);
            sourceReady(src, r, repo.spec().interval());
            return a;
        } catch (GitOpsException e) {
            pass.artifactErrors.put(key, e);
            sourceFailed(src, e, repo.spec().interval());
            if (src.artifact != null) {
                // Flux keeps serving the last artifact while the source fails
                return src.artifact;
            }
            throw e;
        }
    }

    private Artifact ociArtifactFor(String key, Pass pass) {
        Units.Entry src = entries.get(key);
        if (src == null || src.object == null) {
            throw new NotFoundException("Source '" + key + "' not found");
        }
        OCIRepository repo = (OCIRepository) src.object;
        if (src.artifact != null && (isSuspended(src)
                || (!pass.force && !src.specChanged && clock.instant().isBefore(src.nextRun)))) {
            pass.artifacts.put(key, src.artifact);
            return src.artifact;
        }
        src.specChanged = false;
        OCIRepository.Spec s = repo.spec();
        try {
            if (!s.provider().isEmpty() && !s.provider().equals("generic")) {
                throw new SourceException("OCIRepository " + s.url() + ": provider '" + s.provider()
                        + "' (cloud workload identity) is not supported by the engine; use a secretRef");
            }
            RegistryAuth auth = s.secretRef().isEmpty() ? RegistryAuth.anonymous()
                    : OciCredentials.fromSecretData(secretData(src.id.namespace(), s.secretRef()), s.secretRef());
            OciSourceSpec spec = new OciSourceSpec(s.url(), s.tag(), s.semver(), s.semverFilter(), s.digest(),
                    s.layerMediaType(), s.layerOperation(), s.ignore(), auth, s.insecure());
            FetchResult r = oci.fetch(spec);
            src.artifact = r.artifact();
            pass.artifacts.put(key, r.artifact());
            sourceReady(src, r, s.interval());
            return r.artifact();
        } catch (GitOpsException e) {
            pass.artifactErrors.put(key, e);
            sourceFailed(src, e, s.interval());
            if (src.artifact != null) {
                return src.artifact;
            }
            throw e;
        }
    }

    private Map<String, byte[]> secretData(String namespace, String name) {
        Resource s = cluster.get(ResourceId.of("v1", "Secret", namespace, name)).orElseThrow(
                () -> new NotFoundException("secrets \"" + name + "\" not found in namespace " + namespace));
        Map<String, byte[]> out = new TreeMap<>();
        s.content().path("data").fields().forEachRemaining(f -> out.put(f.getKey(),
                Base64.getDecoder().decode(f.getValue().asText())));
        s.content().path("stringData").fields().forEachRemaining(f -> out.put(f.getKey(),
                f.getValue().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return out;
    }

    // ------------------------------------------------------------------ Kustomization

    private void reconcileKustomization(Units.Entry e, Pass pass) {
        Kustomization ks = (Kustomization) e.object;
        Kustomization.Spec spec = ks.spec();
        Artifact art;
        try {
            art = artifactFor(spec.sourceRef(), e.id.namespace(), pass);
        } catch (GitOpsException ex) {
            fail(e, Reasons.ARTIFACT_FAILED, ex.getMessage(), false);
            return;
        }
        String rev = art.revision();
        e.lastAttempted = rev;
        e.specChanged = false;
        List<Resource> desired;
        try {
            desired = build(e, spec, art, true);
        } catch (GitOpsException ex) {
            fail(e, Reasons.BUILD_FAILED, ex.getMessage(), ex instanceof InvalidInputException);
            return;
        }
        String user;
        try {
            user = Impersonation.forServiceAccountName(e.id.namespace(), spec.serviceAccountName());
        } catch (GitOpsException ex) {
            fail(e, Reasons.RECONCILIATION_FAILED, ex.getMessage(), true);
            return;
        }
        ChangeSet cs;
        try {
            cs = KustomizationApply.applyAll(cluster, desired, ApplyOptions.defaults()
                    .withFieldManager(KUSTOMIZE_MANAGER).withForce(true).withImpersonation(user), spec.force(),
                    new KustomizationApply.Waiting(clock, sleeper, pollInterval, spec.timeout()));
        } catch (GitOpsException ex) {
            fail(e, Reasons.RECONCILIATION_FAILED, ex instanceof ApplyException ae
                    ? ae.detail() : ex.getMessage(), false);
            return;
        }
        Inventory next = Inventory.of(desired.stream().map(Resource::id).toList());
        Inventory prev = new Inventory(e.inventory);
        if (spec.prune()) {
            try {
                ChangeSet pruned = cluster.prune(prev, next, DeleteOptions.defaults().withImpersonation(user));
                cs = cs.plus(pruned);
            } catch (GitOpsException ex) {
                fail(e, Reasons.PRUNE_FAILED, ex.getMessage(), false);
                return;
            }
            for (ResourceId gone : prev.staleIn(next)) {
                finalizeRemoved(gone, pass);
            }
        }
        e.inventory = next.ids();
        e.lastDesired = desired;
        pass.changes.put(e.id, cs);
        register(e, desired);
        if (cs.hasChanges()) {
            StringBuilder msg = new StringBuilder();
            cs.changes().stream().filter(c -> c.action().isChange()).forEach(c -> msg.append(msg.length() == 0
                    ? "" : "\n").append(c.id().kind()).append('/').append(c.id().namespace().isEmpty() ? ""
                    : c.id().namespace() + "/").append(c.id().name()).append(' ').append(c.action().label()));
            emit(e, Event.Severity.INFO, Reasons.PROGRESSING, msg.toString(), rev);
        }
        // health
        List<ResourceId> checks = new ArrayList<>();
        List<String> fluxChecks = new ArrayList<>();
        if (spec.waitForReady()) {
            for (Resource r : desired) {
                if (FluxObjects.isFluxObject(r)) {
                    fluxChecks.add(r.kind() + "/" + namespaceOf(r) + "/" + r.name());
                } else {
                    checks.add(r.id());
                }
            }
        } else {
            for (NamespacedRef h : spec.healthChecks()) {
                String ns = h.namespaceOr(e.id.namespace());
                if (Units.FLUX_KINDS.contains(h.kind())) {
                    fluxChecks.add(h.kind() + "/" + ns + "/" + h.name());
                } else {
                    checks.add(ResourceId.of(h.apiVersion().isEmpty() ? "v1" : h.apiVersion(), h.kind(), ns,
                            h.name()));
                }
            }
        }
        Instant t0 = clock.instant();
        Optional<String> unhealthy = waitFor(checks, spec.timeout());
        if (unhealthy.isEmpty() && !fluxChecks.isEmpty()) {
            List<String> bad = new ArrayList<>();
            for (String k : fluxChecks) {
                process(k, pass);
                Units.Entry c = entries.get(k);
                if (c != null && !c.ready() && !isSuspended(c)) {
                    bad.add(k + " status: '" + (c.readyStatus().equals("False") ? "Failed" : "InProgress") + "'");
                }
            }
            if (!bad.isEmpty()) {
                unhealthy = Optional.of("health check failed after " + GoDuration.format(Duration.between(t0,
                        clock.instant())) + ": failed early due to stalled resources: [" + String.join(", ", bad)
                        + "]");
            }
        }
        if (unhealthy.isPresent()) {
            fail(e, Reasons.HEALTH_CHECK_FAILED, unhealthy.get(), false);
            return;
        }
        succeed(e, Reasons.RECONCILIATION_SUCCEEDED, "Applied revision: " + rev, rev, spec.interval(),
                !checks.isEmpty() || !fluxChecks.isEmpty());
    }

    private List<Resource> build(Units.Entry e, Kustomization.Spec spec, Artifact art, boolean decrypt) {
        String ns = e.id.namespace();
        var keys = new Object() {
            Map<String, byte[]> data;
        };
        return FluxBuild.kustomization(builder, art.files(), e.id, spec,
                () -> PostBuildSubstitution.resolve(spec.postBuild(), strictSubstitution,
                        (kind, name) -> cluster.get(ResourceId.of("v1", kind, ns, name))),
                !decrypt ? UnaryOperator.identity() : r -> {
                    if (keys.data == null) {
                        keys.data = spec.decryption().secretRef().isEmpty() ? Map.of()
                                : secretData(ns, spec.decryption().secretRef());
                    }
                    return decryptor.decrypt(r, keys.data);
                });
    }

    private static String namespaceOf(Resource r) {
        return FluxBuild.namespaceOf(r);
    }

    /** Registers the Flux objects a unit applied; marks changed specs. */
    private void register(Units.Entry owner, List<Resource> applied) {
        for (Resource r : applied) {
            if (!FluxObjects.isFluxObject(r)) {
                continue;
            }
            FluxObject o = FluxObjects.read(r).orElseThrow();
            String ns = namespaceOf(r);
            String key = r.kind() + "/" + ns + "/" + r.name();
            if (key.equals(ROOT_KEY) || key.equals(ROOT_SOURCE_KEY)) {
                continue; // the bootstrap objects: the engine's root stands for them
            }
            if (!Units.TRACKED_KINDS.contains(r.kind())) {
                continue;
            }
            Units.Entry existing = entries.get(key);
            if (existing == null) {
                Units.Entry n = new Units.Entry(r.kind(), ResourceId.of(r.apiVersion(), r.kind(), ns, r.name()),
                        withNamespace(o, ns), owner.id);
                n.specChanged = true;
                entries.put(key, n);
            } else if (!Objects.equals(existing.object, withNamespace(o, ns))) {
                existing.object = withNamespace(o, ns);
                existing.specChanged = true;
            }
        }
    }

    private static FluxObject withNamespace(FluxObject o, String ns) {
        if (!o.meta().namespace().isEmpty()) {
            return o;
        }
        FluxMeta m = new FluxMeta(o.meta().name(), ns, o.meta().labels(), o.meta().annotations());
        if (o instanceof Kustomization k) {
            return new Kustomization(k.apiVersion(), m, k.spec());
        }
        if (o instanceof HelmRelease h) {
            return new HelmRelease(h.apiVersion(), m, h.spec());
        }
        if (o instanceof GitRepository g) {
            return new GitRepository(g.apiVersion(), m, g.spec());
        }
        if (o instanceof HelmRepository h) {
            return new HelmRepository(h.apiVersion(), m, h.spec());
        }
        if (o instanceof OCIRepository r) {
            return new OCIRepository(r.apiVersion(), m, r.spec());
        }
        return o;
    }

    /** A Flux object was pruned: run its finalizer as the controller would, then forget it. */
    private void finalizeRemoved(ResourceId gone, Pass pass) {
        String key = gone.kind() + "/" + (gone.namespace().isEmpty() ? "default" : gone.namespace()) + "/"
                + gone.name();
        Units.Entry e = entries.get(key);
        if (e == null) {
            return;
        }
        boolean delete = false;
        if (e.object instanceof Kustomization k) {
            String policy = k.spec().deletionPolicy();
            delete = policy.equals("Delete") || policy.equals("WaitForTermination")
                    || (policy.equals("MirrorPrune") && k.spec().prune());
        } else if (e.object instanceof HelmRelease) {
            delete = true;
        }
        if (delete && !isSuspended(e)) {
            for (ResourceId child : e.inventory) {
                finalizeRemoved(child, pass);
            }
            ChangeSet cs = cluster.deleteAll(e.inventory, DeleteOptions.defaults());
            pass.changes.merge(e.id, cs, ChangeSet::plus);
        }
        entries.remove(key);
        pass.done.add(key);
        emit(e, Event.Severity.INFO, "Deleted", e.kind + " " + e.id.namespace() + "/" + e.id.name()
                + " was removed from the source" + (delete ? "; its objects were deleted" : "; its objects were "
                + "orphaned"), "");
    }

    /** Polls the objects' kstatus until all are Current, one fails, or the timeout expires. */
    private Optional<String> waitFor(List<ResourceId> ids, Duration timeout) {
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        while (true) {
            List<String> pending = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (ResourceId id : ids) {
                Health h = cluster.get(id).map(Health::of).orElse(Health.notFound());
                if (h.status() == Health.Status.FAILED) {
                    failed.add(Units.describe(id) + " status: 'Failed'");
                } else if (!h.isCurrent()) {
                    pending.add(Units.describe(id) + " status: '" + Units.kstatusName(h.status()) + "'");
                }
            }
            if (!failed.isEmpty()) {
                return Optional.of("health check failed after " + GoDuration.format(Duration.between(start,
                        clock.instant())) + ": failed early due to stalled resources: [" + String.join(", ", failed)
                        + "]");
            }
            if (pending.isEmpty()) {
                return Optional.empty();
            }
            if (!clock.instant().isBefore(deadline)) {
                return Optional.of("health check failed after " + GoDuration.format(Duration.between(start,
                        clock.instant())) + ": timeout waiting for: [" + String.join(", ", pending) + "]");
            }
            LOG.debug("waiting for {}", pending);
            try {
                sleeper.sleep(pollInterval);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return Optional.of("health check interrupted");
            }
        }
    }

    private void succeed(Units.Entry e, String reason, String message, String rev, Duration interval,
            boolean healthChecked) {
        e.lastApplied = rev;
        e.lastAttempted = rev;
        e.failures = 0;
        e.lastReconciled = clock.instant();
        e.nextRun = clock.instant().plus(interval);
        boolean changed = e.setConditions(clock.instant(), "True", reason, message, false, false);
        if (healthChecked) {
            e.putCondition(new Condition(Condition.HEALTHY, "True", "Succeeded", "Health check passed",
                    clock.instant()));
        }
        if (changed) {
            emit(e, Event.Severity.INFO, reason, message, rev);
        }
    }

    private void fail(Units.Entry e, String reason, String message, boolean terminal) {
        e.failures++;
        e.lastReconciled = clock.instant();
        e.nextRun = clock.instant().plus(backoff(retryInterval(e), e.object instanceof Kustomization k
                ? k.spec().interval() : retryInterval(e), e.failures));
        e.setConditions(clock.instant(), "False", reason, message, !terminal, terminal);
        if (reason.equals(Reasons.HEALTH_CHECK_FAILED)) {
            e.putCondition(new Condition(Condition.HEALTHY, "False", reason, message, clock.instant()));
        }
        emit(e, Event.Severity.ERROR, reason, message, e.lastAttempted);
    }

    private void emit(Units.Entry e, Event.Severity severity, String reason, String message, String revision) {
        events.emit(new Event(clock.instant(), e.id, severity, reason, message, revision));
    }

    // ------------------------------------------------------------------ HelmRelease

    private void reconcileHelmRelease(Units.Entry e, Pass pass) {
        HelmReleases.Outcome o = helmReleases.reconcile(e, new HelmReleases.Host() {
            @Override
            public Artifact artifact(NamespacedRef ref, String defaultNamespace) {
                return artifactFor(ref, defaultNamespace, pass);
            }

            @Override
            public Map<String, byte[]> secretData(String namespace, String name) {
                return Reconciler.this.secretData(namespace, name);
            }

            @Override
            public Optional<Units.Entry> entry(String key) {
                return Optional.ofNullable(entries.get(key));
            }

            @Override
            public Optional<String> waitFor(List<ResourceId> ids, Duration timeout) {
                return Reconciler.this.waitFor(ids, timeout);
            }

            @Override
            public void emit(Units.Entry en, Event.Severity severity, String reason, String message, String rev) {
                Reconciler.this.emit(en, severity, reason, message, rev);
            }
        });
        if (o.changes().hasChanges() || !pass.changes.containsKey(e.id)) {
            pass.changes.put(e.id, o.changes());
        }
        if (!o.drift().isEmpty()) {
            pass.drift.put(e.id, o.drift());
        }
    }

    // ------------------------------------------------------------------ report

    private ReconcileReport report(Map<ResourceId, ChangeSet> changes, Map<ResourceId, List<Drift>> drift) {
        List<ObjectStatus> sources = new ArrayList<>();
        List<ObjectStatus> ks = new ArrayList<>();
        List<ObjectStatus> hrs = new ArrayList<>();
        sources.add(entries.get(ROOT_SOURCE_KEY).status(false));
        ks.add(entries.get(ROOT_KEY).status(isSuspended(entries.get(ROOT_KEY))));
        for (Map.Entry<String, Units.Entry> me : entries.entrySet()) {
            if (me.getKey().equals(ROOT_KEY) || me.getKey().equals(ROOT_SOURCE_KEY)) {
                continue;
            }
            Units.Entry e = me.getValue();
            ObjectStatus s = e.status(isSuspended(e));
            switch (e.kind) {
                case KS -> ks.add(s);
                case HR -> hrs.add(s);
                default -> sources.add(s);
            }
        }
        return new ReconcileReport(sources, ks, hrs, changes, drift);
    }

    /** Builds a {@link Reconciler}. */
    public static final class Builder {
        private GitSourceSpec rootSource;
        private String rootPath = "";
        private Duration rootInterval = Duration.ofMinutes(1);
        private GitSource git;
        private OciSource oci = OciSource.offline();
        private ClusterApplier cluster;
        private ManifestBuilder builder = ManifestBuilder.plain();
        private Decryptor decryptor = Decryptor.none();
        private ChartRenderer charts = ChartRenderer.none();
        private EventSink events = EventSink.logging();
        private ReconcileMetrics metrics = ReconcileMetrics.none();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private Duration pollInterval = Duration.ofSeconds(2);
        private boolean strict;
        private boolean bootstrap = true;

        private Builder() {
        }

        /** The root source (the {@code flux-system} GitRepository): URL and reference. Required. */
        public Builder source(GitSourceSpec spec) {
            this.rootSource = Objects.requireNonNull(spec, "spec");
            return this;
        }

        /** The root path in the source (the {@code flux-system} Kustomization's path), e.g. {@code clusters/prod}. */
        public Builder path(String path) {
            this.rootPath = Objects.requireNonNull(path, "path");
            return this;
        }

        /** How often the root source is polled by {@link #reconcileDue()} (default 1m, as bootstrap sets). */
        public Builder sourceInterval(Duration d) {
            this.rootInterval = Objects.requireNonNull(d, "interval");
            return this;
        }

        /**
         * The OCIRepository fetcher (default: {@link OciSource#offline()}, which fails such sources with a message
         * saying to configure one, e.g. {@code OciSource.builder().build()}).
         */
        public Builder ociSource(OciSource o) {
            this.oci = Objects.requireNonNull(o, "ociSource");
            return this;
        }

        /** The Git fetcher (default: a new {@link GitSource} with a temporary cache). */
        public Builder gitSource(GitSource g) {
            this.git = Objects.requireNonNull(g, "gitSource");
            return this;
        }

        /** The cluster. Required. */
        public Builder cluster(ClusterApplier c) {
            this.cluster = Objects.requireNonNull(c, "cluster");
            return this;
        }

        /** How Kustomization paths are built (default: {@link ManifestBuilder#plain()}). */
        public Builder manifestBuilder(ManifestBuilder b) {
            this.builder = Objects.requireNonNull(b, "manifestBuilder");
            return this;
        }

        /** How SOPS-encrypted objects are decrypted (default: refuse). */
        public Builder decryptor(Decryptor d) {
            this.decryptor = Objects.requireNonNull(d, "decryptor");
            return this;
        }

        /** How HelmReleases are rendered (default: refuse). */
        public Builder chartRenderer(ChartRenderer r) {
            this.charts = Objects.requireNonNull(r, "chartRenderer");
            return this;
        }

        /** Where events go (default: SLF4J). */
        public Builder eventSink(EventSink s) {
            this.events = Objects.requireNonNull(s, "eventSink");
            return this;
        }

        /** Where metrics go (default: nowhere; see {@link MicrometerMetrics}). */
        public Builder metrics(ReconcileMetrics m) {
            this.metrics = Objects.requireNonNull(m, "metrics");
            return this;
        }

        /** The clock (timestamps, intervals, health-check deadlines). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** How to wait between health polls. */
        public Builder sleeper(Sleeper s) {
            this.sleeper = Objects.requireNonNull(s, "sleeper");
            return this;
        }

        /** The health poll interval (default 2s). */
        public Builder healthPollInterval(Duration d) {
            this.pollInterval = Objects.requireNonNull(d, "pollInterval");
            return this;
        }

        /** Fail on undefined postBuild variables without a default (Flux's StrictPostBuildSubstitutions). */
        public Builder strictSubstitution(boolean s) {
            this.strict = s;
            return this;
        }

        /**
         * Whether the engine creates the {@code flux-system} Namespace and the Flux CRDs before the first pass, as
         * {@code flux bootstrap} does (default true); they carry the label {@code gitops.dev/bootstrap: "true"}.
         */
        public Builder bootstrap(boolean b) {
            this.bootstrap = b;
            return this;
        }

        /** The reconciler. */
        public Reconciler build() {
            return new Reconciler(this);
        }
    }
}
