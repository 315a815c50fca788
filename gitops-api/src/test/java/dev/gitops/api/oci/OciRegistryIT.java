package dev.gitops.api.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.oci.internal.TarGz;
import dev.gitops.api.source.Artifact;
import dev.gitops.api.source.FetchResult;
import dev.gitops.api.source.OciSource;
import dev.gitops.api.source.OciSourceSpec;
import dev.gitops.api.testing.DockerRegistryServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCI client and the OCIRepository source against the real registry ({@code docker-registry}, distribution
 * 2.8): Flux-style artifacts (as {@code flux push artifact} lays them out) are pushed with our client and fetched
 * back as OCIRepository artifacts.
 */
class OciRegistryIT {

    @TempDir
    static Path tmp;
    static DockerRegistryServer registry;

    @BeforeAll
    static void start() throws Exception {
        registry = DockerRegistryServer.start(tmp.resolve("registry"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Pushes a Flux artifact (Flux config, one content layer, Flux's annotations); returns the manifest digest. */
    static String pushFluxArtifact(OciClient c, OciReference ref, Map<String, byte[]> files, String revision) {
        Descriptor layer = c.pushBlob(ref, MediaTypes.FLUX_CONTENT, TarGz.write(files));
        Descriptor config = c.pushBlob(ref, MediaTypes.FLUX_CONFIG, b("{}"));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{"
                + "\"mediaType\":\"" + config.mediaType() + "\",\"digest\":\"" + config.digest() + "\",\"size\":"
                + config.size() + "},\"layers\":[{\"mediaType\":\"" + layer.mediaType() + "\",\"digest\":\""
                + layer.digest() + "\",\"size\":" + layer.size() + "}],\"annotations\":{"
                + "\"org.opencontainers.image.created\":\"2026-03-01T10:00:00Z\","
                + "\"org.opencontainers.image.revision\":\"" + revision + "\","
                + "\"org.opencontainers.image.source\":\"https://github.com/example/fleet\"}}";
        return c.pushManifest(ref, MediaTypes.OCI_MANIFEST, b(manifest)).digest();
    }

    static String registryDigest(String repo, String tag) throws Exception {
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://"
                + registry.host() + "/v2/" + repo + "/manifests/" + tag)).method("HEAD",
                        HttpRequest.BodyPublishers.noBody()).header("Accept", MediaTypes.OCI_MANIFEST).build(),
                HttpResponse.BodyHandlers.discarding());
        return r.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    @Test
    void pushedFluxArtifactsAreFetchedAsOciRepositories() throws Exception {
        OciClient c = OciClient.builder().pageSize(2).build();
        String repo = "fleet/manifests";
        Map<String, byte[]> files = new TreeMap<>();
        files.put("apps/web/deploy.yaml", b("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"));
        files.put("apps/web/.sourceignore", b("*.md\n"));
        files.put("apps/web/README.md", b("ignored"));
        for (String tag : List.of("1.0.0", "1.1.0", "1.2.0-rc.1", "latest")) {
            files.put("version.txt", b(tag));
            String digest = pushFluxArtifact(c, OciReference.parse(registry.host() + "/" + repo + ":" + tag), files,
                    "main@sha1:0123456789abcdef0123456789abcdef01234567");
            assertEquals(registryDigest(repo, tag), digest);
        }
        OciReference r = OciReference.parse(registry.host() + "/" + repo);
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0-rc.1", "latest"), c.listTags(r).stream().sorted().toList());
        OciManifest.Image m = assertInstanceOf(OciManifest.Image.class, c.manifest(r.withTag("1.1.0")));
        assertEquals("main@sha1:0123456789abcdef0123456789abcdef01234567",
                m.annotations().get("org.opencontainers.image.revision"));

        OciSource src = OciSource.builder().client(c).build();
        String url = "oci://" + registry.host() + "/" + repo;
        FetchResult semver = src.fetch(OciSourceSpec.of(url).withSemver(">=1.0.0", ""));
        Artifact a = semver.artifact();
        assertEquals("1.1.0@" + registryDigest(repo, "1.1.0"), a.revision());
        assertArrayEquals(b("1.1.0"), a.files().read("version.txt"));
        assertTrue(a.files().exists("apps/web/deploy.yaml"));
        assertTrue(!a.files().exists("apps/web/README.md"), "the .sourceignore applies on extract");
        assertInstanceOf(FetchResult.Unchanged.class, src.fetch(OciSourceSpec.of(url).withSemver(">=1.0.0", "")));

        Artifact latest = src.fetch(OciSourceSpec.of(url).withLayer(MediaTypes.FLUX_CONTENT, "copy")).artifact();
        assertEquals("latest@" + registryDigest(repo, "latest"), latest.revision());
        assertTrue(latest.files().exists("apps/web/README.md"), "copy keeps the layer as it is");
        Artifact pinned = src.fetch(OciSourceSpec.of(url).withDigest(registryDigest(repo, "1.0.0"))).artifact();
        assertEquals(registryDigest(repo, "1.0.0"), pinned.revision());
        assertArrayEquals(b("1.0.0"), pinned.files().read("version.txt"));
        Artifact rc = src.fetch(OciSourceSpec.of(url).withSemver(">=1.2.0-0", "")).artifact();
        assertTrue(rc.revision().startsWith("1.2.0-rc.1@sha256:"), rc.revision());
        assertThrows(NotFoundException.class, () -> c.manifest(r.withTag("9.9.9")));
        assertThrows(NotFoundException.class, () -> c.listTags(OciReference.parse(registry.host() + "/nope")));
    }
}
