package dev.gitops.helm;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.oci.RegistryAuth;
import java.util.Objects;

/**
 * A chart in a repository: an HTTP(S) chart repository (an {@code index.yaml} at {@code repository}) or an OCI
 * registry ({@code repository} is {@code oci://host/path}, the chart lives at {@code oci://host/path/chart}), with a
 * version constraint ({@code ""} for the latest stable version), credentials and transport options.
 *
 * @param repository {@code https://…}, {@code http://…} or {@code oci://…}
 * @param chart the chart name
 * @param version an exact version or a semver constraint ({@code ">=1.0.0 <2.0.0"}, {@code "1.2.x"}, {@code ""})
 * @param auth credentials by host (basic auth for chart repositories; registry auth for OCI)
 * @param passCredentials send chart-repository credentials to chart URLs on other hosts too (Helm's
 *     {@code --pass-credentials}, Flux's {@code passCredentials})
 * @param plainHttp use plain HTTP for an OCI registry (Helm's {@code --plain-http}, Flux's {@code insecure});
 *     loopback registries always use it
 */
public record ChartReference(String repository, String chart, String version, RegistryAuth auth,
        boolean passCredentials, boolean plainHttp) {

    /** Validates. */
    public ChartReference {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(auth, "auth");
        if (!repository.startsWith("oci://") && !repository.startsWith("http://")
                && !repository.startsWith("https://")) {
            throw new InvalidInputException("chart repository URL must start with http://, https:// or oci://, got \""
                    + repository + "\"");
        }
        if (chart.isEmpty() || chart.contains("/") && !repository.startsWith("oci://")) {
            throw new InvalidInputException("invalid chart name \"" + chart + "\"");
        }
    }

    /** A chart of a chart repository or registry (anonymous). */
    public static ChartReference of(String repository, String chart, String version) {
        return new ChartReference(repository, chart, version, RegistryAuth.anonymous(), false, false);
    }

    /**
     * A chart named by its full OCI reference, as {@code helm template oci://host/path/chart --version V}; a tag in
     * the reference ({@code :1.2.3}) is used when {@code version} is empty.
     */
    public static ChartReference oci(String reference, String version) {
        if (!reference.startsWith("oci://")) {
            throw new InvalidInputException("not an OCI reference: \"" + reference + "\"");
        }
        String s = reference.substring("oci://".length());
        int slash = s.lastIndexOf('/');
        if (slash <= 0 || slash == s.length() - 1) {
            throw new InvalidInputException("invalid OCI chart reference \"" + reference + "\"");
        }
        String name = s.substring(slash + 1);
        String v = version;
        int colon = name.indexOf(':');
        if (colon >= 0) {
            if (v.isEmpty()) {
                v = name.substring(colon + 1).replace('_', '+');
            }
            name = name.substring(0, colon);
        }
        return of("oci://" + s.substring(0, slash), name, v);
    }

    /** True for an OCI registry. */
    public boolean isOci() {
        return repository.startsWith("oci://");
    }

    /** This reference with credentials. */
    public ChartReference withAuth(RegistryAuth a) {
        return new ChartReference(repository, chart, version, a, passCredentials, plainHttp);
    }

    /** This reference passing credentials to every host or not. */
    public ChartReference withPassCredentials(boolean pass) {
        return new ChartReference(repository, chart, version, auth, pass, plainHttp);
    }

    /** This reference with plain HTTP for OCI registries or not. */
    public ChartReference withPlainHttp(boolean plain) {
        return new ChartReference(repository, chart, version, auth, passCredentials, plain);
    }

    /** Everything except credentials. */
    @Override
    public String toString() {
        return "ChartReference[" + repository + ", " + chart + (version.isEmpty() ? "" : "@" + version) + "]";
    }
}
