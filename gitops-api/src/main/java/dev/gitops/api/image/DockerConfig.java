package dev.gitops.api.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.api.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Registry credentials from a Docker {@code config.json} ({@code auths} entries with {@code auth} =
 * base64 {@code user:password}, or {@code username}/{@code password}, or an {@code identitytoken}), as found in
 * {@code ~/.docker/config.json} and in {@code kubernetes.io/dockerconfigjson} Secrets. Credential helpers are not
 * run. Secrets never appear in {@link #toString()} or in error messages.
 */
public final class DockerConfig {

    /**
     * Credentials for one registry.
     *
     * @param username the user name ({@code <token>} for identity tokens)
     * @param password the password or token
     */
    public record Credentials(String username, String password) {
        /** Validates the components. */
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        /** Hides the password. */
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=***]";
        }
    }

    private final Map<String, Credentials> auths;

    private DockerConfig(Map<String, Credentials> auths) {
        this.auths = Collections.unmodifiableMap(auths);
    }

    /** No credentials (anonymous access everywhere). */
    public static DockerConfig empty() {
        return new DockerConfig(Map.of());
    }

    /**
     * Parses a config.json.
     *
     * @param source where the JSON came from, for error messages
     * @throws InvalidInputException when it is not a Docker config (naming the entry, never its secret)
     */
    public static DockerConfig parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(source + ": a Docker config must be a JSON object");
        }
        Map<String, Credentials> out = new LinkedHashMap<>();
        JsonNode auths = root.path("auths");
        if (!auths.isMissingNode() && !auths.isObject()) {
            throw new InvalidInputException(source + ": /auths must be an object");
        }
        for (var it = auths.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode a = e.getValue();
            String where = source + ": /auths/" + e.getKey();
            String user = a.path("username").asText("");
            String pass = a.path("password").asText("");
            if (a.hasNonNull("auth") && !a.get("auth").asText().isEmpty()) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(a.get("auth").asText().trim()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException ex) {
                    throw new InvalidInputException(where + "/auth: not valid base64");
                }
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    throw new InvalidInputException(where + "/auth: expected base64 of user:password");
                }
                user = decoded.substring(0, colon);
                pass = decoded.substring(colon + 1);
            }
            if (a.hasNonNull("identitytoken") && !a.get("identitytoken").asText().isEmpty()) {
                user = "<token>";
                pass = a.get("identitytoken").asText();
            }
            if (!user.isEmpty() || !pass.isEmpty()) {
                out.put(normalize(e.getKey()), new Credentials(user, pass));
            }
        }
        return new DockerConfig(out);
    }

    /** The registry host of an auths key: scheme and path dropped, Docker Hub aliases folded to docker.io. */
    static String normalize(String key) {
        String k = key;
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
        }
        int slash = k.indexOf('/');
        if (slash >= 0) {
            k = k.substring(0, slash);
        }
        return switch (k) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
            default -> k;
        };
    }

    /** The credentials for a registry host ({@code ghcr.io}, {@code localhost:5000}, {@code docker.io}). */
    public Optional<Credentials> credentials(String registry) {
        return Optional.ofNullable(auths.get(normalize(registry)));
    }

    /** The registries with credentials (no secrets). */
    @Override
    public String toString() {
        return "DockerConfig" + auths.keySet();
    }
}
