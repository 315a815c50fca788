package dev.gitops.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.apply.memory.InMemoryCluster;
import dev.gitops.api.apply.memory.ReadinessSimulator;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.source.GitReference;
import dev.gitops.api.source.GitSource;
import dev.gitops.api.source.GitSourceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * helm-controller v2 semantics of the engine: remediation (retries, rollback, uninstall, RetriesExceeded), release
 * history, drift detection (warn, enabled, ignore rules), CRD policies, createNamespace, tests, chartRef and
 * post-renderer errors. The chart is a fake renderer; the cluster is the in-memory one, with workloads whose image
 * contains {@code broken} never becoming ready and test Pods named {@code *fail*} failing.
 */
class HelmReleaseSemanticsTest {

    /** A tiny chart: a Deployment (image, replicas from values), a ConfigMap, optional CRD and test hooks. */
    static final ChartRenderer RENDERER = req -> {
        ChartRenderer.ChartSource.InArtifact src = (ChartRenderer.ChartSource.InArtifact) req.chart();
        String chart = src.files().readString(src.path() + "/Chart.yaml");
        Matcher m = Pattern.compile("version: (\\S+)").matcher(chart);
        String version = m.find() ? m.group(1) : "0.0.0";
        ObjectNode v = req.values();
        String name = req.releaseName();
        String yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\nspec:\n  replicas: "
                + v.path("replicas").asInt(1) + "\n  selector:\n    matchLabels:\n      app: " + name + sel(v, 6)
                + "\n  template:\n    metadata:\n      labels:\n        app: " + name + sel(v, 8) + "\n    spec:\n      containers:\n"
                + "      - name: app\n        image: " + v.path("image").asText("nginx:1") + "\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "-settings\ndata:\n  level: "
                + v.path("level").asText("info") + "\n";
        List<Resource> out = new ArrayList<>();
        if (v.has("extra")) {
            yaml += "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + v.get("extra").asText() + "\n";
        }
        if (v.path("crd").asBoolean(false)) {
            out.addAll(Resource.readAll("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
                    + "metadata:\n  name: widgets.example.com\n  labels:\n    rev: \"" + version + "\"\nspec:\n"
                    + "  group: example.com\n  names:\n    kind: Widget\n    plural: widgets\n  scope: Namespaced\n"
                    + "  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n"
                    + "      openAPIV3Schema:\n        type: object\n        x-kubernetes-preserve-unknown-fields: true\n",
                    "c/crds/widgets.yaml"));
        }
        out.addAll(Resource.readAll(yaml, "c/templates/all.yaml"));
        List<Resource> hooks = new ArrayList<>();
        for (var t : v.path("tests")) {
            hooks.addAll(Resource.readAll("apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + t.asText()
                    + "\n  annotations:\n    helm.sh/hook: test\nspec:\n  containers:\n  - name: t\n    image: busybox\n",
                    "c/templates/tests/" + t.asText() + ".yaml"));
        }
        for (var j : v.path("jobs")) {
            hooks.addAll(Resource.readAll("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: " + j.path("name").asText()
                    + "\n  annotations:\n    helm.sh/hook: " + j.path("phase").asText() + "\n"
                    + (j.has("policy") ? "    helm.sh/hook-delete-policy: " + j.path("policy").asText() + "\n" : "")
                    + "spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: j\n"
                    + "        image: " + j.path("image").asText("busybox") + "\n", "c/templates/hooks.yaml"));
        }
        return new ChartRenderer.Rendered(out, "c", version, "1.0", hooks);
    };

    private static String sel(ObjectNode v, int indent) {
        return v.has("sel") ? "\n" + " ".repeat(indent) + "sel: " + v.get("sel").asText() : "";
    }

    /** Ready as a controller would make it, except broken images (never ready) and failing test Pods. */
    static final ReadinessSimulator READINESS = (o, ts) -> {
        if (o.kind().equals("Pod") && o.name().contains("fail")) {
            ObjectNode st = JsonNodeFactory.instance.objectNode();
            st.put("phase", "Failed");
            return Optional.of(st);
        }
        if (o.content().toString().contains("broken")) {
            return ReadinessSimulator.neverReady().status(o, ts);
        }
        return ReadinessSimulator.ready().status(o, ts);
    };

