package dev.gitops.api.flux;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code source.toolkit.fluxcd.io/v1 OCIRepository} ({@code v1beta2} read too).
 *
 * @param apiVersion the apiVersion as written
 * @param meta metadata
 * @param spec the spec
 */
public record OCIRepository(String apiVersion, FluxMeta meta, Spec spec) implements FluxObject {

    /** Validates. */
    public OCIRepository {
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
     * @param url {@code oci://} URL
     * @param tag {@code ref.tag}
     * @param semver {@code ref.semver}
     * @param semverFilter {@code ref.semverFilter}
     * @param digest {@code ref.digest}
     * @param layerMediaType {@code layerSelector.mediaType}
     * @param layerOperation {@code layerSelector.operation}: {@code extract} or {@code copy}
     * @param provider {@code generic}, {@code aws}, {@code azure}, {@code gcp}
     * @param secretRef Secret name, {@code ""} for none
     * @param interval check interval
     * @param timeout timeout
     * @param ignore extra ignore patterns
     * @param insecure allow plain HTTP
     * @param suspend suspended
     */
    public record Spec(String url, String tag, String semver, String semverFilter, String digest,
            String layerMediaType, String layerOperation, String provider, String secretRef, Duration interval,
            Duration timeout, String ignore, boolean insecure, boolean suspend) {
        /** Validates. */
        public Spec {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(semver, "semver");
            Objects.requireNonNull(semverFilter, "semverFilter");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(layerMediaType, "layerMediaType");
            Objects.requireNonNull(layerOperation, "layerOperation");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(secretRef, "secretRef");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(ignore, "ignore");
        }
    }
}
