package dev.gitops.api.flux;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code source.toolkit.fluxcd.io/v1 HelmRepository} ({@code v1beta2} read too).
 *
 * @param apiVersion the apiVersion as written
 * @param meta metadata
 * @param spec the spec
 */
public record HelmRepository(String apiVersion, FluxMeta meta, Spec spec) implements FluxObject {

    /** Validates. */
    public HelmRepository {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public boolean suspended() {
        return spec.suspend();
    }

    /** True for {@code type: oci}. */
    public boolean isOci() {
        return spec.type().equals("oci");
    }

    /**
     * The spec.
     *
     * @param url {@code https://} index URL or {@code oci://} registry URL
     * @param type {@code default} or {@code oci}
     * @param secretRef Secret name, {@code ""} for none
     * @param passCredentials send credentials to chart hosts other than the index's
     * @param interval check interval
     * @param timeout timeout
     * @param insecure allow plain HTTP (OCI)
     * @param provider {@code generic}, {@code aws}, {@code azure}, {@code gcp}
     * @param suspend suspended
     */
    public record Spec(String url, String type, String secretRef, boolean passCredentials, Duration interval,
            Duration timeout, boolean insecure, String provider, boolean suspend) {
        /** Validates. */
        public Spec {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(secretRef, "secretRef");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(provider, "provider");
        }
    }
}
