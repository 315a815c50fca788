package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.sops.age.X25519Identity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gitops sops decrypt|encrypt}, in-process. */
class SopsCommandTest {

    record Run(int code, String out, String err) {}

    static Run run(Map<String, String> env, Path home, Path cwd, String... args) {
        CommandLine cl = GitOpsCli.commandLine();
        CommandLine sops = cl.getSubcommands().get("sops");
        SopsCommand.Decrypt d = sops.getSubcommands().get("decrypt").getCommand();
        d.env = env;
        d.home = home;
        SopsCommand.Encrypt e = sops.getSubcommands().get("encrypt").getCommand();
        e.env = env;
        e.cwd = cwd;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void encryptThenDecryptWithKeysFromTheEnvironment(@TempDir Path tmp) throws Exception {
        X25519Identity id = X25519Identity.generate(new SecureRandom());
        Path plain = tmp.resolve("secret.yaml");
        Files.writeString(plain, "apiVersion: v1\nkind: Secret\nstringData:\n    password: hunter2\n");
        Run enc = run(Map.of(), tmp, tmp, "sops", "encrypt", "--age", id.recipient().encode(),
                "--encrypted-regex", "^(data|stringData)$", plain.toString());
        assertEquals(0, enc.code(), enc.err());
        assertTrue(enc.out().contains("password: ENC[AES256_GCM,"), enc.out());
        assertTrue(enc.out().contains("kind: Secret\n"));
        assertFalse(enc.out().contains("hunter2"));
        Path encrypted = tmp.resolve("secret.enc.yaml");
        Files.writeString(encrypted, enc.out());
        Run dec = run(Map.of("SOPS_AGE_KEY", id.encode()), tmp, tmp, "sops", "decrypt", encrypted.toString());
        assertEquals(0, dec.code(), dec.err());
        assertEquals(Files.readString(plain), dec.out());
        Run json = run(Map.of("SOPS_AGE_KEY", id.encode()), tmp, tmp, "sops", "decrypt", "--output-type", "json",
                encrypted.toString());
        assertEquals("{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Secret\",\n\t\"stringData\": {\n\t\t\"password\": "
                + "\"hunter2\"\n\t}\n}\n", json.out());
        // the default key file
        Path keys = tmp.resolve(".config/sops/age/keys.txt");
        Files.createDirectories(keys.getParent());
        Files.writeString(keys, id.encode() + "\n");
        assertEquals(0, run(Map.of(), tmp, tmp, "sops", "decrypt", encrypted.toString()).code());
    }

    @Test
    void errorsAreTypedWithExitCode2(@TempDir Path tmp) throws Exception {
        X25519Identity id = X25519Identity.generate(new SecureRandom());
        Path plain = tmp.resolve("a.env");
        Files.writeString(plain, "A=1\n");
        Run enc = run(Map.of("SOPS_AGE_RECIPIENTS", id.recipient().encode()), tmp, tmp, "sops", "encrypt",
                plain.toString());
        assertEquals(0, enc.code(), enc.err());
        Path f = tmp.resolve("a.enc.env");
        Files.writeString(f, enc.out());
        Run wrong = run(Map.of("SOPS_AGE_KEY", X25519Identity.generate(new SecureRandom()).encode()), tmp, tmp,
                "sops", "decrypt", f.toString());
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().startsWith("error: " + f + ": none of the 1 age identities"), wrong.err());
        Files.writeString(f, enc.out().replace("A=ENC", "B=ENC"));
        Run tampered = run(Map.of("SOPS_AGE_KEY", id.encode()), tmp, tmp, "sops", "decrypt", f.toString());
        assertEquals(2, tampered.code());
        assertTrue(tampered.err().contains("/B: value failed to authenticate"), tampered.err());
        assertEquals("", tampered.out());
        Run bad = run(Map.of(), tmp, tmp, "sops", "decrypt", "--input-type", "toml", f.toString());
        assertEquals(2, bad.code());
    }

    @Test
    void creationRulesFromSopsYaml(@TempDir Path tmp) throws Exception {
        X25519Identity id = X25519Identity.generate(new SecureRandom());
        Files.writeString(tmp.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: secrets/.*\\.json$\n"
                + "    unencrypted_suffix: _plain\n    age: " + id.recipient().encode() + "\n");
        Path dir = Files.createDirectories(tmp.resolve("secrets"));
        Path plain = dir.resolve("db.json");
        Files.writeString(plain, "{\"user_plain\": \"admin\", \"password\": \"x\"}");
        Run enc = run(Map.of(), tmp, dir, "sops", "encrypt", plain.toString());
        assertEquals(0, enc.code(), enc.err());
        assertTrue(enc.out().contains("\"user_plain\": \"admin\""), enc.out());
        assertTrue(enc.out().contains("\"unencrypted_suffix\": \"_plain\""), enc.out());
        Path other = tmp.resolve("other.json");
        Files.writeString(other, "{}");
        Run none = run(Map.of(), tmp, tmp, "sops", "encrypt", other.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no matching creation rules"), none.err());
    }
}
