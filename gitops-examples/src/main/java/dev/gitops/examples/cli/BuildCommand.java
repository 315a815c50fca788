package dev.gitops.examples.cli;

import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import dev.gitops.kustomize.BuildResult;
import dev.gitops.kustomize.Kustomizer;
import dev.gitops.kustomize.LoadRestrictions;
import dev.gitops.kustomize.Reorder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gitops build DIR}: prints what {@code kubectl kustomize DIR} prints. */
@Command(name = "build", description = {"Build a kustomization directory and print the resources as YAML"
        + " (like 'kubectl kustomize').",
    "'build kustomization NAME --source ... --path ...' prints what a Flux Kustomization would apply (like 'flux "
        + "build kustomization')."}, subcommands = BuildKustomizationCommand.class)
final class BuildCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Defaults are field values (not defaultValue attributes) so that runPlain, which bypasses picocli, has them too.
    @Parameters(index = "0", arity = "0..1", description = "The kustomization directory.")
    String dir = ".";

    @Option(names = "--load-restrictor", description = "LoadRestrictionsRootOnly (default) or LoadRestrictionsNone.")
    String loadRestrictor = "LoadRestrictionsRootOnly";

    @Option(names = "--enable-helm", description = "Enable helmCharts (charts under the chart home are rendered"
            + " in-process; nothing is downloaded).")
    boolean enableHelm;

    @Option(names = "--helm-kube-version",
            description = "Kubernetes version charts see (overrides each chart's kubeVersion).")
    String helmKubeVersion = "";

    @Option(names = "--helm-api-versions", split = ",",
            description = "API versions charts see in .Capabilities.APIVersions (replace each chart's apiVersions).")
    java.util.List<String> helmApiVersions = new java.util.ArrayList<>();

    @Option(names = "--helm-command", hidden = true,
            description = "Accepted for kubectl compatibility and ignored: no helm binary is run.")
    String helmCommand;

    @Option(names = "--helm-debug", hidden = true,
            description = "Accepted for kubectl compatibility and ignored (no helm process, no helm stack trace).")
    boolean helmDebug;

    @Option(names = "--enable-managedby-label", description = "Add app.kubernetes.io/managed-by to every resource.")
    boolean managedBy;

    @Option(names = "--reorder", description = "legacy (default) or none.")
    String reorder = "legacy";

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * {@code gitops build DIR} with every option at its default, run without building any picocli model (a fifth
     * of a small build's time): what {@link GitOpsCli#main} does for exactly these arguments.
     */
    static int runPlain(String dir, PrintWriter out, PrintWriter err) {
        BuildCommand c = new BuildCommand();
        c.dir = dir;
        return c.run(out, err);
    }

    private int run(PrintWriter out, PrintWriter err) {
        Path abs = Paths.get(dir).toAbsolutePath().normalize();
        Path root = abs.getRoot();
        Reorder r = switch (reorder) {
            case "legacy" -> Reorder.LEGACY;
            case "none" -> Reorder.NONE;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "illegal value for --reorder: " + reorder + " (legal values: legacy, none)");
        };
        Kustomizer.Builder b = Kustomizer.builder();
        helmApiVersions.forEach(b::helmApiVersion);
        Kustomizer k = b
                .fileSystem(FileSystem.onDisk(root))
                .loadRestrictions(LoadRestrictions.parse(loadRestrictor))
                .reorder(r)
                .helmEnabled(enableHelm)
                .helmKubeVersion(helmKubeVersion)
                .managedByLabel(managedBy)
                .build();
        BuildResult result = k.build(root.relativize(abs).toString().replace('\\', '/'));
        for (String w : result.warnings()) {
            err.println(w);
        }
        err.flush();
        out.print(yaml(result));
        out.flush();
        return GitOpsCli.OK;
    }

    /** Below this many resources the YAML is written on one thread. */
    static final int PARALLEL_YAML_MIN = 32;

    /**
     * {@link BuildResult#toYaml()}, with the documents of a large build written in parallel (each resource's YAML
     * depends on that resource alone; the order is kept).
     */
    static String yaml(BuildResult result) {
        List<Resource> rs = result.resources();
        if (rs.size() < PARALLEL_YAML_MIN) {
            return result.toYaml();
        }
        String[] docs = new String[rs.size()];
        IntStream.range(0, docs.length).parallel().forEach(i -> docs[i] = rs.get(i).toYaml());
        return String.join("---\n", docs);
    }
}
