package dev.gitops.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetches over SSH from an in-process server on 127.0.0.1 (Apache sshd + JGit upload-pack) with keys generated here:
 * the identity and known_hosts of a GitRepository Secret, Flux's validation errors, strict host key checking.
 */
class GitSshTest {

    @TempDir
    static Path tmp;

    static KeyPair hostKey;
    static KeyPair otherHostKey;
    static KeyPair clientKey;
    static SshGitServer server;
    static RevCommit head;

    @BeforeAll
    static void start() throws Exception {
        hostKey = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
        otherHostKey = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
        clientKey = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        try (TestRepo repo = new TestRepo(tmp.resolve("srv/fleet"))) {
            repo.commit(Map.of("a.yaml", "a: 1\n"), "one");
            head = repo.commit(Map.of("apps/b.yaml", "b: 1\n"), "two");
        }
        server = new SshGitServer(tmp.resolve("srv"), hostKey, clientKey.getPublic());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String url() {
        return "ssh://git@127.0.0.1:" + server.port() + "/fleet";
    }

    private static String hostPattern() {
        return "[127.0.0.1]:" + server.port();
    }

    private static String knownHosts() {
        return SshGitServer.knownHostsLine(hostPattern(), hostKey.getPublic());
    }

    static String openSsh(KeyPair kp, String password) throws Exception {
        OpenSSHKeyEncryptionContext enc = null;
        if (password != null) {
            enc = new OpenSSHKeyEncryptionContext();
            enc.setPassword(password);
            enc.setCipherName("AES");
            enc.setCipherType("256");
            enc.setCipherMode("CTR");
            enc.setKdfRounds(2);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(kp, "test", enc, out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static Map<String, byte[]> secret(String identity, String knownHosts, String password) {
        Map<String, byte[]> m = new HashMap<>();
        m.put("identity", identity.getBytes(StandardCharsets.UTF_8));
        if (knownHosts != null) {
            m.put("known_hosts", knownHosts.getBytes(StandardCharsets.UTF_8));
        }
        if (password != null) {
            m.put("password", password.getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    private FetchResult fetch(String url, Map<String, byte[]> secret) {
        GitSource git = GitSource.builder().cacheDir(tmp.resolve("cache-" + System.nanoTime())).build();
        return git.fetch(GitSourceSpec.of(url, GitReference.ofBranch("main"))
                .withCredentials(GitCredentials.fromSecretData(secret)));
    }

    @Test
    void fetchesWithTheIdentityAndKnownHosts() throws Exception {
        GitSource git = GitSource.builder().cacheDir(tmp.resolve("cache-ok")).build();
        GitSourceSpec spec = GitSourceSpec.of(url(), GitReference.ofBranch("main"))
                .withCredentials(GitCredentials.fromSecretData(secret(openSsh(clientKey, null), knownHosts(), null)));
        FetchResult r = git.fetch(spec);
        assertInstanceOf(FetchResult.Fetched.class, r);
        assertEquals("main@sha1:" + head.name(), r.artifact().revision());
        assertEquals("b: 1\n", new String(r.artifact().files().read("apps/b.yaml"), StandardCharsets.UTF_8));
        assertInstanceOf(FetchResult.Unchanged.class, git.fetch(spec), "second fetch finds the same revision");
    }

    @Test
    void userDefaultsToGit() throws Exception {
        String url = "ssh://127.0.0.1:" + server.port() + "/fleet";
        FetchResult r = fetch(url, secret(openSsh(clientKey, null), knownHosts(), null));
        assertEquals("main@sha1:" + head.name(), r.artifact().revision());
        assertEquals("ssh://git@example.com/x.git", GitSource.withDefaultUser("ssh://example.com/x.git"));
        assertEquals("ssh://me@example.com/x.git", GitSource.withDefaultUser("ssh://me@example.com/x.git"));
        assertEquals("git@example.com:x.git", GitSource.withDefaultUser("git@example.com:x.git"));
    }

    @Test
    void hashedKnownHostsAndOtherLines() throws Exception {
        byte[] salt = new byte[20];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (i * 7 + 1);
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal(hostPattern().getBytes(StandardCharsets.UTF_8));
        String hashed = "|1|" + Base64.getEncoder().encodeToString(salt) + "|"
                + Base64.getEncoder().encodeToString(hash);
        String kh = "# comment\n\n" + SshGitServer.knownHostsLine("github.com", otherHostKey.getPublic())
                + SshGitServer.knownHostsLine(hashed, hostKey.getPublic());
        assertEquals("main@sha1:" + head.name(),
                fetch(url(), secret(openSsh(clientKey, null), kh, null)).artifact().revision());
    }

    @Test
    void negotiatesTheHostKeyTypeListedInKnownHosts() throws Exception {
        // the server offers ed25519 first; known_hosts lists only its ecdsa key, so ecdsa must be negotiated
        KeyPair ed = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        try (SshGitServer s = new SshGitServer(tmp.resolve("srv"), clientKey.getPublic(), List.of(ed, hostKey))) {
            String u = "ssh://git@127.0.0.1:" + s.port() + "/fleet";
            String kh = SshGitServer.knownHostsLine("[127.0.0.1]:" + s.port(), hostKey.getPublic());
            assertEquals("main@sha1:" + head.name(), fetch(u, secret(openSsh(clientKey, null), kh, null)).artifact()
                    .revision());
            String edOnly = SshGitServer.knownHostsLine("[127.0.0.1]:" + s.port(), ed.getPublic());
            assertEquals("main@sha1:" + head.name(), fetch(u, secret(openSsh(clientKey, null), edOnly, null))
                    .artifact().revision());
        }
    }

    @Test
    void wrongHostKeyFailsNamingTheHost() throws Exception {
        String kh = SshGitServer.knownHostsLine(hostPattern(), otherHostKey.getPublic());
        HostKeyException e = assertThrows(HostKeyException.class,
                () -> fetch(url(), secret(openSsh(clientKey, null), kh, null)));
        assertEquals(HostKeyException.Reason.MISMATCH, e.reason());
        assertEquals(hostPattern(), e.host());
        assertTrue(e.getMessage().contains("knownhosts: key mismatch for host " + hostPattern()), e.getMessage());
        assertTrue(e.getMessage().contains("SHA256:"), e.getMessage());
        assertInstanceOf(SourceException.class, e);
    }

    @Test
    void hostNotInKnownHostsFails() throws Exception {
        // the same key, but for port 22 only: [host]:port entries are distinct, as in OpenSSH and Flux
        String kh = SshGitServer.knownHostsLine("127.0.0.1", hostKey.getPublic());
        HostKeyException e = assertThrows(HostKeyException.class,
                () -> fetch(url(), secret(openSsh(clientKey, null), kh, null)));
        assertEquals(HostKeyException.Reason.UNKNOWN, e.reason());
        assertTrue(e.getMessage().contains("knownhosts: key is unknown for host " + hostPattern()), e.getMessage());
    }

    @Test
    void revokedHostKeyFails() throws Exception {
        String kh = knownHosts() + "@revoked * " + SshGitServer.knownHostsLine("", hostKey.getPublic()).strip()
                + "\n";
        HostKeyException e = assertThrows(HostKeyException.class,
                () -> fetch(url(), secret(openSsh(clientKey, null), kh, null)));
        assertEquals(HostKeyException.Reason.REVOKED, e.reason());
    }

    @Test
    void missingKnownHostsFailsAsFlux() throws Exception {
        SourceException e = assertThrows(SourceException.class,
                () -> fetch(url(), secret(openSsh(clientKey, null), null, null)));
        assertEquals("failed to configure authentication options: invalid 'ssh' auth option: 'known_hosts' is "
                + "required", e.getMessage());
        // scp-like URLs are SSH too, and are validated before any connection
        SourceException scp = assertThrows(SourceException.class,
                () -> fetch("git@example.invalid:org/fleet.git", secret(openSsh(clientKey, null), "", null)));
        assertTrue(scp.getMessage().endsWith("'known_hosts' is required"), scp.getMessage());
    }

    @Test
    void missingIdentityFailsAsFlux() {
        GitSource git = GitSource.builder().cacheDir(tmp.resolve("cache-noid")).build();
        SourceException e = assertThrows(SourceException.class,
                () -> git.fetch(GitSourceSpec.of(url(), GitReference.ofBranch("main"))));
        assertEquals("failed to configure authentication options: invalid 'ssh' auth option: 'identity' is "
                + "required", e.getMessage());
    }

    @Test
    void wrongClientKeyFailsAuthentication() throws Exception {
        KeyPair other = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        String identity = openSsh(other, null);
        SourceException e = assertThrows(SourceException.class,
                () -> fetch(url(), secret(identity, knownHosts(), null)));
        assertFalse(e instanceof HostKeyException, e.getMessage());
        assertTrue(e.getMessage().startsWith("failed to checkout and determine revision: unable to clone '"
                + url() + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("ssh: unable to authenticate as 'git' with the given identity"),
                e.getMessage());
        assertFalse(e.getMessage().contains("PRIVATE KEY"), e.getMessage());
    }

    @Test
    void encryptedKeysWithPassword() throws Exception {
        assertEquals("main@sha1:" + head.name(), fetch(url(),
                secret(openSsh(clientKey, "s3cret-ed"), knownHosts(), "s3cret-ed")).artifact().revision());

        KeyPair rsa = KeyUtils.generateKeyPair("ssh-rsa", 2048);
        try (SshGitServer rsaServer = new SshGitServer(tmp.resolve("srv"), hostKey, rsa.getPublic())) {
            String u = "ssh://git@127.0.0.1:" + rsaServer.port() + "/fleet";
            String kh = SshGitServer.knownHostsLine("[127.0.0.1]:" + rsaServer.port(), hostKey.getPublic());
            assertEquals("main@sha1:" + head.name(),
                    fetch(u, secret(openSsh(rsa, "s3cret-rsa"), kh, "s3cret-rsa")).artifact().revision());
        }
    }

    @Test
    void wrongOrMissingPasswordFailsWithoutShowingIt() throws Exception {
        String identity = openSsh(clientKey, "right-one");
        SourceException wrong = assertThrows(SourceException.class,
                () -> fetch(url(), secret(identity, knownHosts(), "wrong-one")));
        assertTrue(wrong.getMessage().startsWith("failed to configure authentication options: invalid 'ssh' auth "
                + "option: cannot parse 'identity'"), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("decryption password incorrect"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("wrong-one"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("right-one"), wrong.getMessage());
        SourceException none = assertThrows(SourceException.class,
                () -> fetch(url(), secret(identity, knownHosts(), null)));
        assertTrue(none.getMessage().endsWith("cannot parse 'identity': the key is passphrase protected and no "
                + "'password' is set"), none.getMessage());
    }

    @Test
    void malformedKnownHostsNamesTheLine() throws Exception {
        SourceException e = assertThrows(SourceException.class,
                () -> fetch(url(), secret(openSsh(clientKey, null), "# ok\n" + knownHosts() + "host ssh-rsa\n",
                        null)));
        assertEquals("failed to configure authentication options: invalid 'ssh' auth option: cannot parse "
                + "'known_hosts': known_hosts line 3: missing key", e.getMessage());
    }

    @Test
    void pemIdentity() throws Exception {
        KeyPair ec = KeyUtils.generateKeyPair("ecdsa-sha2-nistp384", 384);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(ec.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        try (SshGitServer ecServer = new SshGitServer(tmp.resolve("srv"), hostKey, ec.getPublic())) {
            String u = "ssh://git@127.0.0.1:" + ecServer.port() + "/fleet";
            String kh = SshGitServer.knownHostsLine("[127.0.0.1]:" + ecServer.port(), hostKey.getPublic());
            assertEquals("main@sha1:" + head.name(), fetch(u, secret(pem, kh, null)).artifact().revision());
        }
    }

    @Test
    void concurrentFetchesWithDifferentKeysDoNotInterfere() throws Exception {
        KeyPair k2 = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
        KeyPair host2 = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        try (SshGitServer s2 = new SshGitServer(tmp.resolve("srv"), host2, k2.getPublic())) {
            GitSource git = GitSource.builder().cacheDir(tmp.resolve("cache-concurrent")).build();
            GitSourceSpec a = GitSourceSpec.of(url(), GitReference.ofBranch("main"))
                    .withCredentials(GitCredentials.fromSecretData(secret(openSsh(clientKey, null), knownHosts(),
                            null)));
            GitSourceSpec b = GitSourceSpec.of("ssh://git@127.0.0.1:" + s2.port() + "/fleet",
                    GitReference.ofBranch("main")).withCredentials(GitCredentials.fromSecretData(secret(
                            openSsh(k2, null), SshGitServer.knownHostsLine("[127.0.0.1]:" + s2.port(),
                                    host2.getPublic()), null)));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<FetchResult>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    GitSourceSpec s = i % 2 == 0 ? a : b;
                    results.add(pool.submit((Callable<FetchResult>) () -> git.fetch(s)));
                }
                for (Future<FetchResult> f : results) {
                    assertEquals("main@sha1:" + head.name(), f.get().artifact().revision());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void overrideFactoryIsUsed() throws Exception {
        List<GitCredentials.Ssh> seen = new ArrayList<>();
        GitSource git = GitSource.builder().cacheDir(tmp.resolve("cache-override")).sshSessionFactory(s -> {
            seen.add(s);
            throw new SourceException("custom factory refused");
        }).build();
        SourceException e = assertThrows(SourceException.class, () -> git.fetch(GitSourceSpec.of(url(),
                GitReference.ofBranch("main")).withCredentials(GitCredentials.fromSecretData(
                        secret(openSsh(clientKey, null), knownHosts(), null)))));
        assertEquals("custom factory refused", e.getMessage());
        assertEquals(1, seen.size());
    }
}