    @TempDir
    Path tmp;

    Path work;
    Git git;
    ReconcilerTest.MutableClock clock = new ReconcilerTest.MutableClock();
    EventSink.Recording events = EventSink.recording();
    InMemoryCluster cluster;
    Reconciler reconciler;

    static final ResourceId DEPLOY = ResourceId.of("apps/v1", "Deployment", "apps", "apps-web");

    @BeforeEach
    void setUp() throws Exception {
        work = tmp.resolve("repo");
        git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        write("charts/c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n");
        write("clusters/test/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n");
        cluster = InMemoryCluster.builder().clock(clock).readiness(READINESS).build();
    }

    void write(String path, String content) throws Exception {
        Path p = work.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    void commit() throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = new PersonIdent("t", "t@example.com", clock.instant(), ZoneOffset.UTC);
        git.commit().setMessage("change").setAuthor(who).setCommitter(who).setSign(false).call();
    }

    /** Writes the HelmRelease {@code flux-system/web} (target namespace {@code apps}) with extra spec YAML. */
    void release(String values, String extraSpec) throws Exception {
        write("clusters/test/release.yaml", "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n"
                + "  name: web\n  namespace: flux-system\nspec:\n  interval: 10m\n  timeout: 1m\n"
                + "  targetNamespace: apps\n  chart:\n    spec:\n      chart: ./charts/c\n      sourceRef:\n"
                + "        kind: GitRepository\n        name: flux-system\n  values:\n" + values.indent(4)
                + extraSpec.indent(2));
        commit();
    }

    Reconciler reconciler() {
        if (reconciler == null) {
            reconciler = Reconciler.builder()
                    .source(GitSourceSpec.of(work.toUri().toString(), GitReference.ofBranch("main")))
                    .path("clusters/test")
                    .gitSource(GitSource.builder().cacheDir(tmp.resolve("cache")).clock(clock).build())
                    .cluster(cluster).chartRenderer(RENDERER).eventSink(events).clock(clock)
                    .sleeper(d -> clock.advance(d)).healthPollInterval(java.time.Duration.ofSeconds(15)).build();
        }
        return reconciler;
    }

    ObjectStatus status() {
        return reconciler().status("HelmRelease", "flux-system", "web").orElseThrow();
    }

    String condition(ObjectStatus s, String type) {
        return s.condition(type).map(c -> c.status() + " " + c.reason() + ": " + c.message()).orElse("<none>");
    }

    String image() {
        return cluster.get(DEPLOY).orElseThrow().content().at("/spec/template/spec/containers/0/image").asText();
    }

    List<String> history(ObjectStatus s) {
        return s.history().stream().map(h -> "v" + h.version() + " " + h.status() + " " + h.versionedChartName())
                .toList();
    }

    @Test
    void installRecordsAReleaseWithHelmMetadata() throws Exception {
        release("image: nginx:1", "");
        ReconcileReport report = reconciler().reconcileOnce();
        ObjectStatus s = report.helmReleases().get(0);
        assertTrue(s.ready(), s.message());
        assertEquals("True InstallSucceeded: Helm install succeeded for release apps/apps-web.v1 with chart c@1.0.0",
                condition(s, Condition.READY));
        assertEquals(condition(s, Condition.READY), condition(s, Condition.RELEASED));
        assertEquals(List.of("v1 deployed c@1.0.0"), history(s));
        HelmReleaseSnapshot h = s.history().get(0);
        assertEquals("apps/apps-web.v1", h.fullReleaseName());
        assertTrue(h.configDigest().matches("sha256:[0-9a-f]{64}"), h.configDigest());
        assertEquals("1.0", h.appVersion());
        assertEquals("install", h.action());
        assertEquals("1.0.0", s.lastAppliedRevision());
        Resource d = cluster.get(DEPLOY).orElseThrow();
        assertEquals("Helm", d.labels().get("app.kubernetes.io/managed-by"));
        assertEquals("apps-web", d.annotations().get("meta.helm.sh/release-name"));
        assertEquals("apps", d.annotations().get("meta.helm.sh/release-namespace"));
        assertEquals("web", d.labels().get(Reconciler.HR_NAME_LABEL));
        // no change: no new release
        reconciler().reconcileOnce();
        assertEquals(List.of("v1 deployed c@1.0.0"), history(status()));
        // a values change upgrades; the previous release is superseded
        release("image: nginx:2", "");
        reconciler().reconcileOnce();
        ObjectStatus up = status();
        assertEquals("True UpgradeSucceeded: Helm upgrade succeeded for release apps/apps-web.v2 with chart c@1.0.0",
                condition(up, Condition.READY));
        assertEquals(List.of("v2 deployed c@1.0.0", "v1 superseded c@1.0.0"), history(up));
        assertFalse(up.history().get(0).configDigest().equals(up.history().get(1).configDigest()));
        assertEquals("nginx:2", image());
    }

