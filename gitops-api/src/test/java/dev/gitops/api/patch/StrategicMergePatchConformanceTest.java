package dev.gitops.api.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.gitops.api.patch.internal.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every strategic-merge-patch case of {@code conformance/patch/smp} (the apimachinery test tables): create
 * two-way and three-way, apply, conflicts, sorting, exact number formatting and unknown fields.
 */
class StrategicMergePatchConformanceTest {

    private static final Logger LOG = LoggerFactory.getLogger(StrategicMergePatchConformanceTest.class);
    private static final Map<String, AtomicInteger> PASSED = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicTest> smpCases() {
        Path dir = Conformance.dir("patch/smp");
        TablePatchSchemas schemas = TablePatchSchemas.parse(Conformance.read(dir.resolve("_schema.json")));
        List<Path> files = Conformance.files(dir, "[!_]*.json");
        assertEquals(176, files.size(), "number of SMP cases");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            JsonNode c = Conformance.read(f);
            PatchSchema schema = schemas.type(c.get("schemaType").asText()).orElseThrow();
            run(c, StrategicMergePatch.of(schema));
            PASSED.computeIfAbsent(c.get("kind").asText(), k -> new AtomicInteger()).incrementAndGet();
        }));
    }

    /**
     * The same cases with the schema given as an OpenAPI 3 document (derived here from the table, in the way
     * Kubernetes publishes {@code x-kubernetes-patch-strategy} / {@code x-kubernetes-patch-merge-key}), read by
     * {@link OpenApiPatchSchemas#strict}.
     */
    @TestFactory
    Stream<DynamicTest> smpCasesWithOpenApiSchema() {
        Path dir = Conformance.dir("patch/smp");
        JsonNode table = Conformance.read(dir.resolve("_schema.json"));
        OpenApiPatchSchemas openApi = OpenApiPatchSchemas.strict(toOpenApi(table));
        List<Path> files = Conformance.files(dir, "[!_]*.json");
        return files.stream().map(f -> DynamicTest.dynamicTest("openapi " + f.getFileName(), () -> {
            JsonNode c = Conformance.read(f);
            String type = table.path("typeAliases").path(c.get("schemaType").asText()).asText();
            run(c, StrategicMergePatch.of(openApi.type(type).orElseThrow()));
        }));
    }

    private static JsonNode toOpenApi(JsonNode table) {
        com.fasterxml.jackson.databind.node.ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.0");
        com.fasterxml.jackson.databind.node.ObjectNode schemas = doc.putObject("components").putObject("schemas");
        table.get("types").fields().forEachRemaining(t -> {
            com.fasterxml.jackson.databind.node.ObjectNode props = schemas.putObject(t.getKey()).put("type", "object")
                    .putObject("properties");
            t.getValue().fields().forEachRemaining(f -> {
                JsonNode def = f.getValue();
                com.fasterxml.jackson.databind.node.ObjectNode p = props.putObject(f.getKey());
                String elem = def.path("elem").asText("");
                boolean named = table.get("types").has(elem);
                switch (def.get("kind").asText()) {
                    case "list" -> {
                        p.put("type", "array");
                        if (named) {
                            p.putObject("items").putArray("allOf").addObject()
                                    .put("$ref", "#/components/schemas/" + elem);
                        } else {
                            p.putObject("items").put("type", "integer");
                        }
                    }
                    case "struct" -> p.putArray("allOf").addObject().put("$ref", "#/components/schemas/" + elem);
                    case "map" -> p.put("type", "object").putObject("additionalProperties").put("type", "string");
                    case "opaque" -> p.put("type", "object");
                    default -> p.put("type", "string");
                }
                if (def.path("patchStrategy").size() > 0) {
                    List<String> st = new java.util.ArrayList<>();
                    def.get("patchStrategy").forEach(x -> st.add(x.asText()));
                    p.put("x-kubernetes-patch-strategy", String.join(",", st));
                }
                if (def.hasNonNull("mergeKey")) {
                    p.put("x-kubernetes-patch-merge-key", def.get("mergeKey").asText());
                }
            });
        });
        return doc;
    }

    @AfterAll
    static void summary() {
        int total = PASSED.values().stream().mapToInt(AtomicInteger::get).sum();
        LOG.warn("strategic merge patch conformance: {} cases passed {}", total, new TreeMap<>(PASSED));
    }

    private static JsonNode doc(JsonNode c, String field) {
        JsonNode n = c.get(field);
        return n == null || n.isNull() ? Json.object() : n;
    }

    static void run(JsonNode c, StrategicMergePatch smp) {
        String kind = c.get("kind").asText();
        String compare = c.get("compare").asText();
        switch (kind) {
            case "sort" -> assertSame(smp, compare, c.get("sorted"), smp.sortMergeLists(doc(c, "original")), "sorted");
            case "apply", "applyRaw" -> {
                if (c.hasNonNull("expectedError")) {
                    String expected = c.get("expectedError").asText();
                    try {
                        JsonNode r = smp.apply(doc(c, "original"), doc(c, "twoWay"));
                        fail("expected an error containing '" + expected + "', got " + r);
                    } catch (PatchException e) {
                        assertTrue(e.getMessage().contains(expected),
                                "error '" + e.getMessage() + "' should contain '" + expected + "'");
                    }
                    return;
                }
                JsonNode expected = c.hasNonNull("twoWayResult") ? c.get("twoWayResult") : doc(c, "modified");
                assertSame(smp, compare, expected, smp.apply(doc(c, "original"), doc(c, "twoWay")), "apply");
            }
            case "create", "createRaw" -> {
                JsonNode o = doc(c, "original");
                JsonNode m = doc(c, "modified");
                if (c.has("twoWay")) {
                    JsonNode twoWay = smp.createTwoWay(o, m);
                    assertSame(smp, compare, c.get("twoWay"), twoWay, "two-way patch");
                    JsonNode expected = c.hasNonNull("twoWayResult") ? c.get("twoWayResult") : m;
                    assertSame(smp, compare, expected, smp.apply(o, twoWay), "two-way result");
                }
                if (c.has("threeWay")) {
                    JsonNode cur = doc(c, "current");
                    ThreeWayPatch tw = smp.createThreeWay(o, m, cur, false);
                    if (c.path("expectConflict").asBoolean(false)) {
                        assertInstanceOf(ThreeWayPatch.Conflict.class, tw, "expected a conflict");
                        tw = smp.createThreeWay(o, m, cur, true);
                    }
                    ThreeWayPatch.Created created = assertInstanceOf(ThreeWayPatch.Created.class, tw,
                            "unexpected conflict");
                    assertSame(smp, compare, c.get("threeWay"), created.patch(), "three-way patch");
                    if (c.has("result")) {
                        assertSame(smp, compare, c.get("result"), smp.apply(cur, created.patch()),
                                "three-way result");
                    }
                }
            }
            case "twoWayExact" -> {
                JsonNode raw = c.get("rawJSON");
                JsonNode o = Conformance.parse(raw.get("original").asText());
                JsonNode m = Conformance.parse(raw.get("modified").asText());
                JsonNode twoWay = smp.createTwoWay(o, m);
                assertEquals(raw.get("twoWay").asText(), Json.goJson(twoWay), "two-way patch bytes");
                assertEquals(raw.get("twoWayResult").asText(), Json.goJson(smp.apply(o, twoWay)),
                        "two-way result bytes");
            }
            case "unknownField" -> unknownField(c, smp);
            default -> fail("unknown case kind " + kind);
        }
    }

    private static void unknownField(JsonNode c, StrategicMergePatch smp) {
        JsonNode raw = c.get("rawJSON");
        JsonNode o = Conformance.parse(raw.get("Original").asText());
        JsonNode cur = Conformance.parse(raw.get("Current").asText());
        JsonNode m = Conformance.parse(raw.get("Modified").asText());
        String twoWayErr = c.path("expectedErrors").path("twoWay").asText("");
        String threeWayErr = c.path("expectedErrors").path("threeWay").asText("");
        try {
            JsonNode twoWay = smp.createTwoWay(o, m);
            assertEquals(raw.get("ExpectedTwoWay").asText(), Json.goJson(twoWay), "two-way patch bytes");
            assertEquals(raw.get("ExpectedTwoWayResult").asText(), Json.goJson(smp.apply(o, twoWay)),
                    "two-way result bytes");
        } catch (PatchException e) {
            assertTrue(!twoWayErr.isEmpty() && e.getMessage().contains(twoWayErr), "unexpected error " + e);
        }
        try {
            ThreeWayPatch tw = smp.createThreeWay(o, m, cur, false);
            ThreeWayPatch.Created created = assertInstanceOf(ThreeWayPatch.Created.class, tw);
            assertEquals(raw.get("ExpectedThreeWay").asText(), Json.goJson(created.patch()), "three-way bytes");
            assertEquals(raw.get("ExpectedThreeWayResult").asText(), Json.goJson(smp.apply(cur, created.patch())),
                    "three-way result bytes");
        } catch (PatchException e) {
            assertTrue(!threeWayErr.isEmpty() && e.getMessage().contains(threeWayErr), "unexpected error " + e);
        }
    }

    private static void assertSame(StrategicMergePatch smp, String compare, JsonNode expected, JsonNode actual,
            String what) {
        JsonNode e = expected == null || expected instanceof NullNode ? Json.object() : expected;
        if (compare.equals("sortMergeLists")) {
            String es = Json.goJson(smp.sortMergeLists(e));
            String as = Json.goJson(smp.sortMergeLists(actual));
            assertEquals(es, as, what);
        } else {
            assertEquals(Json.goJson(e), Json.goJson(actual), what);
        }
    }
}
