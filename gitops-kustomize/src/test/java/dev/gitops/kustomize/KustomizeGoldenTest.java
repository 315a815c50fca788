package dev.gitops.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gitops.api.fs.FileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests of our own, one folder per case under {@code src/test/resources/golden/<feature>/<case>/}: the
 * {@code input/} files, optionally {@code target} (the directory to build, default the input folder) and
 * {@code flags} ({@code kubectl kustomize} flags), and what the real {@code kubectl kustomize} (kustomize v5.7.1)
 * did, recorded by {@code golden/record.sh} (which with {@code --check} re-checks the files against the live tool):
 * {@code expected.yaml}, which the build must print byte for byte, or {@code expected.err}, the message of a build
 * that must fail.
 */
class KustomizeGoldenTest {

    private static final Path ROOT = Paths.get("src/test/resources/golden");

    /** Cases listed in {@code golden/known-failing.txt} must fail (so the list only shrinks). */
    static java.util.Set<String> knownFailing() throws IOException {
        java.util.Set<String> s = new java.util.TreeSet<>();
        Path p = ROOT.resolve("known-failing.txt");
        if (Files.exists(p)) {
            for (String line : Files.readAllLines(p)) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    s.add(line);
                }
            }
        }
        return s;
    }

    @TestFactory
    Stream<DynamicNode> golden() throws IOException {
        java.util.Set<String> known = knownFailing();
        List<Path> features;
        try (Stream<Path> s = Files.list(ROOT)) {
            features = s.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(features.isEmpty(), "no golden cases under " + ROOT);
        return features.stream().map(f -> {
            List<Path> cases;
            try (Stream<Path> s = Files.list(f)) {
                cases = s.filter(c -> Files.isDirectory(c.resolve("input"))).sorted().toList();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return DynamicContainer.dynamicContainer(f.getFileName().toString(),
                    cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
                        String name = f.getFileName() + "/" + c.getFileName();
                        if (!known.contains(name)) {
                            run(c);
                            return;
                        }
                        try {
                            run(c);
                        } catch (AssertionError expected) {
                            return;
                        }
                        fail(name + " now passes: remove it from golden/known-failing.txt");
                    })));
        });
    }

    private static void run(Path c) throws IOException {
        Kustomizer.Builder b = Kustomizer.builder().fileSystem(FileSystem.onDisk(c.resolve("input")));
        if (Files.exists(c.resolve("flags"))) {
            for (String flag : Files.readString(c.resolve("flags")).strip().split("\\s+")) {
                if (flag.startsWith("--load-restrictor=")) {
                    b.loadRestrictions(LoadRestrictions.parse(flag.substring("--load-restrictor=".length())));
                } else if (flag.equals("--enable-managedby-label")) {
                    b.managedByLabel(true);
                } else if (!flag.isEmpty()) {
                    fail("unsupported flag in " + c.resolve("flags") + ": " + flag);
                }
            }
        }
        String target = Files.exists(c.resolve("target")) ? Files.readString(c.resolve("target")).strip() : "";
        Kustomizer k = b.build();
        Path expected = c.resolve("expected.yaml");
        if (Files.exists(expected)) {
            assertEquals(Files.readString(expected), k.build(target.equals(".") ? "" : target).toYaml());
            return;
        }
        String err = Files.readString(c.resolve("expected.err")).strip();
        try {
            String out = k.build(target.equals(".") ? "" : target).toYaml();
            fail("kustomize fails with \"" + err + "\" but the build printed:\n" + out);
        } catch (KustomizeException expectedFailure) {
            // the message is informational: kustomize's wording differs in places
        }
    }
}