    @Test
    void failedUpgradeIsRolledBackUntilRetriesAreExhausted() throws Exception {
        release("image: nginx:1", "upgrade:\n  remediation:\n    retries: 2\n");
        reconciler().reconcileOnce();
        release("image: nginx:broken", "upgrade:\n  remediation:\n    retries: 2\n");

        reconciler().reconcileOnce();
        ObjectStatus s = status();
        assertEquals("False RollbackSucceeded: Helm rollback to previous release apps/apps-web.v1 with chart c@1.0.0 "
                + "succeeded", condition(s, Condition.READY));
        assertTrue(condition(s, Condition.RELEASED).startsWith("False UpgradeFailed: Helm upgrade failed for release "
                + "apps/apps-web with chart c@1.0.0: health check failed after 1m"), condition(s, Condition.RELEASED));
        assertTrue(s.condition(Condition.RECONCILING).orElseThrow().isTrue());
        assertTrue(s.condition(Condition.STALLED).isEmpty());
        assertEquals(List.of("v3 deployed c@1.0.0", "v2 superseded c@1.0.0", "v1 superseded c@1.0.0"), history(s));
        assertEquals("nginx:1", image(), "rolled back to the objects of v1");
        assertTrue(events.events().stream().anyMatch(e -> e.reason().equals(Reasons.UPGRADE_FAILED)));
        assertTrue(events.events().stream().anyMatch(e -> e.reason().equals(Reasons.ROLLBACK_SUCCEEDED)));
        assertEquals(clock.instant(), s.lastReconciled());

        reconciler().reconcileDue(); // requeued at once, as helm-controller's ErrMustRequeue
        assertEquals(5, status().history().get(0).version());
        reconciler().reconcileOnce(); // third failure: retries (2) exceeded, the last failure is remediated too
        s = status();
        assertEquals("True RetriesExceeded: Failed to upgrade after 3 attempt(s)", condition(s, Condition.STALLED));
        assertEquals(7, s.history().get(0).version());
        assertEquals("nginx:1", image());
        assertFalse(s.ready());
        reconciler().reconcileOnce(); // stalled: no more attempts until the spec changes
        assertEquals(7, status().history().get(0).version());
        assertEquals("True RetriesExceeded: Failed to upgrade after 3 attempt(s)", condition(status(),
                Condition.STALLED));

        release("image: nginx:3", "upgrade:\n  remediation:\n    retries: 2\n");
        reconciler().reconcileOnce();
        s = status();
        assertTrue(s.ready(), s.message());
        assertEquals("True UpgradeSucceeded: Helm upgrade succeeded for release apps/apps-web.v8 with chart c@1.0.0",
                condition(s, Condition.READY));
        assertTrue(s.condition(Condition.STALLED).isEmpty());
        assertTrue(s.condition(Condition.REMEDIATED).isEmpty());
        assertEquals("nginx:3", image());
        assertEquals(List.of("v8 deployed c@1.0.0", "v7 superseded c@1.0.0"), history(s), "truncated back to the "
                + "previous good release");
    }

    @Test
    void withoutRetriesAFailedUpgradeStallsWithoutRollback() throws Exception {
        release("image: nginx:1", "");
        reconciler().reconcileOnce();
        release("image: nginx:broken", "");
        reconciler().reconcileOnce();
        ObjectStatus s = status();
        assertEquals("True RetriesExceeded: Failed to upgrade after 1 attempt(s)", condition(s, Condition.STALLED));
        assertTrue(condition(s, Condition.READY).startsWith("False UpgradeFailed: Helm upgrade failed for release "
                + "apps/apps-web with chart c@1.0.0: "), condition(s, Condition.READY));
        assertEquals(List.of("v2 failed c@1.0.0", "v1 deployed c@1.0.0"), history(s));
        assertEquals("nginx:broken", image(), "no remediation");
    }

