package dev.gitops.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gitops.api.fs.FileSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Byte-for-byte comparison with {@code helm template} (Helm v4.1.4) on charts of our own: the expected outputs were
 * recorded by {@code src/test/oracle/record-goldens.sh} from the real binary.
 */
class HelmTemplateGoldenTest {

    static final Path RES = Path.of("src/test/resources");

    /** A tiny POSIX-shell word splitter (single/double quotes, backslash), enough for cases.txt. */
    static List<String> shellWords(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                int j = s.indexOf('\'', i + 1);
                cur.append(s, i + 1, j);
                i = j;
                in = true;
            } else if (c == '"') {
                int j = i + 1;
                while (s.charAt(j) != '"') {
                    if (s.charAt(j) == '\\') {
                        j++;
                    }
                    cur.append(s.charAt(j));
                    j++;
                }
                i = j;
                in = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
                in = true;
            } else if (Character.isWhitespace(c)) {
                if (in) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    in = false;
                }
            } else {
                cur.append(c);
                in = true;
            }
        }
        if (in) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Renders like `helm template RELEASE CHART ARGS...`; returns stdout, or throws HelmException. */
    static String helmTemplate(String release, String chartDir, List<String> args) {
        HelmValues values = HelmValues.builder();
        ChartRenderer.Builder rb = ChartRenderer.builder();
        RenderRequest req = RenderRequest.of(release);
        List<String> sets = new ArrayList<>();
        List<String> setStrings = new ArrayList<>();
        List<String> setJsons = new ArrayList<>();
        FileSystem fs = FileSystem.onDisk(RES.toAbsolutePath());
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-f", "--values" -> {
                    String f = args.get(++i);
                    values.file(fs.readString(f), f);
                }
                case "--set" -> sets.add(args.get(++i));
                case "--set-string" -> setStrings.add(args.get(++i));
                case "--set-json" -> setJsons.add(args.get(++i));
                case "--namespace", "-n" -> req = req.withNamespace(args.get(++i));
                case "--include-crds" -> req = req.withIncludeCrds(true);
                case "--skip-tests" -> req = req.withSkipTests(true);
                case "--kube-version" -> rb.kubeVersion(args.get(++i));
                case "--api-versions", "-a" -> rb.apiVersion(args.get(++i));
                default -> throw new IllegalArgumentException("unsupported test argument " + a);
            }
        }
        setJsons.forEach(values::setJson);
        sets.forEach(values::set);
        setStrings.forEach(values::setString);
        Chart chart = ChartLoader.load(fs, "charts/" + chartDir);
        return rb.build().render(chart, req.withValues(values.build())).toHelmTemplateOutput();
    }

    @TestFactory
    Stream<DynamicTest> goldens() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(RES.resolve("golden/cases.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|", 4);
            String name = parts[0].strip();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Path out = RES.resolve("golden/" + name + ".out");
                Path err = RES.resolve("golden/" + name + ".err");
                assertTrue(Files.exists(out) || Files.exists(err), "no golden for " + name);
                try {
                    String got = helmTemplate(parts[1].strip(), parts[2].strip(), shellWords(parts[3]));
                    if (!Files.exists(out)) {
                        fail("expected failure " + Files.readString(err) + " but rendered:\n" + got);
                    }
                    assertEquals(Files.readString(out, StandardCharsets.UTF_8), got);
                } catch (HelmException e) {
                    if (!Files.exists(err)) {
                        throw e;
                    }
                    assertEquals(Files.readString(err, StandardCharsets.UTF_8).strip(), e.getMessage().strip());
                }
            }));
        }
        return tests.stream();
    }
}
