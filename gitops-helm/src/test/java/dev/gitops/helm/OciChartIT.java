package dev.gitops.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gitops.api.oci.Descriptor;
import dev.gitops.api.oci.MediaTypes;
import dev.gitops.api.oci.OciClient;
import dev.gitops.api.oci.OciReference;
import dev.gitops.api.testing.DockerRegistryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helm charts in the real registry ({@code docker-registry}): charts pushed with the real {@code helm push} are
 * fetched by {@link ChartDownloader} and render byte-identically to {@code helm template oci://…} (live, and as
 * recorded in {@code src/test/resources/remote/golden}); a chart pushed with our client renders in the real helm.
 */
class OciChartIT {

    static final Path HELM = Path.of(System.getProperty("gitops.helm.binary",
            System.getProperty("user.home") + "/.cache/gitops-oracles/bin/helm"));
    static final Path RES = Path.of("src/test/resources/remote");

    @TempDir
    static Path tmp;
    static DockerRegistryServer registry;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(HELM), "helm is not installed at " + HELM
                + " (shared/tools/install-oracles.sh)");
        registry = DockerRegistryServer.start(tmp.resolve("registry"));
        for (String chart : List.of("api-0.2.0", "api-0.3.0+build.7")) {
            helm("package", RES.resolve("charts/" + chart).toAbsolutePath().toString(), "-d",
                    tmp.resolve("pkg").toString());
        }
        for (String tgz : List.of("api-0.2.0.tgz", "api-0.3.0+build.7.tgz")) {
            helm("push", tmp.resolve("pkg/" + tgz).toString(), "oci://" + registry.host() + "/charts",
                    "--plain-http");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    /** Runs helm with its homes in the temp dir; stdout, or the failure with stderr. */
    static String helm(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(HELM.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(tmp.resolve("helm.err").toFile());
        pb.environment().put("HELM_CONFIG_HOME", tmp.resolve("hc").toString());
        pb.environment().put("HELM_CACHE_HOME", tmp.resolve("cache").toString());
        pb.environment().put("HELM_DATA_HOME", tmp.resolve("data").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("helm " + String.join(" ", args) + " failed: "
                    + Files.readString(tmp.resolve("helm.err")));
        }
        return out;
    }

    static String ours(String ref, String version, String namespace) {
        DownloadedChart d = ChartDownloader.builder().build().download(ChartReference.oci(ref, version));
        return ChartRenderer.builder().build().render(d.chart(), RenderRequest.of("rel").withNamespace(namespace))
                .toHelmTemplateOutput();
    }

    @Test
    void chartsPushedByHelmRenderAsHelmTemplateRendersThem() throws Exception {
        String oci = "oci://" + registry.host() + "/charts/api";
        String range = ours(oci, ">=0.1.0", "default");
        assertEquals(Files.readString(RES.resolve("golden/oci-range.yaml")), range);
        assertEquals(helm("template", "rel", oci, "--version", ">=0.1.0", "--plain-http"), range);
        String exact = ours(oci, "0.2.0", "prod");
        assertEquals(Files.readString(RES.resolve("golden/oci-exact.yaml")), exact);
        assertEquals(helm("template", "rel", oci, "--version", "0.2.0", "--plain-http", "-n", "prod"), exact);
        assertEquals(Files.readString(RES.resolve("golden/oci-latest.yaml")), ours(oci, "", "default"));
    }

    @Test
    void basicAuthAgainstAnHtpasswdRegistry() throws Exception {
        String hash = org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2y", "s3cret".toCharArray(),
                new byte[16], 10);
        try (DockerRegistryServer secured = DockerRegistryServer.start(tmp.resolve("secured"), "bot:" + hash + "\n")) {
            helm("push", tmp.resolve("pkg/api-0.2.0.tgz").toString(), "oci://" + secured.host() + "/charts",
                    "--plain-http", "--username", "bot", "--password", "s3cret");
            String oci = "oci://" + secured.host() + "/charts/api";
            ChartReference ref = ChartReference.oci(oci, "0.2.0");
            ChartRepositoryException anon = org.junit.jupiter.api.Assertions.assertThrows(
                    ChartRepositoryException.class, () -> ChartDownloader.builder().build().download(ref));
            org.junit.jupiter.api.Assertions.assertTrue(anon.getMessage().contains("requires credentials"),
                    anon.getMessage());
            DownloadedChart d = ChartDownloader.builder().build().download(ref.withAuth(
                    dev.gitops.api.oci.RegistryAuth.always(new dev.gitops.api.oci.RegistryCredentials("bot",
                            "s3cret"))));
            assertEquals(Files.readString(RES.resolve("golden/oci-exact.yaml")), ChartRenderer.builder().build()
                    .render(d.chart(), RenderRequest.of("rel").withNamespace("prod")).toHelmTemplateOutput());
        }
    }

    @Test
    void chartsPushedByOurClientRenderInHelm() throws Exception {
        byte[] tgz = Files.readAllBytes(tmp.resolve("pkg/api-0.2.0.tgz"));
        OciClient c = OciClient.builder().build();
        OciReference ref = OciReference.parse(registry.host() + "/ours/api:0.2.0");
        Descriptor layer = c.pushBlob(ref, MediaTypes.HELM_CHART_CONTENT, tgz);
        byte[] cfg = "{\"apiVersion\":\"v2\",\"name\":\"api\",\"version\":\"0.2.0\"}".getBytes(StandardCharsets.UTF_8);
        Descriptor config = c.pushBlob(ref, MediaTypes.HELM_CONFIG, cfg);
        String manifest = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"" + config.mediaType() + "\",\"digest\":\""
                + config.digest() + "\",\"size\":" + config.size() + "},\"layers\":[{\"mediaType\":\""
                + layer.mediaType() + "\",\"digest\":\"" + layer.digest() + "\",\"size\":" + layer.size() + "}]}";
        c.pushManifest(ref, MediaTypes.OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
        String oci = "oci://" + registry.host() + "/ours/api";
        assertEquals(helm("template", "rel", oci, "--version", "0.2.0", "--plain-http"), ours(oci, "0.x", "default"));
    }
}