    @Test
    void failedInstallIsUninstalledAndRetried() throws Exception {
        release("image: nginx:broken", "install:\n  remediation:\n    retries: 1\n");
        reconciler().reconcileOnce();
        ObjectStatus s = status();
        assertEquals("False UninstallSucceeded: Helm uninstall remediation for release apps/apps-web.v1 with chart "
                + "c@1.0.0 succeeded", condition(s, Condition.READY));
        assertTrue(cluster.get(DEPLOY).isEmpty(), "uninstalled");
        assertEquals(List.of("v1 uninstalled c@1.0.0"), history(s));
        assertTrue(s.history().get(0).deletedAt().isPresent());
        reconciler().reconcileOnce();
        s = status();
        assertEquals("True RetriesExceeded: Failed to install after 2 attempt(s)", condition(s, Condition.STALLED));
        assertTrue(condition(s, Condition.READY).startsWith("False InstallFailed: Helm install failed for release "
                + "apps/apps-web with chart c@1.0.0: "), condition(s, Condition.READY));
        assertTrue(cluster.get(DEPLOY).isPresent(), "the last failure is not remediated by default");
        assertEquals(List.of("v1 failed c@1.0.0"), history(s));
    }

    @Test
    void upgradeRemediationByUninstall() throws Exception {
        String spec = "upgrade:\n  remediation:\n    retries: 1\n    strategy: uninstall\n";
        release("image: nginx:1", spec);
        reconciler().reconcileOnce();
        release("image: nginx:broken", spec);
        reconciler().reconcileOnce();
        ObjectStatus s = status();
        assertEquals("False UninstallSucceeded: Helm uninstall remediation for release apps/apps-web.v2 with chart "
                + "c@1.0.0 succeeded", condition(s, Condition.READY));
        assertTrue(cluster.get(DEPLOY).isEmpty());
        assertTrue(s.condition(Condition.RECONCILING).isPresent(), "uninstall after upgrade always requeues");
    }

    @Test
    void driftDetectionWarnReportsAndEnabledCorrects() throws Exception {
        String spec = "driftDetection:\n  mode: warn\n  ignore:\n  - paths: [\"/data/level\"]\n    target:\n"
                + "      kind: ConfigMap\n";
        release("image: nginx:1", spec);
        reconciler().reconcileOnce();
        cluster.update(DEPLOY, "kubectl-edit", o -> {
            o.with("spec").put("replicas", 5);
            return o;
        });
        ResourceId cm = ResourceId.of("v1", "ConfigMap", "apps", "apps-web-settings");
        cluster.update(cm, "kubectl-edit", o -> {
            o.with("data").put("level", "debug");
            return o;
        });
        ReconcileReport report = reconciler().reconcileOnce();
        ResourceId hr = status().id();
        List<Drift> drift = report.drift().get(hr);
        assertEquals(1, drift.size(), drift.toString());
        assertEquals(DEPLOY, drift.get(0).object());
        assertEquals("/spec/replicas", drift.get(0).fields().get(0).path());
        assertEquals("5", drift.get(0).fields().get(0).live());
        assertEquals("1", drift.get(0).fields().get(0).desired());
        ObjectStatus s = status();
        assertEquals("True DriftDetected: Cluster state of release apps/apps-web.v1 has drifted from the desired "
                + "state:\nDeployment/apps/apps-web changed (0 additions, 1 changes, 0 removals)",
                condition(s, Condition.DRIFTED));
        assertTrue(s.ready(), "warn mode keeps the release ready");
        assertEquals(5, cluster.get(DEPLOY).orElseThrow().content().at("/spec/replicas").asInt(), "not corrected");
        assertTrue(events.events().stream().anyMatch(e -> e.reason().equals(Reasons.DRIFT_DETECTED)
                && e.severity() == Event.Severity.ERROR));

        release("image: nginx:1", spec.replace("warn", "enabled"));
        report = reconciler().reconcileOnce();
        assertEquals(1, report.drift().get(hr).size());
        assertEquals(1, cluster.get(DEPLOY).orElseThrow().content().at("/spec/replicas").asInt(), "corrected");
        assertEquals("debug", cluster.get(cm).orElseThrow().content().at("/data/level").asText(), "ignored");
        assertTrue(events.events().stream().anyMatch(e -> e.reason().equals(Reasons.DRIFT_CORRECTED)
                && e.message().equals("Cluster state of release apps/apps-web.v1 has been corrected:\n"
                + "Deployment/apps/apps-web configured")), events.events().toString());
        assertEquals("False NoDriftDetected: No drift detected against the cluster state",
                condition(status(), Condition.DRIFTED));
        assertEquals(List.of("v1 deployed c@1.0.0"), history(status()), "drift correction is no release");

        cluster.delete(DEPLOY, dev.gitops.api.apply.DeleteOptions.defaults());
        reconciler().reconcileOnce();
        assertTrue(cluster.get(DEPLOY).isPresent(), "a deleted object is recreated");
        assertTrue(events.events().stream().anyMatch(e -> e.message().contains("Deployment/apps/apps-web removed")));
    }

