package dev.gitops.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.sops.age.Identity;
import dev.gitops.sops.age.X25519Identity;
import dev.gitops.sops.age.X25519Recipient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key sources (environment, files, Secrets), the Secret helper, and .sops.yaml creation rules. */
class SopsKeysAndSecretsTest {

    static final SecureRandom RND = new SecureRandom();
    static final ObjectMapper M = new ObjectMapper();

    @Test
    void environmentSources(@TempDir Path home) throws Exception {
        X25519Identity a = X25519Identity.generate(RND);
        X25519Identity b = X25519Identity.generate(RND);
        X25519Identity c = X25519Identity.generate(RND);
        Path keyFile = home.resolve("other.txt");
        Files.writeString(keyFile, "# comment\n\n" + b.encode() + "\r\n");
        Path def = home.resolve(".config/sops/age/keys.txt");
        Files.createDirectories(def.getParent());
        Files.writeString(def, c.encode());
        List<Identity> ids = SopsKeys.fromEnvironment(Map.of("SOPS_AGE_KEY", a.encode(),
                "SOPS_AGE_KEY_FILE", keyFile.toString()), home);
        assertEquals(List.of(a, b, c), ids);
        // XDG_CONFIG_HOME replaces ~/.config
        Path xdg = home.resolve("xdg");
        Files.createDirectories(xdg.resolve("sops/age"));
        Files.writeString(xdg.resolve("sops/age/keys.txt"), a.encode() + "\n");
        assertEquals(List.of(a), SopsKeys.fromEnvironment(Map.of("XDG_CONFIG_HOME", xdg.toString()), home));
        assertEquals(List.of(), SopsKeys.fromEnvironment(Map.of(), home.resolve("nowhere")));
        // a plugin identity line is skipped, not fatal; post-quantum identities are loaded
        dev.gitops.sops.age.HybridIdentity pq = dev.gitops.sops.age.HybridIdentity.generate(RND);
        assertEquals(List.of(pq, a), SopsKeys.parseLenient("AGE-PLUGIN-YUBIKEY-1QQQ\n" + pq.encode() + "\n"
                + a.encode(), "x"));
    }

    @Test
    void secretsInBuiltManifests() throws Exception {
        X25519Identity id = X25519Identity.generate(RND);
        String secret = """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                  namespace: apps
                stringData:
                  password: hunter2
                  port: "5432"
                """;
        byte[] enc = SopsEncryptor.builder().recipient(id.recipient())
                .cryptRules(CryptRules.of(CryptRules.Kind.ENCRYPTED_REGEX, "^(data|stringData)$")).build()
                .encrypt(secret.getBytes(StandardCharsets.UTF_8), Format.YAML);
        ObjectNode obj = (ObjectNode) new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(enc);
        ObjectNode cm = M.createObjectNode().put("kind", "ConfigMap");
        ObjectNode keySecret = M.createObjectNode().put("kind", "Secret");
        keySecret.putObject("data").put("identity.agekey",
                Base64.getEncoder().encodeToString(id.encode().getBytes(StandardCharsets.UTF_8)));
        SopsDecryptor d = SopsDecryptor.builder().identities(SopsKeys.fromSecret(keySecret)).build();
        List<ObjectNode> out = d.decryptSecrets(List.of(cm, obj));
        assertSame(cm, out.get(0));
        assertEquals("hunter2", out.get(1).path("stringData").path("password").asText());
        assertEquals("5432", out.get(1).path("stringData").path("port").asText());
        assertFalse(out.get(1).has("sops"));
        assertTrue(obj.has("sops"), "input not modified");
        // the same through the resource model, keeping the origin
        List<dev.gitops.api.model.Resource> rs = d.decryptResources(List.of(dev.gitops.api.model.Resource.of(obj)));
        assertEquals("hunter2", rs.get(0).content().path("stringData").path("password").asText());
        // kustomize changed the namespace: the MAC breaks, Flux-style decryption still works
        ObjectNode moved = obj.deepCopy();
        ((ObjectNode) moved.get("metadata")).put("namespace", "prod");
        assertThrows(SopsException.MacMismatch.class, () -> d.decryptSecrets(List.of(moved)));
        ObjectNode relaxed = SopsDecryptor.builder().identity(id).verifyMac(false).build().decryptSecret(moved);
        assertEquals("hunter2", relaxed.path("stringData").path("password").asText());
        assertEquals("prod", relaxed.path("metadata").path("namespace").asText());
    }

