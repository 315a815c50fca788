package dev.gitops.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gitops.api.error.NotFoundException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lists tags from the real registry server (Debian's {@code docker-registry}, distribution 2.8) started on
 * 127.0.0.1 with a temporary storage directory; images are pushed through the HTTP API.
 */
class RegistryClientIT {

    static final Path BINARY = Path.of("/usr/bin/docker-registry");
    @TempDir
    static Path tmp;
    static Process registry;
    static String host;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "docker-registry is not installed (/usr/bin/docker-registry; see shared/tools/install-oracles.sh)");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        host = "127.0.0.1:" + port;
        Path config = tmp.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
                + tmp.resolve("storage") + "\n  delete:\n    enabled: true\nhttp:\n  addr: " + host + "\n");
        registry = new ProcessBuilder(BINARY.toString(), "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("registry.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not up yet
            }
            if (Instant.now().isAfter(deadline) || !registry.isAlive()) {
                throw new IllegalStateException("docker-registry did not start: "
                        + Files.readString(tmp.resolve("registry.log")));
            }
            Thread.sleep(100);
        }
        for (String tag : List.of("1.0.0", "1.2.0", "1.10.0", "2.0.0-rc.1", "latest", "main-abc123-1700000000")) {
            push("team/app", tag);
        }
        push("other", "v1");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (registry != null) {
            registry.destroy();
            registry.waitFor();
        }
    }

    static String sha256(byte[] b) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** Uploads a config blob and a schema 2 manifest referencing it (no layers) under the tag. */
    static void push(String repo, String tag) throws Exception {
        byte[] cfg = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"tag\":\"" + tag
                + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
        String digest = sha256(cfg);
        HttpResponse<Void> start = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + "/v2/" + repo
                + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(202, start.statusCode());
        URI location = URI.create("http://" + host + "/").resolve(start.headers().firstValue("Location").orElseThrow());
        URI put = URI.create(location + (location.getRawQuery() == null ? "?" : "&") + "digest=" + digest);
        HttpResponse<String> done = HTTP.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofByteArray(cfg))
                .header("Content-Type", "application/octet-stream").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, done.statusCode(), done.body());
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":" + cfg.length
                + ",\"digest\":\"" + digest + "\"},\"layers\":[]}";
        HttpResponse<String> m = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + "/v2/" + repo
                + "/manifests/" + tag)).PUT(HttpRequest.BodyPublishers.ofString(manifest))
                .header("Content-Type", "application/vnd.docker.distribution.manifest.v2+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, m.statusCode(), m.body());
    }

    @Test
    void listsEveryTagAcrossPages() {
        RegistryClient client = RegistryClient.builder().plainHttp(host).pageSize(2).build();
        List<String> tags = client.listTags(host + "/team/app");
        // distribution 2.8 pages its own (unsorted) order: compare as sets, and check nothing came twice
        List<String> expected = List.of("1.0.0", "1.10.0", "1.2.0", "2.0.0-rc.1", "latest", "main-abc123-1700000000");
        assertEquals(expected, tags.stream().sorted().toList());
        assertEquals(expected.size(), tags.stream().distinct().count());
        assertEquals(expected, RegistryClient.builder().plainHttp(host).build().listTags(host + "/team/app").stream()
                .sorted().toList());
        assertEquals(List.of("v1"), client.listTags(host + "/other"));
        assertThrows(NotFoundException.class, () -> client.listTags(host + "/nope"));
    }

    @Test
    void policyOverRegistryTags() {
        List<String> tags = RegistryClient.builder().plainHttp(host).build().listTags(host + "/team/app");
        assertEquals(new Selection.Selected("1.10.0"),
                ImagePolicy.builder().policy(TagPolicy.semver("^1")).build().select(tags));
    }
}
