package dev.gitops.api.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.testing.FakeRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciClientTest {

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesReferences() {
        OciReference r = OciReference.parse("oci://ghcr.io/org/charts/web:1.2.3");
        assertEquals(new OciReference("ghcr.io", "org/charts/web", "1.2.3", ""), r);
        assertEquals("1.2.3", r.identifier());
        OciReference d = OciReference.parse("localhost:5000/app@sha256:" + "a".repeat(64));
        assertEquals("localhost:5000", d.registry());
        assertEquals("sha256:" + "a".repeat(64), d.identifier());
        assertTrue(d.loopback());
        assertEquals(new OciReference("docker.io", "library/nginx", "", ""), OciReference.parse("nginx"));
        assertEquals("latest", OciReference.parse("nginx").identifier());
        assertEquals("registry-1.docker.io", OciReference.parse("nginx").apiHost());
        assertTrue(OciReference.parse("127.0.0.1:5000/a").loopback());
        assertFalse(OciReference.parse("ghcr.io/a").loopback());
        assertEquals("ghcr.io/org/app:v1@sha256:" + "b".repeat(64),
                OciReference.parse("ghcr.io/org/app:v1@sha256:" + "b".repeat(64)).toString());
        assertThrows(InvalidInputException.class, () -> OciReference.parse("ghcr.io/Org/App"));
        assertThrows(InvalidInputException.class, () -> OciReference.parse("ghcr.io/app@sha256:xyz"));
        assertThrows(InvalidInputException.class, () -> OciReference.parse("ghcr.io/app:bad tag"));
        assertThrows(InvalidInputException.class, () -> OciReference.parse(""));
    }

    @Test
    void listsTagsAcrossPagesAndReadsManifestsAndBlobs() {
        try (FakeRegistry reg = FakeRegistry.anonymous()) {
            for (String t : List.of("1.0.0", "1.1.0", "2.0.0", "latest")) {
                reg.putArtifact("team/app", t, MediaTypes.FLUX_CONFIG, b("{}"),
                        List.of(Map.entry(MediaTypes.FLUX_CONTENT, b("layer-" + t))));
            }
            OciClient c = OciClient.builder().pageSize(2).build();
            OciReference repo = OciReference.parse(reg.host() + "/team/app");
            assertEquals(List.of("1.0.0", "1.1.0", "2.0.0", "latest"), c.listTags(repo));
            assertTrue(reg.requests().stream().filter(r -> r.contains("tags/list")).count() >= 2);

            OciManifest m = c.manifest(repo.withTag("1.1.0"));
            OciManifest.Image img = assertInstanceOf(OciManifest.Image.class, m);
            assertEquals(MediaTypes.OCI_MANIFEST, img.mediaType());
            assertEquals(MediaTypes.FLUX_CONFIG, img.config().mediaType());
            assertEquals(1, img.layers().size());
            assertArrayEquals(b("layer-1.1.0"), c.blob(repo, img.layers().get(0)));
            assertEquals(m.digest(), c.resolve(repo.withTag("1.1.0")).digest());
            assertEquals(m.digest(), c.manifest(repo.withDigest(m.digest())).digest());

            NotFoundException nf = assertThrows(NotFoundException.class,
                    () -> c.listTags(OciReference.parse(reg.host() + "/team/nope")));
            assertTrue(nf.getMessage().contains("team/nope"), nf.getMessage());
            assertThrows(NotFoundException.class, () -> c.manifest(repo.withTag("9.9.9")));
        }
    }

    @Test
    void verifiesManifestAndBlobDigests() {
        try (FakeRegistry reg = FakeRegistry.anonymous()) {
            String md = reg.putArtifact("app", "v1", MediaTypes.FLUX_CONFIG, b("{}"),
                    List.of(Map.entry(MediaTypes.FLUX_CONTENT, b("good"))));
            OciClient c = OciClient.builder().build();
            OciReference repo = OciReference.parse(reg.host() + "/app");
            OciManifest.Image img = (OciManifest.Image) c.manifest(repo.withTag("v1"));
            reg.corruptBlob(img.layers().get(0).digest(), b("evil"));
            DigestMismatchException e = assertThrows(DigestMismatchException.class,
                    () -> c.blob(repo, img.layers().get(0)));
            assertEquals(img.layers().get(0).digest(), e.expected());
            assertTrue(e.getMessage().contains("digest mismatch"), e.getMessage());

            reg.corruptBlob(md, b("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"" + md
                    + "\",\"size\":1},\"layers\":[]}"));
            assertThrows(DigestMismatchException.class, () -> c.manifest(repo.withDigest(md)));
            assertThrows(DigestMismatchException.class, () -> c.manifest(repo.withTag("v1")));
        }
    }

    @Test
    void bearerTokenFlowWithCredentials() {
        try (FakeRegistry reg = FakeRegistry.withAuth(FakeRegistry.Auth.BEARER, "bot", "s3cret")) {
            reg.putArtifact("private/app", "1.0.0", MediaTypes.FLUX_CONFIG, b("{}"),
                    List.of(Map.entry(MediaTypes.FLUX_CONTENT, b("x"))));
            OciReference repo = OciReference.parse(reg.host() + "/private/app");
            OciClient ok = OciClient.builder().auth(RegistryAuth.of(Map.of(reg.host(),
                    new RegistryCredentials("bot", "s3cret")))).build();
            assertEquals(List.of("1.0.0"), ok.listTags(repo));
            assertTrue(reg.requests().stream().anyMatch(r -> r.startsWith("GET /token?service=fake-registry&scope="
                    + "repository%3Aprivate%2Fapp%3Apull")), reg.requests().toString());
            // the token is reused, and renewed when it expires
            int tokens = (int) reg.requests().stream().filter(r -> r.startsWith("GET /token")).count();
            ok.manifest(repo.withTag("1.0.0"));
            assertEquals(tokens, reg.requests().stream().filter(r -> r.startsWith("GET /token")).count());
            reg.rotateToken();
            ok.manifest(repo.withTag("1.0.0"));
            assertEquals(tokens + 1, reg.requests().stream().filter(r -> r.startsWith("GET /token")).count());

            OciException anon = assertThrows(OciException.class, () -> OciClient.builder().build().listTags(repo));
            assertTrue(anon.getMessage().contains("anonymously"), anon.getMessage());
            OciException bad = assertThrows(OciException.class, () -> OciClient.builder()
                    .auth(RegistryAuth.always(new RegistryCredentials("bot", "wrong"))).build().listTags(repo));
            assertTrue(bad.getMessage().contains("token service") && bad.getMessage().contains("401"),
                    bad.getMessage());
            assertFalse(bad.getMessage().contains("wrong"));
        }
    }

    @Test
    void basicAuth() {
        try (FakeRegistry reg = FakeRegistry.withAuth(FakeRegistry.Auth.BASIC, "u", "p")) {
            reg.putArtifact("app", "1", MediaTypes.FLUX_CONFIG, b("{}"), List.of());
            OciReference repo = OciReference.parse(reg.host() + "/app");
            assertEquals(List.of("1"), OciClient.builder().auth(RegistryAuth.always(new RegistryCredentials("u", "p")))
                    .build().listTags(repo));
            OciException none = assertThrows(OciException.class, () -> OciClient.builder().build().listTags(repo));
            assertTrue(none.getMessage().contains("requires credentials"), none.getMessage());
            OciException wrong = assertThrows(OciException.class, () -> OciClient.builder()
                    .auth(RegistryAuth.always(new RegistryCredentials("u", "nope"))).build().listTags(repo));
            assertTrue(wrong.getMessage().contains("denied (401"), wrong.getMessage());
            assertFalse(wrong.getMessage().contains("nope"));
        }
    }

    @Test
    void pushesBlobsAndManifests() {
        try (FakeRegistry reg = FakeRegistry.withAuth(FakeRegistry.Auth.BEARER, "u", "p")) {
            OciClient c = OciClient.builder().auth(RegistryAuth.always(new RegistryCredentials("u", "p"))).build();
            OciReference ref = OciReference.parse(reg.host() + "/pushed/app:v1");
            Descriptor layer = c.pushBlob(ref, MediaTypes.FLUX_CONTENT, b("content"));
            Descriptor cfg = c.pushBlob(ref, MediaTypes.FLUX_CONFIG, b("{}"));
            assertArrayEquals(b("content"), reg.blob(layer.digest()));
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                    + "{\"mediaType\":\"" + cfg.mediaType() + "\",\"digest\":\"" + cfg.digest() + "\",\"size\":2},"
                    + "\"layers\":[{\"mediaType\":\"" + layer.mediaType() + "\",\"digest\":\"" + layer.digest()
                    + "\",\"size\":7}]}";
            Descriptor md = c.pushManifest(ref, MediaTypes.OCI_MANIFEST, b(manifest));
            assertEquals(md.digest(), c.resolve(ref).digest());
            assertEquals(List.of("v1"), reg.tags("pushed/app"));
            // pushing again finds the blob and skips the upload
            int posts = (int) reg.requests().stream().filter(r -> r.startsWith("POST")).count();
            c.pushBlob(ref, MediaTypes.FLUX_CONTENT, b("content"));
            assertEquals(posts, reg.requests().stream().filter(r -> r.startsWith("POST")).count());
        }
    }

    @Test
    void blobsComeFromTheCache(@TempDir Path dir) {
        try (FakeRegistry reg = FakeRegistry.anonymous()) {
            reg.putArtifact("app", "v1", MediaTypes.FLUX_CONFIG, b("{}"),
                    List.of(Map.entry(MediaTypes.FLUX_CONTENT, b("cached"))));
            OciReference repo = OciReference.parse(reg.host() + "/app");
            for (ContentCache cache : List.of(ContentCache.inMemory(1024), ContentCache.onDisk(dir))) {
                OciClient c = OciClient.builder().cache(cache).build();
                Descriptor layer = ((OciManifest.Image) c.manifest(repo.withTag("v1"))).layers().get(0);
                long before = reg.requests().stream().filter(r -> r.contains("/blobs/")).count();
                c.blob(repo, layer);
                c.blob(repo, layer);
                assertEquals(before + 1, reg.requests().stream().filter(r -> r.contains("/blobs/")).count());
            }
        }
    }

    @Test
    void contentCaches(@TempDir Path dir) throws Exception {
        byte[] x = b("x");
        String d = FakeRegistry.sha256(x);
        for (ContentCache c : List.of(ContentCache.inMemory(10), ContentCache.onDisk(dir))) {
            assertTrue(c.get(d).isEmpty());
            c.put(d, x);
            assertArrayEquals(x, c.get(d).orElseThrow());
            assertThrows(IllegalArgumentException.class, () -> c.put(d, b("y")));
            assertThrows(IllegalArgumentException.class, () -> c.put("md5:abc", x));
        }
        // a corrupt disk entry is a miss
        java.nio.file.Files.writeString(dir.resolve("sha256").resolve(d.substring(7)), "tampered");
        assertTrue(ContentCache.onDisk(dir).get(d).isEmpty());
        // the in-memory cache evicts the least recently used entries beyond its size
        ContentCache small = ContentCache.inMemory(2);
        byte[] y = b("y");
        byte[] z = b("z");
        small.put(d, x);
        small.put(FakeRegistry.sha256(y), y);
        small.put(FakeRegistry.sha256(z), z);
        assertTrue(small.get(d).isEmpty());
        assertTrue(small.get(FakeRegistry.sha256(z)).isPresent());
    }

    @Test
    void parsesChallenges() {
        assertEquals(Map.of("realm", "https://auth.docker.io/token", "service", "registry.docker.io",
                "scope", "repository:library/nginx:pull"), OciClient.challengeParams(
                        "realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                                + "scope=\"repository:library/nginx:pull\""));
    }

    @Test
    void dockerManifestsAndIndexes() {
        try (FakeRegistry reg = FakeRegistry.anonymous()) {
            String cfg = reg.putBlob(b("{\"architecture\":\"amd64\"}"));
            String layer = reg.putBlob(b("layer"));
            String docker = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":{"
                    + "\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":22,\"digest\":\""
                    + cfg + "\"},\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\","
                    + "\"size\":5,\"digest\":\"" + layer + "\"}]}";
            String dd = reg.putManifest("app", "v1", MediaTypes.DOCKER_MANIFEST, b(docker));
            String list = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST
                    + "\",\"manifests\":[{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"size\":"
                    + docker.length() + ",\"digest\":\"" + dd + "\",\"platform\":{\"os\":\"linux\"}}]}";
            reg.putManifest("app", "multi", MediaTypes.DOCKER_MANIFEST_LIST, b(list));
            // an OCI index without a mediaType field: the Content-Type decides
            String oci = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                    + "\",\"size\":1,\"digest\":\"" + dd + "\"}]}";
            reg.putManifest("app", "oci-index", MediaTypes.OCI_INDEX, b(oci));
            OciClient c = OciClient.builder().build();
            OciReference repo = OciReference.parse(reg.host() + "/app");
            OciManifest.Image img = assertInstanceOf(OciManifest.Image.class, c.manifest(repo.withTag("v1")));
            assertEquals(MediaTypes.DOCKER_MANIFEST, img.mediaType());
            assertEquals(dd, img.digest());
            assertArrayEquals(b("layer"), c.blob(repo, img.layers().get(0)));
            OciManifest.Index idx = assertInstanceOf(OciManifest.Index.class, c.manifest(repo.withTag("multi")));
            assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, idx.mediaType());
            assertEquals(dd, idx.manifests().get(0).digest());
            OciManifest.Index o = assertInstanceOf(OciManifest.Index.class, c.manifest(repo.withTag("oci-index")));
            assertEquals(MediaTypes.OCI_INDEX, o.mediaType());
            assertThrows(OciException.class, () -> OciClient.parseManifest(b("{\"schemaVersion\":1}"), dd,
                    "application/vnd.docker.distribution.manifest.v1+prettyjws", "old"));
            assertThrows(OciException.class, () -> OciClient.parseManifest(b("[]"), dd, "", "array"));
            assertThrows(OciException.class, () -> OciClient.parseManifest(b("{\"schemaVersion\":2,\"config\":"
                    + "{\"digest\":\"md5:x\",\"size\":1}}"), dd, "", "bad digest"));
        }
    }
}
