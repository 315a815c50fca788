package dev.gitops.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.apply.memory.InMemoryCluster;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.source.GitReference;
import dev.gitops.api.source.GitSource;
import dev.gitops.api.source.GitSourceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Invariants of the remediation state machine over random sequences of good and broken upgrades, retries and
 * strategies: the history is ordered newest first with at most one deployed release; a Ready release runs the
 * desired image; a rolled-back release runs the last good image; Stalled comes only with RetriesExceeded after more
 * failures than retries; and a good commit always recovers.
 */
class HelmReleaseRemediationProperties {

    private static final ResourceId DEPLOY = HelmReleaseSemanticsTest.DEPLOY;

    @Property(tries = 10)
    void remediationInvariants(@ForAll @Size(min = 1, max = 4) List<Boolean> broken,
            @ForAll @IntRange(min = 0, max = 2) int retries, @ForAll boolean uninstall,
            @ForAll @IntRange(min = 1, max = 3) int reconcilesPerCommit) throws Exception {
        Path tmp = Files.createTempDirectory("hr-props");
        try {
            run(tmp, broken, retries, uninstall, reconcilesPerCommit);
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void run(Path tmp, List<Boolean> broken, int retries, boolean uninstall, int reconcilesPerCommit)
            throws Exception {
        ReconcilerTest.MutableClock clock = new ReconcilerTest.MutableClock();
        Path work = tmp.resolve("repo");
        String spec = "upgrade:\n  remediation:\n    retries: " + retries + "\n    strategy: "
                + (uninstall ? "uninstall" : "rollback") + "\n";
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            write(work, "charts/c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n");
            write(work, "clusters/test/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n");
            InMemoryCluster cluster = InMemoryCluster.builder().clock(clock)
                    .readiness(HelmReleaseSemanticsTest.READINESS).build();
            Reconciler r = Reconciler.builder()
                    .source(GitSourceSpec.of(work.toUri().toString(), GitReference.ofBranch("main")))
                    .path("clusters/test")
                    .gitSource(GitSource.builder().cacheDir(tmp.resolve("cache")).clock(clock).build())
                    .cluster(cluster).chartRenderer(HelmReleaseSemanticsTest.RENDERER).eventSink(EventSink.recording())
                    .clock(clock).sleeper(clock::advance).healthPollInterval(Duration.ofSeconds(30)).build();
            String lastGood = "nginx:0";
            commitRelease(git, work, clock, lastGood, spec);
            r.reconcileOnce();
            for (int i = 0; i < broken.size(); i++) {
                String image = broken.get(i) ? "nginx:broken-" + i : "nginx:" + (i + 1);
                commitRelease(git, work, clock, image, spec);
                for (int k = 0; k < reconcilesPerCommit; k++) {
                    r.reconcileOnce();
                    ObjectStatus s = r.status("HelmRelease", "flux-system", "web").orElseThrow();
                    check(s, cluster, image, lastGood, retries);
                }
                if (!broken.get(i)) {
                    lastGood = image;
                }
            }
            String fixed = "nginx:fixed";
            commitRelease(git, work, clock, fixed, spec);
            r.reconcileOnce();
            ObjectStatus s = r.status("HelmRelease", "flux-system", "web").orElseThrow();
            assertTrue(s.ready(), s.message());
            assertEquals(fixed, image(cluster).orElseThrow());
            assertTrue(s.condition(Condition.STALLED).isEmpty());
        }
    }

    private static void check(ObjectStatus s, InMemoryCluster cluster, String desired, String lastGood, int retries) {
        List<HelmReleaseSnapshot> h = s.history();
        for (int i = 1; i < h.size(); i++) {
            assertTrue(h.get(i - 1).version() > h.get(i).version(), h.toString());
        }
        assertTrue(h.stream().filter(x -> x.status().equals(HelmReleaseSnapshot.DEPLOYED)).count() <= 1,
                h.toString());
        if (s.ready()) {
            assertEquals(desired, image(cluster).orElseThrow(), s.message());
        }
        if (s.reason().equals(Reasons.ROLLBACK_SUCCEEDED)) {
            assertEquals(lastGood, image(cluster).orElseThrow(), s.message());
        }
        if (s.reason().equals(Reasons.UNINSTALL_SUCCEEDED)) {
            assertTrue(image(cluster).isEmpty());
        }
        s.condition(Condition.STALLED).ifPresent(c -> {
            assertEquals(Reasons.RETRIES_EXCEEDED, c.reason());
            int attempts = Integer.parseInt(c.message().replaceAll("\\D+", " ").trim().split(" ")[0]);
            // install remediation keeps its default of 0 retries here
            assertTrue(attempts > (c.message().contains("install") ? 0 : retries), c.message());
        });
    }

    private static Optional<String> image(InMemoryCluster cluster) {
        return cluster.get(DEPLOY).map(Resource::content).map(c -> c.at("/spec/template/spec/containers/0/image")
                .asText());
    }

    private static void commitRelease(Git git, Path work, ReconcilerTest.MutableClock clock, String image,
            String spec) throws Exception {
        write(work, "clusters/test/release.yaml", "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\n"
                + "metadata:\n  name: web\n  namespace: flux-system\nspec:\n  interval: 10m\n  timeout: 1m\n"
                + "  targetNamespace: apps\n  chart:\n    spec:\n      chart: ./charts/c\n      sourceRef:\n"
                + "        kind: GitRepository\n        name: flux-system\n  values:\n    image: " + image + "\n"
                + spec.indent(2));
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("t", "t@example.com", clock.instant(), ZoneOffset.UTC);
        git.commit().setMessage(image).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    private static void write(Path work, String path, String content) throws Exception {
        Path p = work.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }
}
