package dev.gitops.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.sops.age.AgeException;
import dev.gitops.sops.age.AgeKeys;
import dev.gitops.sops.age.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where sops finds age identities: {@code SOPS_AGE_KEY}, {@code SOPS_AGE_KEY_FILE}, the default
 * {@code $XDG_CONFIG_HOME/sops/age/keys.txt} (else {@code ~/.config/sops/age/keys.txt}), and, the Flux convention, a
 * Kubernetes Secret's {@code *.agekey} entries. The environment and home directory are passed in, never read from
 * the process. Identity lines of types this library does not implement (post-quantum, plugins) are skipped with a
 * warning; the decryptor then reports the unsupported recipient type.
 */
public final class SopsKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SopsKeys.class);

    private SopsKeys() {}

    /** Loads identities as sops does, from the given environment and home directory (all sources, in order). */
    public static List<Identity> fromEnvironment(Map<String, String> env, Path home) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(home, "home");
        List<Identity> out = new ArrayList<>();
        String key = env.get("SOPS_AGE_KEY");
        if (key != null && !key.isBlank()) {
            out.addAll(parseLenient(key, "SOPS_AGE_KEY"));
        }
        String file = env.get("SOPS_AGE_KEY_FILE");
        if (file != null && !file.isBlank()) {
            out.addAll(parseFile(home.getFileSystem().getPath(file)));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path def = xdg != null && !xdg.isBlank() ? home.getFileSystem().getPath(xdg, "sops", "age", "keys.txt")
                : home.resolve(".config/sops/age/keys.txt");
        if (Files.isRegularFile(def)) {
            out.addAll(parseFile(def));
        }
        if (env.containsKey("SOPS_AGE_KEY_CMD")) {
            LOG.warn("SOPS_AGE_KEY_CMD is not supported (no commands are run); ignored");
        }
        return List.copyOf(out);
    }

    /** Parses an identity file, skipping (with a warning) identity types that are not implemented. */
    public static List<Identity> parseFile(Path p) {
        try {
            byte[] content = Files.readAllBytes(p);
            if (AgeKeys.isAgeFile(content)) {
                throw new InvalidInputException(p + ": passphrase-protected identity files need a passphrase; use "
                        + "AgeKeys.parseIdentities(bytes, name, passphraseSource)");
            }
            return parseLenient(new String(content, StandardCharsets.UTF_8), p.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read age key file " + p + ": " + e.getMessage(), e);
        }
    }

    /** Parses identity text, skipping unsupported identity types with a warning. */
    public static List<Identity> parseLenient(String text, String source) {
        List<Identity> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            for (String word : line.split("\\s+")) {
                try {
                    out.add(AgeKeys.parseIdentity(word));
                } catch (AgeException.Unsupported e) {
                    LOG.warn("{}:{}: {}; skipped", source, i + 1, e.detail());
                } catch (AgeException.Malformed e) {
                    throw new InvalidInputException(new dev.gitops.api.error.Origin(source, i + 1, 0, ""),
                            e.detail());
                }
            }
        }
        return List.copyOf(out);
    }

    /** The identities in a Secret's {@code data}/{@code stringData} entries whose names end in {@code .agekey}. */
    public static List<Identity> fromSecret(ObjectNode secret) {
        List<Identity> out = new ArrayList<>();
        String name = secret.path("metadata").path("name").asText("secret");
        JsonNode data = secret.path("data");
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().endsWith(".agekey")) {
                byte[] b;
                try {
                    b = Base64.getMimeDecoder().decode(e.getValue().asText());
                } catch (IllegalArgumentException ex) {
                    throw new InvalidInputException("Secret " + name + " data." + e.getKey() + " is not base64");
                }
                out.addAll(parseLenient(new String(b, StandardCharsets.UTF_8), "Secret " + name + "/" + e.getKey()));
            }
        }
        JsonNode sd = secret.path("stringData");
        for (Iterator<Map.Entry<String, JsonNode>> it = sd.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().endsWith(".agekey")) {
                out.addAll(parseLenient(e.getValue().asText(), "Secret " + name + "/" + e.getKey()));
            }
        }
        return List.copyOf(out);
    }
}
