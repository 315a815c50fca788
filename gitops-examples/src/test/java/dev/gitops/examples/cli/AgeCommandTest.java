package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.sops.age.X25519Identity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gitops age}, in-process, with the age CLI's conventions. */
class AgeCommandTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = GitOpsCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void armoredToStdoutBinaryToFileAndBack(@TempDir Path tmp) throws Exception {
        X25519Identity id = X25519Identity.generate(new SecureRandom());
        Path key = tmp.resolve("key.txt");
        Files.writeString(key, "# created: 2024\n# public key: " + id.recipient().encode() + "\n" + id.encode() + "\n");
        Path in = tmp.resolve("in.txt");
        byte[] plain = new byte[70000];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (byte) ('a' + i % 26);
        }
        Files.write(in, plain);
        Run armored = run("age", "-r", id.recipient().encode(), "-a", in.toString());
        assertEquals(0, armored.code(), armored.err());
        assertTrue(armored.out().startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n"));
        Path asc = tmp.resolve("f.age.asc");
        Files.writeString(asc, armored.out());
        Run dec = run("age", "-d", "-i", key.toString(), asc.toString());
        assertEquals(0, dec.code(), dec.err());
        assertEquals(new String(plain), dec.out());
        Path bin = tmp.resolve("f.age");
        assertEquals(0, run("age", "-R", writeRecipients(tmp, id), "-o", bin.toString(), in.toString()).code());
        assertTrue(new String(Files.readAllBytes(bin), 0, 21).equals("age-encryption.org/v1"));
        Path outFile = tmp.resolve("out.bin");
        assertEquals(0, run("age", "--decrypt", "--identity", key.toString(), "-o", outFile.toString(),
                bin.toString()).code());
        assertArrayEquals(plain, Files.readAllBytes(outFile));
    }

    static String writeRecipients(Path tmp, X25519Identity id) throws Exception {
        Path r = tmp.resolve("recipients.txt");
        Files.writeString(r, "# team\n" + id.recipient().encode() + "\n");
        return r.toString();
    }

    @Test
    void usageAndKeyErrors(@TempDir Path tmp) throws Exception {
        X25519Identity id = X25519Identity.generate(new SecureRandom());
        Path key = tmp.resolve("key.txt");
        Files.writeString(key, id.encode());
        Path in = tmp.resolve("in");
        Files.writeString(in, "x");
        assertEquals(2, run("age", "-d", "-a", "-i", key.toString(), in.toString()).code());
        assertEquals(2, run("age", in.toString()).code());
        Run bad = run("age", "-r", "age1notakey", in.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("error: "), bad.err());
        Path enc = tmp.resolve("enc");
        assertEquals(0, run("age", "-r", X25519Identity.generate(new SecureRandom()).recipient().encode(), "-o",
                enc.toString(), in.toString()).code());
        Run noMatch = run("age", "-d", "-i", key.toString(), enc.toString());
        assertEquals(2, noMatch.code());
        assertTrue(noMatch.err().contains("no identity matched"), noMatch.err());
        Run ssh = run("age", "-r", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB", in.toString());
        assertEquals(2, ssh.code());
        assertTrue(ssh.err().contains("unsupported recipient type"), ssh.err());
        // post-quantum hybrid keys work end to end
        dev.gitops.sops.age.HybridIdentity pqId = dev.gitops.sops.age.HybridIdentity.generate(new SecureRandom());
        Path pqKey = tmp.resolve("pq.txt");
        Files.writeString(pqKey, pqId.encode() + "\n");
        Path pqEnc = tmp.resolve("pq.age");
        assertEquals(0, run("age", "-r", pqId.recipient().encode(), "-o", pqEnc.toString(), in.toString()).code());
        Run pqDec = run("age", "-d", "-i", pqKey.toString(), pqEnc.toString());
        assertEquals(0, pqDec.code(), pqDec.err());
        assertEquals("x", pqDec.out());
    }
}
