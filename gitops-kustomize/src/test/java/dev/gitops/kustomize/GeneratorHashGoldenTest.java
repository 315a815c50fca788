package dev.gitops.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gitops.api.fs.FileSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Generated ConfigMap/Secret names (content hash suffix) against {@code kubectl kustomize}, see the README. */
class GeneratorHashGoldenTest {

    private static final Path RES = Path.of("src/test/resources/generator-hash");

    @TestFactory
    List<DynamicTest> matchesKubectlKustomize() throws IOException {
        try (Stream<Path> dirs = Files.list(RES)) {
            List<DynamicTest> tests = dirs.filter(Files::isDirectory).sorted()
                    .map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
                        BuildResult r = Kustomizer.builder().fileSystem(FileSystem.onDisk(d.toAbsolutePath()))
                                .build().build("");
                        String actual = r.toYaml();
                        Path out = Path.of("target/generator-hash", d.getFileName() + ".actual.yaml");
                        Files.createDirectories(out.getParent());
                        Files.writeString(out, actual, StandardCharsets.UTF_8);
                        assertEquals(Files.readString(d.resolve("expected.yaml"), StandardCharsets.UTF_8), actual);
                    })).toList();
            if (tests.isEmpty()) {
                throw new IllegalStateException("no cases under " + RES);
            }
            return tests;
        }
    }
}
