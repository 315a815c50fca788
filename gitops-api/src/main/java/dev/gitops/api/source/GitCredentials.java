package dev.gitops.api.source;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * How to authenticate to a Git remote, read from a Secret's data the way source-controller reads
 * {@code spec.secretRef}: {@code username}/{@code password} (HTTP basic), {@code bearerToken} (HTTP bearer),
 * {@code identity}/{@code known_hosts}/{@code password} (SSH). {@code toString()} never shows a secret.
 */
public sealed interface GitCredentials {

    /** No credentials. */
    static GitCredentials none() {
        return None.INSTANCE;
    }

    /**
     * Credentials from a Secret's decoded {@code data} (key to bytes). An {@code identity} key selects SSH, a
     * {@code bearerToken} key selects bearer auth, {@code username} and/or {@code password} select basic auth.
     */
    static GitCredentials fromSecretData(Map<String, byte[]> data) {
        Objects.requireNonNull(data, "data");
        if (data.containsKey("identity")) {
            return new Ssh(str(data, "identity"), str(data, "known_hosts"), str(data, "password"));
        }
        if (data.containsKey("bearerToken")) {
            return new Bearer(str(data, "bearerToken"));
        }
        if (data.containsKey("username") || data.containsKey("password")) {
            return new Basic(str(data, "username"), str(data, "password"));
        }
        return none();
    }

    private static String str(Map<String, byte[]> data, String key) {
        byte[] b = data.get(key);
        return b == null ? "" : new String(b, StandardCharsets.UTF_8);
    }

    /** No authentication. */
    enum None implements GitCredentials {
        /** The instance. */
        INSTANCE
    }

    /**
     * HTTP basic authentication.
     *
     * @param username user name (may be empty)
     * @param password password or token
     */
    record Basic(String username, String password) implements GitCredentials {
        /** Validates. */
        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Basic[username=" + username + ", password=***]";
        }
    }

    /**
     * HTTP bearer token.
     *
     * @param token the token
     */
    record Bearer(String token) implements GitCredentials {
        /** Validates. */
        public Bearer {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }

    /**
     * SSH private key with the known_hosts lines the server key must match. {@link GitSource} authenticates with
     * this key only (user from the URL, default {@code git}) and accepts only host keys listed in
     * {@code knownHosts}.
     *
     * @param identity PEM / OpenSSH private key (ed25519, ecdsa, rsa)
     * @param knownHosts known_hosts content; required by Flux: an empty value fails before connecting
     * @param passphrase key passphrase (the Secret's {@code password}), may be empty
     */
    record Ssh(String identity, String knownHosts, String passphrase) implements GitCredentials {
        /** Validates. */
        public Ssh {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(knownHosts, "knownHosts");
            Objects.requireNonNull(passphrase, "passphrase");
        }

        @Override
        public String toString() {
            return "Ssh[identity=***, knownHosts=" + knownHosts.lines().count() + " lines]";
        }
    }
}
