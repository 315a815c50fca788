package dev.gitops.api.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;

/**
 * The real registry server (Debian's {@code docker-registry}, distribution 2.8) on 127.0.0.1 and a free port, with
 * its configuration and storage in a directory, for {@code *IT} tests. Skips the test (JUnit assumption) when the
 * binary is not installed.
 */
public final class DockerRegistryServer implements AutoCloseable {

    /** Where Debian installs the binary. */
    public static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final String host;

    private DockerRegistryServer(Process process, String host) {
        this.process = process;
        this.host = host;
    }

    /** Starts a registry storing under {@code dir}; returns once {@code /v2/} answers. */
    public static DockerRegistryServer start(Path dir) throws Exception {
        return start(dir, "");
    }

    /**
     * Starts a registry that requires Basic authentication against an htpasswd file (bcrypt entries,
     * {@code user:$2y$…} lines); {@code ""} for none.
     */
    public static DockerRegistryServer start(Path dir, String htpasswd) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "docker-registry is not installed (/usr/bin/docker-registry; .ci/run apt-installs it)");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String host = "127.0.0.1:" + port;
        Files.createDirectories(dir);
        Path config = dir.resolve("config.yml");
        String auth = "";
        if (!htpasswd.isEmpty()) {
            Files.writeString(dir.resolve("htpasswd"), htpasswd);
            auth = "auth:\n  htpasswd:\n    realm: test-registry\n    path: " + dir.resolve("htpasswd") + "\n";
        }
        Files.writeString(config, "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
                + dir.resolve("storage") + "\n  delete:\n    enabled: true\nhttp:\n  addr: " + host + "\n" + auth);
        Path log = dir.resolve("registry.log");
        Process p = new ProcessBuilder(BINARY.toString(), "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200 || (!htpasswd.isEmpty() && r.statusCode() == 401)) {
                    return new DockerRegistryServer(p, host);
                }
            } catch (IOException e) {
                // not up yet
            }
            if (Instant.now().isAfter(deadline) || !p.isAlive()) {
                p.destroy();
                throw new IllegalStateException("docker-registry did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    /** {@code 127.0.0.1:port}. */
    public String host() {
        return host;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
