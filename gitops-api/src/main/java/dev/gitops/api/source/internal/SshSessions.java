package dev.gitops.api.source.internal;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshConfigStore;
import org.eclipse.jgit.transport.SshConstants;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * A per-fetch SSH session factory (JGit's Apache MINA sshd transport) that authenticates only with the given
 * identity and verifies host keys only against the given known_hosts: no {@code ~/.ssh} files, no ssh config, no
 * agent, nothing written. Closing it releases the factory.
 */
public final class SshSessions implements AutoCloseable {

    /** Flux's user for SSH when the URL has none. */
    public static final String DEFAULT_USER = "git";

    /**
     * A rejected host key.
     *
     * @param host {@code host} or {@code [host]:port}
     * @param verdict why
     * @param offered the offered key's type and fingerprint
     * @param known the known keys' types and fingerprints for the host
     */
    public record Rejection(String host, KnownHosts.Verdict verdict, String offered, List<String> known) {
    }

    private final SshdSessionFactory factory;
    private final AtomicReference<Rejection> rejection = new AtomicReference<>();

    private SshSessions(List<KeyPair> keys, KnownHosts knownHosts, File home) {
        File sshDir = new File(home, ".ssh");
        this.factory = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home)
                .setSshDirectory(sshDir)
                .setConfigFile(dir -> null)
                .setConfigStoreFactory((h, f, localUser) -> FixedConfig.INSTANCE)
                .setDefaultKnownHostsFiles(dir -> List.of())
                .setDefaultIdentities(dir -> List.of())
                .setDefaultKeysProvider(dir -> keys)
                .setServerKeyDatabase((h, d) -> new Database(knownHosts, rejection))
                .setPreferredAuthentications("publickey")
                .setConnectorFactory(null)
                .build(null);
    }

    /**
     * A session factory for one fetch.
     *
     * @param identity the private key (PEM or OpenSSH)
     * @param passphrase its passphrase, {@code ""} when not encrypted
     * @param knownHosts the known_hosts content
     * @param home a directory standing in for the user's home; it is never read or written
     * @throws IllegalArgumentException when the identity or the known_hosts cannot be parsed (the message never
     *     shows key material)
     */
    public static SshSessions create(String identity, String passphrase, String knownHosts, File home) {
        KnownHosts db = KnownHosts.parse(knownHosts);
        return new SshSessions(parseIdentity(identity, passphrase), db, home);
    }

    /**
     * Checks SSH credentials as fluxcd/pkg/git's {@code AuthOptions.Validate} does for the ssh transport.
     *
     * @return the credentials, when they have an identity and known_hosts
     * @throws dev.gitops.api.source.SourceException with Flux's message otherwise
     */
    public static dev.gitops.api.source.GitCredentials.Ssh validate(dev.gitops.api.source.GitCredentials credentials) {
        if (!(credentials instanceof dev.gitops.api.source.GitCredentials.Ssh s) || s.identity().isBlank()) {
            throw authOption("'identity' is required");
        }
        if (s.knownHosts().isBlank()) {
            throw authOption("'known_hosts' is required");
        }
        return s;
    }

    /**
     * A session factory for one fetch from validated credentials ({@link #validate}).
     *
     * @throws dev.gitops.api.source.SourceException with Flux's message when the identity or the known_hosts
     *     cannot be parsed (never showing key material)
     */
    public static SshSessions create(dev.gitops.api.source.GitCredentials.Ssh s, File home) {
        try {
            return create(s.identity(), s.passphrase(), s.knownHosts(), home);
        } catch (IllegalArgumentException e) {
            String what = e.getMessage() != null && e.getMessage().startsWith("known_hosts") ? "'known_hosts'"
                    : "'identity'";
            throw authOption("cannot parse " + what + ": " + e.getMessage());
        }
    }

    private static dev.gitops.api.source.SourceException authOption(String detail) {
        return new dev.gitops.api.source.SourceException("failed to configure authentication options: invalid "
                + "'ssh' auth option: " + detail);
    }

    /**
     * Reads the key pairs of a PEM or OpenSSH private key.
     *
     * @throws IllegalArgumentException naming what went wrong, never the key
     */
    public static List<KeyPair> parseIdentity(String identity, String passphrase) {
        List<KeyPair> out = new ArrayList<>();
        try {
            FilePasswordProvider pw = passphrase.isEmpty() ? FilePasswordProvider.EMPTY
                    : FilePasswordProvider.of(passphrase);
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("identity"),
                    new ByteArrayInputStream(identity.getBytes(StandardCharsets.UTF_8)), pw);
            if (pairs != null) {
                pairs.forEach(out::add);
            }
        } catch (Exception e) {
            // sshd's messages may quote decrypted check values: say what is wrong in our own words
            String why;
            if (!passphrase.isEmpty()) {
                why = "decryption password incorrect or unsupported key format (" + e.getClass().getSimpleName()
                        + ")";
            } else if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("password")) {
                why = "the key is passphrase protected and no 'password' is set";
            } else {
                why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            throw new IllegalArgumentException(why, e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no private key found (expected a PEM or OpenSSH private key)");
        }
        return List.copyOf(out);
    }

    /** The factory to hand to JGit's SSH transport. */
    public SshdSessionFactory factory() {
        return factory;
    }

    /** The host key rejected during this fetch, if any. */
    public Optional<Rejection> rejection() {
        return Optional.ofNullable(rejection.get());
    }

    @Override
    public void close() {
        factory.close();
    }

    /** Host keys from the given known_hosts only; records why a key was rejected. */
    private static final class Database implements ServerKeyDatabase {
        private final KnownHosts knownHosts;
        private final AtomicReference<Rejection> rejection;

        Database(KnownHosts knownHosts, AtomicReference<Rejection> rejection) {
            this.knownHosts = knownHosts;
            this.rejection = rejection;
        }

        @Override
        public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress,
                Configuration config) {
            HostPort hp = HostPort.parse(connectAddress, remoteAddress);
            List<PublicKey> out = new ArrayList<>();
            for (byte[] blob : knownHosts.keysFor(hp.host, hp.port)) {
                try {
                    out.add(new ByteArrayBuffer(blob).getRawPublicKey());
                } catch (RuntimeException | org.apache.sshd.common.SshException e) {
                    // a key type this transport cannot use; it still takes part in check()
                }
            }
            return out;
        }

        @Override
        public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
                Configuration config, CredentialsProvider provider) {
            HostPort hp = HostPort.parse(connectAddress, remoteAddress);
            ByteArrayBuffer buf = new ByteArrayBuffer();
            buf.putRawPublicKey(serverKey);
            byte[] blob = buf.getCompactData();
            KnownHosts.Verdict v = knownHosts.check(hp.host, hp.port, blob);
            if (v == KnownHosts.Verdict.OK) {
                return true;
            }
            List<String> known = new ArrayList<>();
            for (byte[] k : knownHosts.keysFor(hp.host, hp.port)) {
                known.add(KnownHosts.blobType(k) + " " + KnownHosts.fingerprint(k));
            }
            rejection.compareAndSet(null, new Rejection(KnownHosts.normalize(hp.host, Integer.toString(hp.port)), v,
                    KnownHosts.blobType(blob) + " " + KnownHosts.fingerprint(blob), List.copyOf(known)));
            return false;
        }
    }

    private record HostPort(String host, int port) {
        static HostPort parse(String connectAddress, InetSocketAddress remote) {
            String a = connectAddress;
            if (a.startsWith("[")) {
                int close = a.indexOf("]:");
                if (close > 0) {
                    return new HostPort(a.substring(1, close), Integer.parseInt(a.substring(close + 2)));
                }
                return new HostPort(a.substring(1, a.length() - 1), SshConstants.SSH_DEFAULT_PORT);
            }
            return new HostPort(a, SshConstants.SSH_DEFAULT_PORT);
        }
    }

    /** The only ssh config: user {@code git} unless the URL names one, strict host key checking, public keys. */
    private enum FixedConfig implements SshConfigStore, SshConfigStore.HostConfig {
        INSTANCE;

        private static final Map<String, String> OPTIONS;

        static {
            Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            m.put(SshConstants.USER, DEFAULT_USER);
            m.put(SshConstants.STRICT_HOST_KEY_CHECKING, SshConstants.YES);
            m.put(SshConstants.PREFERRED_AUTHENTICATIONS, "publickey");
            m.put(SshConstants.BATCH_MODE, SshConstants.YES);
            m.put(SshConstants.CONNECTION_ATTEMPTS, "1");
            OPTIONS = java.util.Collections.unmodifiableMap(m);
        }

        @Override
        public HostConfig lookup(String hostName, int port, String userName) {
            return this;
        }

        @Override
        public HostConfig lookupDefault(String hostName, int port, String userName) {
            return this;
        }

        @Override
        public String getValue(String key) {
            return OPTIONS.get(key);
        }

        @Override
        public List<String> getValues(String key) {
            String v = OPTIONS.get(key);
            return v == null ? List.of() : List.of(v);
        }

        @Override
        public Map<String, String> getOptions() {
            return OPTIONS;
        }

        @Override
        public Map<String, List<String>> getMultiValuedOptions() {
            return Map.of();
        }
    }

}
