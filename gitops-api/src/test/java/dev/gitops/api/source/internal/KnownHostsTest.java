package dev.gitops.api.source.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** known_hosts matching as Flux's in-memory database: patterns, ports, negation, key types, revocation. */
class KnownHostsTest {

    /** A syntactically valid SSH key blob of the given type (the matching never decodes the key itself). */
    private static byte[] blob(String type, int seed) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[4 + t.length + 8];
        b[3] = (byte) t.length;
        System.arraycopy(t, 0, b, 4, t.length);
        for (int i = 4 + t.length; i < b.length; i++) {
            b[i] = (byte) (seed + i);
        }
        return b;
    }

    private static String line(String hosts, byte[] blob) {
        return hosts + " " + KnownHosts.blobType(blob) + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    @Test
    void patternsPortsAndNegation() {
        byte[] a = blob("ssh-ed25519", 1);
        KnownHosts db = KnownHosts.parse(line("*.example.com,!bad.example.com,[git.local]:2222,gh?.io", a));
        assertEquals(KnownHosts.Verdict.OK, db.check("x.example.com", 22, a));
        assertEquals(KnownHosts.Verdict.UNKNOWN, db.check("bad.example.com", 22, a));
        assertEquals(KnownHosts.Verdict.UNKNOWN, db.check("x.example.com", 2222, a), "plain names are port 22");
        assertEquals(KnownHosts.Verdict.OK, db.check("git.local", 2222, a));
        assertEquals(KnownHosts.Verdict.UNKNOWN, db.check("git.local", 22, a));
        assertEquals(KnownHosts.Verdict.OK, db.check("gh1.io", 22, a));
        assertEquals(KnownHosts.Verdict.UNKNOWN, db.check("gh12.io", 22, a));
    }

    @Test
    void keyTypesAndMismatch() {
        byte[] ed = blob("ssh-ed25519", 1);
        byte[] ec = blob("ecdsa-sha2-nistp256", 2);
        KnownHosts db = KnownHosts.parse(line("h", ed) + line("h", ec));
        assertEquals(2, db.keysFor("h", 22).size());
        assertEquals(KnownHosts.Verdict.OK, db.check("h", 22, ec));
        assertEquals(KnownHosts.Verdict.MISMATCH, db.check("h", 22, blob("ssh-ed25519", 9)));
        assertEquals(KnownHosts.Verdict.MISMATCH, db.check("h", 22, blob("ssh-rsa", 1)),
                "a key type not listed for a known host is a mismatch");
    }

    @Test
    void revokedWinsAndCertAuthorityLinesAreNotHostKeys() {
        byte[] k = blob("ssh-ed25519", 3);
        KnownHosts db = KnownHosts.parse(line("h", k) + "@revoked " + line("*", k) + "@cert-authority "
                + line("c", k));
        assertEquals(KnownHosts.Verdict.REVOKED, db.check("h", 22, k));
        assertTrue(db.keysFor("c", 22).isEmpty());
    }

    @Test
    void malformedLinesNameTheLine() {
        byte[] k = blob("ssh-ed25519", 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KnownHosts.parse("# c\n" + line("h", k) + "h ssh-rsa !!!\n"));
        assertTrue(e.getMessage().startsWith("known_hosts line 3: illegal base64"), e.getMessage());
        assertEquals("known_hosts line 1: key type ssh-rsa does not match the key (ssh-ed25519)",
                assertThrows(IllegalArgumentException.class, () -> KnownHosts.parse("h ssh-rsa "
                        + Base64.getEncoder().encodeToString(k))).getMessage());
        assertEquals("known_hosts line 1: host [h] has no port after ']'",
                assertThrows(IllegalArgumentException.class, () -> KnownHosts.parse(line("[h]", k))).getMessage());
        assertEquals("known_hosts line 1: hash type 2 is not supported, must be '1'",
                assertThrows(IllegalArgumentException.class, () -> KnownHosts.parse(line("|2|YQ==|YQ==", k)))
                        .getMessage());
    }

    @Test
    void fingerprintAsOpenSsh() {
        assertTrue(KnownHosts.fingerprint(blob("ssh-ed25519", 1)).matches("SHA256:[A-Za-z0-9+/]{43}"));
        assertEquals("[h]:2222", KnownHosts.normalize("h", "2222"));
        assertEquals("h", KnownHosts.normalize("h", "22"));
    }
}
