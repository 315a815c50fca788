package dev.gitops.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.apply.memory.InMemoryCluster;
import dev.gitops.api.apply.memory.ReadinessSimulator;
import dev.gitops.api.engine.ObjectStatus;
import dev.gitops.api.engine.ReconcileReport;
import dev.gitops.api.engine.Reconciler;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.oci.MediaTypes;
import dev.gitops.api.source.GitReference;
import dev.gitops.api.source.GitSource;
import dev.gitops.api.source.GitSourceSpec;
import dev.gitops.api.testing.FakeRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine with the Helm renderer: HelmReleases whose chart comes from a HelmRepository (index.yaml or OCI). */
class HelmRepositoryReconcileTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    Path repo(String manifests) throws Exception {
        Path work = tmp.resolve("repo");
        Files.createDirectories(work.resolve("clusters/test"));
        Files.writeString(work.resolve("clusters/test/release.yaml"), manifests, StandardCharsets.UTF_8);
        try (Git g = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            g.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("t", "t@example.com", CLOCK.instant(), ZoneOffset.UTC);
            g.commit().setMessage("init").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        return work;
    }

    static String manifests(String url, String type, String version, String secret) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: apps
                ---
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata:
                  name: charts
                  namespace: flux-system
                spec:
                  interval: 1h
                  url: %s
                %s%s---
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: web
                  namespace: flux-system
                spec:
                  interval: 30m
                  targetNamespace: apps
                  chart:
                    spec:
                      chart: %s
                      version: "%s"
                      sourceRef:
                        kind: HelmRepository
                        name: charts
                  values:
                    replicaCount: 4
                """.formatted(url, type.isEmpty() ? "" : "  type: " + type + "\n",
                secret.isEmpty() ? "" : "  secretRef:\n    name: " + secret + "\n",
                url.startsWith("oci://") ? "api" : "web", version);
    }

    ReconcileReport reconcile(Path work, InMemoryCluster cluster) {
        return Reconciler.builder()
                .source(GitSourceSpec.of(work.toUri().toString(), GitReference.ofBranch("main")))
                .path("clusters/test")
                .gitSource(GitSource.builder().cacheDir(tmp.resolve("cache")).clock(CLOCK).build())
                .cluster(cluster)
                .chartRenderer(HelmReleaseRenderer.create())
                .clock(CLOCK)
                .sleeper(d -> { })
                .build()
                .reconcileOnce();
    }

    @Test
    void chartFromAnHttpRepositoryWithBasicAuth() throws Exception {
        try (ChartDownloaderTest.RepoServer server = new ChartDownloaderTest.RepoServer()) {
            byte[] tgz = ChartDownloaderTest.packageChart(Path.of("src/test/resources/remote/charts/web-1.5.0"), "web");
            byte[] tgz2 = ChartDownloaderTest.packageChart(Path.of("src/test/resources/remote/charts/web-2.0.0"), "web");
            server.files.put("/web-1.5.0.tgz", tgz);
            server.files.put("/web-2.0.0.tgz", tgz2);
            server.files.put("/index.yaml", ("apiVersion: v1\nentries:\n  web:\n  - name: web\n    version: 1.5.0\n"
                    + "    urls: [web-1.5.0.tgz]\n  - name: web\n    version: 2.0.0\n    urls: [web-2.0.0.tgz]\n")
                    .getBytes(StandardCharsets.UTF_8));
            server.basic = Base64.getEncoder().encodeToString("bot:pw".getBytes(StandardCharsets.UTF_8));
            Path work = repo(manifests(server.url(), "", ">=1.0.0 <2.0.0", "charts-auth"));
            InMemoryCluster cluster = InMemoryCluster.builder().clock(CLOCK).readiness(ReadinessSimulator.ready())
                    .build();
            cluster.apply(Resource.readAll("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n",
                    "ns.yaml").get(0), dev.gitops.api.apply.ApplyOptions.defaults());
            cluster.apply(Resource.readAll("apiVersion: v1\nkind: Secret\nmetadata:\n  name: charts-auth\n"
                    + "  namespace: flux-system\nstringData:\n  username: bot\n  password: pw\n", "secret.yaml")
                    .get(0), dev.gitops.api.apply.ApplyOptions.defaults());
            ReconcileReport report = reconcile(work, cluster);
            ObjectStatus hr = report.helmReleases().get(0);
            assertTrue(hr.ready(), hr.message());
            assertTrue(hr.message().contains("with chart web@1.5.0"), hr.message());
            Resource deploy = cluster.get(ResourceId.of("apps/v1", "Deployment", "apps", "apps-web-web"))
                    .orElseThrow();
            assertEquals(4, deploy.content().at("/spec/replicas").intValue());
            assertTrue(server.requests.contains("/web-1.5.0.tgz (auth)"), server.requests.toString());
        }
    }

    @Test
    void chartFromAnOciHelmRepository() throws Exception {
        try (FakeRegistry reg = FakeRegistry.anonymous()) {
            for (String v : List.of("0.2.0", "0.3.0+build.7")) {
                reg.putArtifact("charts/api", v.replace('+', '_'), MediaTypes.HELM_CONFIG, "{}".getBytes(
                        StandardCharsets.UTF_8), List.of(Map.entry(MediaTypes.HELM_CHART_CONTENT,
                                ChartDownloaderTest.packageChart(Path.of("src/test/resources/remote/charts/api-" + v),
                                        "api"))));
            }
            Path work = repo(manifests("oci://" + reg.host() + "/charts", "oci", "0.2.x", ""));
            InMemoryCluster cluster = InMemoryCluster.builder().clock(CLOCK).readiness(ReadinessSimulator.ready())
                    .build();
            ReconcileReport report = reconcile(work, cluster);
            ObjectStatus hr = report.helmReleases().get(0);
            assertTrue(hr.ready(), hr.message());
            assertTrue(hr.message().contains("with chart api@0.2.0"), hr.message());
            assertTrue(cluster.get(ResourceId.of("v1", "Service", "apps", "apps-web-api")).isPresent());
        }
    }

    @Test
    void aMissingVersionFailsTheReleaseWithTheRepositoryNamed() throws Exception {
        try (FakeRegistry reg = FakeRegistry.anonymous()) {
            Path work = repo(manifests("oci://" + reg.host() + "/charts", "oci", ">=9.0.0", ""));
            InMemoryCluster cluster = InMemoryCluster.builder().clock(CLOCK).readiness(ReadinessSimulator.ready())
                    .build();
            ObjectStatus hr = reconcile(work, cluster).helmReleases().get(0);
            assertFalse(hr.ready());
            assertTrue(hr.message().contains("charts/api"), hr.message());
        }
    }
}
