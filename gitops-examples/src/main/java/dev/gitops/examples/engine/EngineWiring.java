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
 * <p>Until those modules are wired here, the built-in plain-manifest builder is used and decryption and Helm
 * rendering report that they are not configured; {@link #missingCapabilities()} lists what is missing.
 */
public final class EngineWiring {

    private EngineWiring() {
    }

    /** How Kustomization paths are built. Plug gitops-kustomize's Kustomizer in here. */
    public static ManifestBuilder manifestBuilder() {
        return ManifestBuilder.plain();
    }

    /** How SOPS-encrypted objects are decrypted. Plug gitops-sops's SopsDecryptor in here. */
    public static Decryptor decryptor() {
        return Decryptor.none();
    }

    /** How HelmReleases are rendered. Plug gitops-helm's renderer in here. */
    public static ChartRenderer chartRenderer() {
        return ChartRenderer.none();
    }

    /** Capabilities of the engine that this build does not wire yet (for notes in command output). */
    public static List<String> missingCapabilities() {
        List<String> out = new ArrayList<>();
        out.add("kustomize features beyond resources/namespace (gitops-kustomize)");
        out.add("SOPS decryption (gitops-sops)");
        out.add("HelmRelease rendering (gitops-helm)");
        return out;
    }

    /**
     * The cluster: in memory (workloads become ready as soon as they are applied) unless a kubeconfig is given.
     *
     * @throws InvalidInputException when a kubeconfig is given (gitops-kubernetes is not wired yet)
     */
    public static ClusterApplier cluster(Optional<Path> kubeconfig, Clock clock) {
        if (kubeconfig.isPresent()) {
            throw new InvalidInputException("--kubeconfig " + kubeconfig.get() + ": the Kubernetes cluster applier "
                    + "(gitops-kubernetes) is not wired into this build yet; leave --kubeconfig out to use the "
                    + "in-memory cluster");
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
                .eventSink(events)
                .clock(clock);
    }
}
