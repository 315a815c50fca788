package dev.gitops.sops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.Origin;
import dev.gitops.sops.age.X25519Identity;
import dev.gitops.sops.internal.Metadata;
import dev.gitops.sops.internal.ParsedFile;
import dev.gitops.sops.internal.Stores;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Vectors written from the spec: the exact AAD of every value (checked with an independent AES-GCM decryption) and
 * the exact MAC bytes (an independent SHA-512 over the expected ToBytes strings).
 */
class SopsOwnVectorsTest {

    static final X25519Identity ID = X25519Identity.parse(
            "AGE-SECRET-KEY-1QJMDMUL87Q7M45RFT6J8DKSHUQ3ZW0M0PFTGN5RWU3DA3HF87DWQHR24VU");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-11-12T13:33:42.789Z"), ZoneOffset.UTC);

    static final String DOC = """
            # top
            a: 0755
            b: yes
            c: 1e3
            d: 2024-01-01
            e: true
            f: 08
            g: -0
            h: .inf
            i: ~
            j: ''
            k:
              - x
              - m: 1.5
            "0": z
            matrix: [[1, 2], ["a", {k: v}]]
            "colon:key": w
            """;

    static byte[] encrypted(CryptRules rules) {
        return SopsEncryptor.builder().recipient(ID.recipient()).clock(CLOCK).cryptRules(rules).build()
                .encrypt(DOC.getBytes(StandardCharsets.UTF_8), Format.YAML);
    }

    static byte[] dataKey(byte[] file) {
        ParsedFile pf = Stores.parse(file, Format.YAML, Origin.of("t"));
        Metadata md = Metadata.parse(pf.metadata().orElseThrow(), Origin.of("t"));
        return SopsDecryptor.builder().identity(ID).build().dataKey(md, Origin.of("t"));
    }

    /** Independent AES-256-GCM decryption of an ENC[...] value with a given AAD. */
    static String open(String enc, byte[] key, String aad) throws Exception {
        Matcher m = Pattern.compile("ENC\\[AES256_GCM,data:(.*),iv:(.*),tag:(.*),type:(.*)\\]").matcher(enc);
        assertTrue(m.matches(), enc);
        byte[] iv = Base64.getDecoder().decode(m.group(2));
        assertEquals(32, iv.length, "32-byte IV");
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        byte[] data = Base64.getDecoder().decode(m.group(1));
        byte[] tag = Base64.getDecoder().decode(m.group(3));
        byte[] ct = new byte[data.length + tag.length];
        System.arraycopy(data, 0, ct, 0, data.length);
        System.arraycopy(tag, 0, ct, data.length, tag.length);
        return new String(c.doFinal(ct), StandardCharsets.UTF_8) + "|" + m.group(4);
    }

    static List<String> encValues(String text) {
        Matcher m = Pattern.compile("ENC\\[AES256_GCM,[^\\]]*\\]").matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static String sha512(String... parts) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-512");
        for (String p : parts) {
            d.update(p.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().withUpperCase().formatHex(d.digest());
    }

    @Test
    void aadOfEveryValueAndTypes() throws Exception {
        byte[] file = encrypted(CryptRules.defaults());
        String text = new String(file, StandardCharsets.UTF_8);
        byte[] key = dataKey(file);
        List<String> enc = encValues(text);
        String[][] expected = {
            {":", " top|comment"}, {"a:", "493|int"}, {"b:", "yes|str"}, {"c:", "1000|float"},
            {"d:", "2024-01-01T00:00:00Z|time"}, {"e:", "True|bool"}, {"f:", "8|float"}, {"g:", "0|int"},
            {"h:", "+Inf|float"}, {"k:", "x|str"}, {"k:m:", "1.5|float"}, {"0:", "z|str"}, {"matrix:", "1|int"},
            {"matrix:", "2|int"}, {"matrix:", "a|str"}, {"matrix:k:", "v|str"}, {"colon:key:", "w|str"},
        };
        // the last value is the MAC, encrypted with lastmodified (fraction dropped) as AAD
        assertEquals(expected.length + 1, enc.size(), text);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][1], open(enc.get(i), key, expected[i][0]), "value " + i);
        }
        assertTrue(text.contains("j: \"\""), "empty strings stay unencrypted");
        assertTrue(text.contains("i: null"));
        // the sops (yaml.v3, indent 4) layout of the metadata, as in files written by sops 3.x
        assertTrue(text.contains("\nsops:\n    age:\n        - recipient: " + ID.recipient().encode()
                + "\n          enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n"), text);
        assertTrue(text.contains("\nk:\n    - ENC[AES256_GCM,"), text);
        assertTrue(text.contains("\n    - m: ENC[AES256_GCM,"), text);
        assertTrue(text.contains("lastmodified: \"2024-11-12T13:33:42Z\""), text);
        String mac = sha512("493", "yes", "1000", "2024-01-01T00:00:00Z", "True", "8", "0", "+Inf", "x", "1.5", "z",
                "1", "2", "a", "v", "w");
        assertEquals(mac + "|str", open(enc.get(enc.size() - 1), key, "2024-11-12T13:33:42Z"));

