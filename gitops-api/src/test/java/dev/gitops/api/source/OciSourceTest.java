package dev.gitops.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.oci.MediaTypes;
import dev.gitops.api.oci.RegistryAuth;
import dev.gitops.api.oci.RegistryCredentials;
import dev.gitops.api.oci.internal.TarGz;
import dev.gitops.api.testing.FakeRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OciSourceTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] tgz(Map<String, String> files) {
        Map<String, byte[]> m = new TreeMap<>();
        files.forEach((k, v) -> m.put(k, b(v)));
        return TarGz.write(m);
    }

    /** A Flux-style artifact (flux push artifact): Flux config, one content layer. */
    static String push(FakeRegistry reg, String repo, String tag, Map<String, String> files) {
        return reg.putArtifact(repo, tag, MediaTypes.FLUX_CONFIG, b("{}"),
                List.of(Map.entry(MediaTypes.FLUX_CONTENT, tgz(files))));
    }

    static final Map<String, String> FILES = Map.of(
            "deploy/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n",
            "deploy/notes.txt", "ignored by spec.ignore",
            "deploy/.sourceignore", "secret.yaml\n",
            "deploy/secret.yaml", "ignored by .sourceignore",
            "logo.png", "no default excludes for OCI",
            "./dot/slash.yaml", "normalised");

    OciSource source() {
        return OciSource.builder().clock(CLOCK).build();
    }

    @Test
    void tagExtractsWithIgnoreRulesAndFluxRevision() {
        try (FakeRegistry reg = FakeRegistry.anonymous()) {
            String digest = push(reg, "manifests/app", "v1", FILES);
            OciSource src = source();
            OciSourceSpec spec = OciSourceSpec.of("oci://" + reg.host() + "/manifests/app").withTag("v1")
                    .withIgnore("*.txt\n");
            FetchResult r = src.fetch(spec);
            assertInstanceOf(FetchResult.Fetched.class, r);
            Artifact a = r.artifact();
            assertEquals("v1@" + digest, a.revision());
            assertEquals(List.of(".sourceignore", "cm.yaml"), a.files().list("deploy"));
            assertTrue(a.files().exists("logo.png"));
            assertTrue(a.files().exists("dot/slash.yaml"));
            assertEquals(CLOCK.instant(), a.lastUpdateTime());

            // unchanged: resolved by HEAD, nothing downloaded
            long blobs = reg.requests().stream().filter(x -> x.contains("/blobs/")).count();
            FetchResult again = src.fetch(spec);
            assertInstanceOf(FetchResult.Unchanged.class, again);
            assertEquals(a, again.artifact());
            assertEquals(blobs, reg.requests().stream().filter(x -> x.contains("/blobs/")).count());

            // the tag moves: a new revision
            String d2 = push(reg, "manifests/app", "v1", Map.of("deploy/cm.yaml", "changed"));
            FetchResult moved = src.fetch(spec);
            assertInstanceOf(FetchResult.Fetched.class, moved);
            assertEquals("v1@" + d2, moved.artifact().revision());
        }
    }

    @Test
    void defaultTagIsLatestAndCopyKeepsEveryFile() {
        try (FakeRegistry reg = FakeRegistry.anonymous()) {
            String digest = push(reg, "app", "latest", FILES);
            Artifact a = source().fetch(OciSourceSpec.of("oci://" + reg.host() + "/app")
                    .withLayer(MediaTypes.FLUX_CONTENT, OciSourceSpec.COPY).withIgnore("*.txt")).artifact();
            assertEquals("latest@" + digest, a.revision());
            assertTrue(a.files().exists("deploy/secret.yaml"));
            assertTrue(a.files().exists("deploy/notes.txt"));
        }
    }

    @Test
    void digestReference() {
        try (FakeRegistry reg = FakeRegistry.anonymous()) {
            String digest = push(reg, "app", "v1", FILES);
            Artifact a = source().fetch(OciSourceSpec.of("oci://" + reg.host() + "/app").withTag("ignored")
                    .withDigest(digest)).artifact();
            assertEquals(digest, a.revision());
        }
    }

    @Test
    void semverPicksTheHighestMatchWithFluxRules() {
        try (FakeRegistry reg = FakeRegistry.anonymous()) {
            for (String t : List.of("1.0.0", "1.1.0", "v1.1.5", "1.2.0-rc.1", "1.3", "latest", "2.0.0")) {
                push(reg, "app", t, Map.of("version", t));
            }
            OciSource src = source();
            String url = "oci://" + reg.host() + "/app";
            Artifact a = src.fetch(OciSourceSpec.of(url).withSemver(">=1.0.0 <2.0.0", "")).artifact();
            assertTrue(a.revision().startsWith("v1.1.5@sha256:"), a.revision());
            Artifact rc = src.fetch(OciSourceSpec.of(url).withSemver(">=1.0.0-0 <2.0.0", ".*-rc.*")).artifact();
            assertTrue(rc.revision().startsWith("1.2.0-rc.1@sha256:"), rc.revision());
            SourceException none = assertThrows(SourceException.class,
                    () -> src.fetch(OciSourceSpec.of(url).withSemver(">=3.0.0", "")));
            assertTrue(none.getMessage().contains("no match found for semver: >=3.0.0"), none.getMessage());
            assertThrows(InvalidInputException.class, () -> src.fetch(OciSourceSpec.of(url).withSemver(">=foo", "")));
        }
    }

    @Test
    void helmChartLayersMapUnderscoreTags() {
        try (FakeRegistry reg = FakeRegistry.anonymous()) {
            for (String t : List.of("0.2.0", "0.3.0_build.7")) {
                reg.putArtifact("charts/api", t, MediaTypes.HELM_CONFIG, b("{}"), List.of(Map.entry(
                        MediaTypes.HELM_CHART_CONTENT, tgz(Map.of("api/Chart.yaml", "name: api\nversion: " + t)))));
            }
            Artifact a = source().fetch(OciSourceSpec.of("oci://" + reg.host() + "/charts/api")
                    .withSemver(">=0.1.0", "").withLayer(MediaTypes.HELM_CHART_CONTENT, OciSourceSpec.COPY))
                    .artifact();
            assertTrue(a.revision().startsWith("0.3.0_build.7@sha256:"), a.revision());
            assertTrue(a.files().exists("api/Chart.yaml"));
        }
    }

    @Test
    void failuresAreClear() {
        try (FakeRegistry reg = FakeRegistry.withAuth(FakeRegistry.Auth.BEARER, "u", "p")) {
            reg.putArtifact("app", "v1", MediaTypes.FLUX_CONFIG, b("{}"),
                    List.of(Map.entry("application/x-other", b("x"))));
            String url = "oci://" + reg.host() + "/app";
            OciSourceSpec spec = OciSourceSpec.of(url).withTag("v1")
                    .withAuth(RegistryAuth.always(new RegistryCredentials("u", "p")));
            SourceException layer = assertThrows(SourceException.class,
                    () -> source().fetch(spec.withLayer(MediaTypes.FLUX_CONTENT, "extract")));
            assertTrue(layer.getMessage().contains("failed to find layer with media type '"
                    + MediaTypes.FLUX_CONTENT + "'"), layer.getMessage());
            SourceException notTar = assertThrows(SourceException.class, () -> source().fetch(spec));
            assertTrue(notTar.getMessage().contains("not a gzip tarball"), notTar.getMessage());
            SourceException denied = assertThrows(SourceException.class,
                    () -> source().fetch(OciSourceSpec.of(url).withTag("v1")));
            assertTrue(denied.getMessage().startsWith("OCIRepository " + url + ": "), denied.getMessage());
            SourceException missing = assertThrows(SourceException.class, () -> source().fetch(spec.withTag("v2")));
            assertTrue(missing.getMessage().contains("manifest not found"), missing.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> source().fetch(OciSourceSpec.of("oci://ghcr.io/a/b:v1")));
        assertThrows(InvalidInputException.class, () -> OciSourceSpec.of("https://ghcr.io/a/b"));
        assertThrows(InvalidInputException.class, () -> OciSourceSpec.of("oci://ghcr.io/a").withLayer("", "move"));
        SourceException offline = assertThrows(SourceException.class,
                () -> OciSource.offline().fetch(OciSourceSpec.of("oci://ghcr.io/a/b")));
        assertTrue(offline.getMessage().contains("no OCI client is configured"), offline.getMessage());
    }

    @Test
    void credentialsFromSecrets() {
        String cfg = "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + java.util.Base64.getEncoder().encodeToString(
                b("bot:tok")) + "\"}}}";
        RegistryAuth docker = OciCredentials.fromSecretData(Map.of(".dockerconfigjson", b(cfg)), "s");
        assertEquals(new RegistryCredentials("bot", "tok"), docker.credentials("ghcr.io").orElseThrow());
        assertTrue(docker.credentials("quay.io").isEmpty());
        RegistryAuth basic = OciCredentials.fromSecretData(Map.of("username", b("u"), "password", b("p\n")), "s");
        assertEquals(new RegistryCredentials("u", "p"), basic.credentials("any").orElseThrow());
        InvalidInputException half = assertThrows(InvalidInputException.class,
                () -> OciCredentials.fromSecretData(Map.of("username", b("u")), "creds"));
        assertEquals("secret 'creds': 'password' is missing", half.getMessage());
        assertThrows(InvalidInputException.class, () -> OciCredentials.fromSecretData(Map.of(), "s"));
    }
}