    @Test
    void withoutCreateNamespaceTheInstallFails() throws Exception {
        Files.delete(work.resolve("clusters/test/ns.yaml"));
        release("image: nginx:1", "");
        reconciler().reconcileOnce();
        ObjectStatus s = status();
        assertTrue(condition(s, Condition.READY).startsWith("False InstallFailed: Helm install failed for release "
                + "apps/apps-web with chart c@1.0.0: ") && s.message().contains("namespaces \"apps\" not found"),
                condition(s, Condition.READY));
        assertEquals(List.of("v1 failed c@1.0.0"), history(s));
    }

    @Test
    void createNamespaceAndCrdPolicies() throws Exception {
        Files.delete(work.resolve("clusters/test/ns.yaml"));
        release("image: nginx:1\ncrd: true", "install:\n  createNamespace: true\n");
        reconciler().reconcileOnce();
        ObjectStatus s = status();
        assertTrue(s.ready(), s.message());
        Resource ns = cluster.get(ResourceId.of("v1", "Namespace", "", "apps")).orElseThrow();
        assertEquals("apps", ns.labels().get("name"));
        ResourceId crd = ResourceId.of("apiextensions.k8s.io/v1", "CustomResourceDefinition", "",
                "widgets.example.com");
        assertEquals("1.0.0", cluster.get(crd).orElseThrow().labels().get("rev"), "install: Create");
        assertFalse(s.inventory().contains(crd), "CRDs of crds/ are not part of the release manifest");
        assertTrue(s.inventory().contains(DEPLOY));

        write("charts/c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.1.0\n");
        release("image: nginx:1\ncrd: true", "install:\n  createNamespace: true\n");
        reconciler().reconcileOnce();
        assertEquals("UpgradeSucceeded", status().reason());
        assertEquals("1.0.0", cluster.get(crd).orElseThrow().labels().get("rev"), "upgrade: Skip by default");

        write("charts/c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.2.0\n");
        release("image: nginx:1\ncrd: true", "install:\n  createNamespace: true\nupgrade:\n  crds: CreateReplace\n");
        reconciler().reconcileOnce();
        assertEquals("1.2.0", cluster.get(crd).orElseThrow().labels().get("rev"), "upgrade: CreateReplace");
        assertEquals("1.2.0", status().lastAttemptedRevision());
    }

