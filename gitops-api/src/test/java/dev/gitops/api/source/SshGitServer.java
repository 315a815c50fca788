package dev.gitops.api.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * An SSH Git server on 127.0.0.1 for tests (Apache sshd with JGit's upload-pack and receive-pack): serves the repositories under a
 * base directory to user {@code git} authenticated by one public key, with a fixed host key.
 */
final class SshGitServer implements AutoCloseable {

    private final SshServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ssh-git-server");
        t.setDaemon(true);
        return t;
    });

    SshGitServer(Path base, KeyPair hostKey, PublicKey authorized) throws IOException {
        this(base, authorized, List.of(hostKey));
    }

    SshGitServer(Path base, PublicKey authorized, List<KeyPair> hostKeys) throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> "git".equals(user)
                && KeyUtils.compareKeys(key, authorized));
        server.setCommandFactory((channel, command) -> new UploadPackCommand(base, command, pool));
        server.start();
    }

    int port() {
        return server.getPort();
    }

    /** A known_hosts line for this server's host key, as {@code ssh-keyscan -p PORT 127.0.0.1} prints it. */
    static String knownHostsLine(String hostPattern, PublicKey key) {
        ByteArrayBuffer buf = new ByteArrayBuffer();
        buf.putRawPublicKey(key);
        return hostPattern + " " + KeyUtils.getKeyType(key) + " "
                + Base64.getEncoder().encodeToString(buf.getCompactData()) + "\n";
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
        pool.shutdownNow();
    }

    /** {@code git-upload-pack '/fleet'} served from the base directory. */
    private static final class UploadPackCommand implements Command {
        private final Path base;
        private final String command;
        private final ExecutorService pool;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        UploadPackCommand(Path base, String command, ExecutorService pool) {
            this.base = base;
            this.command = command;
            this.pool = pool;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            pool.submit(() -> {
                int code = 0;
                try {
                    boolean receive = command.startsWith("git-receive-pack ");
                    if (!command.startsWith("git-upload-pack ") && !receive) {
                        throw new IOException("unsupported command: " + command);
                    }
                    String path = command.substring(command.indexOf(' ') + 1).replace("'", "");
                    while (path.startsWith("/")) {
                        path = path.substring(1);
                    }
                    try (Repository repo = new FileRepositoryBuilder().setGitDir(base.resolve(path)
                            .resolve(".git").toFile()).setMustExist(true).build()) {
                        if (receive) {
                            new org.eclipse.jgit.transport.ReceivePack(repo).receive(in, out, err);
                            return;
                        }
                        UploadPack up = new UploadPack(repo);
                        String proto = env.getEnv().get("GIT_PROTOCOL");
                        if (proto != null) {
                            up.setExtraParameters(List.of(proto.split(":")));
                        }
                        up.upload(in, out, err);
                    }
                } catch (Exception e) {
                    code = 1;
                    try {
                        err.write((e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                        err.flush();
                    } catch (IOException ignored) {
                        // the channel is gone
                    }
                } finally {
                    exit.onExit(code);
                }
            });
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
