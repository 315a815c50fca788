package dev.gitops.sops.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Unit tests and properties of the age layer. */
class AgeRoundTripTest {

    static final SecureRandom RND = new SecureRandom();

    @Test
    void keysRoundTripAndKnownEncoding() {
        X25519Identity id = X25519Identity.parse(
                "AGE-SECRET-KEY-1QJMDMUL87Q7M45RFT6J8DKSHUQ3ZW0M0PFTGN5RWU3DA3HF87DWQHR24VU");
        assertEquals("age1jslmrsagn7zxhnlenwnx82nwef0vms34ehg654ddwg9z8g5qt9wssl46lv", id.recipient().encode());
        assertEquals("AGE-SECRET-KEY-1QJMDMUL87Q7M45RFT6J8DKSHUQ3ZW0M0PFTGN5RWU3DA3HF87DWQHR24VU", id.encode());
        assertFalse(id.toString().contains("SECRET"));
        assertEquals(id.recipient(), X25519Recipient.parse(id.recipient().encode()));
    }

    @Test
    void badKeysAreTyped() {
        assertThrows(AgeException.Malformed.class, () -> X25519Identity.parse(
                "AGE-SECRET-KEY-1QJMDMUL87Q7M45RFT6J8DKSHUQ3ZW0M0PFTGN5RWU3DA3HF87DWQHR24VV"));
        assertThrows(AgeException.Malformed.class, () -> X25519Identity.parse(
                "age-secret-key-1qjmdmul87q7m45rft6j8dkshuq3zw0m0pftgn5rwu3da3hf87dwqhr24vu"));
        assertThrows(AgeException.Malformed.class, () -> X25519Recipient.parse(
                "age1jslmrsagn7zxhnlenwnx82nwef0vms34ehg654ddwg9z8g5qt9wSSl46lv"));
        assertThrows(AgeException.Unsupported.class, () -> AgeKeys.parseRecipient("ssh-ed25519 AAAA x"));
    }

    @Property(tries = 30)
    void roundTrip(@ForAll @IntRange(min = 0, max = 200_000) int size, @ForAll boolean armor) {
        X25519Identity id = X25519Identity.generate(RND);
        byte[] plain = new byte[size];
        new Random(size).nextBytes(plain);
        byte[] enc = AgeEncryptor.builder().recipient(id.recipient()).armor(armor).build().encrypt(plain);
        assertArrayEquals(plain, AgeDecryptor.builder().identity(id).build().decrypt(enc));
    }

    @Test
    void chunkBoundariesAndWrongKey() throws Exception {
        X25519Identity id = X25519Identity.generate(RND);
        X25519Identity other = X25519Identity.generate(RND);
        for (int size : new int[] {0, 1, 65535, 65536, 65537, 131072, 131073, 200000}) {
            byte[] plain = new byte[size];
            RND.nextBytes(plain);
            AgeEncryptor enc = AgeEncryptor.builder().recipient(id.recipient()).recipient(other.recipient()).build();
            java.io.ByteArrayOutputStream bout = new java.io.ByteArrayOutputStream();
            try (OutputStream o = enc.encrypt(bout)) {
                // odd write sizes
                int i = 0;
                while (i < size) {
                    int k = Math.min(size - i, 1 + (i % 9000));
                    o.write(plain, i, k);
                    i += k;
                }
            }
            byte[] file = bout.toByteArray();
            assertArrayEquals(plain, AgeDecryptor.builder().identity(other).build().decrypt(file));
            assertThrows(AgeException.NoIdentityMatch.class, () -> AgeDecryptor.builder()
                    .identity(X25519Identity.generate(RND)).build().decrypt(file));
            // truncating any payload byte fails with a payload failure, never a success
            byte[] cut = java.util.Arrays.copyOf(file, file.length - 1);
            assertThrows(AgeException.PayloadFailure.class,
                    () -> AgeDecryptor.builder().identity(id).build().decrypt(cut));
            // flipping a bit in the header fails the MAC (or the stanza), before any payload
            byte[] flipped = file.clone();
            flipped[30] ^= 1;
            assertThrows(AgeException.class, () -> AgeDecryptor.builder().identity(id).build().decrypt(flipped));
        }
    }

