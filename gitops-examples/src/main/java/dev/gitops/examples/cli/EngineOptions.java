package dev.gitops.examples.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options shared by the engine commands: where the fleet is and which cluster to use. */
final class EngineOptions {

    @Option(names = "--source", required = true, paramLabel = "URL|DIR",
            description = "The Git repository: a URL (https://, ssh://, file://) or a local repository directory. "
                    + "Only committed content of --ref is read, never the work tree.")
    String source;

    @Option(names = "--ref", defaultValue = "main", paramLabel = "BRANCH",
            description = "The branch (or full refs/... name) to reconcile. Default: ${DEFAULT-VALUE}.")
    String ref;

    @Option(names = "--path", required = true, paramLabel = "PATH",
            description = "The cluster entrypoint in the repository, e.g. clusters/staging; it acts as the "
                    + "flux-system Kustomization.")
    String path;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Reconcile into the cluster of this kubeconfig instead of an in-memory cluster.")
    Path kubeconfig;

    Optional<Path> kubeconfig() {
        return Optional.ofNullable(kubeconfig);
    }
}
