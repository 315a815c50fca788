package dev.gitops.api.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.patch.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The json-patch-tests suite (RFC 6902). */
class JsonPatchConformanceTest {

    @TestFactory
    Stream<DynamicTest> suite() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : List.of("tests.json", "spec_tests.json")) {
            JsonNode all = Conformance.read(Conformance.dir("patch/jsonpatch").resolve(file));
            for (int i = 0; i < all.size(); i++) {
                JsonNode c = all.get(i);
                if (c.path("disabled").asBoolean(false)) {
                    continue;
                }
                String name = file + "#" + i + " " + c.path("comment").asText("");
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    if (c.has("error")) {
                        assertThrows(PatchException.class,
                                () -> JsonPatch.parse(c.get("patch")).apply(c.get("doc")), c.get("error").asText());
                    } else if (c.has("expected")) {
                        JsonNode r = JsonPatch.apply(c.get("doc"), c.get("patch"));
                        assertTrue(JsonPatch.jsonEquals(c.get("expected"), r),
                                "expected " + c.get("expected") + " got " + r);
                    } else {
                        JsonPatch.apply(c.get("doc"), c.get("patch"));
                    }
                }));
            }
        }
        assertEquals(108, tests.size(), "enabled cases");
        return tests.stream();
    }

    @Test
    void errorsNameTheOperationIndexAndPath() {
        JsonNode doc = Conformance.parse("{\"a\":{\"b\":1}}");
        JsonNode patch = Conformance.parse(
                "[{\"op\":\"test\",\"path\":\"/a/b\",\"value\":1},{\"op\":\"remove\",\"path\":\"/a/c\"}]");
        JsonPatchException e = assertThrows(JsonPatchException.class, () -> JsonPatch.apply(doc, patch));
        assertEquals(1, e.opIndex());
        assertEquals("/a/c", e.path());
        assertEquals("remove", e.op());
        assertTrue(e.getMessage().contains("operation 1 (remove /a/c)"), e.getMessage());
        assertEquals("{\"a\":{\"b\":1}}", Json.goJson(doc), "input untouched");
    }
}
