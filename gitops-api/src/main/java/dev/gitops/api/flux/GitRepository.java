package dev.gitops.api.flux;

import dev.gitops.api.source.GitReference;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code source.toolkit.fluxcd.io/v1 GitRepository} ({@code v1beta2} read too).
 *
 * @param apiVersion the apiVersion as written
 * @param meta metadata
 * @param spec the spec
 */
public record GitRepository(String apiVersion, FluxMeta meta, Spec spec) implements FluxObject {

    /** Validates. */
    public GitRepository {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public boolean suspended() {
        return spec.suspend();
    }

    /**
     * The spec.
     *
     * @param url repository URL
     * @param secretRef name of the Secret with credentials, {@code ""} for none
     * @param interval how often to check the remote
     * @param timeout timeout of Git operations (default 60s)
     * @param ref what to check out
     * @param ignore extra ignore patterns, {@code ""} for none
     * @param include other GitRepositories whose files are copied in
     * @param suspend suspended
     * @param recurseSubmodules whether submodules are checked out (not supported by the engine yet)
     * @param provider {@code generic}, {@code azure} or {@code github}
     */
    public record Spec(String url, String secretRef, Duration interval, Duration timeout, GitReference ref,
            String ignore, List<Include> include, boolean suspend, boolean recurseSubmodules, String provider) {
        /** Validates and copies. */
        public Spec {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(secretRef, "secretRef");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(ignore, "ignore");
            Objects.requireNonNull(provider, "provider");
            include = List.copyOf(include);
        }
    }

    /**
     * {@code spec.include[]}.
     *
     * @param repository the GitRepository name (same namespace)
     * @param fromPath path in the included artifact ({@code ""} for all)
     * @param toPath path in this artifact (default: the included repository's name)
     */
    public record Include(String repository, String fromPath, String toPath) {
        /** Validates. */
        public Include {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(fromPath, "fromPath");
            Objects.requireNonNull(toPath, "toPath");
        }
    }
}