    @Test
    void headerMacCheckedBeforePayload() throws Exception {
        X25519Identity id = X25519Identity.generate(RND);
        byte[] file = AgeEncryptor.builder().recipient(id.recipient()).build().encrypt(new byte[10]);
        String s = new String(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        int mac = s.indexOf("--- ") + 4;
        file[mac] = (byte) (file[mac] == 'A' ? 'B' : 'A');
        byte[] f = file;
        assertThrows(AgeException.HeaderMacMismatch.class, () -> AgeDecryptor.builder().identity(id).build()
                .decrypt(new ByteArrayInputStream(f)));
    }

    @Test
    void scryptMustBeAloneAndIsCapped() {
        assertThrows(dev.gitops.api.error.InvalidInputException.class, () -> AgeEncryptor.builder()
                .recipient(ScryptRecipient.of("a", 2)).recipient(X25519Identity.generate(RND).recipient()).build());
        byte[] enc = AgeEncryptor.builder().recipient(ScryptRecipient.of("pw", 12)).build().encrypt(new byte[3]);
        AgeException.Malformed e = assertThrows(AgeException.Malformed.class,
                () -> AgeDecryptor.builder().identity(ScryptIdentity.of("pw", 11)).build().decrypt(enc));
        assertTrue(e.getMessage().contains("work factor"));
        assertThrows(AgeException.NoIdentityMatch.class,
                () -> AgeDecryptor.builder().identity(ScryptIdentity.of("wrong")).build().decrypt(enc));
    }

    @Test
    void postQuantumHybrid() throws Exception {
        java.nio.file.Path keys = dev.gitops.sops.SharedDir.require(
                "conformance/sops/kustomize-controller/internal/controller/testdata/sops/keys");
        String text = java.nio.file.Files.readString(keys.resolve("age-pq.txt"));
        String secret = text.lines().filter(l -> l.startsWith("AGE-SECRET-KEY-PQ-1")).findFirst().orElseThrow();
        HybridIdentity id = HybridIdentity.parse(secret);
        assertEquals(secret, id.encode());
        String pub = text.lines().filter(l -> l.startsWith("# public key: ")).findFirst().orElseThrow().substring(14);
        assertEquals(pub, id.recipient().encode(), "public key derived from the seed as age does");
        assertEquals(id.recipient(), AgeKeys.parseRecipient(pub));
        HybridIdentity fresh = HybridIdentity.generate(RND);
        byte[] plain = new byte[70000];
        RND.nextBytes(plain);
        byte[] enc = AgeEncryptor.builder().recipient(fresh.recipient()).recipient(id.recipient()).armor(true).build()
                .encrypt(plain);
        assertArrayEquals(plain, AgeDecryptor.builder().identity(id).build().decrypt(enc));
        assertArrayEquals(plain, AgeDecryptor.builder().identity(fresh).build().decrypt(enc));
        assertThrows(AgeException.NoIdentityMatch.class, () -> AgeDecryptor.builder()
                .identity(HybridIdentity.generate(RND)).build().decrypt(enc));
        assertThrows(dev.gitops.api.error.InvalidInputException.class, () -> AgeEncryptor.builder()
                .recipient(id.recipient()).recipient(X25519Identity.generate(RND).recipient()).build());
        assertFalse(id.toString().contains("SECRET"));
    }

    @Test
    void encryptedIdentityFile() {
        X25519Identity id = X25519Identity.generate(RND);
        String keyFile = "# created: now\n# public key: " + id.recipient().encode() + "\n" + id.encode() + "\n";
        byte[] protectedFile = AgeEncryptor.builder().recipient(ScryptRecipient.of("secret", 10)).armor(true).build()
                .encrypt(keyFile.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(AgeKeys.isAgeFile(protectedFile));
        var ids = AgeKeys.parseIdentities(protectedFile, "keys.age", src -> "secret");
        assertEquals(1, ids.size());
        assertEquals(id, ids.get(0));
    }

    @Test
    void streamIsLazyAndConstantMemory() throws Exception {
        // 64 MiB through the stream API without holding it: a generated input stream
        X25519Identity id = X25519Identity.generate(RND);
        java.io.PipedInputStream pin = new java.io.PipedInputStream(1 << 16);
        java.io.PipedOutputStream pout = new java.io.PipedOutputStream(pin);
        long total = 16L << 20;
        Thread t = new Thread(() -> {
            try (OutputStream o = AgeEncryptor.builder().recipient(id.recipient()).build().encrypt(pout)) {
                byte[] buf = new byte[10000];
                for (long w = 0; w < total; w += buf.length) {
                    o.write(buf, 0, (int) Math.min(buf.length, total - w));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                try {
                    pout.close();
                } catch (java.io.IOException ignored) {
                    // closing the pipe
                }
            }
        });
        t.start();
        long n = 0;
        try (InputStream in = AgeDecryptor.builder().identity(id).build().decrypt(pin)) {
            byte[] buf = new byte[30000];
            int k;
            while ((k = in.read(buf)) > 0) {
                n += k;
            }
        }
        t.join();
        assertEquals(total, n);
    }
}
