package dev.gitops.examples.cli;

import dev.gitops.api.apply.ClusterApplier;
import dev.gitops.api.apply.memory.InMemoryCluster;
import dev.gitops.api.engine.EventSink;
import dev.gitops.api.engine.ObjectStatus;
import dev.gitops.api.engine.ReconcileReport;
import dev.gitops.api.engine.Reconciler;
import dev.gitops.api.flux.GoDuration;
import dev.gitops.examples.engine.ClusterExport;
import dev.gitops.examples.engine.EngineWiring;
import dev.gitops.examples.engine.StatusTables;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gitops reconcile}: keeps a cluster converged with a Git repository, as Flux does. */
@Command(name = "reconcile", description = {
    "Reconcile a Git repository laid out for Flux into a cluster (in memory unless --kubeconfig is given).",
    "--path acts as the flux-system Kustomization; child Kustomizations and HelmReleases are discovered and "
            + "reconciled in dependsOn order.",
    "With --once: one pass, then exit 0 when every Kustomization and HelmRelease is Ready, 1 otherwise (reasons "
            + "on stderr). Without it: reconcile on intervals until interrupted."})
final class ReconcileCommand implements Callable<Integer> {

    @CommandLine.Mixin
    EngineOptions engine;

    @Option(names = "--once", description = "Reconcile once and exit.")
    boolean once;

    @Option(names = "--export", paramLabel = "FILE", description = {
        "After reconciling, write every object the (in-memory) cluster holds as sorted multi-document YAML "
                + "(by group, kind, namespace, name), without server-populated fields.",
        "Flux objects applied from the repository are included; the objects the engine creates for itself (the "
                + "flux-system Namespace, the Flux CRDs) and the cluster's initial namespaces are not."})
    Path export;

    @Option(names = "--interval", defaultValue = "1m", paramLabel = "DURATION",
            description = "How often to poll the source when running continuously. Default: ${DEFAULT-VALUE}.")
    String interval;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Clock clock = Clock.systemUTC();
        ClusterApplier cluster = EngineWiring.cluster(engine.kubeconfig(), clock);
        Duration poll = GoDuration.parse(interval);
        Reconciler r = EngineWiring.reconciler(EngineWiring.source(engine.source, engine.ref), engine.path, cluster,
                once ? EventSink.none() : EventSink.logging(), clock).sourceInterval(poll).build();
        if (once) {
            ReconcileReport report = r.reconcileOnce();
            print(report, out);
            writeExport(cluster);
            if (!report.allReady()) {
                for (ObjectStatus s : report.notReady()) {
                    err.println("✗ " + s.id().kind() + "/" + s.id().namespace() + "/" + s.id().name() + " not ready: "
                            + (s.reason().isEmpty() ? "" : s.reason() + ": ") + s.message());
                }
                return GitOpsCli.DIFFERENT;
            }
            return GitOpsCli.OK;
        }
        try {
            while (!Thread.currentThread().isInterrupted()) {
                ReconcileReport report = r.reconcileDue();
                if (report.changes().values().stream().anyMatch(c -> c.hasChanges())) {
                    print(report, out);
                    writeExport(cluster);
                }
                out.flush();
                Thread.sleep(Math.min(poll.toMillis(), 5_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return GitOpsCli.OK;
    }

    private void writeExport(ClusterApplier cluster) throws IOException {
        if (export == null) {
            return;
        }
        if (!(cluster instanceof InMemoryCluster mem)) {
            throw new UncheckedIOException(new IOException("--export needs the in-memory cluster"));
        }
        Files.writeString(export, ClusterExport.export(mem), StandardCharsets.UTF_8);
    }

    static void print(ReconcileReport report, PrintWriter out) {
        out.print(StatusTables.table(report.kustomizations(), true));
        if (!report.helmReleases().isEmpty()) {
            out.println();
            out.print(StatusTables.table(report.helmReleases(), true));
        }
    }
}
