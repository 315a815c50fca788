package dev.gitops.examples.cli;

import dev.gitops.api.apply.Change;
import dev.gitops.api.apply.ApplyOptions;
import dev.gitops.api.apply.ChangeSet;
import dev.gitops.api.apply.memory.InMemoryCluster;
import dev.gitops.api.apply.memory.ReadinessSimulator;
import dev.gitops.api.engine.Drift;
import dev.gitops.api.engine.EventSink;
import dev.gitops.api.engine.ReconcileReport;
import dev.gitops.api.engine.Reconciler;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.source.GitReference;
import dev.gitops.api.source.GitSourceSpec;
import dev.gitops.examples.engine.ClusterExport;
import dev.gitops.examples.engine.EngineWiring;
import dev.gitops.examples.engine.StatusTables;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gitops demo}: the engine end to end on the example fleet, in seconds, with nothing installed.
 */
@Command(name = "demo", description = {
    "Run the GitOps engine on the example fleet: create a local Git repository from it, reconcile "
            + "clusters/staging into an in-memory cluster, show the status like 'flux get kustomizations', drift a "
            + "live object as another field manager and heal it, then commit a change and reconcile again."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--fleet", paramLabel = "DIR",
            description = "Use this fleet directory instead of the example fleet shipped with the tool.")
    Path fleet;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Where to create the Git repository (default: a new temporary directory).")
    Path workdir;

    @Option(names = "--path", defaultValue = "clusters/staging", paramLabel = "PATH",
            description = "The cluster to reconcile. Default: ${DEFAULT-VALUE}.")
    String path;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path repo = workdir != null ? workdir : Files.createTempDirectory("gitops-demo-");
        long t0 = System.nanoTime();
        copyFleet(repo);
        RevCommit first;
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            first = commit(git, "Add the example fleet");
        }
        out.println("▶ Created a Git repository from the example fleet in " + repo + " (main@sha1:"
                + first.name().substring(0, 12) + "…)");

        Clock clock = Clock.systemUTC();
        InMemoryCluster cluster = InMemoryCluster.builder().clock(clock).readiness(ReadinessSimulator.ready())
                .build();
        Reconciler engine = EngineWiring.reconciler(GitSourceSpec.of(repo.toUri().toString(),
                GitReference.ofBranch("main")), path, cluster, EventSink.none(), clock).build();

        Path key = repo.resolve("demo-age.agekey");
        if (Files.exists(key)) {
            // what a user does once per cluster: kubectl create secret generic sops-age --from-file=age.agekey
            ApplyOptions kubectl = ApplyOptions.defaults().withFieldManager("kubectl");
            cluster.apply(Resource.readAll("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n",
                    "namespace").get(0), kubectl);
            cluster.apply(Resource.readAll("apiVersion: v1\nkind: Secret\nmetadata:\n  name: sops-age\n"
                    + "  namespace: flux-system\ndata:\n  age.agekey: "
                    + Base64.getEncoder().encodeToString(Files.readAllBytes(key)) + "\n", "sops-age").get(0),
                    kubectl);
            out.println("▶ Created the sops-age Secret from the demo age key (as 'kubectl create secret' would)");
        }
        out.println("▶ Reconciling " + path + " into an in-memory cluster");
        ReconcileReport report = engine.reconcileOnce();
        int applied = report.changes().values().stream().mapToInt(c -> c.created().size() + c.configured().size())
                .sum();
        out.println();
        ReconcileCommand.print(report, out);
        out.println();
        out.println("  " + applied + " objects applied, " + cluster.objects().size() + " objects in the cluster");

        ResourceId web = ResourceId.of("apps/v1", "Deployment", "web", "web");
        if (cluster.get(web).isPresent()) {
            out.println();
            out.println("▶ Someone runs 'kubectl scale deployment/web -n web --replicas=5' (field manager "
                    + "kubectl-scale)");
            cluster.update(web, "kubectl-scale", o -> {
                o.with("spec").put("replicas", 5);
                return o;
            });
            List<Drift> drift = engine.detectDrift();
            out.println("▶ Drift detected:");
            for (Drift d : drift) {
                out.println("► " + ClusterExport.describe(d.object()) + " drifted");
                for (Drift.Field f : d.fields()) {
                    out.println("    " + f.path() + ": " + f.live() + " → " + f.desired());
                }
            }
            ReconcileReport healed = engine.reconcileOnce();
            out.println("▶ The next reconcile heals it:");
            printChanges(healed, out);
            out.println("  drift remaining: " + engine.detectDrift().size());
        }

        Path settings = repo.resolve("apps/staging/settings.yaml");
        if (Files.exists(settings)) {
            out.println();
            out.println("▶ Committing a change to Git: apps/staging/settings.yaml LOG_LEVEL debug → info");
            Files.writeString(settings, Files.readString(settings).replace("LOG_LEVEL: debug", "LOG_LEVEL: info"),
                    StandardCharsets.UTF_8);
            RevCommit second;
            try (Git git = Git.open(repo.toFile())) {
                second = commit(git, "staging: quieter logs");
            }
            ReconcileReport next = engine.reconcileOnce();
            out.println("▶ The next reconcile picks up main@sha1:" + second.name().substring(0, 12) + "…:");
            printChanges(next, out);
            out.println();
            ReconcileCommand.print(next, out);
        }
        out.println();
        out.printf("✔ demo finished in %.1fs%n", (System.nanoTime() - t0) / 1e9);
        List<String> missing = EngineWiring.missingCapabilities();
        if (!missing.isEmpty()) {
            out.println("note: not wired into this build yet: " + String.join("; ", missing));
        }
        return GitOpsCli.OK;
    }

    private static void printChanges(ReconcileReport report, PrintWriter out) {
        boolean any = false;
        for (Map.Entry<ResourceId, ChangeSet> e : report.changes().entrySet()) {
            for (Change c : e.getValue().changes()) {
                if (c.action().isChange()) {
                    out.println("  " + ClusterExport.describe(c.id()) + " " + c.action().label() + "  (by "
                            + e.getKey().kind() + "/" + e.getKey().name() + ")");
                    any = true;
                }
            }
        }
        if (!any) {
            out.println("  no changes");
        }
    }

    private static RevCommit commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = new PersonIdent("gitops demo", "demo@gitops.dev", java.time.Instant.now(), ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    private void copyFleet(Path repo) throws IOException {
        if (fleet != null) {
            copyTree(fleet, repo);
            return;
        }
        URL marker = DemoCommand.class.getResource("/dev/gitops/examples/fleet/clusters");
        if (marker == null) {
            throw new IOException("the example fleet is not on the class path; use --fleet DIR");
        }
        URI uri;
        try {
            uri = marker.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        if (uri.getScheme().equals("jar")) {
            try (FileSystem zip = FileSystems.newFileSystem(uri, Map.of())) {
                copyTree(zip.getPath("/dev/gitops/examples/fleet"), repo);
            }
        } else {
            copyTree(Path.of(uri).getParent(), repo);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path dst = to.resolve(from.relativize(p).toString());
                Files.createDirectories(dst.getParent());
                Files.copy(p, dst);
            }
        }
    }
}