    @Test
    void testsRunAfterReleaseAndFailuresAreRemediated() throws Exception {
        String spec = "test:\n  enable: true\nupgrade:\n  remediation:\n    retries: 1\n";
        release("image: nginx:1\ntests: [smoke, probe]", spec);
        reconciler().reconcileOnce();
        ObjectStatus s = status();
        assertTrue(s.ready(), s.message());
        assertEquals("True TestSucceeded: Helm test succeeded for release apps/apps-web.v1 with chart c@1.0.0: 2 test "
                + "hooks completed successfully", condition(s, Condition.READY));
        assertTrue(s.history().get(0).tested());
        assertEquals(java.util.Map.of("probe", "Succeeded", "smoke", "Succeeded"), s.history().get(0).testHooks());

        release("image: nginx:2\ntests: [smoke-fail]", spec);
        reconciler().reconcileOnce();
        s = status();
        assertEquals("False RollbackSucceeded: Helm rollback to previous release apps/apps-web.v1 with chart "
                + "c@1.0.0 succeeded", condition(s, Condition.READY));
        assertEquals("nginx:1", image());
        assertEquals("Failed", s.history().stream().filter(h -> h.version() == 2).findFirst().orElseThrow()
                .testHooks().get("smoke-fail"));

        release("image: nginx:2\ntests: [smoke-fail]", spec.replace("enable: true", "enable: true\n  "
                + "ignoreFailures: true"));
        reconciler().reconcileOnce();
        s = status();
        assertTrue(s.ready(), s.message());
        assertEquals("UpgradeSucceeded", s.reason(), "ignored test failures do not count");
        assertTrue(condition(s, Condition.TEST_SUCCESS).startsWith("False TestFailed: Helm test failed for release "
                + "apps/apps-web.v4 with chart c@1.0.0: Pod/apps/smoke-fail failed"), condition(s,
                Condition.TEST_SUCCESS));
    }

    @Test
    void chartRefIsATypedErrorNamingTheField() throws Exception {
        write("clusters/test/release.yaml", "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n"
                + "  name: web\n  namespace: flux-system\nspec:\n  interval: 10m\n  chartRef:\n    kind: OCIRepository\n"
                + "    name: podinfo\n");
        commit();
        reconciler().reconcileOnce();
        ObjectStatus s = status();
        assertEquals("False ArtifactFailed: HelmRelease/flux-system/web: spec.chartRef: charts from OCIRepository "
                + "'flux-system/podinfo' are not supported by the engine yet; use spec.chart.spec with a "
                + "GitRepository or HelmRepository sourceRef", condition(s, Condition.READY));
        assertTrue(s.condition(Condition.STALLED).orElseThrow().isTrue());
    }

    @Test
    void helmRepositorySettingsReachTheRenderer() throws Exception {
        write("clusters/test/repo.yaml", "apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n"
                + "  name: charts\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: oci://127.0.0.1:5000/charts\n"
                + "  type: oci\n  insecure: true\n  passCredentials: true\n");
        write("clusters/test/release.yaml", "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n"
                + "  name: web\n  namespace: flux-system\nspec:\n  interval: 10m\n  targetNamespace: apps\n"
                + "  chart:\n    spec:\n      chart: web\n      version: '>=1.0.0 <2.0.0'\n      sourceRef:\n"
                + "        kind: HelmRepository\n        name: charts\n");
        commit();
        java.util.concurrent.atomic.AtomicReference<ChartRenderer.ChartSource> seen =
                new java.util.concurrent.atomic.AtomicReference<>();
        reconciler = Reconciler.builder()
                .source(GitSourceSpec.of(work.toUri().toString(), GitReference.ofBranch("main")))
                .path("clusters/test")
                .gitSource(GitSource.builder().cacheDir(tmp.resolve("cache")).clock(clock).build())
                .cluster(cluster).eventSink(events).clock(clock).sleeper(d -> clock.advance(d))
                .chartRenderer(req -> {
                    seen.set(req.chart());
                    return new ChartRenderer.Rendered(Resource.readAll("apiVersion: v1\nkind: ConfigMap\n"
                            + "metadata:\n  name: web\n", "web/templates/cm.yaml"), "web", "1.4.0");
                }).build();
        reconciler.reconcileOnce();
        assertTrue(status().ready(), status().message());
        ChartRenderer.ChartSource.Repository repo = (ChartRenderer.ChartSource.Repository) seen.get();
        assertEquals("oci://127.0.0.1:5000/charts", repo.url());
        assertEquals("web", repo.chart());
        assertEquals(">=1.0.0 <2.0.0", repo.version());
        assertTrue(repo.insecure(), "insecure");
        assertTrue(repo.passCredentials(), "passCredentials");
    }

