package dev.gitops.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.patch.JsonMergePatch;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@link GoJson} against goldens recorded from Helm v4 and kubectl (Go >= 1.22), see resources/gojson/README.md. */
class GoJsonTest {

    private static final Path RES = Path.of("src/test/resources/gojson");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode read(Path p) throws IOException {
        return MAPPER.readTree(Files.readString(p, StandardCharsets.UTF_8));
    }

    /** Helm reads every number in values as float64. */
    private static JsonNode asFloat64(JsonNode n) {
        if (n.isNumber()) {
            return DoubleNode.valueOf(n.doubleValue());
        }
        if (n.isObject()) {
            ObjectNode o = MAPPER.createObjectNode();
            n.properties().forEach(e -> o.set(e.getKey(), asFloat64(e.getValue())));
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = MAPPER.createArrayNode();
            n.forEach(e -> a.add(asFloat64(e)));
            return a;
        }
        return n;
    }

    @TestFactory
    List<DynamicTest> helmToJsonGoldens() throws IOException {
        JsonNode values = asFloat64(read(RES.resolve("helm-toJson/values.json")));
        JsonNode expected = read(RES.resolve("helm-toJson/expected.json"));
        Map<String, GoJson> functions = new LinkedHashMap<>();
        functions.put("toJson", GoJson.standard());
        functions.put("toRawJson", GoJson.builder().escapeHtml(false).build());
        functions.put("toPrettyJson", GoJson.builder().indent("", "  ").build());
        List<DynamicTest> tests = new ArrayList<>();
        values.properties().forEach(e -> functions.forEach((fn, enc) -> {
            String key = e.getKey() + "." + fn;
            tests.add(DynamicTest.dynamicTest(key, () -> assertEquals(expected.get(key).textValue(),
                    enc.marshal(e.getValue()), key)));
        }));
        assertEquals(expected.size(), tests.size(), "every recorded output is checked");
        return tests;
    }

    @Test
    void kubectlMergePatchOutput() throws IOException {
        Path dir = RES.resolve("kubectl-merge-patch");
        JsonNode patched = JsonMergePatch.apply(read(dir.resolve("input.json")), read(dir.resolve("patch.json")));
        String out = GoJson.builder().indent("", "    ").build().marshal(patched) + "\n";
        assertEquals(Files.readString(dir.resolve("expected.json"), StandardCharsets.UTF_8), out);
    }

    @Test
    void go122ShortEscapesAndHtml() {
        assertEquals("\"a\\bb\\fc\\u0001\\u001f\u007f\"", GoJson.standard().quote("a\bb\fc\u0001\u001f\u007f"));
        assertEquals("\"\\u003c\\u0026\\u003e\\u2028\\u2029\"", GoJson.standard().quote("<&>\u2028\u2029"));
        assertEquals("\"<&>\\u2028\\u2029\"", GoJson.builder().escapeHtml(false).build().quote("<&>\u2028\u2029"));
    }

    @Test
    void loneSurrogatesAreInvalidUtf8() {
        assertEquals("\"a\\ufffdb\\ufffd\\ufffd😀\"", GoJson.standard().quote("a\ud800b\udc00\ud83d😀"));
    }

    @Test
    void keysInCodePointOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("\ud83d\ude00", 1); // U+1F600: before U+FF61 in UTF-16 order, after it in Go's byte order
        m.put("\uff61", 2);
        m.put("b", 3);
        m.put("B", 4);
        assertEquals("{\"B\":4,\"b\":3,\"\uff61\":2,\"\ud83d\ude00\":1}", GoJson.standard().marshal(m));
    }

    @Test
    void javaValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("null", null);
        m.put("list", List.of(1, 2L, new BigInteger("123456789012345678901234567890"), 0.5f, 1e21, 1e-7));
        m.put("bytes", "hi".getBytes(StandardCharsets.UTF_8));
        m.put("marshaler", (GoJson.Marshaler) () -> Map.of("k", true));
        m.put("empty", Map.of());
        m.put("emptyList", List.of());
        assertEquals("{\"bytes\":\"aGk=\",\"empty\":{},\"emptyList\":[],\"list\":[1,2,123456789012345678901234567890,"
                + "0.5,1e+21,1e-7],\"marshaler\":{\"k\":true},\"null\":null}", GoJson.standard().marshal(m));
        assertEquals("{\n>\t\"a\": [\n>\t\t1\n>\t],\n>\t\"b\": {}\n>}",
                GoJson.builder().indent(">", "\t").build().marshal(Map.of("a", List.of(1), "b", Map.of())));
    }

    @Test
    void floats() {
        assertEquals("0.000001", GoJson.formatFloat(1e-6));
        assertEquals("1e-7", GoJson.formatFloat(1e-7));
        assertEquals("100000000000000000000", GoJson.formatFloat(1e20));
        assertEquals("1e+21", GoJson.formatFloat(1e21));
        assertEquals("-0", GoJson.formatFloat(-0.0));
        UnsupportedJsonValueException e = assertThrows(UnsupportedJsonValueException.class,
                () -> GoJson.standard().marshal(List.of(Double.NaN)));
        assertEquals("json: unsupported value: NaN", e.getMessage());
        assertEquals("json: unsupported value: +Inf",
                assertThrows(UnsupportedJsonValueException.class,
                        () -> GoJson.formatFloat(Double.POSITIVE_INFINITY)).getMessage());
    }

    @Test
    void builder() {
        assertSame(GoJson.standard(), GoJson.builder().build());
        GoJson raw = GoJson.builder().escapeHtml(false).indent("", " ").compact().build();
        assertFalse(raw.escapeHtml());
        assertEquals(java.util.Optional.empty(), raw.indent());
        assertEquals("[\"<\"]", raw.marshal(Arrays.asList("<")));
    }
}
