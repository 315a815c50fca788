package dev.gitops.api.flux;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code image.toolkit.fluxcd.io/v1beta2 ImageRepository} ({@code v1} read too).
 *
 * @param apiVersion the apiVersion as written
 * @param meta metadata
 * @param spec the spec
 */
public record ImageRepository(String apiVersion, FluxMeta meta, Spec spec) implements FluxObject {

    /** Validates. */
    public ImageRepository {
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
     * @param image image name without tag, e.g. {@code ghcr.io/org/app}
     * @param interval scan interval
     * @param timeout scan timeout
     * @param secretRef docker-registry Secret name, {@code ""} for none
     * @param serviceAccountName service account with image pull secrets
     * @param exclusionList regular expressions of tags to leave out (default {@code ^.*\.sig$})
     * @param provider {@code generic}, {@code aws}, {@code azure}, {@code gcp}
     * @param insecure allow plain HTTP
     * @param suspend suspended
     */
    public record Spec(String image, Duration interval, Duration timeout, String secretRef,
            String serviceAccountName, List<String> exclusionList, String provider, boolean insecure,
            boolean suspend) {
        /** Validates and copies. */
        public Spec {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(secretRef, "secretRef");
            Objects.requireNonNull(serviceAccountName, "serviceAccountName");
            Objects.requireNonNull(provider, "provider");
            exclusionList = List.copyOf(exclusionList);
        }
    }
}
