package dev.gitops.api.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gitops.api.testing.SharedConformance;
import dev.gitops.api.yaml.internal.QuotedText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast block-YAML reader against SnakeYAML on every YAML file of the repository's test resources and of the
 * shared conformance vectors, under every option combination: what the
 * fast reader accepts it reads exactly as {@link YamlComposer} does, and it bails out on everything SnakeYAML
 * rejects. Also shows that the comparison catches a different typing or position.
 */
class FastYamlEquivalenceTest {


    @Test
    void repositoryTestResources() throws IOException {
        Path root = repoRoot();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path m : (Iterable<Path>) modules::iterator) {
                Path res = m.resolve("src/test/resources");
                if (Files.isDirectory(res)) {
                    files.addAll(yamlFiles(res));
                }
            }
        }
        assertTrue(files.size() > 100, "expected the repository's YAML test resources under " + root);
        Map<YamlEquivalence.Outcome, Integer> counts = checkFiles(files);
        report("repository test resources", files.size(), counts);
        assertTrue(counts.getOrDefault(YamlEquivalence.Outcome.TAKEN, 0)
                > 3 * counts.getOrDefault(YamlEquivalence.Outcome.BAILED, 0), "fast reader takes too few: " + counts);
    }

    @Test
    void sharedConformanceVectors() throws IOException {
        Path dir = SharedConformance.shared("conformance");
        List<Path> files = yamlFiles(dir);
        Map<YamlEquivalence.Outcome, Integer> counts = checkFiles(files);
        report("shared conformance YAML files", files.size(), counts);
    }

    /** Any other corpus, such as the benchmark's generated fleet: {@code -Dgitops.yaml.corpus=DIR}. */
    @Test
    void extraCorpus() throws IOException {
        String dir = System.getProperty("gitops.yaml.corpus");
        org.junit.jupiter.api.Assumptions.assumeTrue(dir != null, "no -Dgitops.yaml.corpus=DIR given");
        List<Path> files = yamlFiles(Paths.get(dir));
        report(dir, files.size(), checkFiles(files));
    }

    private static Map<YamlEquivalence.Outcome, Integer> checkFiles(List<Path> files) {
        Map<YamlEquivalence.Outcome, Integer> counts = new EnumMap<>(YamlEquivalence.Outcome.class);
        for (Path f : files) {
            Optional<String> text = utf8(f);
            if (text.isEmpty()) {
                continue;
            }
            for (YamlEquivalence.Options o : YamlEquivalence.Options.ALL) {
                YamlEquivalence.Outcome r = YamlEquivalence.check(text.get(), f.toString(), o);
                if (o == YamlEquivalence.Options.ALL.get(0)) {
                    counts.merge(r, 1, Integer::sum);
                    if (r == YamlEquivalence.Outcome.BAILED && System.getenv("YF_DEBUG") != null) {
                        System.out.println("BAILED " + f);
                    }
                }
            }
        }
        return counts;
    }

    private static void report(String what, int n, Map<YamlEquivalence.Outcome, Integer> counts) {
        // the build log shows how much of the real corpus the fast reader takes
        System.out.println("[fast YAML reader] " + what + ": " + n + " texts; taken "
                + counts.getOrDefault(YamlEquivalence.Outcome.TAKEN, 0) + ", bailed out "
                + counts.getOrDefault(YamlEquivalence.Outcome.BAILED, 0) + ", rejected by SnakeYAML "
                + counts.getOrDefault(YamlEquivalence.Outcome.BOTH_REJECT_OR_BAILED, 0));
    }

    private static Optional<String> utf8(Path f) {
        try {
            byte[] b = Files.readAllBytes(f);
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return name.endsWith(".yaml") || name.endsWith(".yml") || name.equals("kustomization");
            }).sorted().toList();
        }
    }

    private static Path repoRoot() {
        String prop = System.getProperty("maven.multiModuleProjectDirectory");
        for (String c : new String[] {prop, "..", "."}) {
            if (c != null && Files.isDirectory(Paths.get(c, "gitops-api"))) {
                return Paths.get(c).toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("repository root not found from " + Paths.get("").toAbsolutePath());
    }

    // ---- the comparison can fail

    @Test
    void comparisonCatchesAnotherNodeClass() {
        List<YamlDocument> fast = fast("a: 1\n");
        List<YamlDocument> slow = slow("a: 1\n");
        assertEquals(List.of(), YamlEquivalence.differences(slow, fast));
        ((ObjectNode) fast.get(0).content()).set("a", LongNode.valueOf(1));
        assertFalse(YamlEquivalence.differences(slow, fast).isEmpty(), "IntNode(1) vs LongNode(1) must differ");
    }

    @Test
    void comparisonCatchesTheQuotedMarkAndFieldOrder() {
        List<YamlDocument> slow = slow("a: \"${X}\"\nb: 2\n");
        List<YamlDocument> fast = fast("a: \"${X}\"\nb: 2\n");
        assertTrue(slow.get(0).content().get("a") instanceof QuotedText);
        ((ObjectNode) fast.get(0).content()).set("a", TextNode.valueOf("${X}"));
        assertFalse(YamlEquivalence.differences(slow, fast).isEmpty(), "QuotedText vs TextNode must differ");
        assertFalse(YamlEquivalence.differences(slow("b: 2\na: 1\n"), fast("a: 1\nb: 2\n")).isEmpty());
    }

    @Test
    void comparisonCatchesAnotherPosition() {
        // the same tree, one key a column further right
        assertFalse(YamlEquivalence.differences(slow("a:\n  b: 1\n"), fast("a:\n   b: 1\n")).isEmpty());
        assertFalse(YamlEquivalence.differences(slow("- x\n- y\n"), fast("- x\n\n- y\n")).isEmpty());
        assertFalse(YamlEquivalence.differences(slow("a: 1\n---\n"), fast("a: 1\n---\n\n")).isEmpty());
    }

    @Test
    void checkFailsWhenTheFastReaderAcceptsAnError() {
        // a text both read the same: passes; a typing difference inside check is an AssertionError
        assertEquals(YamlEquivalence.Outcome.TAKEN,
                YamlEquivalence.check("a: 1\n", "t.yaml", YamlEquivalence.Options.ALL.get(0)));
        assertEquals(YamlEquivalence.Outcome.BOTH_REJECT_OR_BAILED,
                YamlEquivalence.check("a: 1\na: 2\n", "t.yaml", YamlEquivalence.Options.ALL.get(0)));
        assertEquals(YamlEquivalence.Outcome.TAKEN,
                YamlEquivalence.check("a: 1\na: 2\n", "t.yaml", YamlEquivalence.Options.ALL.get(2)));
    }

    // ---- what the fast reader takes and leaves (the corpus and properties check the equivalence)

    @ParameterizedTest
    @ValueSource(strings = {
        "a: &x 1\nb: *x\n", "a: !!str 1\n", "<<: {a: 1}\n", "a: [1,\n  2]\n", "a: [a: b]\n", "a: [x #c]\n", "a: {b:1}\n", "a: {b: *x}\n", "a: b\n  c\n",
        "a: 'b\n  c'\n", "? a\n: b\n", "%YAML 1.1\n---\na: 1\n", "a: 1\n...\n", "a:\tb\n", "a: b\r\n",
        "\uFEFFa: 1\n", "a: |2\n   x\n", "plain\n", "a: 1\na: 2\n", "a: 1\n- b\n", "a: .nan\n"})
    void bailsOutOnTextsOutsideTheSubset(String text) {
        List<YamlDocument> fast = BlockYamlReader.read(text, "t.yaml", 10_000, false, text.contains(".nan"));
        assertNull(fast, () -> "expected a bail-out for " + YamlEquivalence.show(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {}\ndata:\n  a: |\n    line 1\n\n    line 2\n"
                + "  b: >-\n    folded\n    text\n\n  c: \"esc\\n\\u00e9\"\n  'd': 'it''s'\n",
        "---\n# c\nitems:\n- a\n-\n- b: 1\n  c: [] # x\n- - x\n  - y\n---\n---\n",
        "rules:\n- apiGroups: [\"\"]\n  verbs: [get, list, watch]\n  resources: [ 'pods' ,secrets ]\n",
        "env: [{name: B, value: \"2\"}]\nlabels: {app: web, 'tier': [a, {b: c}]}\n",
        "a:\n  - 1\n  - -2.5\n  - 0x1F\n  - 0755\n  - 18446744073709551615\n  - ~\n  - yes\n  - 2024-01-02\n"})
    void takesManifests(String text) {
        for (YamlEquivalence.Options o : YamlEquivalence.Options.ALL) {
            if (o.maxDepth() > 2) {
                assertEquals(YamlEquivalence.Outcome.TAKEN, YamlEquivalence.check(text, "t.yaml", o));
            }
        }
    }

    @Test
    void yamlReadsThroughTheFastReaderAndFallsBack() {
        Yaml yaml = Yaml.defaults();
        assertEquals(493, yaml.readOne("a: 0755\n", "t.yaml").content().get("a").intValue());
        assertEquals(1, yaml.readOne("a: &x 1\nb: *x\n", "t.yaml").content().get("b").intValue());
        var e = assertThrows(dev.gitops.api.error.YamlException.class, () -> yaml.readAll("a: 1\na: 2\n", "t.yaml"));
        assertTrue(e.getMessage().contains("mapping key \"a\" already defined at line 1"), e.getMessage());
        assertNotNull(BlockYamlReader.read("a: 1\n", "t.yaml", 10, false, false));
    }

    @Test
    void bytesAreDecodedStrictly() {
        Yaml yaml = Yaml.defaults();
        byte[] valid = "a: \"\uFFFD \u00e9\"\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("\uFFFD \u00e9", yaml.readOne(new String(valid, StandardCharsets.UTF_8), "t.yaml").content()
                .get("a").asText());
        assertEquals("\uFFFD \u00e9", yaml.readAll(valid, "t.yaml").get(0).content().get("a").asText());
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ':', ' ', '1', '\n'};
        assertEquals(1, yaml.readAll(bom, "t.yaml").get(0).content().get("a").intValue());
        byte[] invalid = {'a', ':', ' ', (byte) 0xC3, '\n'};
        var e = assertThrows(dev.gitops.api.error.YamlException.class, () -> yaml.readAll(invalid, "t.yaml"));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    private static List<YamlDocument> fast(String text) {
        List<YamlDocument> d = BlockYamlReader.read(text, "t.yaml", 10_000, false, false);
        assertNotNull(d, text);
        return d;
    }

    private static List<YamlDocument> slow(String text) {
        return new YamlComposer(text, "t.yaml", 1_000_000, 10_000, false, false).readAll();
    }

}
