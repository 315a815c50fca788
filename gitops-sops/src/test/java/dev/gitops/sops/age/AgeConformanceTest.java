package dev.gitops.sops.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.sops.SharedDir;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/** Runs every vector of ../shared/conformance/age (age CLI files and the C2SP CCTV suite). */
class AgeConformanceTest {

    static String kind(Throwable e) {
        if (e instanceof AgeException.NoIdentityMatch) {
            return "no match";
        } else if (e instanceof AgeException.HeaderMacMismatch) {
            return "HMAC failure";
        } else if (e instanceof AgeException.PayloadFailure) {
            return "payload failure";
        } else if (e instanceof AgeException.Malformed m) {
            return m.layer() == AgeException.Layer.ARMOR ? "armor failure" : "header failure";
        }
        return "unexpected " + e;
    }

    /** Decrypts, collecting released plaintext; returns the kind of outcome. */
    static String run(AgeDecryptor d, byte[] file, ByteArrayOutputStream released) {
        try (InputStream in = d.decrypt(new ByteArrayInputStream(file))) {
            byte[] buf = new byte[7000];
            int n;
            while ((n = in.read(buf)) > 0) {
                released.write(buf, 0, n);
            }
            return "success";
        } catch (AgeException e) {
            return kind(e);
        } catch (IOException e) {
            return "unexpected " + e;
        }
    }

    @TestFactory
    Stream<DynamicTest> cctv() throws IOException {
        Path dir = SharedDir.require("conformance/age/cctv");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        assertEquals(143, files.size());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> cctvVector(f)));
    }

    static void cctvVector(Path f) throws IOException {
        byte[] all = Files.readAllBytes(f);
        int sep = indexOf(all, "\n\n".getBytes(StandardCharsets.US_ASCII));
        String head = new String(all, 0, sep, StandardCharsets.UTF_8);
        byte[] body = java.util.Arrays.copyOfRange(all, sep + 2, all.length);
        String expect = null;
        String payload = null;
        boolean armored = false;
        boolean zlib = false;
        List<Identity> ids = new ArrayList<>();
        boolean unsupported = false;
        for (String line : head.split("\n")) {
            int c = line.indexOf(": ");
            String k = line.substring(0, c);
            String v = line.substring(c + 2);
            switch (k) {
                case "expect" -> expect = v;
                case "payload" -> payload = v;
                case "armored" -> armored = v.equals("yes");
                case "compressed" -> zlib = v.equals("zlib");
                case "passphrase" -> ids.add(ScryptIdentity.of(v));
                case "identity" -> {
                    try {
                        ids.add(AgeKeys.parseIdentity(v));
                    } catch (AgeException.Unsupported e) {
                        unsupported = true;
                    }
                }
                default -> { }
            }
        }
        if (unsupported) {
            throw new TestAbortedException("skipped: post-quantum hybrid identity (unsupported recipient type)");
        }
        if (zlib) {
            body = new InflaterInputStream(new ByteArrayInputStream(body)).readAllBytes();
        }
        if (ids.isEmpty()) {
            // header-failure vectors without any identity: any identity will do
            ids.add(X25519Identity.generate(new java.security.SecureRandom()));
        }
        AgeDecryptor d = AgeDecryptor.builder().identities(ids)
                .input(armored ? AgeDecryptor.Input.ARMORED : AgeDecryptor.Input.BINARY).build();
        ByteArrayOutputStream released = new ByteArrayOutputStream();
        String outcome = run(d, body, released);
        assertEquals(expect, outcome, f.getFileName().toString());
        if (expect.equals("success") || expect.equals("payload failure")) {
            assertEquals(payload, sha256(released.toByteArray()), "released plaintext hash");
        } else {
            assertEquals(0, released.size(), "no plaintext before a header failure");
        }
    }

    @TestFactory
    Stream<DynamicTest> cli() throws IOException {
        Path dir = SharedDir.require("conformance/age");
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("MANIFEST.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode e : manifest) {
            String file = e.get("file").asText();
            if (!file.startsWith("cli/")) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(file + " [" + e.get("expect").asText() + "]", () -> cliVector(dir, e)));
        }
        assertEquals(46, tests.size());
        return tests.stream();
    }

    static void cliVector(Path dir, JsonNode e) throws IOException {
        List<Identity> ids = new ArrayList<>();
        for (JsonNode k : e.get("identities")) {
            ids.addAll(AgeKeys.parseIdentities(Files.readString(dir.resolve(k.asText())), k.asText()));
        }
        if (!e.get("passphrase").isNull()) {
            ids.add(ScryptIdentity.of(e.get("passphrase").asText()));
        }
        AgeDecryptor d = AgeDecryptor.builder().identities(ids).build();
        byte[] file = Files.readAllBytes(dir.resolve(e.get("file").asText()));
        String expect = switch (e.get("expect").asText()) {
            case "ok" -> "success";
            default -> e.get("expect").asText();
        };
        ByteArrayOutputStream released = new ByteArrayOutputStream();
        assertEquals(expect, run(d, file, released));
        if (expect.equals("success")) {
            assertEquals(e.get("size").asInt(), released.size());
            assertEquals(e.get("plaintext_sha256").asText(), sha256(released.toByteArray()));
            // the all-or-nothing API agrees (skipped for scrypt files: work factor 18 is slow by design)
            if (e.get("passphrase").isNull()) {
                assertArrayEquals(released.toByteArray(), d.decrypt(file));
            }
        } else if (e.get("passphrase").isNull()) {
            try {
                d.decrypt(file);
                fail("expected failure");
            } catch (AgeException ex) {
                assertEquals(expect, kind(ex));
            }
        }
    }

    @Test
    void sopsDataKeyVector() throws IOException {
        Path dir = SharedDir.require("conformance/age/cli");
        List<Identity> ids = AgeKeys.parseIdentities(Files.readString(dir.resolve("alice.key")), "alice.key");
        byte[] key = AgeDecryptor.builder().identities(ids).input(AgeDecryptor.Input.ARMORED).build()
                .decrypt(Files.readAllBytes(dir.resolve("sops-datakey.asc.age")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("datakey.bin")), key);
        assertInstanceOf(X25519Identity.class, ids.get(0));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int indexOf(byte[] a, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= a.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (a[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
