package dev.gitops.benchmarks;

import dev.gitops.api.apply.memory.InMemoryCluster;
import dev.gitops.api.apply.memory.ReadinessSimulator;
import dev.gitops.api.engine.EventSink;
import dev.gitops.api.engine.ReconcileReport;
import dev.gitops.api.engine.Reconciler;
import dev.gitops.api.source.GitReference;
import dev.gitops.api.source.GitSource;
import dev.gitops.api.source.GitSourceSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full reconcile of a generated fleet ({@code apps} applications, each a Kustomization with a Namespace,
 * ConfigMap, Deployment and Service, postBuild substitution and {@code wait}) into the in-memory cluster:
 * {@link #firstRun} (fetch, build, apply, health) and {@link #noChangeRerun} (the interval elapsed, the source is
 * polled and found unchanged: the cost of checking the revision), plus {@link #forcedRerun} (every Kustomization
 * rebuilt and re-applied with nothing to change, as Flux does on each interval).
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar ReconcileBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ReconcileBenchmark {

    @Param({"200"})
    int apps;

    Path dir;
    GitSourceSpec source;
    Reconciler converged;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    final Clock clock = new Clock() {
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
    };

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("gitops-bench-");
        writeFleet(dir.resolve("repo"), apps);
        source = GitSourceSpec.of(dir.resolve("repo").toUri().toString(), GitReference.ofBranch("main"));
        converged = reconciler();
        ReconcileReport r = converged.reconcileOnce();
        if (!r.allReady() || r.kustomizations().size() != apps + 1) {
            throw new IllegalStateException("the fleet did not converge: " + r.notReady());
        }
    }

    Reconciler reconciler() {
        return Reconciler.builder().source(source).path("clusters/bench")
                .gitSource(GitSource.builder().cacheDir(dir.resolve("cache")).clock(clock).build())
                .cluster(InMemoryCluster.builder().clock(clock).readiness(ReadinessSimulator.ready()).build())
                .eventSink(EventSink.none()).clock(clock).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public ReconcileReport firstRun() {
        return reconciler().reconcileOnce();
    }

    @Benchmark
    public ReconcileReport noChangeRerun() {
        now.updateAndGet(t -> t.plus(Duration.ofMinutes(1)));
        return converged.reconcileDue();
    }

    @Benchmark
    public ReconcileReport forcedRerun() {
        return converged.reconcileOnce();
    }

    /** Writes and commits a fleet of {@code n} apps. */
    static void writeFleet(Path repo, int n) throws Exception {
        StringBuilder ks = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String app = String.format("app-%03d", i);
            ks.append("---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ")
                    .append(app).append("\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ./apps/")
                    .append(app).append("\n  prune: true\n  wait: true\n  sourceRef:\n    kind: GitRepository\n"
                            + "    name: flux-system\n  postBuild:\n    substitute:\n      app: ").append(app)
                    .append("\n      replicas: \"2\"\n");
            write(repo.resolve("apps/" + app + "/app.yaml"), """
                    apiVersion: v1
                    kind: Namespace
                    metadata:
                      name: ${app}
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: ${app}-config
                      namespace: ${app}
                    data:
                      LOG_LEVEL: info
                      NAME: ${app}
                    ---
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: ${app}
                      namespace: ${app}
                      labels:
                        app.kubernetes.io/name: ${app}
                    spec:
                      replicas: ${replicas:=1}
                      selector:
                        matchLabels:
                          app.kubernetes.io/name: ${app}
                      template:
                        metadata:
                          labels:
                            app.kubernetes.io/name: ${app}
                        spec:
                          containers:
                            - name: app
                              image: ghcr.io/example/${app}:1.0.0
                              envFrom:
                                - configMapRef:
                                    name: ${app}-config
                              ports:
                                - containerPort: 8080
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: ${app}
                      namespace: ${app}
                    spec:
                      selector:
                        app.kubernetes.io/name: ${app}
                      ports:
                        - port: 80
                          targetPort: 8080
                    """);
        }
        write(repo.resolve("clusters/bench/apps.yaml"), ks.toString());
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("bench", "bench@example.com", Instant.EPOCH, ZoneOffset.UTC);
            git.commit().setMessage("fleet").setAuthor(who).setCommitter(who).setSign(false).call();
        }
    }

    private static void write(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }
}
