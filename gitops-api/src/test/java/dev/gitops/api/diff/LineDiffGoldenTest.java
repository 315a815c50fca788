package dev.gitops.api.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gitops.api.diff.internal.LineDiff;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The unified diff hunks against GNU {@code diff -u} output recorded by {@code unified-diff/record.sh}. */
class LineDiffGoldenTest {

    @TestFactory
    Stream<DynamicTest> sameHunksAsGnuDiff() throws IOException, URISyntaxException {
        Path root = Path.of(LineDiffGoldenTest.class.getResource("/unified-diff").toURI());
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).sorted().toList().stream().map(dir -> DynamicTest.dynamicTest(
                    dir.getFileName().toString(), () -> {
                        String expected = Files.readString(dir.resolve("expected.diff"));
                        String actual = LineDiff.unified(lines(dir.resolve("a.txt")), lines(dir.resolve("b.txt")),
                                3);
                        assertEquals(expected, actual);
                    }));
        }
    }

    private static List<String> lines(Path p) throws IOException {
        return Files.readAllLines(p);
    }
}
