package dev.gitops.api.oci;

import java.util.Objects;

/**
 * A user name and password (or token) for a registry or chart repository. The password never appears in
 * {@link #toString()}.
 *
 * @param username the user name
 * @param password the password or token
 */
public record RegistryCredentials(String username, String password) {

    /** Validates. */
    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** Hides the password. */
    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=***]";
    }
}