    @Test
    void postRenderersNeedAKustomizeBuilder() throws Exception {
        release("image: nginx:1", "postRenderers:\n- kustomize:\n    images:\n    - name: nginx\n      newTag: \"9\"\n");
        reconciler().reconcileOnce();
        ObjectStatus s = status();
        assertFalse(s.ready());
        assertTrue(s.message().contains("HelmRelease/flux-system/web: spec.postRenderers[0].kustomize: post-renderers "
                + "need a kustomize ManifestBuilder"), s.message());
        assertTrue(s.message().startsWith("Helm install failed for release apps/apps-web with chart c@1.0.0: "),
                s.message());
    }

    @Test
    void invalidSettingsNameTheField() throws Exception {
        release("image: nginx:1", "upgrade:\n  remediation:\n    strategy: reinstall\n");
        reconciler().reconcileOnce();
        ObjectStatus s = status();
        assertEquals("False InvalidSpec: HelmRelease/flux-system/web: spec.upgrade.remediation.strategy: Unsupported "
                + "value: \"reinstall\": supported values: \"rollback\", \"uninstall\"", condition(s,
                Condition.READY));
        assertTrue(s.condition(Condition.STALLED).orElseThrow().isTrue());
        release("image: nginx:1", "install:\n  crds: Always\n");
        reconciler().reconcileOnce();
        assertTrue(status().message().contains("spec.install.crds: Unsupported value: \"Always\""),
                status().message());
    }

    @Test
    void driftDetectionIgnoreRulesAreValidatedWhenRead() throws Exception {
        release("image: nginx:1", "driftDetection:\n  mode: enabled\n  ignore:\n  - paths: [\"spec/replicas\"]\n");
        ReconcileReport r = reconciler().reconcileOnce();
        ObjectStatus root = r.kustomizations().get(0);
        assertFalse(root.ready());
        assertTrue(root.message().contains("spec/replicas") && root.message().contains("must start with '/'"),
                root.message());
    }

    @Test
    void upgradeForceReplacesObjectsTheApplyRefuses() throws Exception {
        release("image: nginx:1", "");
        reconciler().reconcileOnce();
        // the chart changes the Deployment's immutable selector
        release("image: nginx:2\nsel: x", "");
        reconciler().reconcileOnce();
        assertTrue(status().message().contains("field is immutable"), status().message());
        release("image: nginx:2\nsel: x", "upgrade:\n  force: true\n");
        reconciler().reconcileOnce();
        ObjectStatus s = status();
        assertTrue(s.ready(), s.message());
        assertEquals("nginx:2", image());
        assertEquals("x", cluster.get(DEPLOY).orElseThrow().content().at("/spec/selector/matchLabels/sel").asText(),
                "replaced");
    }

    @Test
    void retryOnFailureRetriesWithoutRemediation() throws Exception {
        String spec = "upgrade:\n  strategy:\n    name: RetryOnFailure\n    retryInterval: 2m\n";
        release("image: nginx:1", spec);
        reconciler().reconcileOnce();
        release("image: nginx:broken", spec);
        reconciler().reconcileOnce();
        ObjectStatus s = status();
        assertEquals("True ProgressingWithRetry: retrying after 2m0s", condition(s, Condition.RECONCILING));
        assertTrue(s.condition(Condition.STALLED).isEmpty());
        assertTrue(s.condition(Condition.REMEDIATED).isEmpty());
        assertEquals("nginx:broken", image(), "no rollback");
        int v = s.history().get(0).version();
        reconciler().reconcileDue();
        assertEquals(v, status().history().get(0).version(), "not before the retry interval");
        clock.advance(java.time.Duration.ofMinutes(2));
        reconciler().reconcileDue();
        assertEquals(v + 1, status().history().get(0).version(), "retried as an upgrade");
    }

    @Test
    void historyIsCappedAtMaxHistory() throws Exception {
        for (int i = 1; i <= 4; i++) {
            release("image: nginx:" + i, "maxHistory: 2\n");
            reconciler().reconcileOnce();
        }
        assertEquals(List.of("v4 deployed c@1.0.0", "v3 superseded c@1.0.0"), history(status()));
    }

