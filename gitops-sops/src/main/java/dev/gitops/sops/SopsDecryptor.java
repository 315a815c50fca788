package dev.gitops.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.error.Origin;
import dev.gitops.sops.age.AgeDecryptor;
import dev.gitops.sops.age.AgeException;
import dev.gitops.sops.age.Identity;
import dev.gitops.sops.internal.EncryptedValue;
import dev.gitops.sops.internal.GoScalars;
import dev.gitops.sops.internal.Metadata;
import dev.gitops.sops.internal.ParsedFile;
import dev.gitops.sops.internal.Shamir;
import dev.gitops.sops.internal.Stores;
import dev.gitops.sops.internal.TreeCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decrypts SOPS files (sops 3.x) with age identities, in pure Java. Immutable and thread-safe.
 *
 * <p>The data key is unwrapped from the {@code age} master keys (one key group, or Shamir over several), every value
 * the crypt rules select is decrypted with AES-256-GCM and its path as AAD, and the MAC over the document is checked.
 * Any failure aborts: no partial plaintext is returned. {@link Builder#verifyMac(boolean) verifyMac(false)} is for
 * Secrets inside built manifests (Flux's kustomize-controller), where kustomize may have changed unencrypted fields;
 * every encrypted value is still authenticated by its own tag and path.
 *
 * <pre>{@code
 * SopsDecryptor d = SopsDecryptor.builder()
 *         .identities(SopsKeys.fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home"))))
 *         .build();
 * SopsDocument doc = d.decrypt(Files.readAllBytes(path), Format.fromPath(path.toString()));
 * }</pre>
 */
public final class SopsDecryptor {

    private static final Logger LOG = LoggerFactory.getLogger(SopsDecryptor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Identity> identities;
    private final boolean verifyMac;

    private SopsDecryptor(Builder b) {
        this.identities = List.copyOf(b.identities);
        this.verifyMac = b.verifyMac;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Decrypts {@code content} read with {@code format}. */
    public SopsDocument decrypt(byte[] content, Format format) {
        return decrypt(content, format, "<input>");
    }

    /** Decrypts, naming the file {@code source} in errors. */
    public SopsDocument decrypt(byte[] content, Format format, String source) {
        Origin origin = Origin.of(source);
        ParsedFile pf = Stores.parse(content, format, origin);
        Metadata md = Metadata.parse(pf.metadata().orElseThrow(() -> new SopsException.MetadataNotFound(origin)),
                origin);
        byte[] dataKey = dataKey(md, origin);
        return decryptWithDataKey(pf, md, dataKey, format, origin);
    }

    /** True if the content has sops metadata (it parses and has a {@code sops} entry). */
    public static boolean isEncrypted(byte[] content, Format format) {
        try {
            return Stores.parse(content, format, Origin.of("<input>")).metadata().isPresent();
        } catch (SopsException e) {
            return false;
        }
    }

    SopsDocument decryptWithDataKey(ParsedFile pf, Metadata md, byte[] dataKey, Format format, Origin origin) {
        TreeCrypt.Result r = TreeCrypt.run(TreeCrypt.Mode.DECRYPT, pf.branches(), dataKey, md.rules(), origin, null);
        if (verifyMac) {
            checkMac(md, dataKey, r.mac(), origin);
        }
        return new SopsDocument(format, r.branches());
    }

    static String macAad(Metadata md, Origin origin) {
        OffsetDateTime t = GoScalars.parseRfc3339(md.lastModified()).orElseThrow(() -> new SopsException.Malformed(
                origin.withPointer("/sops/lastmodified"), "lastmodified is not an RFC 3339 time"));
        return GoScalars.formatRfc3339(t);
    }

    private static void checkMac(Metadata md, byte[] dataKey, String computed, Origin origin) {
        String aad = macAad(md, origin);
        SopsNode stored;
        try {
            stored = EncryptedValue.decrypt(md.mac(), dataKey, aad);
        } catch (EncryptedValue.DecryptException e) {
            if (e.failure() == EncryptedValue.Failure.AUTHENTICATION) {
                throw new SopsException.MacMismatch(origin.withPointer("/sops/mac"),
                        "the stored MAC failed to authenticate (mac or lastmodified was modified)");
            }
            throw new SopsException.Malformed(origin.withPointer("/sops/mac"), "invalid mac: " + e.getMessage());
        }
        byte[] s = stored instanceof SopsNode.Str str ? str.bytes() : new byte[0];
        if (!MessageDigest.isEqual(s, computed.getBytes(StandardCharsets.US_ASCII))) {
            throw new SopsException.MacMismatch(origin, "MAC mismatch: the file was modified (values added, removed,"
                    + " reordered or changed) after it was encrypted");
        }
    }

    /** Recovers the 32-byte data key. */
    byte[] dataKey(Metadata md, Origin origin) {
        List<Metadata.KeyGroup> groups = md.keyGroups();
        if (groups.isEmpty()) {
            throw new SopsException.Malformed(origin.withPointer("/sops"), "no master keys in the sops metadata");
        }
        Set<String> unsupported = new LinkedHashSet<>();
        List<String> tried = new ArrayList<>();
        if (groups.size() == 1) {
            Optional<byte[]> k = tryGroup(groups.get(0), unsupported, tried, origin);
            if (k.isPresent()) {
                if (k.get().length != 32) {
                    throw new SopsException.Malformed(origin.withPointer("/sops"), "data key is not 32 bytes");
                }
                return k.get();
            }
            throw noKey(origin, unsupported, tried);
        }
        List<byte[]> parts = new ArrayList<>();
        for (Metadata.KeyGroup g : groups) {
            tryGroup(g, unsupported, tried, origin).ifPresent(parts::add);
        }
        int need = Math.max(2, md.shamirThreshold());
        if (parts.size() < need) {
            if (parts.isEmpty()) {
                throw noKey(origin, unsupported, tried);
            }
            throw new SopsException.NoMatchingKey(origin, "recovered " + parts.size() + " of the "
                    + md.shamirThreshold() + " key group parts needed (Shamir threshold); " + describe(unsupported,
                    tried));
        }
        try {
            byte[] key = Shamir.combine(parts);
            if (key.length != 32) {
                throw new SopsException.Malformed(origin.withPointer("/sops"), "combined data key is not 32 bytes");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new SopsException.Malformed(origin.withPointer("/sops/key_groups"), "cannot combine key parts: "
                    + e.getMessage());
        }
    }

    private Optional<byte[]> tryGroup(Metadata.KeyGroup g, Set<String> unsupported, List<String> tried,
            Origin origin) {
        unsupported.addAll(g.otherKeys());
        for (Metadata.AgeKey k : g.age()) {
            String r = k.recipient();
            if (r.startsWith("ssh-")) {
                unsupported.add("age SSH recipient");
            } else if (r.matches("age1[a-z0-9]+1.*") && !r.matches("age1[02-9ac-hj-np-z]{58}")
                    && !r.startsWith("age1pq1")) {
                unsupported.add("age plugin recipient");
            }
            tried.add(r.isEmpty() ? "age key" : r);
            if (identities.isEmpty()) {
                continue;
            }
            try {
                byte[] plain = AgeDecryptor.builder().identities(identities).input(AgeDecryptor.Input.ARMORED).build()
                        .decrypt(k.enc().getBytes(StandardCharsets.UTF_8));
                return Optional.of(plain);
            } catch (AgeException.NoIdentityMatch e) {
                LOG.debug("no identity matches age recipient {}", r);
            } catch (AgeException e) {
                LOG.warn("{}: age key for recipient {} failed: {}", origin, r, e.detail());
            }
        }
        return Optional.empty();
    }

    private SopsException noKey(Origin origin, Set<String> unsupported, List<String> tried) {
        boolean onlyUnsupported = !unsupported.isEmpty() && tried.stream().allMatch(r -> r.startsWith("ssh-")
                || (r.matches("age1[a-z0-9]+1.*") && !r.matches("age1[02-9ac-hj-np-z]{58}") && !r.startsWith("age1pq1")));
        if (onlyUnsupported) {
            return new SopsException.UnsupportedKeyType(origin, "the data key is wrapped only with unsupported key "
                    + "types: " + String.join(", ", unsupported) + " (this library decrypts age X25519 and post-quantum keys)");
        }
        if (identities.isEmpty()) {
            return new SopsException.NoMatchingKey(origin, "no age identities available (set SOPS_AGE_KEY, "
                    + "SOPS_AGE_KEY_FILE or ~/.config/sops/age/keys.txt); " + describe(unsupported, tried));
        }
        return new SopsException.NoMatchingKey(origin, "none of the " + identities.size()
                + " age identities can decrypt the data key; " + describe(unsupported, tried));
    }

    private static String describe(Set<String> unsupported, List<String> tried) {
        StringBuilder sb = new StringBuilder();
        if (!tried.isEmpty()) {
            sb.append("age recipients: ").append(String.join(", ", tried));
        }
        if (!unsupported.isEmpty()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append("unsupported key types present: ").append(String.join(", ", unsupported));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ Kubernetes Secrets

    /** True if a Kubernetes object is a Secret carrying sops metadata, or with SOPS files in its data. */
    public static boolean needsDecryption(ObjectNode obj) {
        if (!"Secret".equals(obj.path("kind").asText())) {
            return false;
        }
        if (obj.path("sops").isObject()) {
            return true;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.path("data").fields(); it.hasNext();) {
            if (isSopsFile(decode(it.next().getValue().asText()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSopsFile(byte[] data) {
        String s = new String(data, StandardCharsets.ISO_8859_1);
        return s.contains("sops") && s.contains("ENC[");
    }

    private static byte[] decode(String b64) {
        try {
            return Base64.getMimeDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** True if a Kubernetes object is a Secret carrying sops metadata. */
    public static boolean isEncryptedSecret(ObjectNode obj) {
        return "Secret".equals(obj.path("kind").asText()) && obj.path("sops").isObject();
    }

    /**
     * Decrypts every SOPS-encrypted Secret in a list of Kubernetes objects (Flux's kustomize-controller behaviour):
     * Secrets with a top-level {@code sops} key are decrypted as JSON documents; other objects are returned as they
     * are. The input objects are not modified.
     */
    public List<ObjectNode> decryptSecrets(List<ObjectNode> objects) {
        List<ObjectNode> out = new ArrayList<>(objects.size());
        for (ObjectNode o : objects) {
            out.add(needsDecryption(o) ? decryptSecret(o) : o);
        }
        return List.copyOf(out);
    }

    /**
     * Decrypts every SOPS-encrypted Secret among resources (after a kustomize build), keeping each resource's origin;
     * errors name the Secret's file when it has one.
     */
    public List<dev.gitops.api.model.Resource> decryptResources(List<dev.gitops.api.model.Resource> resources) {
        List<dev.gitops.api.model.Resource> out = new ArrayList<>(resources.size());
        for (dev.gitops.api.model.Resource r : resources) {
            if (needsDecryption(r.content())) {
                out.add(r.withContent(decryptSecret(r.content(), r.origin().map(Origin::file)
                        .orElse("Secret/" + r.namespace() + "/" + r.name()))));
            } else {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    /** Decrypts one SOPS-encrypted Secret object. */
    public ObjectNode decryptSecret(ObjectNode secret) {
        return decryptSecret(secret, "Secret/" + secret.path("metadata").path("namespace").asText("") + "/"
                + secret.path("metadata").path("name").asText(""));
    }

    /** Decrypts one object with sops metadata (or SOPS files in its data), naming it {@code name} in errors. */
    public ObjectNode decryptSecret(ObjectNode secret, String name) {
        ObjectNode result = secret.path("sops").isObject() ? decryptWhole(secret, name) : secret.deepCopy();
        // Flux: data entries that are themselves SOPS files (format from the key's extension) are decrypted too
        if (result.path("data").isObject()) {
            ObjectNode data = (ObjectNode) result.get("data");
            List<String> keys = new ArrayList<>();
            data.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                byte[] content = decode(data.get(k).asText());
                if (isSopsFile(content)) {
                    byte[] plain = decrypt(content, Format.fromPath(k), name + " data." + k).toBytes();
                    data.put(k, Base64.getEncoder().encodeToString(plain));
                }
            }
        }
        return result;
    }

    private ObjectNode decryptWhole(ObjectNode secret, String name) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(secret);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SopsException.Malformed(Origin.of(name), "cannot serialise Secret", e);
        }
        SopsDocument doc = decrypt(json, Format.JSON, name);
        try {
            JsonNode n = JSON.readTree(doc.toBytes(Format.JSON));
            return (ObjectNode) n;
        } catch (java.io.IOException e) {
            throw new SopsException.Malformed(Origin.of(name), "cannot rebuild decrypted Secret", e);
        }
    }

    /** Builder for {@link SopsDecryptor}. */
    public static final class Builder {
        private final List<Identity> identities = new ArrayList<>();
        private boolean verifyMac = true;

        private Builder() {}

        /** Adds an age identity. */
        public Builder identity(Identity id) {
            identities.add(Objects.requireNonNull(id, "identity"));
            return this;
        }

        /** Adds age identities. */
        public Builder identities(Collection<? extends Identity> ids) {
            ids.forEach(this::identity);
            return this;
        }

        /**
         * Whether the document MAC must match (default true). Turn off only for Secrets from built manifests, as
         * Flux does; values are still authenticated one by one.
         */
        public Builder verifyMac(boolean verify) {
            this.verifyMac = verify;
            return this;
        }

        /** Builds the decryptor. */
        public SopsDecryptor build() {
            return new SopsDecryptor(this);
        }
    }
}
