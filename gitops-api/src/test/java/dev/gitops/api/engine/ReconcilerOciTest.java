package dev.gitops.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.apply.memory.InMemoryCluster;
import dev.gitops.api.apply.memory.ReadinessSimulator;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.oci.MediaTypes;
import dev.gitops.api.oci.internal.TarGz;
import dev.gitops.api.source.GitReference;
import dev.gitops.api.source.GitSource;
import dev.gitops.api.source.GitSourceSpec;
import dev.gitops.api.source.OciSource;
import dev.gitops.api.testing.FakeRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kustomizations whose source is an OCIRepository. */
class ReconcilerOciTest {

    @TempDir
    Path tmp;

    ReconcilerTest.MutableClock clock = new ReconcilerTest.MutableClock();

    Path repo(String ociUrl) throws Exception {
        return repo(ociUrl, "");
    }

    Path repo(String ociUrl, String provider) throws Exception {
        Path work = tmp.resolve("repo");
        Files.createDirectories(work.resolve("clusters/test"));
        Files.writeString(work.resolve("clusters/test/oci.yaml"), """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: OCIRepository
                metadata:
                  name: manifests
                  namespace: flux-system
                spec:
                  interval: 5m
                  url: %s%s
                  ref:
                    semver: ">=1.0.0"
                  layerSelector:
                    mediaType: application/vnd.cncf.flux.content.v1.tar+gzip
                    operation: extract
                ---
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: from-oci
                  namespace: flux-system
                spec:
                  interval: 5m
                  prune: true
                  path: ./deploy
                  sourceRef:
                    kind: OCIRepository
                    name: manifests
                """.formatted(ociUrl, provider.isEmpty() ? "" : "\n  provider: " + provider),
                StandardCharsets.UTF_8);
        try (Git g = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            g.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("t", "t@example.com", clock.instant(), ZoneOffset.UTC);
            g.commit().setMessage("init").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        return work;
    }

    Reconciler.Builder reconciler(Path work, InMemoryCluster cluster) {
        return Reconciler.builder()
                .source(GitSourceSpec.of(work.toUri().toString(), GitReference.ofBranch("main")))
                .path("clusters/test")
                .gitSource(GitSource.builder().cacheDir(tmp.resolve("cache")).clock(clock).build())
                .cluster(cluster)
                .clock(clock)
                .sleeper(d -> clock.advance(d));
    }

    @Test
    void kustomizationFromAnOciArtifact() throws Exception {
        try (FakeRegistry reg = FakeRegistry.anonymous()) {
            byte[] layer = TarGz.write(Map.of("deploy/cm.yaml", ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                    + "  name: from-oci\n  namespace: default\ndata:\n  k: v\n").getBytes(StandardCharsets.UTF_8)));
            String digest = reg.putArtifact("manifests/app", "1.2.0", MediaTypes.FLUX_CONFIG,
                    "{}".getBytes(StandardCharsets.UTF_8), List.of(Map.entry(MediaTypes.FLUX_CONTENT, layer)));
            reg.putArtifact("manifests/app", "0.9.0", MediaTypes.FLUX_CONFIG, "{}".getBytes(StandardCharsets.UTF_8),
                    List.of(Map.entry(MediaTypes.FLUX_CONTENT, layer)));
            Path work = repo("oci://" + reg.host() + "/manifests/app");
            InMemoryCluster cluster = InMemoryCluster.builder().clock(clock).readiness(ReadinessSimulator.ready())
                    .build();
            ReconcileReport report = reconciler(work, cluster).ociSource(OciSource.builder().clock(clock).build())
                    .build().reconcileOnce();
            assertTrue(report.allReady(), () -> report.notReady().toString());
            assertTrue(cluster.get(ResourceId.of("v1", "ConfigMap", "default", "from-oci")).isPresent());
            ObjectStatus src = report.sources().stream().filter(s -> s.id().kind().equals("OCIRepository"))
                    .findFirst().orElseThrow();
            assertEquals("1.2.0@" + digest, src.lastAppliedRevision());
            ObjectStatus ks = report.kustomizations().stream().filter(k -> k.id().name().equals("from-oci"))
                    .findFirst().orElseThrow();
            assertEquals("Applied revision: 1.2.0@" + digest, ks.message());
        }
    }

    @Test
    void withoutAnOciClientTheSourceFailsClearly() throws Exception {
        Path work = repo("oci://ghcr.io/example/manifests");
        InMemoryCluster cluster = InMemoryCluster.builder().clock(clock).readiness(ReadinessSimulator.ready())
                .build();
        ReconcileReport report = reconciler(work, cluster).build().reconcileOnce();
        assertFalse(report.allReady());
        ObjectStatus src = report.sources().stream().filter(s -> s.id().kind().equals("OCIRepository"))
                .findFirst().orElseThrow();
        assertEquals(Reasons.OCI_PULL_FAILED, src.reason());
        assertTrue(src.message().contains("no OCI client is configured"), src.message());
        ObjectStatus ks = report.kustomizations().stream().filter(k -> k.id().name().equals("from-oci"))
                .findFirst().orElseThrow();
        assertFalse(ks.ready());
    }

    @Test
    void cloudProvidersAreReportedAsUnsupported() throws Exception {
        Path work = repo("oci://123456789.dkr.ecr.eu-west-1.amazonaws.com/manifests", "aws");
        InMemoryCluster cluster = InMemoryCluster.builder().clock(clock).readiness(ReadinessSimulator.ready())
                .build();
        ReconcileReport report = reconciler(work, cluster).ociSource(OciSource.builder().build()).build()
                .reconcileOnce();
        ObjectStatus src = report.sources().stream().filter(s -> s.id().kind().equals("OCIRepository"))
                .findFirst().orElseThrow();
        assertFalse(src.ready());
        assertTrue(src.message().contains("provider 'aws'"), src.message());
    }
}
