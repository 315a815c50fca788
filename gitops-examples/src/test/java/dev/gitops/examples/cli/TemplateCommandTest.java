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

    @Test
    void httpsRepositoriesWithACaFileOrSkippedVerification(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        java.security.KeyPairGenerator kpg = java.security.KeyPairGenerator.getInstance("EC");
        kpg.initialize(256);
        java.security.KeyPair kp = kpg.generateKeyPair();
        org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=127.0.0.1");
        java.util.Date now = new java.util.Date();
        org.bouncycastle.cert.X509v3CertificateBuilder b = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                name, java.math.BigInteger.ONE, new java.util.Date(now.getTime() - 60_000),
                new java.util.Date(now.getTime() + 3_600_000), name, kp.getPublic());
        b.addExtension(org.bouncycastle.asn1.x509.Extension.subjectAlternativeName, false,
                new org.bouncycastle.asn1.x509.GeneralNames(new org.bouncycastle.asn1.x509.GeneralName(
                        org.bouncycastle.asn1.x509.GeneralName.iPAddress, "127.0.0.1")));
        java.security.cert.X509Certificate cert = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                .getCertificate(b.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                        .build(kp.getPrivate())));
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", kp.getPrivate(), "pw".toCharArray(), new java.security.cert.Certificate[] {cert});
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, "pw".toCharArray());
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64,
                "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n");

        com.sun.net.httpserver.HttpServer plain = chartRepository();
        com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(ctx));
        String upstream = "http://127.0.0.1:" + plain.getAddress().getPort();
        https.createContext("/", ex -> {
            try (ex) {
                java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(upstream + ex.getRequestURI()))
                                .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                ex.getResponseBody().write(r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        https.start();
        try {
            String url = "https://127.0.0.1:" + https.getAddress().getPort();
            String golden = Files.readString(HELM_RES.resolve("remote/golden/http-range.yaml"));
            Result untrusted = run("template", "rel", "web", "--repo", url, "--version", ">=1.0.0 <2.0.0");
            assertEquals(2, untrusted.code(), untrusted.out());
            assertTrue(untrusted.err().startsWith("error: GET " + url + "/index.yaml failed: "), untrusted.err());
            Result withCa = run("template", "rel", "web", "--repo", url, "--version", ">=1.0.0 <2.0.0", "--ca-file",
                    ca.toString());
            assertEquals(0, withCa.code(), withCa.err());
            assertEquals(golden, withCa.out());
            Result skip = run("template", "rel", "web", "--repo", url, "--version", ">=1.0.0 <2.0.0",
                    "--insecure-skip-tls-verify");
            assertEquals(0, skip.code(), skip.err());
            assertEquals(golden, skip.out());
            Files.writeString(dir.resolve("empty.pem"), "");
            Result empty = run("template", "rel", "web", "--repo", url, "--ca-file", dir.resolve("empty.pem").toString());
            assertEquals(2, empty.code());
            assertTrue(empty.err().contains("no certificates found"), empty.err());
        } finally {
            https.stop(0);
            plain.stop(0);
        }
    }
}
