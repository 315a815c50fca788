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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerTest {

    /** A clock tests move by hand (and the sleeper moves while health checks poll). */
    static final class MutableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }
    }

    /** Renders one ConfigMap holding the values, like a tiny chart would. */
    static final ChartRenderer RENDERER = req -> {
        ObjectNode cm = JsonNodeFactory.instance.objectNode();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", req.releaseName() + "-values");
        cm.putObject("data").put("size", req.values().path("size").asText());
        ChartRenderer.ChartSource.InArtifact src = (ChartRenderer.ChartSource.InArtifact) req.chart();
        String chart = src.files().readString(src.path() + "/Chart.yaml");
        return new ChartRenderer.Rendered(List.of(Resource.of(cm)), "c", chart.contains("1.2.3") ? "1.2.3" : "?");
    };

    @TempDir
    Path tmp;

    Path work;
    Git git;
    MutableClock clock = new MutableClock();
    EventSink.Recording events = EventSink.recording();

    @BeforeEach
    void setUp() throws Exception {
        work = tmp.resolve("repo");
        Path fixture = Path.of(ReconcilerTest.class.getResource("/engine/fleet").toURI());
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path dst = work.resolve(fixture.relativize(p).toString());
                Files.createDirectories(dst.getParent());
                Files.copy(p, dst);
            }
        }
        git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        commit("initial");
    }

    void commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = new PersonIdent("t", "t@example.com", clock.instant(), ZoneOffset.UTC);
        git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    void write(String path, String content) throws Exception {
        Path p = work.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    Reconciler reconciler(InMemoryCluster cluster) {
        return Reconciler.builder()
                .source(GitSourceSpec.of(work.toUri().toString(), GitReference.ofBranch("main")))
                .path("clusters/test")
                .gitSource(GitSource.builder().cacheDir(tmp.resolve("cache")).clock(clock).build())
                .cluster(cluster)
                .chartRenderer(RENDERER)
                .eventSink(events)
                .clock(clock)
                .sleeper(d -> clock.advance(d))
                .build();
    }

    InMemoryCluster cluster(ReadinessSimulator readiness) {
        return InMemoryCluster.builder().clock(clock).readiness(readiness).build();
    }

    @Test
    void reconcilesTheWholeGraph() {
        InMemoryCluster cluster = cluster(ReadinessSimulator.ready());
        ReconcileReport report = reconciler(cluster).reconcileOnce();
        assertTrue(report.allReady(), () -> report.notReady().toString());
        assertEquals(List.of("flux-system", "apps", "infra"),
                report.kustomizations().stream().map(s -> s.id().name()).toList());
        String rev = report.sources().get(0).lastAppliedRevision();
        assertTrue(rev.matches("main@sha1:[0-9a-f]{40}"), rev);
        ObjectStatus apps = report.kustomizations().get(1);
        assertEquals("Applied revision: " + rev, apps.message());
        assertEquals(Reasons.RECONCILIATION_SUCCEEDED, apps.reason());
        assertTrue(apps.condition(Condition.HEALTHY).orElseThrow().isTrue());
        Resource web = cluster.get(ResourceId.of("apps/v1", "Deployment", "app", "web")).orElseThrow();
        assertEquals(2, web.content().at("/spec/replicas").intValue(), "inline substitute wins, as a number");
        assertEquals("test", web.content().at("/spec/template/spec/containers/0/env/0/value").asText());
        assertEquals("${env}", web.content().at("/spec/template/spec/containers/0/env/1/value").asText());
        assertEquals("web", web.labels().get("team"));
        assertEquals("apps", web.labels().get(Reconciler.KS_NAME_LABEL));
        assertEquals("flux-system", web.labels().get(Reconciler.KS_NAMESPACE_LABEL));
        ObjectStatus release = report.helmReleases().get(0);
        assertTrue(release.ready(), release.message());
        assertEquals("Helm install succeeded for release infra-ns/infra-ns-cache.v1 with chart c@1.2.3",
                release.message());
        assertTrue(cluster.get(ResourceId.of("v1", "ConfigMap", "infra-ns", "infra-ns-cache-values")).isPresent());
        // infra is reconciled before apps (dependsOn)
        List<String> order = events.events().stream().filter(e -> e.reason().equals(Reasons.RECONCILIATION_SUCCEEDED))
                .map(e -> e.involvedObject().name()).toList();
        assertTrue(order.indexOf("infra") < order.indexOf("apps"), order.toString());
    }

    @Test
    void noChangeRerunChangesNothingAndNewCommitsArePickedUp() throws Exception {
        InMemoryCluster cluster = cluster(ReadinessSimulator.ready());
        Reconciler r = reconciler(cluster);
        r.reconcileOnce();
        ReconcileReport second = r.reconcileOnce();
        assertTrue(second.changes().values().stream().noneMatch(cs -> cs.hasChanges()), second.changes()::toString);
        Files.delete(work.resolve("infra/cm.yaml"));
        write("infra/other.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  namespace: infra-ns\n");
        commit("replace a config map");
        assertTrue(r.reconcileDue().changes().isEmpty(), "the source is polled every minute");
        clock.advance(Duration.ofMinutes(1));
        ReconcileReport third = r.reconcileDue();
        assertTrue(third.allReady());
        assertTrue(cluster.get(ResourceId.of("v1", "ConfigMap", "infra-ns", "infra-settings")).isEmpty(), "pruned");
        assertTrue(cluster.get(ResourceId.of("v1", "ConfigMap", "infra-ns", "other")).isPresent());
        assertFalse(third.kustomizations().get(0).lastAppliedRevision().equals(
                second.kustomizations().get(0).lastAppliedRevision()));
    }

    @Test
    void aFailedBuildKeepsTheLastAppliedRevision() throws Exception {
        InMemoryCluster cluster = cluster(ReadinessSimulator.ready());
        Reconciler r = reconciler(cluster);
        String good = r.reconcileOnce().kustomizations().get(2).lastAppliedRevision();
        write("infra/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: [oops\n");
        commit("break infra");
        ReconcileReport report = r.reconcileOnce();
        ObjectStatus infra = report.kustomizations().get(2);
        assertFalse(infra.ready());
        assertEquals(Reasons.BUILD_FAILED, infra.reason());
        assertTrue(infra.message().contains("infra/broken.yaml"), infra.message());
        assertEquals(good, infra.lastAppliedRevision());
        assertFalse(infra.lastAttemptedRevision().equals(good));
        assertTrue(cluster.get(ResourceId.of("v1", "ConfigMap", "infra-ns", "infra-settings")).isPresent());
        ObjectStatus apps = report.kustomizations().get(1);
        assertEquals(Reasons.DEPENDENCY_NOT_READY, apps.reason());
        assertEquals("dependency 'flux-system/infra' is not ready", apps.message());
    }

    @Test
    void healthChecksTimeOutWhenWorkloadsNeverBecomeReady() {
        InMemoryCluster cluster = cluster(ReadinessSimulator.neverReady());
        ReconcileReport report = reconciler(cluster).reconcileOnce();
        ObjectStatus apps = report.kustomizations().get(1);
        assertEquals(Reasons.HEALTH_CHECK_FAILED, apps.reason());
        assertTrue(apps.message().startsWith("health check failed after 2m0s: timeout waiting for: "
                + "[Deployment/app/web status: 'InProgress']"), apps.message());
        assertTrue(apps.condition(Condition.RECONCILING).orElseThrow().isTrue());
        assertFalse(report.allReady());
    }

    @Test
    void dependencyCyclesAreReported() throws Exception {
        write("clusters/test/infra.yaml", Files.readString(work.resolve("clusters/test/infra.yaml"))
                .replace("spec:\n", "spec:\n  dependsOn:\n    - name: apps\n"));
        commit("cycle");
        ReconcileReport report = reconciler(cluster(ReadinessSimulator.ready())).reconcileOnce();
        ObjectStatus apps = report.kustomizations().get(1);
        assertEquals(Reasons.DEPENDENCY_CYCLE, apps.reason());
        assertTrue(apps.message().contains("Kustomization/flux-system/apps -> Kustomization/flux-system/infra -> "
                + "Kustomization/flux-system/apps"), apps.message());
        assertTrue(apps.condition(Condition.STALLED).orElseThrow().isTrue());
    }

    @Test
    void suspendedObjectsAreSkippedUntilResumed() throws Exception {
        InMemoryCluster cluster = cluster(ReadinessSimulator.ready());
        Reconciler r = reconciler(cluster);
        r.suspend("Kustomization", "flux-system", "infra");
        ReconcileReport report = r.reconcileOnce();
        ObjectStatus infra = report.kustomizations().get(2);
        assertTrue(infra.suspended());
        assertTrue(cluster.get(ResourceId.of("v1", "ConfigMap", "infra-ns", "infra-settings")).isEmpty());
        assertEquals(Reasons.DEPENDENCY_NOT_READY, report.kustomizations().get(1).reason());
        r.resume("Kustomization", "flux-system", "infra");
        assertTrue(r.reconcileOnce().allReady());
    }

    @Test
    void driftByAnotherManagerIsDetectedAndHealed() {
        InMemoryCluster cluster = cluster(ReadinessSimulator.ready());
        Reconciler r = reconciler(cluster);
        r.reconcileOnce();
        assertEquals(List.of(), r.detectDrift());
        ResourceId web = ResourceId.of("apps/v1", "Deployment", "app", "web");
        cluster.update(web, "kubectl-edit", o -> {
            o.with("spec").put("replicas", 7);
            return o;
        });
        List<Drift> drift = r.detectDrift();
        assertEquals(1, drift.size(), drift::toString);
        assertEquals(new Drift.Field("/spec/replicas", "7", "2"), drift.get(0).fields().get(0));
        r.reconcileOnce();
        assertEquals(2, cluster.get(web).orElseThrow().content().at("/spec/replicas").intValue());
        assertEquals(List.of(), r.detectDrift());
    }

    @Test
    void buildKustomizationRendersOneKustomizationWithoutApplyingIt() {
        InMemoryCluster cluster = cluster(ReadinessSimulator.ready());
        Reconciler r = reconciler(cluster);
        r.suspend("Kustomization", "flux-system", "apps");
        r.reconcileOnce();
        ResourceId web = ResourceId.of("apps/v1", "Deployment", "app", "web");
        assertTrue(cluster.get(web).isEmpty(), "apps is suspended: nothing applied");
        KustomizationBuild b = r.buildKustomization("flux-system", "apps", KustomizationBuild.Secrets.ENCRYPTED);
        assertTrue(cluster.get(web).isEmpty(), "building applies nothing");
        assertTrue(b.revision().matches("main@sha1:[0-9a-f]{40}"), b.revision());
        assertEquals(List.of("Namespace/app", "Deployment/web"),
                b.objects().stream().map(o -> o.kind() + "/" + o.name()).toList(), "sorted by group, kind");
        Resource deploy = b.objects().get(1);
        assertEquals(2, deploy.content().at("/spec/replicas").intValue(), "substituted and parsed again");
        assertEquals("test", deploy.content().at("/spec/template/spec/containers/0/env/0/value").asText(),
                "substituteFrom read from the cluster");
        assertEquals("apps", deploy.labels().get(Reconciler.KS_NAME_LABEL));
        assertEquals("web", deploy.labels().get("team"));
        assertTrue(b.toYaml().contains("replicas: 2\n"), b.toYaml());
        assertTrue(r.buildKustomization("flux-system", "flux-system", KustomizationBuild.Secrets.ENCRYPTED)
                .objects().stream().anyMatch(o -> o.name().equals("apps")), "the root builds too");
        dev.gitops.api.error.NotFoundException nf = org.junit.jupiter.api.Assertions.assertThrows(
                dev.gitops.api.error.NotFoundException.class,
                () -> r.buildKustomization("flux-system", "nope", KustomizationBuild.Secrets.ENCRYPTED));
        assertTrue(nf.getMessage().contains("'flux-system/nope' not found"), nf.getMessage());
        assertTrue(nf.getMessage().contains("flux-system/apps"), nf.getMessage());
    }

    @Test
    void diffKustomizationShowsCreatedDriftedAndPrunedObjects() throws Exception {
        InMemoryCluster cluster = cluster(ReadinessSimulator.ready());
        Reconciler r = reconciler(cluster);
        r.suspend("Kustomization", "flux-system", "apps");
        r.reconcileOnce();
        dev.gitops.api.diff.DriftDetector detector = dev.gitops.api.diff.DriftDetector.defaults();
        List<dev.gitops.api.diff.DriftReport> before = r.diffKustomization("flux-system", "apps", detector);
        assertEquals(2, before.size());
        assertTrue(before.stream().allMatch(d -> d instanceof dev.gitops.api.diff.DriftReport.Missing), "created");
        r.resume("Kustomization", "flux-system", "apps");
        r.reconcileOnce();
        assertTrue(r.diffKustomization("flux-system", "apps", detector).stream().noneMatch(
                dev.gitops.api.diff.DriftReport::hasDrift), "in sync right after applying");
        ResourceId web = ResourceId.of("apps/v1", "Deployment", "app", "web");
        cluster.update(web, "kubectl-edit", o -> {
            o.with("spec").put("replicas", 7);
            return o;
        });
        List<dev.gitops.api.diff.DriftReport> drifted = r.diffKustomization("flux-system", "apps", detector)
                .stream().filter(dev.gitops.api.diff.DriftReport::hasDrift).toList();
        assertEquals(1, drifted.size(), drifted::toString);
        dev.gitops.api.diff.DriftReport.Drifted d = (dev.gitops.api.diff.DriftReport.Drifted) drifted.get(0);
        assertEquals(web, d.id());
        assertEquals("/spec/replicas", d.changes().get(0).pointer());
        assertEquals(7, cluster.get(web).orElseThrow().content().at("/spec/replicas").intValue(), "dry run only");
        // the Deployment leaves Git: it would be pruned
        write("apps/deploy.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n");
        commit("drop web");
        clock.advance(Duration.ofMinutes(2));
        List<dev.gitops.api.diff.DriftReport> pruned = r.diffKustomization("flux-system", "apps", detector)
                .stream().filter(dev.gitops.api.diff.DriftReport::hasDrift).toList();
        assertEquals(1, pruned.size(), pruned::toString);
        assertTrue(pruned.get(0) instanceof dev.gitops.api.diff.DriftReport.Extra e && e.id().equals(web));
        assertTrue(cluster.get(web).isPresent(), "nothing deleted");
    }

    @Test
    void inventoryIsReadFromALiveKustomizationsStatusAsKustomizeControllerWritesIt() {
        Resource ks = Resource.readAll("apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
                + "metadata:\n  name: apps\n  namespace: flux-system\nstatus:\n  inventory:\n    entries:\n"
                + "    - id: _web__Namespace\n      v: v1\n    - id: web_web_apps_Deployment\n      v: v1\n", "ks")
                .get(0);
        assertEquals(List.of(ResourceId.of("v1", "Namespace", "", "web"),
                ResourceId.of("apps/v1", "Deployment", "web", "web")), KustomizationDiff.inventoryFromStatus(ks));
        Resource bad = Resource.readAll("apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
                + "metadata:\n  name: apps\n  namespace: flux-system\nstatus:\n  inventory:\n    entries:\n"
                + "    - id: web_Deployment\n", "ks").get(0);
        org.junit.jupiter.api.Assertions.assertThrows(dev.gitops.api.error.InvalidInputException.class,
                () -> KustomizationDiff.inventoryFromStatus(bad));
        assertEquals(List.of(), KustomizationDiff.inventoryFromStatus(Resource.readAll(
                "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: a\n", "k")
                .get(0)));
    }

    @Test
    void encryptedObjectsGoThroughTheDecryptorWithTheKeysOfTheSecretRef() throws Exception {
        write("clusters/test/infra.yaml", Files.readString(work.resolve("clusters/test/infra.yaml"))
                + "  decryption:\n    provider: sops\n    secretRef:\n      name: sops-keys\n");
        write("infra/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: infra-ns\n"
                + "stringData:\n  token: ENC[AES256_GCM,data:xx,iv:yy,tag:zz,type:str]\nsops:\n  version: 3.9.0\n");
        commit("encrypted secret");
        InMemoryCluster cluster = cluster(ReadinessSimulator.ready());
        cluster.apply(Resource.readAll("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n", "ns")
                .get(0), dev.gitops.api.apply.ApplyOptions.defaults());
        cluster.apply(Resource.readAll("apiVersion: v1\nkind: Secret\nmetadata:\n  name: sops-keys\n"
                + "  namespace: flux-system\ndata:\n  age.agekey: QUdFLVNFQ1JFVA==\n", "keys").get(0),
                dev.gitops.api.apply.ApplyOptions.defaults());
        Decryptor fake = (r, keys) -> {
            ObjectNode c = r.content();
            c.remove("sops");
            c.with("stringData").put("token", "decrypted with " + new String(keys.get("age.agekey"),
                    StandardCharsets.UTF_8).length() + "-byte key");
            return r.withContent(c);
        };
        Reconciler r = Reconciler.builder()
                .source(GitSourceSpec.of(work.toUri().toString(), GitReference.ofBranch("main")))
                .path("clusters/test").cluster(cluster).chartRenderer(RENDERER).decryptor(fake)
                .eventSink(events).clock(clock).sleeper(d -> clock.advance(d)).build();
        ReconcileReport report = r.reconcileOnce();
        assertTrue(report.allReady(), () -> report.notReady().toString());
        Resource secret = cluster.get(ResourceId.of("v1", "Secret", "infra-ns", "creds")).orElseThrow();
        assertEquals("decrypted with 10-byte key", new String(java.util.Base64.getDecoder().decode(
                secret.content().at("/data/token").asText()), StandardCharsets.UTF_8), "stringData lands in data");
        assertFalse(secret.has("/stringData"));
        assertFalse(secret.has("/sops"));
        ReconcileReport without = reconciler(cluster(ReadinessSimulator.ready())).reconcileOnce();
        ObjectStatus infra = without.kustomizations().get(2);
        assertEquals(Reasons.BUILD_FAILED, infra.reason());
    }

    @Test
    void kustomizationsFromAnotherGitRepositoryWithInclude() throws Exception {
        Path shared = tmp.resolve("shared");
        Files.createDirectories(shared.resolve("deploy"));
        Files.writeString(shared.resolve("deploy/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: from-shared\n  namespace: default\n");
        try (Git g = Git.init().setDirectory(shared.toFile()).setInitialBranch("release").call()) {
            g.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("t", "t@example.com", clock.instant(), ZoneOffset.UTC);
            g.commit().setMessage("shared").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        write("clusters/test/shared.yaml", "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\n"
                + "metadata:\n  name: shared\n  namespace: flux-system\nspec:\n  interval: 5m\n  url: "
                + shared.toUri() + "\n  ref:\n    branch: release\n---\n"
                + "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: combined\n"
                + "  namespace: flux-system\nspec:\n  interval: 5m\n  url: " + work.toUri() + "\n  ref:\n"
                + "    branch: main\n  include:\n  - repository:\n      name: shared\n    fromPath: deploy\n"
                + "    toPath: vendor/shared\n---\n"
                + "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: vendored\n"
                + "  namespace: flux-system\nspec:\n  interval: 5m\n  prune: true\n  path: ./vendor/shared\n"
                + "  sourceRef:\n    kind: GitRepository\n    name: combined\n");
        commit("add a second source");
        InMemoryCluster cluster = cluster(ReadinessSimulator.ready());
        ReconcileReport report = reconciler(cluster).reconcileOnce();
        assertTrue(report.allReady(), () -> report.notReady().toString());
        assertTrue(cluster.get(ResourceId.of("v1", "ConfigMap", "default", "from-shared")).isPresent());
        List<String> sources = report.sources().stream().map(st -> st.id().name() + "=" + st.readyStatus()).toList();
        assertEquals(List.of("flux-system=True", "combined=True", "shared=True"), sources);
        assertTrue(report.sources().get(2).lastAppliedRevision().startsWith("release@sha1:"));
    }

    @Test
    void helmReleaseUpgradesOnlyWhenSomethingChanged() throws Exception {
        InMemoryCluster cluster = cluster(ReadinessSimulator.ready());
        Reconciler r = reconciler(cluster);
        r.reconcileOnce();
        r.reconcileOnce();
        ObjectStatus same = r.status("HelmRelease", "flux-system", "cache").orElseThrow();
        assertEquals("Helm install succeeded for release infra-ns/infra-ns-cache.v1 with chart c@1.2.3",
                same.message(), "no change, no new release revision");
        write("infra/release.yaml", Files.readString(work.resolve("infra/release.yaml")).replace("size: 3",
                "size: 4"));
        commit("bigger cache");
        r.reconcileOnce();
        ObjectStatus upgraded = r.status("HelmRelease", "flux-system", "cache").orElseThrow();
        assertEquals(Reasons.UPGRADE_SUCCEEDED, upgraded.reason());
        assertEquals("Helm upgrade succeeded for release infra-ns/infra-ns-cache.v2 with chart c@1.2.3",
                upgraded.message());
        assertEquals("4", cluster.get(ResourceId.of("v1", "ConfigMap", "infra-ns", "infra-ns-cache-values"))
                .orElseThrow().content().at("/data/size").asText());
    }

    @Test
    void eventsAndMetricsNames() {
        Map<String, String> seen = new java.util.concurrent.ConcurrentHashMap<>();
        ReconcileMetrics m = new ReconcileMetrics() {
            @Override
            public void condition(String kind, String namespace, String name, String type, String status) {
                seen.put(kind + "/" + name, status);
            }

            @Override
            public void duration(String kind, String namespace, String name, Duration duration) {
            }

            @Override
            public void suspended(String kind, String namespace, String name, boolean suspended) {
            }
        };
        Reconciler r = Reconciler.builder()
                .source(GitSourceSpec.of(work.toUri().toString(), GitReference.ofBranch("main")))
                .path("clusters/test").cluster(cluster(ReadinessSimulator.ready())).chartRenderer(RENDERER)
                .eventSink(events).clock(clock).metrics(m).sleeper(d -> clock.advance(d)).build();
        r.reconcileOnce();
        assertEquals("True", seen.get("Kustomization/apps"));
        assertEquals("True", seen.get("HelmRelease/cache"));
        assertTrue(events.events().stream().anyMatch(e -> e.reason().equals("NewArtifact")));
    }
}
