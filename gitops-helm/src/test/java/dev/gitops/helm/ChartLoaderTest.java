package dev.gitops.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.fs.FileSystem;
import dev.gitops.helm.internal.Tar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ChartLoaderTest {

    static final Path RES = Path.of("src/test/resources");

    static Map<String, byte[]> tree(Path root, String prefix) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(prefix + root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    @Test
    void archiveRendersLikeTheDirectory() throws Exception {
        byte[] tgz = Tar.writeTgz(tree(RES.resolve("charts/webapp"), "webapp/"));
        Chart fromTgz = ChartLoader.loadArchive(tgz, "webapp-1.4.2.tgz");
        String out = ChartRenderer.builder().build().render(fromTgz, RenderRequest.of("rel")).toHelmTemplateOutput();
        // the archive has no .helmignore filtering, but the ignored file is not a template: output is the same
        assertEquals(Files.readString(RES.resolve("golden/webapp-default.out")), out);
    }

    @Test
    void subchartArchivesInChartsDirectory() throws Exception {
        Map<String, byte[]> files = tree(RES.resolve("charts/webapp"), "");
        Map<String, byte[]> db = new TreeMap<>();
        files.entrySet().removeIf(e -> {
            if (e.getKey().startsWith("charts/db/")) {
                db.put("db/" + e.getKey().substring("charts/db/".length()), e.getValue());
                return true;
            }
            return false;
        });
        files.put("charts/db-0.3.1.tgz", Tar.writeTgz(db));
        Chart c = ChartLoader.fromFiles(files, "webapp");
        assertEquals(java.util.List.of("cache", "common", "db"), c.dependencies().stream().map(Chart::name).toList());
        String out = ChartRenderer.builder().build().render(c, RenderRequest.of("rel")).toHelmTemplateOutput();
        assertEquals(Files.readString(RES.resolve("golden/webapp-default.out")), out);
    }

    @Test
    void helmignoreAndFileClassification() {
        Chart c = ChartLoader.load(FileSystem.onDisk(RES.toAbsolutePath()), "charts/webapp");
        assertFalse(c.files().stream().anyMatch(f -> f.name().endsWith(".bak")));
        assertTrue(c.files().stream().anyMatch(f -> f.name().equals("crds/widgets.yaml")));
        assertTrue(c.templates().stream().anyMatch(f -> f.name().equals("templates/tests/test-connection.yaml")));
        assertTrue(c.schema().isPresent());
        assertEquals("webapp", c.name());
        assertEquals("1.4.2", c.version());
    }

    @Test
    void badInputsAreTypedErrors() {
        assertThrows(HelmException.class, () -> ChartLoader.fromFiles(Map.of("values.yaml", new byte[0]), "x"));
        assertThrows(HelmException.class, () -> ChartLoader.loadArchive(new byte[] {1, 2, 3}, "broken.tgz"));
        HelmException e = assertThrows(HelmException.class,
                () -> ChartLoader.load(FileSystem.onDisk(RES.toAbsolutePath()), "charts/nope"));
        assertEquals("path \"charts/nope\" not found", e.getMessage());
    }
}
