package dev.gitops.api.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.patch.internal.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** RFC 7386 examples and Kubernetes' three-way JSON merge patch and null-filter tables. */
class JsonMergePatchConformanceTest {

    @TestFactory
    Stream<DynamicTest> rfcCases() {
        Path dir = Conformance.dir("patch/mergepatch");
        JsonNode cases = Conformance.read(dir.resolve("cases.json")).get("cases");
        assertEquals(17, cases.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("id").asText(), () -> {
                assertEquals(Json.goJson(c.get("result")),
                        Json.goJson(JsonMergePatch.apply(c.get("original"), c.get("patch"))), "apply");
                if (c.path("minimalPatchReachable").asBoolean(true)) {
                    JsonNode minimal = JsonMergePatch.createTwoWay(c.get("original"), c.get("result"));
                    assertEquals(Json.goJson(c.get("minimalPatch")), Json.goJson(minimal), "minimal patch");
                    assertEquals(Json.goJson(c.get("result")),
                            Json.goJson(JsonMergePatch.apply(c.get("original"), minimal)), "minimal patch result");
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> threeWayCases() {
        Path dir = Conformance.dir("patch/mergepatch/threeway");
        List<Path> files = Conformance.files(dir, "*.json");
        assertEquals(38, files.size());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            JsonNode c = Conformance.read(f);
            if (c.get("kind").asText().equals("filterNull")) {
                JsonNode obj = c.hasNonNull("originalObj") ? c.get("originalObj") : Json.object();
                assertEquals(Json.goJson(c.get("expectedWithNull")),
                        Json.goJson(JsonMergePatch.filterNulls(obj, true)), "keep nulls");
                assertEquals(Json.goJson(c.get("expectedWithoutNull")),
                        Json.goJson(JsonMergePatch.filterNulls(obj, false)), "drop nulls");
                return;
            }
            JsonNode o = orEmpty(c.get("original"));
            JsonNode m = orEmpty(c.get("modified"));
            JsonNode cur = orEmpty(c.get("current"));
            ThreeWayPatch.Created created = assertInstanceOf(ThreeWayPatch.Created.class,
                    JsonMergePatch.createThreeWay(o, m, cur));
            assertEquals(Json.goJson(c.get("threeWay")), Json.goJson(created.patch()), "three-way patch");
            assertEquals(Json.goJson(c.get("result")), Json.goJson(JsonMergePatch.apply(cur, created.patch())),
                    "result");
        }));
    }

    private static JsonNode orEmpty(JsonNode n) {
        return n == null || n.isNull() ? Json.object() : n;
    }
}
