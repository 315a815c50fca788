package dev.gitops.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.testing.SharedConformance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of {@code ../shared/conformance/kustomize} (output of the real kustomize v5.7.1) and requires
 * byte-identical output, or a failure where kustomize fails. Cases listed in
 * {@code conformance/known-failing.txt} are expected to fail; a listed case that passes fails the test too, so the
 * list only shrinks. Set {@code -Dkustomize.conformance.record=true} to rewrite the list.
 */
class KustomizeConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FAILED = new TreeSet<>();
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final StringBuffer PROBLEMS = new StringBuffer();

    static Set<String> knownFailing() throws IOException {
        Set<String> s = new TreeSet<>();
        try (InputStream in = KustomizeConformanceTest.class.getResourceAsStream("/conformance/known-failing.txt")) {
            if (in != null) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    line = line.strip();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        s.add(line);
                    }
                }
            }
        }
        return s;
    }

    @TestFactory
    Stream<DynamicTest> conformance() throws IOException {
        Path dir = SharedConformance.require("kustomize");
        Set<String> known = knownFailing();
        List<Path> cases = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory).sorted().forEach(cases::add);
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            String name = c.getFileName().toString();
            String problem = run(c);
            if (problem == null) {
                PASSED.incrementAndGet();
            } else {
                FAILED.add(name);
                PROBLEMS.append("=== ").append(name).append('\n').append(problem, 0, Math.min(problem.length(), 3000))
                        .append('\n');
            }
            if (known.contains(name)) {
                if (problem == null) {
                    fail(name + " now passes: remove it from conformance/known-failing.txt");
                }
                return;
            }
            if (problem != null) {
                fail(problem);
            }
        }));
    }

    @AfterAll
    static void report() throws IOException {
        System.out.println("kustomize conformance: " + PASSED.get() + " passed, " + FAILED.size() + " failed");
        Files.createDirectories(Paths.get("target"));
        Files.writeString(Paths.get("target/kustomize-conformance-problems.txt"), PROBLEMS.toString());
        if (Boolean.getBoolean("kustomize.conformance.record")) {
            Path p = Paths.get("src/test/resources/conformance/known-failing.txt");
            Files.writeString(p, "# kustomize conformance cases that do not pass yet (the list may only shrink)\n"
                    + String.join("\n", FAILED) + "\n");
        }
    }

    /** Null when the case passes, otherwise a description of the difference. */
    static String run(Path c) throws IOException {
        JsonNode meta = JSON.readTree(c.resolve("case.json").toFile());
        String target = meta.path("target").asText(".");
        List<String> flags = new ArrayList<>();
        meta.path("flags").forEach(f -> flags.add(f.asText()));
        Kustomizer.Builder b = Kustomizer.builder().fileSystem(FileSystem.onDisk(c.resolve("input")));
        for (String f : flags) {
            if (f.startsWith("--load-restrictor=")) {
                b.loadRestrictions(LoadRestrictions.parse(f.substring("--load-restrictor=".length())));
            } else if (f.equals("--enable-helm")) {
                b.helmEnabled(true);
            } else if (f.equals("--enable-managedby-label")) {
                b.managedByLabel(true);
            }
        }
        Kustomizer k = b.build();
        Path expectedYaml = c.resolve("expected.yaml");
        String actual;
        try {
            actual = k.build(target.equals(".") ? "" : target).toYaml();
        } catch (RuntimeException e) {
            if (Files.exists(expectedYaml)) {
                return "build failed but kustomize succeeds: " + e;
            }
            return null;
        }
        if (!Files.exists(expectedYaml)) {
            return "build succeeded but kustomize fails with: " + Files.readString(c.resolve("expected.err"));
        }
        String expected = Files.readString(expectedYaml);
        if (!expected.equals(actual)) {
            try {
                assertEquals(expected, actual);
            } catch (AssertionError e) {
                return "output differs:\n" + e.getMessage();
            }
        }
        return null;
    }
}
