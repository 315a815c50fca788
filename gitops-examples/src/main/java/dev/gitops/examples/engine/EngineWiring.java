package dev.gitops.examples.engine;

import dev.gitops.api.apply.ClusterApplier;
import dev.gitops.api.apply.memory.InMemoryCluster;
import dev.gitops.api.apply.memory.ReadinessSimulator;
import dev.gitops.api.engine.ChartRenderer;
import dev.gitops.api.engine.Decryptor;
import dev.gitops.api.engine.EventSink;
import dev.gitops.api.engine.ManifestBuilder;
import dev.gitops.api.engine.Reconciler;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.source.GitReference;
import dev.gitops.api.source.GitSourceSpec;
import dev.gitops.api.source.OciSource;
import dev.gitops.helm.HelmReleaseRenderer;
import dev.gitops.kubernetes.KubernetesClusterApplier;
import dev.gitops.kustomize.KustomizeManifestBuilder;
import dev.gitops.sops.SopsResourceDecryptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place where the CLI connects the engine's plug points to the library's modules: how Kustomization paths
 * are built (gitops-kustomize), how SOPS Secrets are decrypted (gitops-sops), how HelmReleases are rendered
 * (gitops-helm) and which cluster is used (in memory, or gitops-kubernetes with a kubeconfig).
 *
 * <p>Kustomization paths are built by {@link KustomizeManifestBuilder} (kustomize v5.7 semantics), SOPS Secrets
 * are decrypted by {@link SopsResourceDecryptor} with the age keys of each Kustomization's
 * {@code decryption.secretRef}, HelmReleases are rendered by {@link HelmReleaseRenderer}, and a kubeconfig selects
 * {@link KubernetesClusterApplier} instead of the in-memory cluster.
 */
public final class EngineWiring {

    private EngineWiring() {
    }

    /** How Kustomization paths are built: gitops-kustomize, as kustomize-controller builds them. */
    public static ManifestBuilder manifestBuilder() {
        return KustomizeManifestBuilder.create();
    }

    /** How SOPS-encrypted objects are decrypted: gitops-sops, with Flux's rules (values authenticated, MAC not). */
    public static Decryptor decryptor() {
        return new SopsResourceDecryptor();
    }

    /** How HelmReleases are rendered: gitops-helm's pure-Java renderer. */
    public static ChartRenderer chartRenderer() {
        return HelmReleaseRenderer.create();
    }

    /** Capabilities of the engine that this build does not wire yet (for notes in command output). */
    public static List<String> missingCapabilities() {
        List<String> out = new ArrayList<>();
        return out;
    }

    /**
     * The cluster: in memory (workloads become ready as soon as they are applied) unless a kubeconfig is given.
     *
     * @throws InvalidInputException when the kubeconfig file does not exist
     */
    public static ClusterApplier cluster(Optional<Path> kubeconfig, Clock clock) {
        if (kubeconfig.isPresent()) {
            if (!Files.isRegularFile(kubeconfig.get())) {
                throw new InvalidInputException("--kubeconfig " + kubeconfig.get() + ": no such file");
            }
            return KubernetesClusterApplier.builder().kubeconfig(kubeconfig.get()).build();
        }
        return InMemoryCluster.builder().clock(clock).readiness(ReadinessSimulator.ready()).build();
    }

    /**
     * The root source: a URL as is, or a local directory that must be a Git repository; the committed branch or
     * tag {@code ref} is used, never the work tree.
     */
    public static GitSourceSpec source(String source, String ref) {
        String url = source;
        if (!source.contains("://") && !source.matches("[^/@]+@[^:]+:.*")) {
            Path dir = Path.of(source).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new InvalidInputException("--source " + source + ": no such directory");
            }
            if (!Files.exists(dir.resolve(".git")) && !Files.isDirectory(dir.resolve("objects"))) {
                throw new InvalidInputException("--source " + source + ": not a Git repository (the engine reads "
                        + "committed content only; run git init and commit, or give a URL)");
            }
            url = dir.toUri().toString();
        }
        GitReference r = ref.startsWith("refs/") ? GitReference.ofName(ref) : GitReference.ofBranch(ref);
        return GitSourceSpec.of(url, r);
    }

    /** A reconciler builder with everything above wired in. */
    public static Reconciler.Builder reconciler(GitSourceSpec source, String path, ClusterApplier cluster,
            EventSink events, Clock clock) {
        return Reconciler.builder()
                .source(source)
                .path(path)
                .cluster(cluster)
                .manifestBuilder(manifestBuilder())
                .decryptor(decryptor())
                .chartRenderer(chartRenderer())
                .ociSource(OciSource.builder().clock(clock).build())
                .eventSink(events)
                .clock(clock);
    }
}
