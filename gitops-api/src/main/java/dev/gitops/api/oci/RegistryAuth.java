package dev.gitops.api.oci;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which credentials to present to a registry host ({@code ghcr.io}, {@code localhost:5000}, {@code docker.io}):
 * the plug point between the OCI client and credential sources (Docker config files, Kubernetes Secrets).
 */
@FunctionalInterface
public interface RegistryAuth {

    /** The credentials for {@code registry}, empty for anonymous access. */
    Optional<RegistryCredentials> credentials(String registry);

    /** Anonymous access everywhere. */
    static RegistryAuth anonymous() {
        return registry -> Optional.empty();
    }

    /** The same credentials for every registry (a Secret bound to one repository URL). */
    static RegistryAuth always(RegistryCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return registry -> Optional.of(credentials);
    }

    /** Credentials by registry host. */
    static RegistryAuth of(Map<String, RegistryCredentials> byRegistry) {
        Map<String, RegistryCredentials> copy = Map.copyOf(byRegistry);
        return registry -> Optional.ofNullable(copy.get(registry));
    }
}
