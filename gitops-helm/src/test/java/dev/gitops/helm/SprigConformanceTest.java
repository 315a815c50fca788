package dev.gitops.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.api.template.MissingKey;
import dev.gitops.api.template.TemplateException;
import dev.gitops.api.template.Templates;
import dev.gitops.helm.internal.GoData;
import dev.gitops.helm.internal.HelmFunctions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Sprig and Helm function case of {@code sprig/cases.txt}, rendered by the real Helm v4 (see
 * {@code src/test/oracle/record-sprig-goldens.py}) and compared with our functions on our template engine.
 */
class SprigConformanceTest {

    static final Path RES = Path.of("src/test/resources/sprig");
    static final String NAME = "c/templates/_case.tpl";

    record Case(String name, String template, String values) {
    }

    static List<Case> cases() throws IOException {
        String text = Files.readString(RES.resolve("cases.txt"));
        List<Case> out = new ArrayList<>();
        String[] blocks = Pattern.compile("^### ", Pattern.MULTILINE).split(text);
        for (int i = 1; i < blocks.length; i++) {
            String block = blocks[i];
            int nl = block.indexOf('\n');
            String rest = "\n" + block.substring(nl + 1);
            int v = rest.indexOf("\n--- values\n");
            String tpl = v >= 0 ? rest.substring(1, v + 1) : rest.substring(1);
            String values = v >= 0 ? rest.substring(v + "\n--- values\n".length()).strip() : "{}";
            if (tpl.endsWith("\n")) {
                tpl = tpl.substring(0, tpl.length() - 1);
            }
            out.add(new Case(block.substring(0, nl).strip(), tpl, values));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> sprigMatchesHelm() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                Path outFile = RES.resolve("expected/" + c.name() + ".out");
                Path errFile = RES.resolve("expected/" + c.name() + ".err");
                assertTrue(Files.exists(outFile) || Files.exists(errFile), "no expectation for " + c.name());
                Object data = GoData.fromJson(json.readTree(c.values()));
                try {
                    Templates t = Templates.builder().name("gotpl")
                            .functions(HelmFunctions.create(new SecureRandom(), Clock.systemUTC(), false))
                            .missingKey(MissingKey.ZERO).add(NAME, c.template()).build();
                    String got = t.render(NAME, data);
                    if (!Files.exists(outFile)) {
                        fail("expected an error but rendered " + got);
                    }
                    assertEquals(Files.readString(outFile, StandardCharsets.UTF_8), got);
                } catch (TemplateException e) {
                    if (!Files.exists(errFile)) {
                        throw e;
                    }
                    String want = Files.readString(errFile, StandardCharsets.UTF_8);
                    if (want.startsWith("execution error at (")) {
                        // Helm's required/fail: the location is the including file in the recording
                        assertTrue(e.getMessage().contains(HelmFunctions.WARN_START
                                + want.substring(want.indexOf("): ") + 3) + HelmFunctions.WARN_END), e.getMessage());
                    } else {
                        assertEquals(want, e.getMessage());
                    }
                }
            }));
        }
        return tests.stream();
    }
}
