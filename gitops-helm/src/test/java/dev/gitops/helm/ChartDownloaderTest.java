package dev.gitops.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gitops.api.engine.ChartRenderer.ChartRequest;
import dev.gitops.api.engine.ChartRenderer.ChartSource;
import dev.gitops.api.oci.ContentCache;
import dev.gitops.api.oci.MediaTypes;
import dev.gitops.api.oci.RegistryAuth;
import dev.gitops.api.oci.RegistryCredentials;
import dev.gitops.api.testing.FakeRegistry;
import dev.gitops.helm.internal.Tar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Charts from an HTTP chart repository (a JDK HTTP server on 127.0.0.1 serving index.yaml and archives) and from an
 * OCI registry (the fake distribution server), rendered and compared with what {@code helm template --repo} and
 * {@code helm template oci://} printed for the same charts ({@code src/test/oracle/record-remote-goldens.sh}).
 */
class ChartDownloaderTest {

    static final Path RES = Path.of("src/test/resources/remote");

    /** A chart repository: files by path, optional basic auth, every request recorded. */
    static final class RepoServer implements AutoCloseable {
        final HttpServer server;
        final Map<String, byte[]> files = new ConcurrentHashMap<>();
        final List<String> requests = new CopyOnWriteArrayList<>();
        volatile String basic;

        RepoServer() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", this::handle);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        String url() {
            return "http://127.0.0.1:" + port();
        }

        void handle(HttpExchange ex) throws IOException {
            try (ex) {
                String authz = ex.getRequestHeaders().getFirst("Authorization");
                requests.add(ex.getRequestURI().getPath() + (authz == null ? "" : " (auth)"));
                if (basic != null && !("Basic " + basic).equals(authz)) {
                    ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"charts\"");
                    ex.sendResponseHeaders(401, -1);
                    return;
                }
                byte[] b = files.get(ex.getRequestURI().getPath());
                if (b == null) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    RepoServer repo;
    Map<String, String> digests = new TreeMap<>();

    static byte[] packageChart(Path dir, String name) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(name + "/" + dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return Tar.writeTgz(files);
    }

    @BeforeEach
    void serve() throws IOException {
        repo = new RepoServer();
        StringBuilder index = new StringBuilder("apiVersion: v1\nentries:\n  web:\n");
        for (String v : List.of("1.0.0", "1.5.0", "1.6.0-rc.1", "2.0.0")) {
            byte[] tgz = packageChart(RES.resolve("charts/web-" + v), "web");
            String digest = FakeRegistry.sha256(tgz).substring(7);
            digests.put(v, digest);
            // 1.5.0 is served from an absolute URL, the others relative to the repository
            String url = v.equals("1.5.0") ? repo.url() + "/abs/web-" + v + ".tgz" : "charts/web-" + v + ".tgz";
            repo.files.put(v.equals("1.5.0") ? "/abs/web-" + v + ".tgz" : "/charts/web-" + v + ".tgz", tgz);
            index.append("  - apiVersion: v2\n    name: web\n    version: ").append(v).append("\n    digest: ")
                    .append(digest).append("\n    urls:\n    - ").append(url).append('\n');
        }
        index.append("generated: \"2026-01-01T00:00:00Z\"\n");
        repo.files.put("/index.yaml", index.toString().getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        repo.close();
    }

    static String golden(String name) throws IOException {
        return Files.readString(RES.resolve("golden/" + name + ".yaml"));
    }

    static String render(Chart chart, RenderRequest req) {
        return ChartRenderer.builder().build().render(chart, req).toHelmTemplateOutput();
    }

    @Test
    void httpRepositoryMatchesHelmTemplate() throws IOException {
        ChartDownloader d = ChartDownloader.builder().build();
        DownloadedChart range = d.download(ChartReference.of(repo.url(), "web", ">=1.0.0 <2.0.0"));
        assertEquals("1.5.0", range.version());
        assertEquals(repo.url() + "/abs/web-1.5.0.tgz", range.url());
        assertEquals("sha256:" + digests.get("1.5.0"), range.digest());
        assertEquals(golden("http-range"), render(range.chart(), RenderRequest.of("rel")));

        DownloadedChart latest = d.download(ChartReference.of(repo.url() + "/", "web", ""));
        assertEquals("2.0.0", latest.version());
        assertEquals(repo.url() + "/charts/web-2.0.0.tgz", latest.url());
        assertEquals(golden("http-latest"), render(latest.chart(), RenderRequest.of("rel")));

        DownloadedChart exact = d.download(ChartReference.of(repo.url(), "web", "1.0.0"));
        assertEquals(golden("http-exact"), render(exact.chart(), RenderRequest.of("rel").withNamespace("prod")));

        DownloadedChart pre = d.download(ChartReference.of(repo.url(), "web", ">=1.6.0-0 <2.0.0"));
        assertEquals("1.6.0-rc.1", pre.version());
        assertEquals(golden("http-prerelease"), render(pre.chart(), RenderRequest.of("rel")
                .withValues(HelmValues.builder().set("replicaCount=5").build())));
    }

    @Test
    void archivesComeFromTheCacheByDigest() {
        ChartDownloader d = ChartDownloader.builder().cache(ContentCache.inMemory(1 << 20)).build();
        d.download(ChartReference.of(repo.url(), "web", "2.0.0"));
        d.download(ChartReference.of(repo.url(), "web", "2.0.0"));
        assertEquals(1, repo.requests.stream().filter(r -> r.endsWith(".tgz")).count(), repo.requests.toString());
        assertEquals(2, repo.requests.stream().filter(r -> r.equals("/index.yaml")).count());
    }

    @Test
    void missingVersionsChartsAndRepositoriesAreNamed() {
        ChartDownloader d = ChartDownloader.builder().build();
        ChartRepositoryException v = assertThrows(ChartRepositoryException.class,
                () -> d.download(ChartReference.of(repo.url(), "web", ">=3.0.0")));
        assertEquals("chart \"web\" version \">=3.0.0\" not found in " + repo.url() + " repository", v.getMessage());
        assertEquals(repo.url(), v.url());
        assertEquals("web", v.chart());
        assertEquals(">=3.0.0", v.constraint());
        ChartRepositoryException c = assertThrows(ChartRepositoryException.class,
                () -> d.download(ChartReference.of(repo.url(), "nope", "")));
        assertEquals("chart \"nope\" not found in " + repo.url() + " repository", c.getMessage());
        ChartRepositoryException r = assertThrows(ChartRepositoryException.class,
                () -> d.download(ChartReference.of(repo.url() + "/missing", "web", "")));
        assertEquals("looks like \"" + repo.url() + "/missing\" is not a valid chart repository or cannot be reached: "
                + "failed to fetch " + repo.url() + "/missing/index.yaml : 404 Not Found", r.getMessage());
        assertThrows(ChartRepositoryException.class, () -> d.download(ChartReference.of(repo.url(), "web", ">=foo")));
        assertThrows(HelmException.class, () -> ChartDownloader.builder().build()
                .download(ChartReference.of("http://127.0.0.1:1", "web", "")));
    }

    @Test
    void digestMismatchIsRefused() {
        repo.files.put("/charts/web-2.0.0.tgz", repo.files.get("/charts/web-1.0.0.tgz"));
        ChartRepositoryException e = assertThrows(ChartRepositoryException.class,
                () -> ChartDownloader.builder().build().download(ChartReference.of(repo.url(), "web", "2.0.0")));
        assertTrue(e.getMessage().contains("does not match the index digest: expected sha256:" + digests.get("2.0.0")
                + ", got sha256:" + digests.get("1.0.0")), e.getMessage());
    }

    @Test
    void basicAuthGoesToTheRepositoryHostOnlyUnlessPassCredentials() {
        repo.basic = Base64.getEncoder().encodeToString("user:pa55".getBytes(StandardCharsets.UTF_8));
        ChartDownloader d = ChartDownloader.builder().build();
        ChartRepositoryException anon = assertThrows(ChartRepositoryException.class,
                () -> d.download(ChartReference.of(repo.url(), "web", "2.0.0")));
        assertTrue(anon.getMessage().endsWith("failed to fetch " + repo.url() + "/index.yaml : 401 Unauthorized"),
                anon.getMessage());
        RegistryAuth creds = RegistryAuth.always(new RegistryCredentials("user", "pa55"));
        assertEquals("2.0.0", d.download(ChartReference.of(repo.url(), "web", "2.0.0").withAuth(creds)).version());
        ChartRepositoryException wrong = assertThrows(ChartRepositoryException.class, () -> d.download(
                ChartReference.of(repo.url(), "web", "2.0.0").withAuth(RegistryAuth.always(
                        new RegistryCredentials("user", "bad")))));
        assertFalse(wrong.getMessage().contains("bad"));

        // chart URLs on another host (localhost vs 127.0.0.1) only get the credentials with passCredentials
        String other = "http://localhost:" + repo.port();
        repo.files.put("/index.yaml", new String(repo.files.get("/index.yaml"), StandardCharsets.UTF_8)
                .replace(repo.url() + "/abs/", other + "/abs/").getBytes(StandardCharsets.UTF_8));
        ChartRepositoryException leak = assertThrows(ChartRepositoryException.class,
                () -> d.download(ChartReference.of(repo.url(), "web", "1.5.0").withAuth(creds)));
        assertTrue(leak.getMessage().contains("failed to fetch " + other + "/abs/web-1.5.0.tgz : 401"),
                leak.getMessage());
        assertEquals("1.5.0", d.download(ChartReference.of(repo.url(), "web", "1.5.0").withAuth(creds)
                .withPassCredentials(true)).version());
    }

    static void pushChart(FakeRegistry reg, String repository, String tag, byte[] tgz) {
        reg.putArtifact(repository, tag, MediaTypes.HELM_CONFIG, "{\"name\":\"api\"}".getBytes(StandardCharsets.UTF_8),
                List.of(Map.entry(MediaTypes.HELM_CHART_CONTENT, tgz)));
    }

    @Test
    void ociRegistryMatchesHelmTemplate() throws IOException {
        try (FakeRegistry reg = FakeRegistry.withAuth(FakeRegistry.Auth.BEARER, "bot", "t0ken")) {
            pushChart(reg, "charts/api", "0.2.0", packageChart(RES.resolve("charts/api-0.2.0"), "api"));
            pushChart(reg, "charts/api", "0.3.0_build.7", packageChart(RES.resolve("charts/api-0.3.0+build.7"), "api"));
            reg.putArtifact("charts/api", "latest", MediaTypes.FLUX_CONFIG, new byte[0], List.of());
            ChartDownloader d = ChartDownloader.builder().build();
            RegistryAuth auth = RegistryAuth.always(new RegistryCredentials("bot", "t0ken"));
            String oci = "oci://" + reg.host() + "/charts/api";
            DownloadedChart range = d.download(ChartReference.oci(oci, ">=0.1.0").withAuth(auth));
            assertEquals("0.3.0+build.7", range.version());
            assertEquals("oci://" + reg.host() + "/charts/api:0.3.0_build.7", range.url());
            assertEquals(golden("oci-range"), render(range.chart(), RenderRequest.of("rel")));
            assertEquals(golden("oci-latest"), render(d.download(ChartReference.oci(oci, "").withAuth(auth)).chart(),
                    RenderRequest.of("rel")));
            DownloadedChart exact = d.download(ChartReference.oci(oci, "0.2.0").withAuth(auth));
            assertEquals(golden("oci-exact"), render(exact.chart(), RenderRequest.of("rel").withNamespace("prod")));
            assertEquals("0.2.0", d.download(ChartReference.oci(oci + ":0.2.0", "").withAuth(auth)).version());
            assertEquals("0.3.0+build.7", d.download(ChartReference.oci(oci, "0.3.0+build.7").withAuth(auth))
                    .version());

            ChartRepositoryException none = assertThrows(ChartRepositoryException.class,
                    () -> d.download(ChartReference.oci(oci, ">=3.0.0").withAuth(auth)));
            assertTrue(none.getMessage().startsWith("could not locate a version matching provided version string "
                    + ">=3.0.0"), none.getMessage());
            assertEquals("oci://" + reg.host() + "/charts", none.url());
            assertEquals("api", none.chart());
            ChartRepositoryException denied = assertThrows(ChartRepositoryException.class,
                    () -> d.download(ChartReference.oci(oci, "")));
            assertTrue(denied.getMessage().contains("anonymously"), denied.getMessage());
            ChartRepositoryException missing = assertThrows(ChartRepositoryException.class,
                    () -> d.download(ChartReference.oci("oci://" + reg.host() + "/charts/nope", "").withAuth(auth)));
            assertTrue(missing.getMessage().contains("charts/nope"), missing.getMessage());
        }
    }

    @Test
    void ociChartsAreVerified() throws IOException {
        try (FakeRegistry reg = FakeRegistry.anonymous()) {
            byte[] tgz = packageChart(RES.resolve("charts/api-0.2.0"), "api");
            pushChart(reg, "charts/api", "0.2.0", tgz);
            reg.corruptBlob(FakeRegistry.sha256(tgz), packageChart(RES.resolve("charts/api-0.3.0+build.7"), "api"));
            ChartRepositoryException e = assertThrows(ChartRepositoryException.class, () -> ChartDownloader.builder()
                    .build().download(ChartReference.oci("oci://" + reg.host() + "/charts/api", "0.2.0")));
            assertTrue(e.getMessage().contains("digest mismatch"), e.getMessage());
            // a manifest without the Helm config is not a chart
            reg.putArtifact("charts/other", "1.0.0", MediaTypes.FLUX_CONFIG, new byte[0],
                    List.of(Map.entry(MediaTypes.FLUX_CONTENT, tgz)));
            ChartRepositoryException notChart = assertThrows(ChartRepositoryException.class, () -> ChartDownloader
                    .builder().build().download(ChartReference.oci("oci://" + reg.host() + "/charts/other", "")));
            assertTrue(notChart.getMessage().startsWith("could not load config with mediatype "
                    + MediaTypes.HELM_CONFIG), notChart.getMessage());
        }
    }

    @Test
    void helmReleaseRendererTakesRepositoryCharts() throws IOException {
        HelmReleaseRenderer r = HelmReleaseRenderer.create();
        var rendered = r.render(new ChartRequest("rel", "apps", new ChartSource.Repository(repo.url(), "web",
                ">=1.0.0 <2.0.0", Map.of()), JsonNodeFactory.instance.objectNode().put("replicaCount", 3)));
        assertEquals("web", rendered.chartName());
        assertEquals("1.5.0", rendered.chartVersion());
        assertEquals(3, rendered.resources().stream().filter(x -> x.kind().equals("Deployment")).findFirst()
                .orElseThrow().content().at("/spec/replicas").intValue());

        repo.basic = Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8));
        var withSecret = r.render(new ChartRequest("rel", "apps", new ChartSource.Repository(repo.url(), "web",
                "2.0.0", Map.of("username", "u".getBytes(StandardCharsets.UTF_8), "password",
                        "p".getBytes(StandardCharsets.UTF_8))), JsonNodeFactory.instance.objectNode()));
        assertEquals("2.0.0", withSecret.chartVersion());

        try (FakeRegistry reg = FakeRegistry.withAuth(FakeRegistry.Auth.BASIC, "u", "p")) {
            pushChart(reg, "charts/api", "0.2.0", packageChart(RES.resolve("charts/api-0.2.0"), "api"));
            String cfg = "{\"auths\":{\"" + reg.host() + "\":{\"username\":\"u\",\"password\":\"p\"}}}";
            var oci = r.render(new ChartRequest("rel", "apps", new ChartSource.Repository("oci://" + reg.host()
                    + "/charts", "api", "0.x", Map.of(".dockerconfigjson", cfg.getBytes(StandardCharsets.UTF_8))),
                    JsonNodeFactory.instance.objectNode()));
            assertEquals("api", oci.chartName());
            assertEquals("0.2.0", oci.chartVersion());
        }
    }

    @Test
    void chartReferences() {
        ChartReference r = ChartReference.oci("oci://ghcr.io/org/charts/web:1.2.3_b.1", "");
        assertEquals("oci://ghcr.io/org/charts", r.repository());
        assertEquals("web", r.chart());
        assertEquals("1.2.3+b.1", r.version());
        assertEquals("2.0.0", ChartReference.oci("oci://ghcr.io/org/web:1.0.0", "2.0.0").version());
        assertThrows(dev.gitops.api.error.InvalidInputException.class, () -> ChartReference.of("ftp://x", "web", ""));
        assertThrows(dev.gitops.api.error.InvalidInputException.class, () -> ChartReference.oci("oci://ghcr.io", ""));
        assertEquals("http://h/charts/web-1.0.0.tgz",
                ChartDownloader.resolveReference("http://h/charts/", "web-1.0.0.tgz", r));
        assertEquals("http://h/charts/web-1.0.0.tgz",
                ChartDownloader.resolveReference("http://h/charts", "web-1.0.0.tgz", r));
        assertEquals("http://h/x.tgz", ChartDownloader.resolveReference("http://h/charts", "/x.tgz", r));
        assertEquals("https://cdn/x.tgz", ChartDownloader.resolveReference("http://h/charts", "https://cdn/x.tgz", r));
        assertEquals("http://h/charts/x.tgz?sig=1",
                ChartDownloader.resolveReference("http://h/charts?sig=1", "x.tgz", r));
    }
}
