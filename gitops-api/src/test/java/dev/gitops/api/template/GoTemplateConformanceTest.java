package dev.gitops.api.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test against Go's text/template as embedded in Helm v4: every case of
 * {@code template/cases.txt} was rendered by the real {@code helm template} (see
 * {@code src/test/oracle/record-template-goldens.py}) and its output or error recorded under
 * {@code template/expected/}. Values are read as Helm reads them: JSON numbers become float64 ({@link Double}).
 */
class GoTemplateConformanceTest {

    static final String NAME = "c/templates/_case.tpl";

    record Case(String name, String template, String values) {
    }

    static List<Case> cases() throws IOException {
        String text = resource("template/cases.txt");
        List<Case> out = new ArrayList<>();
        String[] blocks = Pattern.compile("^### ", Pattern.MULTILINE).split(text);
        for (int i = 1; i < blocks.length; i++) {
            String block = blocks[i];
            int nl = block.indexOf('\n');
            String name = block.substring(0, nl).strip();
            String rest = "\n" + block.substring(nl + 1);
            String tpl;
            String values = "{}";
            int v = rest.indexOf("\n--- values\n");
            if (v >= 0) {
                tpl = rest.substring(1, v + 1);
                values = rest.substring(v + "\n--- values\n".length()).strip();
            } else {
                tpl = rest.substring(1);
            }
            if (tpl.endsWith("\n")) {
                tpl = tpl.substring(0, tpl.length() - 1);
            }
            out.add(new Case(name, tpl, values));
        }
        return out;
    }

    static String resource(String path) throws IOException {
        try (InputStream in = GoTemplateConformanceTest.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** JSON to the template data model, with every number a float64 as Helm's values are. */
    static Object toData(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), toData(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(c -> l.add(toData(c)));
            return l;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNull()) {
            return null;
        }
        return n.textValue();
    }

    /** Helm's cleanupParseError: "parse error at (LOCATION): LAST-MESSAGE". */
    static String helmParseError(String goMessage) {
        String[] tokens = goMessage.split(": ");
        return "parse error at (" + tokens[1] + "): " + tokens[tokens.length - 1];
    }

    @TestFactory
    Stream<DynamicTest> casesMatchGo() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                String out = resource("template/expected/" + c.name() + ".out");
                String err = resource("template/expected/" + c.name() + ".err");
                assertTrue(out != null || err != null, "no recorded expectation for " + c.name());
                Object data = toData(json.readTree(c.values()));
                Templates t;
                try {
                    t = Templates.builder().missingKey(MissingKey.ZERO).add(NAME, c.template()).build();
                } catch (TemplateException e) {
                    if (err == null) {
                        fail("unexpected parse error: " + e.getMessage());
                    }
                    assertEquals(err, helmParseError(e.getMessage()));
                    return;
                }
                try {
                    String got = t.render(NAME, data);
                    if (out == null) {
                        fail("expected error " + err + " but rendered " + got);
                    }
                    assertEquals(out, got);
                } catch (TemplateException e) {
                    if (err == null) {
                        fail("unexpected error: " + e.getMessage());
                    }
                    assertEquals(err, e.getMessage());
                }
            }));
        }
        return tests.stream();
    }

    static final Pattern UNUSED = Pattern.compile("x");

    static Matcher unused() {
        return UNUSED.matcher("");
    }
}
