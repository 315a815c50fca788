package dev.gitops.api.json.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link JsonTrees} reads what {@code ObjectMapper.readTree} reads, node classes included. */
class JsonTreesTest {

    private static JsonNode read(String json) throws IOException {
        return JsonTrees.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertSame(JsonNode expected, JsonNode actual, String at) {
        assertEquals(expected.getClass(), actual.getClass(), at);
        assertEquals(expected, actual, at);
        if (expected.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> a = actual.fields();
            for (Iterator<Map.Entry<String, JsonNode>> e = expected.fields(); e.hasNext();) {
                Map.Entry<String, JsonNode> x = e.next();
                Map.Entry<String, JsonNode> y = a.next();
                assertEquals(x.getKey(), y.getKey(), at + " key order");
                assertSame(x.getValue(), y.getValue(), at + "/" + x.getKey());
            }
        } else if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                assertSame(expected.get(i), actual.get(i), at + "/" + i);
            }
        }
    }

    @Test
    void readsWhatObjectMapperReads() throws IOException {
        String json = "{\"b\":[1,2147483648,18446744073709551616,-0.5,1e400,true,false,null,\"s\\u00e9\"],"
                + "\"a\":{\"x\":{},\"y\":[]},\"dup\":1,\"dup\":2,\"f\":1.0}";
        assertSame(new ObjectMapper().readTree(json), read(json), "");
    }

    @Test
    void readsTheBuiltinPatchSchemaAsObjectMapperDoes() throws IOException {
        try (InputStream a = getClass().getResourceAsStream("/dev/gitops/api/patch/kubernetes-patch-schema.json");
                InputStream b = getClass().getResourceAsStream("/dev/gitops/api/patch/kubernetes-patch-schema.json")) {
            assertSame(new ObjectMapper().readTree(a), JsonTrees.read(b), "");
        }
    }

    @Test
    void rejectsTrailingContentAndBadJson() {
        assertThrows(IOException.class, () -> read("{} {}"));
        assertThrows(IOException.class, () -> read("{\"a\":}"));
        assertTrue(assertThrows(IOException.class, () -> read("[1,\n2,]")).getMessage().contains("line"));
    }

    @Test
    void emptyInputIsMissing() throws IOException {
        assertTrue(read("  ").isMissingNode());
    }
}
