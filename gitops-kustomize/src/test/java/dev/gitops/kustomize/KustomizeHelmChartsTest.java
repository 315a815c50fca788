package dev.gitops.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gitops.api.fs.FileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests for {@code helmCharts}: each folder under {@code src/test/resources/helmcharts/} holds an
 * {@code input/} kustomization and the {@code expected.yaml} printed by the real
 * {@code kubectl kustomize --enable-helm} (kustomize v5.7.1; see the folder's README for how it was recorded), and
 * optionally a {@code target} file naming the directory to build inside {@code input/}.
 */
class KustomizeHelmChartsTest {

    private static final Path ROOT = Paths.get("src/test/resources/helmcharts");

    @TestFactory
    Stream<DynamicTest> goldenCases() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(ROOT)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(cases.isEmpty(), "no golden cases under " + ROOT);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            Kustomizer k = Kustomizer.builder().fileSystem(FileSystem.onDisk(c.resolve("input")))
                    .helmEnabled(true).build();
            String target = Files.exists(c.resolve("target")) ? Files.readString(c.resolve("target")).strip() : "";
            assertEquals(Files.readString(c.resolve("expected.yaml")), k.build(target).toYaml());
        }));
    }
}
