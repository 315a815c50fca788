package dev.gitops.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.model.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * After substitution Flux parses the object again with sigs.k8s.io/yaml (go-yaml v2's YAML 1.1 typing, then
 * JSON); the expected typing was recorded from YAMLToJSON itself (see postbuild/typing/README.md).
 */
class PostBuildTypingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String text(String name) throws IOException {
        try (InputStream in = PostBuildTypingTest.class.getResourceAsStream("/postbuild/typing/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> vars() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text("vars.properties")));
        Map<String, String> out = new TreeMap<>();
        p.forEach((k, v) -> out.put((String) k, (String) v));
        return out;
    }

    /** Numbers compare by value: the JSON text 18446744073709552000 is a float in Flux, a BigInteger to Jackson. */
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    @Test
    void substitutedScalarsAreTypedAsYamlToJsonTypesThem() throws IOException {
        Resource in = Resource.readAll(text("input.yaml"), "input.yaml").get(0);
        Resource out = PostBuildSubstitution.of(vars()).apply(in);
        JsonNode expected = JSON.readTree(text("expected.json"));
        JsonNode actual = out.content();
        for (String field : (Iterable<String>) () -> expected.path("spec").fieldNames()) {
            assertTrue(expected.path("spec").get(field).equals(BY_VALUE, actual.path("spec").path(field)),
                    () -> field + ": expected " + expected.path("spec").get(field) + ", got "
                            + actual.path("spec").path(field));
        }
        assertEquals(expected.path("spec").size(), actual.path("spec").size(), actual::toString);
        JsonNode spec = actual.path("spec");
        // the cases of the issue, spelled out
        assertTrue(spec.get("replicas").isIntegralNumber() && spec.get("replicas").intValue() == 2);
        assertEquals("2", spec.get("replicasQuoted").textValue(), "quoted values stay strings");
        assertEquals(true, spec.get("enabled").booleanValue(), "yes is a YAML 1.1 boolean");
        assertEquals(true, spec.get("switch").booleanValue());
        assertEquals(false, spec.get("disabled").booleanValue());
        assertEquals("yes", spec.get("quotedYes").textValue());
        assertEquals(493, spec.get("mode").intValue(), "0755 is octal");
        assertEquals("0755", spec.get("modeQuoted").textValue());
        assertTrue(spec.get("big").isDouble(), "beyond 64 bits: a float");
        assertEquals(3, spec.get("integralFloat").intValue());
        assertTrue(spec.get("integralFloat").isIntegralNumber(), "3.0 goes through JSON as 3");
        assertTrue(spec.get("untouchedIntegralFloat").isIntegralNumber(), "every field goes through JSON");
        assertEquals("2026-01-01", spec.get("date").textValue(), "timestamps stay strings");
        assertTrue(spec.get("empty").isNull());
        assertEquals("value", spec.path("labels").path("true").textValue(), "a yes key becomes \"true\"");
    }

    @Test
    void notANumberIsRefusedAsEncodingJsonRefusesIt() {
        Resource in = Resource.readAll("apiVersion: example.dev/v1\nkind: Typing\nmetadata:\n  name: t\nspec:\n"
                + "  x: ${v}\n", "t.yaml").get(0);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PostBuildSubstitution.of(Map.of("v", ".nan")).apply(in));
        assertTrue(e.getMessage().contains("json: unsupported value: NaN"), e.getMessage());
    }

    @Test
    void objectsWithoutReferencesStillGoThroughJsonWhenThereAreVariables() {
        Resource in = Resource.readAll("apiVersion: example.dev/v1\nkind: Typing\nmetadata:\n  name: t\nspec:\n"
                + "  ratio: 1.0\n  half: 0.5\n", "t.yaml").get(0);
        assertTrue(in.content().at("/spec/ratio").isDouble());
        Resource out = PostBuildSubstitution.of(Map.of("unused", "x")).apply(in);
        assertTrue(out.content().at("/spec/ratio").isIntegralNumber(), out.content()::toString);
        assertEquals(0.5, out.content().at("/spec/half").doubleValue());
        assertTrue(PostBuildSubstitution.of(Map.of()).apply(in).content().at("/spec/ratio").isDouble(),
                "no variables: nothing is substituted or re-typed");
    }
}
