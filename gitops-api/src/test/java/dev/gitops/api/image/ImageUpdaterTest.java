package dev.gitops.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fixtures under {@code setters/<case>/}: {@code before/} and {@code after/} trees and the policies. */
class ImageUpdaterTest {

    static Path fixture(String name) {
        try {
            return Path.of(ImageUpdaterTest.class.getResource("/setters/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, byte[]> tree(Path dir) {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static ImageUpdater updater(Path dir) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("policies.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImageUpdater.Builder b = ImageUpdater.builder().namespace(p.getProperty("namespace"));
        for (String k : new TreeSet<>(p.stringPropertyNames())) {
            if (k.startsWith("policy.")) {
                b.policy(k.substring(7), ImageRef.parse(p.getProperty(k)));
            }
        }
        return b.build();
    }

    /** Records which files were written. */
    static final class Recording implements ManifestFiles {
        final ManifestFiles inner;
        final List<String> writes = new ArrayList<>();

        Recording(ManifestFiles inner) {
            this.inner = inner;
        }

        @Override
        public List<String> list() {
            return inner.list();
        }

        @Override
        public byte[] read(String path) {
            return inner.read(path);
        }

        @Override
        public void write(String path, byte[] content) {
            writes.add(path);
            inner.write(path, content);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "styles", "documents"})
    void fixtureBeforeBecomesAfterByteForByte(String name) {
        Path dir = fixture(name);
        Map<String, byte[]> before = tree(dir.resolve("before"));
        Map<String, byte[]> after = tree(dir.resolve("after"));
        Recording files = new Recording(ManifestFiles.inMemory(before));
        UpdateResult r = updater(dir).update(files);
        Map<String, byte[]> actual = ManifestFiles.snapshot(files);
        assertEquals(after.keySet(), actual.keySet());
        for (String f : after.keySet()) {
            assertEquals(new String(after.get(f), StandardCharsets.UTF_8), new String(actual.get(f), StandardCharsets.UTF_8),
                    f);
            assertTrue(java.util.Arrays.equals(after.get(f), actual.get(f)), f);
        }
        List<String> changedFiles = new ArrayList<>();
        for (String f : after.keySet()) {
            if (!java.util.Arrays.equals(before.get(f), after.get(f))) {
                changedFiles.add(f);
            }
        }
        assertEquals(changedFiles, files.writes, "only changed files are written");
        assertEquals(changedFiles, r.files().stream().map(UpdateResult.FileChange::path).toList());
    }

    @Test
    void resultDescribesChanges() {
        Path dir = fixture("basic");
        UpdateResult r = updater(dir).update(ManifestFiles.inMemory(tree(dir.resolve("before"))));
        UpdateResult.FileChange dep = r.files().stream().filter(f -> f.path().equals("apps/web/deployment.yaml"))
                .findFirst().orElseThrow();
        assertEquals(2, dep.changes().size());
        UpdateResult.Change c = dep.changes().get(0);
        assertEquals(new ObjectRef("apps/v1", "Deployment", "shop", "web"), c.object());
        assertEquals("flux-system:web", c.setter());
        assertEquals("ghcr.io/acme/web:v2.3.0", c.oldValue());
        assertEquals("ghcr.io/acme/web:v2.4.1", c.newValue());
        assertEquals(14, c.line());
        assertEquals(ImageRef.parse("ghcr.io/acme/web:v2.4.1"), c.image());
        assertEquals(List.of(), r.problemFiles());
        assertTrue(r.changes().size() < r.files().stream().mapToInt(f -> f.changes().size()).sum(),
                "changes() de-duplicates like Flux");
    }

    @Test
    void problemFilesAreReportedAndLeftAlone() {
        Path dir = fixture("documents");
        UpdateResult r = updater(dir).update(ManifestFiles.inMemory(tree(dir.resolve("before"))));
        assertEquals(List.of("broken.yaml"), r.problemFiles());
    }

    @Test
    void worksOnADirectory(@TempDir Path tmp) throws IOException {
        Path dir = fixture("basic");
        for (Map.Entry<String, byte[]> e : tree(dir.resolve("before")).entrySet()) {
            Path p = tmp.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        Path outside = Files.createTempFile("outside", ".yaml");
        Files.writeString(outside, "image: a:1 # {\"$imagepolicy\": \"flux-system:web\"}\n");
        Files.createSymbolicLink(tmp.resolve("apps/link.yaml"), outside);
        updater(dir).update(ManifestFiles.directory(tmp));
        Map<String, byte[]> expected = tree(dir.resolve("after"));
        Map<String, byte[]> actual = tree(tmp);
        actual.remove("apps/link.yaml");
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertEquals(new String(v, StandardCharsets.UTF_8),
                new String(actual.get(k), StandardCharsets.UTF_8), k));
        assertEquals("image: a:1 # {\"$imagepolicy\": \"flux-system:web\"}\n", Files.readString(outside),
                "symbolic links are not followed");
        Files.delete(outside);
    }

    @Test
    void imageRefs() {
        assertEquals(new ImageRef("registry:5000/app", "1.0", ""), ImageRef.parse("registry:5000/app:1.0"));
        assertEquals("a/b:c@sha256:" + "ab".repeat(32), ImageRef.parse("a/b:c@sha256:" + "ab".repeat(32)).toString());
        assertThrows(InvalidInputException.class, () -> ImageRef.parse("registry:5000/app"));
        assertThrows(InvalidInputException.class, () -> ImageRef.parse("app:bad tag"));
        assertThrows(InvalidInputException.class, () -> ImageRef.parse("app:1@md5"));
        assertThrows(InvalidInputException.class, () -> ImageUpdater.builder().namespace("a:b"));
        assertTrue(ImageUpdater.isCandidate("a/Kustomization"));
        assertTrue(ImageUpdater.isCandidate("x.yml"));
        assertTrue(!ImageUpdater.isCandidate("x.YAML") && !ImageUpdater.isCandidate("kustomization"));
    }
}