    @Test
    void decryptorPlugPoint() throws Exception {
        X25519Identity id = X25519Identity.generate(RND);
        byte[] enc = SopsEncryptor.builder().recipient(id.recipient())
                .cryptRules(CryptRules.of(CryptRules.Kind.ENCRYPTED_REGEX, "^(data|stringData)$")).build()
                .encrypt("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  k: v\n"
                        .getBytes(StandardCharsets.UTF_8), Format.YAML);
        ObjectNode obj = (ObjectNode) new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(enc);
        ((ObjectNode) obj.get("metadata")).put("namespace", "changed-by-kustomize");
        dev.gitops.api.engine.Decryptor spi = java.util.ServiceLoader.load(dev.gitops.api.engine.Decryptor.class)
                .findFirst().orElseThrow();
        assertTrue(dev.gitops.api.engine.Decryptor.isEncrypted(dev.gitops.api.model.Resource.of(obj)));
        dev.gitops.api.model.Resource out = spi.decrypt(dev.gitops.api.model.Resource.of(obj),
                Map.of("identity.agekey", id.encode().getBytes(StandardCharsets.UTF_8)));
        assertEquals("v", out.content().path("stringData").path("k").asText());
        assertThrows(SopsException.NoMatchingKey.class, () -> spi.decrypt(dev.gitops.api.model.Resource.of(obj),
                Map.of()));
    }

    @Test
    void creationRules() {
        X25519Recipient r1 = X25519Identity.generate(RND).recipient();
        X25519Recipient r2 = X25519Identity.generate(RND).recipient();
        String yaml = "creation_rules:\n"
                + "  - path_regex: secrets/.*\\.yaml$\n"
                + "    encrypted_regex: ^(data|stringData)$\n"
                + "    age: " + r1.encode() + ", " + r2.encode() + "\n"
                + "  - path_regex: \\.env$\n"
                + "    key_groups:\n"
                + "      - age: [" + r1.encode() + "]\n"
                + "      - age: [" + r2.encode() + "]\n"
                + "    shamir_threshold: 2\n"
                + "  - path_regex: pgp/.*\n"
                + "    pgp: 85D77543B3D624B63CEA9E6DBC17301B491B3F21\n";
        SopsConfig c = SopsConfig.parse(yaml, ".sops.yaml");
        SopsConfig.CreationRule a = c.ruleFor("secrets/db.yaml").orElseThrow();
        assertEquals(List.of(List.of(r1, r2)), a.keyGroups());
        assertEquals(CryptRules.Kind.ENCRYPTED_REGEX, a.cryptRules().kind());
        SopsConfig.CreationRule b = c.ruleFor("app/.env").orElseThrow();
        assertEquals(2, b.keyGroups().size());
        assertEquals(2, b.shamirThreshold());
        assertTrue(c.ruleFor("other.txt").isEmpty());
        assertThrows(SopsException.UnsupportedKeyType.class, () -> c.ruleFor("pgp/x").orElseThrow().encryptor());
        assertTrue(new String(b.encryptor().encrypt("A=1\n".getBytes(StandardCharsets.UTF_8), Format.DOTENV),
                StandardCharsets.UTF_8).contains("sops_shamir_threshold=2"));
    }

    @Test
    void commentRegexRules() {
        X25519Identity id = X25519Identity.generate(RND);
        String yaml = "# sops:enc\npassword: p\nuser: u\nnested:\n    # sops:enc\n    k: v\n    j: w\n";
        byte[] enc = SopsEncryptor.builder().recipient(id.recipient())
                .cryptRules(CryptRules.of(CryptRules.Kind.ENCRYPTED_COMMENT_REGEX, "sops:enc")).build()
                .encrypt(yaml.getBytes(StandardCharsets.UTF_8), Format.YAML);
        String text = new String(enc, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("# sops:enc\npassword: ENC["), text);
        assertTrue(text.contains("user: u\n"), text);
        assertTrue(text.contains("    # sops:enc\n    k: ENC["), text);
        assertTrue(text.contains("    j: w\n"), text);
        assertEquals(yaml, new String(SopsDecryptor.builder().identity(id).build().decrypt(enc, Format.YAML)
                .toBytes(), StandardCharsets.UTF_8));
    }
}
