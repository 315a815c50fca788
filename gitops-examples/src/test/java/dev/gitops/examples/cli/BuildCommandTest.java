package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/** Golden tests for {@code gitops build}: outputs recorded with kubectl kustomize v5.7.1 (see golden/record.sh). */
class BuildCommandTest {

    private static final Path GOLDEN = Paths.get("src/test/resources/golden");

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = GitOpsCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(GOLDEN)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            String target = Files.readString(c.resolve("target")).strip();
            Run r = run("build", c.resolve("input").resolve(target).toString());
            if (Files.exists(c.resolve("expected.yaml"))) {
                assertEquals(0, r.code(), r.err());
                assertEquals(Files.readString(c.resolve("expected.yaml")), r.out());
            } else {
                assertEquals(2, r.code());
                assertTrue(r.err().startsWith("error: "), r.err());
                String expected = Files.readString(c.resolve("expected.err")).strip();
                String firstWords = expected.substring(0, Math.min(40, expected.length()));
                assertTrue(r.err().contains(firstWords), "stderr: " + r.err() + " expected to contain " + firstWords);
            }
        }));
    }

    @Test
    void largeBuildsWriteTheSameYamlInParallel(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        StringBuilder k = new StringBuilder("resources:\n- objects.yaml\nnamePrefix: p-\n");
        StringBuilder objects = new StringBuilder();
        int n = 3 * BuildCommand.PARALLEL_YAML_MIN;
        for (int i = 0; i < n; i++) {
            objects.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm").append(n - i)
                    .append("\ndata:\n  text: |\n    line ").append(i).append("\n    next\n  n: \"").append(i)
                    .append("\"\n");
        }
        Files.writeString(dir.resolve("kustomization.yaml"), k);
        Files.writeString(dir.resolve("objects.yaml"), objects);
        dev.gitops.kustomize.BuildResult result = dev.gitops.kustomize.Kustomizer.builder()
                .fileSystem(dev.gitops.api.fs.FileSystem.onDisk(dir)).build().build("");
        assertEquals(n, result.resources().size());
        Run r = run("build", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(result.toYaml(), r.out());
        assertEquals(result.toYaml(), BuildCommand.yaml(result));
        assertEquals(n, r.out().split("(?m)^kind: ConfigMap$").length - 1);
    }

    @Test
    void enableHelmInflatesChartsInProcess() throws IOException {
        Path c = Paths.get("../gitops-kustomize/src/test/resources/helmcharts/two-releases");
        Run r = run("build", "--enable-helm", "--helm-command", "helm", "--helm-debug",
                c.resolve("input").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(c.resolve("expected.yaml")), r.out());
        Run kube = run("build", "--enable-helm", "--helm-kube-version", "v1.29.0", "--helm-api-versions", "a/v1,b/v1",
                c.resolve("input").toString());
        assertEquals(0, kube.code(), kube.err());
        assertTrue(kube.out().contains("kube-version: v1.29.0"), kube.out());
        assertTrue(!kube.out().contains("monitoring: enabled"), kube.out());
        Run off = run("build", c.resolve("input").toString());
        assertEquals(2, off.code());
        assertTrue(off.err().contains("must specify --enable-helm"), off.err());
    }

    @Test
    void missingDirectoryIsAnInputError() {
        Run r = run("build", GOLDEN.resolve("does-not-exist").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: "), r.err());
    }

    @Test
    void badReorderValueIsAUsageError() {
        Run r = run("build", "--reorder", "sideways", GOLDEN.resolve("overlay/input/prod").toString());
        assertEquals(2, r.code());
    }
}
