package dev.gitops.examples.cli;

import dev.gitops.api.apply.ClusterApplier;
import dev.gitops.api.diff.DriftDetector;
import dev.gitops.api.diff.DriftOutput;
import dev.gitops.api.diff.DriftReport;
import dev.gitops.api.engine.KustomizationBuild;
import dev.gitops.api.engine.KustomizationDiff;
import dev.gitops.api.engine.Reconciler;
import dev.gitops.api.model.ResourceId;
import dev.gitops.examples.engine.ClusterExport;
import dev.gitops.examples.engine.EngineWiring;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gitops diff kustomization NAME}: what {@code flux diff kustomization NAME} shows. */
@Command(name = "kustomization", aliases = "ks", description = {
    "Show what applying a Flux Kustomization would change in the cluster (like 'flux diff kustomization'): per "
            + "object '► Kind/namespace/name created|drifted|deleted', then the unified diff. Secret values are "
            + "masked as flux diff masks them: '*** (before)' and '*** (after)' for a changed value, '***' otherwise.",
    "Each object is compared three-way: the rendered object, the live one, and what field manager "
            + "kustomize-controller owns in it (its managedFields), as a server-side apply by kustomize-controller "
            + "would change it; nothing is written to the cluster, not even a dry run.",
    "Without --kubeconfig the cluster is in memory, holding everything else --path reconciles (the Kustomization "
            + "itself suspended), so every object of it shows as created. With --kubeconfig the rendered objects "
            + "are compared with that cluster's objects and prune candidates are taken from the live "
            + "Kustomization's status.inventory.",
    "Exit code: 0 no changes, 1 changes, 2 error."})
final class DiffKustomizationCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    EngineOptions engine;

    @CommandLine.Mixin
    FluxKustomizations.Target target;

    @Option(names = "--ignore", paramLabel = "POINTER",
            description = "Ignore a field by JSON pointer, for all objects or as SELECTOR=POINTER (see 'gitops "
                    + "diff --help'). Repeatable.")
    List<String> ignore = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        DriftDetector.Builder db = DriftDetector.builder().fluxSecretMasks(true);
        for (String p : ignore) {
            db.ignore(DiffCommand.ignoreRule(p));
        }
        DriftDetector detector = db.build();
        Reconciler r = target.discover(engine);
        List<DriftReport> reports;
        if (engine.kubeconfig().isPresent()) {
            ClusterApplier live = EngineWiring.cluster(engine.kubeconfig(), Clock.systemUTC());
            KustomizationBuild b = r.buildKustomization(target.namespace, target.name,
                    KustomizationBuild.Secrets.DECRYPTED);
            List<ResourceId> inventory = live.get(b.kustomization()).map(KustomizationDiff::inventoryFromStatus)
                    .orElse(List.of());
            reports = KustomizationDiff.compare(new KustomizationBuild(b.kustomization(), b.revision(), b.objects(),
                    inventory, b.prune()), live, detector);
        } else {
            reports = r.diffKustomization(target.namespace, target.name, detector);
        }
        return print(reports, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    static int print(List<DriftReport> reports, PrintWriter out, PrintWriter err) {
        boolean changed = false;
        for (DriftReport d : reports) {
            String what;
            if (d instanceof DriftReport.Missing) {
                what = "created";
            } else if (d instanceof DriftReport.Drifted) {
                what = "drifted";
            } else if (d instanceof DriftReport.Extra) {
                what = "deleted";
            } else {
                continue;
            }
            changed = true;
            out.println("► " + ClusterExport.describe(d.id()) + " " + what);
            out.print(DriftOutput.unified(List.of(d)));
        }
        out.flush();
        if (changed) {
            err.println("⚠️ identified at least one change, exiting with non-zero exit code");
            err.flush();
            return GitOpsCli.DIFFERENT;
        }
        return GitOpsCli.OK;
    }
}
