package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code gitops template} against outputs recorded from {@code helm template} (gitops-helm's golden files). */
class TemplateCommandTest {

    static final Path HELM_RES = Path.of("../gitops-helm/src/test/resources");

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = GitOpsCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void printsExactlyWhatHelmTemplatePrints() throws Exception {
        Result r = run("template", "prod", HELM_RES.resolve("charts/webapp").toString(),
                "-f", HELM_RES.resolve("values/prod.yaml").toString(), "--namespace", "production",
                "--set", "replicaCount=3", "--set-string", "image.tag=010", "--set", "env.WORKERS=8,env.NEW=null");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(HELM_RES.resolve("golden/webapp-prod.out")), r.out());
    }

    @Test
    void crdsAndSkipTests() throws Exception {
        Result r = run("template", "rel", HELM_RES.resolve("charts/webapp").toString(), "-f",
                HELM_RES.resolve("values/nodb.yaml").toString(), "--include-crds", "--skip-tests");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(HELM_RES.resolve("golden/webapp-nodb.out")), r.out());
    }

    @Test
    void errorsGoToStderrWithExitCode2() throws Exception {
        Result r = run("template", "rel", HELM_RES.resolve("charts/webapp").toString(), "--kube-version", "1.20.0");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("error: " + Files.readString(HELM_RES.resolve("golden/webapp-oldkube.err")).strip(),
                r.err().strip());
        Result missing = run("template", "rel", "/nonexistent/chart");
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("error: "), missing.err());
    }

    /** Serves web-1.0.0, web-1.5.0, web-2.0.0 of gitops-helm's remote fixtures as a chart repository. */
    static com.sun.net.httpserver.HttpServer chartRepository() throws Exception {
        java.util.Map<String, byte[]> files = new java.util.concurrent.ConcurrentHashMap<>();
        StringBuilder index = new StringBuilder("apiVersion: v1\nentries:\n  web:\n");
        for (String v : java.util.List.of("1.0.0", "1.5.0", "2.0.0")) {
            Path dir = HELM_RES.resolve("remote/charts/web-" + v);
            java.util.Map<String, byte[]> content = new java.util.TreeMap<>();
            try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    content.put("web/" + dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
            files.put("/web-" + v + ".tgz", dev.gitops.helm.internal.Tar.writeTgz(content));
            index.append("  - name: web\n    version: ").append(v).append("\n    urls: [web-").append(v)
                    .append(".tgz]\n");
        }
        files.put("/index.yaml", index.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                byte[] b = files.get(ex.getRequestURI().getPath());
                ex.sendResponseHeaders(b == null ? 404 : 200, b == null ? -1 : b.length);
                if (b != null) {
                    ex.getResponseBody().write(b);
                }
            }
        });
        server.start();
        return server;
    }

    @Test
    void chartsFromARepositoryWithAVersionConstraint() throws Exception {
        com.sun.net.httpserver.HttpServer server = chartRepository();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Result r = run("template", "rel", "web", "--repo", url, "--version", ">=1.0.0 <2.0.0");
            assertEquals(0, r.code(), r.err());
            assertEquals(Files.readString(HELM_RES.resolve("remote/golden/http-range.yaml")), r.out());
            Result latest = run("template", "rel", "web", "--repo", url);
            assertEquals(Files.readString(HELM_RES.resolve("remote/golden/http-latest.yaml")), latest.out());
            Result none = run("template", "rel", "web", "--repo", url, "--version", ">=3.0.0");
            assertEquals(2, none.code());
            assertEquals("error: chart \"web\" version \">=3.0.0\" not found in " + url + " repository",
                    none.err().strip());
            Result oci = run("template", "rel", "oci://127.0.0.1:1/charts/web", "--version", "1.x");
            assertEquals(2, oci.code());
            assertTrue(oci.err().startsWith("error: GET http://127.0.0.1:1/v2/charts/web/tags/list failed"),
                    oci.err());
            java.nio.file.Path bad = java.nio.file.Files.createTempFile("registry", ".json");
            java.nio.file.Files.writeString(bad, "{not json");
            Result cfg = run("template", "rel", "oci://127.0.0.1:1/charts/web", "--registry-config", bad.toString());
            assertEquals(2, cfg.code());
            assertEquals("error: " + bad + ": not valid JSON", cfg.err().strip());
            java.nio.file.Files.delete(bad);
        } finally {
            server.stop(0);
        }
    }
}