        SopsDocument doc = SopsDecryptor.builder().identity(ID).build().decrypt(file, Format.YAML);
        assertEquals(TreeJson.of(Stores.parse(DOC.getBytes(StandardCharsets.UTF_8), Format.YAML, Origin.of("p"))
                .branches()), TreeJson.of(doc.branches()));
    }

    @Test
    void macOnlyEncryptedAndRegexRules() throws Exception {
        byte[] file = encrypted(CryptRules.of(CryptRules.Kind.ENCRYPTED_REGEX, "^(k|matrix)$")
                .withMacOnlyEncrypted(true));
        String text = new String(file, StandardCharsets.UTF_8);
        byte[] key = dataKey(file);
        assertTrue(text.contains("a: 0755") || text.contains("a: 493"), text);
        assertTrue(text.contains("mac_only_encrypted: true"));
        assertTrue(text.contains("encrypted_regex: ^(k|matrix)$"));
        List<String> enc = encValues(text);
        assertEquals("x|str", open(enc.get(0), key, "k:"));
        byte[] sopsHash = MessageDigest.getInstance("SHA-256").digest("sops".getBytes(StandardCharsets.UTF_8));
        assertEquals("8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69",
                HexFormat.of().formatHex(sopsHash));
        MessageDigest d = MessageDigest.getInstance("SHA-512");
        d.update(sopsHash);
        for (String s : new String[] {"x", "1.5", "1", "2", "a", "v"}) {
            d.update(s.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(HexFormat.of().withUpperCase().formatHex(d.digest()) + "|str",
                open(enc.get(enc.size() - 1), key, "2024-11-12T13:33:42Z"));
        // with mac_only_encrypted, changing an unencrypted value does not break the MAC
        byte[] changed = text.replace("b: \"yes\"", "b: \"no\"").getBytes(StandardCharsets.UTF_8);
        SopsDocument doc = SopsDecryptor.builder().identity(ID).build().decrypt(changed, Format.YAML);
        assertEquals("no", ((SopsNode.Str) doc.branches().get(0).get("b").orElseThrow()).text());
    }

    @Test
    void typedFailures() {
        byte[] file = encrypted(CryptRules.of(CryptRules.Kind.UNENCRYPTED_REGEX, "^(b|c)$"));
        String text = new String(file, StandardCharsets.UTF_8);
        SopsDecryptor d = SopsDecryptor.builder().identity(ID).build();
        // MAC mismatch: an unencrypted value changed
        assertThrows(SopsException.MacMismatch.class, () -> d.decrypt(
                text.replace("b: \"yes\"", "b: \"no\"").getBytes(StandardCharsets.UTF_8), Format.YAML));
        // ... unless MAC verification is off (Flux, built manifests); values still authenticate
        SopsDocument relaxed = SopsDecryptor.builder().identity(ID).verifyMac(false).build()
                .decrypt(text.replace("b: \"yes\"", "b: \"no\"").getBytes(StandardCharsets.UTF_8), Format.YAML);
        assertEquals(new SopsNode.Int(493), relaxed.branches().get(0).get("a").orElseThrow());
        // tampered value
        List<String> enc = encValues(text);
        String v = enc.get(1);
        String tampered = v.replaceFirst("data:(.)", "data:" + (v.charAt(v.indexOf("data:") + 5) == 'A' ? "B" : "A"));
        SopsException.ValueAuthenticationFailure ex = assertThrows(SopsException.ValueAuthenticationFailure.class,
                () -> SopsDecryptor.builder().identity(ID).verifyMac(false).build()
                        .decrypt(text.replace(v, tampered).getBytes(StandardCharsets.UTF_8), Format.YAML, "f.yaml"));
        assertEquals("f.yaml /a: value failed to authenticate (tampered, moved to another key, or wrong data key)",
                ex.getMessage());
        // a value moved to another path fails its AAD
        String swapped = text.replace(enc.get(1), "@@").replace(enc.get(2), enc.get(1)).replace("@@", enc.get(2));
        assertThrows(SopsException.ValueAuthenticationFailure.class, () -> SopsDecryptor.builder().identity(ID)
                .verifyMac(false).build().decrypt(swapped.getBytes(StandardCharsets.UTF_8), Format.YAML));
        // wrong key
        assertThrows(SopsException.NoMatchingKey.class, () -> SopsDecryptor.builder()
                .identity(X25519Identity.generate(new SecureRandom())).build().decrypt(file, Format.YAML));
        assertThrows(SopsException.NoMatchingKey.class, () -> SopsDecryptor.builder().build()
                .decrypt(file, Format.YAML));
        // truncated file
        byte[] cut = java.util.Arrays.copyOf(file, file.length / 2);
        SopsException e = assertThrows(SopsException.class, () -> d.decrypt(cut, Format.YAML));
        assertTrue(e instanceof SopsException.MetadataNotFound || e instanceof SopsException.Malformed);
        byte[] cutMeta = text.substring(0, text.indexOf("    mac: ")).getBytes(StandardCharsets.UTF_8);
        assertThrows(SopsException.Malformed.class, () -> d.decrypt(cutMeta, Format.YAML));
        // not encrypted
        assertThrows(SopsException.MetadataNotFound.class, () -> d.decrypt(DOC.getBytes(StandardCharsets.UTF_8),
                Format.YAML));
        // no secret in any message
        assertFalse(ex.getMessage().contains("yes"));
    }

    @Test
    void formatsRoundTrip() {
        SopsEncryptor enc = SopsEncryptor.builder().recipient(ID.recipient()).clock(CLOCK).build();
        SopsDecryptor dec = SopsDecryptor.builder().identity(ID).build();
        String json = "{\n\t\"a\": 7,\n\t\"b\": 1.5,\n\t\"c\": [\n\t\ttrue,\n\t\tnull,\n\t\t\"<x>\"\n\t],\n\t\"d\": {}\n}\n";
        byte[] e1 = enc.encrypt(json.getBytes(StandardCharsets.UTF_8), Format.JSON);
        // Go's encoding/json escapes <, > and & (sops emits values through json.Marshal)
        assertEquals(json.replace("<x>", "\\u003cx\\u003e"),
                new String(dec.decrypt(e1, Format.JSON).toBytes(), StandardCharsets.UTF_8));
        String env = "# comment\nA=1\nB = spaced \nC=multi\\nline\n";
        byte[] e2 = enc.encrypt(env.getBytes(StandardCharsets.UTF_8), Format.DOTENV);
        assertTrue(new String(e2, StandardCharsets.UTF_8).contains("sops_age__list_0__map_enc=-----BEGIN"));
        assertEquals(env, new String(dec.decrypt(e2, Format.DOTENV).toBytes(), StandardCharsets.UTF_8));
        String ini = "[db]\nuser = admin\npassword = s3cr3t\n\n";
        byte[] e3 = enc.encrypt(ini.getBytes(StandardCharsets.UTF_8), Format.INI);
        assertTrue(new String(e3, StandardCharsets.UTF_8).contains("[sops]"));
        assertEquals(ini, new String(dec.decrypt(e3, Format.INI).toBytes(), StandardCharsets.UTF_8));
        byte[] bin = new byte[300];
        new SecureRandom().nextBytes(bin);
        byte[] e4 = enc.encrypt(bin, Format.BINARY);
        assertTrue(new String(e4, StandardCharsets.UTF_8).startsWith("{\n\t\"data\": \"ENC[AES256_GCM,"));
        assertArrayEquals(bin, dec.decrypt(e4, Format.BINARY).toBytes());
        // a binary payload in a YAML envelope (sops reads it with the store the input type names)
        byte[] e5 = enc.encrypt(bin, Format.BINARY, Format.YAML, "bin");
        assertTrue(new String(e5, StandardCharsets.UTF_8).startsWith("data: ENC[AES256_GCM,"));
        assertArrayEquals(bin, dec.decrypt(e5, Format.BINARY).toBytes());
    }

    @Test
    void postQuantumRecipients() {
        dev.gitops.sops.age.HybridIdentity pq = dev.gitops.sops.age.HybridIdentity.generate(new SecureRandom());
        byte[] file = SopsEncryptor.builder().recipient(pq.recipient()).recipient(ID.recipient()).build()
                .encrypt("k: v\n".getBytes(StandardCharsets.UTF_8), Format.YAML);
        assertTrue(new String(file, StandardCharsets.UTF_8).contains("recipient: age1pq1"));
        assertEquals(SopsNode.Str.of("v"), SopsDecryptor.builder().identity(pq).build().decrypt(file, Format.YAML)
                .branches().get(0).get("k").orElseThrow());
        assertEquals(SopsNode.Str.of("v"), SopsDecryptor.builder().identity(ID).build().decrypt(file, Format.YAML)
                .branches().get(0).get("k").orElseThrow());
    }

    @Test
    void shamirKeyGroups() {
        X25519Identity a = X25519Identity.generate(new SecureRandom());
        X25519Identity b = X25519Identity.generate(new SecureRandom());
        X25519Identity c = X25519Identity.generate(new SecureRandom());
        byte[] file = SopsEncryptor.builder().keyGroup(List.of(a.recipient())).keyGroup(List.of(b.recipient()))
                .keyGroup(List.of(c.recipient())).shamirThreshold(2).build()
                .encrypt("k: v\n".getBytes(StandardCharsets.UTF_8), Format.YAML);
        String text = new String(file, StandardCharsets.UTF_8);
        assertTrue(text.contains("key_groups:") && text.contains("shamir_threshold: 2"), text);
        assertEquals(SopsNode.Str.of("v"), SopsDecryptor.builder().identity(a).identity(c).build()
                .decrypt(file, Format.YAML).branches().get(0).get("k").orElseThrow());
        assertThrows(SopsException.NoMatchingKey.class, () -> SopsDecryptor.builder().identity(b).build()
                .decrypt(file, Format.YAML));
    }
}