    @Test
    void lifecycleHooksRunAroundInstallAndUpgrade() throws Exception {
        ResourceId post = ResourceId.of("batch/v1", "Job", "apps", "announce");
        ResourceId migrate = ResourceId.of("batch/v1", "Job", "apps", "migrate");
        release("image: nginx:1\njobs:\n- {name: announce, phase: \"post-install,post-upgrade\", policy: hook-succeeded}\n"
                + "- {name: migrate, phase: pre-upgrade}", "");
        reconciler().reconcileOnce();
        ObjectStatus s = status();
        assertTrue(s.ready(), s.message());
        assertTrue(cluster.get(post).isEmpty(), "hook-succeeded deletes the hook");
        assertTrue(cluster.get(migrate).isEmpty(), "pre-upgrade does not run on install");
        assertFalse(s.inventory().contains(post), "hooks are not release objects");

        release("image: nginx:2\njobs:\n- {name: migrate, phase: pre-upgrade, image: broken}", "");
        reconciler().reconcileOnce();
        s = status();
        assertTrue(s.message().startsWith("Helm upgrade failed for release apps/apps-web with chart c@1.0.0: failed "
                + "pre-upgrade: Job/apps/migrate: health check failed"), s.message());
        assertEquals("nginx:1", image(), "a failed pre-upgrade hook stops the upgrade before the objects change");
        assertTrue(cluster.get(migrate).isPresent(), "kept for inspection (before-hook-creation)");

        release("image: nginx:2\njobs:\n- {name: migrate, phase: pre-upgrade, image: broken}",
                "upgrade:\n  disableHooks: true\n");
        reconciler().reconcileOnce();
        assertTrue(status().ready(), status().message());
        assertEquals("nginx:2", image());
    }

    @Test
    void rollbackAndUninstallRunTheHooksOfTheirRelease() throws Exception {
        ResourceId pre = ResourceId.of("batch/v1", "Job", "apps", "before-rollback");
        ResourceId cleanup = ResourceId.of("batch/v1", "Job", "apps", "cleanup");
        String jobs = "jobs:\n- {name: before-rollback, phase: pre-rollback}\n- {name: cleanup, phase: post-delete}";
        String spec = "upgrade:\n  remediation:\n    retries: 1\n";
        release("image: nginx:1\n" + jobs, spec);
        reconciler().reconcileOnce();
        assertTrue(cluster.get(pre).isEmpty());
        release("image: nginx:broken\n" + jobs, spec);
        reconciler().reconcileOnce();
        assertEquals(Reasons.ROLLBACK_SUCCEEDED, status().reason());
        assertTrue(cluster.get(pre).isPresent(), "the pre-rollback hook of the target release ran");
        release("image: nginx:broken\n" + jobs, spec.replace("retries: 1", "retries: 1\n    strategy: uninstall"));
        reconciler().reconcileOnce();
        assertEquals(Reasons.UNINSTALL_SUCCEEDED, status().reason());
        assertTrue(cluster.get(cleanup).isPresent(), "the post-delete hook of the uninstalled release ran");
    }

    @Test
    void serviceAccountNameIsImpersonated() throws Exception {
        cluster = InMemoryCluster.builder().clock(clock).readiness(READINESS)
                .authorizer((user, verb, object) -> !object.namespace().equals("apps")).build();
        release("image: nginx:1", "serviceAccountName: deployer\n");
        reconciler().reconcileOnce();
        ObjectStatus s = status();
        assertEquals(Reasons.INSTALL_FAILED, s.reason());
        assertTrue(s.message().contains("forbidden") && s.message().contains("system:serviceaccount:flux-system:"
                + "deployer"), s.message());
    }

    @Test
    void cleanupOnFailDeletesWhatTheFailedUpgradeCreated() throws Exception {
        ResourceId extra = ResourceId.of("v1", "ConfigMap", "apps", "extra");
        release("image: nginx:1", "");
        reconciler().reconcileOnce();
        release("image: nginx:broken\nextra: extra", "upgrade:\n  cleanupOnFail: true\n");
        reconciler().reconcileOnce();
        assertEquals(Reasons.UPGRADE_FAILED, status().reason());
        assertTrue(cluster.get(extra).isEmpty(), "created by the failed upgrade, cleaned up");
        assertFalse(status().inventory().contains(extra));
        assertTrue(cluster.get(DEPLOY).isPresent(), "objects of the previous release stay");
    }
}
