package dev.gitops.examples.cli;

import dev.gitops.api.apply.ClusterApplier;
import dev.gitops.api.engine.EventSink;
import dev.gitops.api.engine.ObjectStatus;
import dev.gitops.api.engine.ReconcileReport;
import dev.gitops.examples.engine.EngineWiring;
import dev.gitops.examples.engine.StatusTables;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gitops get kustomizations|helmreleases|sources}: status tables like {@code flux get}. */
@Command(name = "get", description = {
    "Print the status of Flux objects as 'flux get' does, after reconciling the repository once into an "
            + "in-memory cluster (or the --kubeconfig cluster).",
    "Exit code 0 when every listed object is Ready, 1 otherwise."})
final class GetCommand implements Callable<Integer> {

    enum What { kustomizations, ks, helmreleases, hr, sources }

    @Parameters(index = "0", paramLabel = "KIND", description = "kustomizations (ks), helmreleases (hr) or sources.")
    What what;

    @CommandLine.Mixin
    EngineOptions engine;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Clock clock = Clock.systemUTC();
        ClusterApplier cluster = EngineWiring.cluster(engine.kubeconfig(), clock);
        ReconcileReport report = EngineWiring.reconciler(EngineWiring.source(engine.source, engine.ref), engine.path,
                cluster, EventSink.none(), clock).build().reconcileOnce();
        List<ObjectStatus> rows = switch (what) {
            case kustomizations, ks -> report.kustomizations();
            case helmreleases, hr -> report.helmReleases();
            case sources -> report.sources();
        };
        if (rows.isEmpty()) {
            spec.commandLine().getErr().println("no " + what + " found");
            return GitOpsCli.DIFFERENT;
        }
        spec.commandLine().getOut().print(StatusTables.table(rows, true));
        return rows.stream().allMatch(s -> s.ready() || s.suspended()) ? GitOpsCli.OK : GitOpsCli.DIFFERENT;
    }
}
