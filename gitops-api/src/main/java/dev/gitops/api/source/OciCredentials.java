package dev.gitops.api.source;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.image.DockerConfig;
import dev.gitops.api.oci.RegistryAuth;
import dev.gitops.api.oci.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials from the data of a Kubernetes Secret, as Flux reads the {@code secretRef} of OCIRepository
 * and HelmRepository objects: a {@code kubernetes.io/dockerconfigjson} Secret ({@code .dockerconfigjson}, also the
 * legacy {@code .dockercfg}) gives credentials per registry host; {@code username} and {@code password} give one
 * pair for the repository's host. Secret values never appear in errors.
 */
public final class OciCredentials {

    private OciCredentials() {
    }

    /**
     * The credentials a Secret holds.
     *
     * @param secretName names the Secret in errors
     * @throws InvalidInputException when the Secret holds neither form, or an invalid Docker config
     */
    public static RegistryAuth fromSecretData(Map<String, byte[]> data, String secretName) {
        byte[] docker = data.get(".dockerconfigjson");
        if (docker != null) {
            DockerConfig cfg = DockerConfig.parse(docker, "secret '" + secretName + "' .dockerconfigjson");
            return registry -> cfg.credentials(registry).map(c -> new RegistryCredentials(c.username(),
                    c.password()));
        }
        if (data.containsKey("username") || data.containsKey("password")) {
            if (!data.containsKey("username") || !data.containsKey("password")) {
                throw new InvalidInputException("secret '" + secretName + "': '"
                        + (data.containsKey("username") ? "password" : "username") + "' is missing");
            }
            return RegistryAuth.always(new RegistryCredentials(
                    new String(data.get("username"), StandardCharsets.UTF_8).strip(),
                    new String(data.get("password"), StandardCharsets.UTF_8).strip()));
        }
        throw new InvalidInputException("secret '" + secretName + "' has neither .dockerconfigjson nor "
                + "username and password");
    }

    /** The one username/password pair of a Secret, for HTTP(S) chart repositories. */
    public static Optional<RegistryCredentials> basicAuth(Map<String, byte[]> data) {
        if (!data.containsKey("username") && !data.containsKey("password")) {
            return Optional.empty();
        }
        return Optional.of(new RegistryCredentials(
                new String(data.getOrDefault("username", new byte[0]), StandardCharsets.UTF_8).strip(),
                new String(data.getOrDefault("password", new byte[0]), StandardCharsets.UTF_8).strip()));
    }
}
