package dev.gitops.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.patch.internal.Json;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round-trip properties of the patch engines on generated maps (without lists). */
class PatchProperties {

    @Property(tries = 300)
    void smpTwoWayRoundTrips(@ForAll("docs") ObjectNode a, @ForAll("docs") ObjectNode b) {
        StrategicMergePatch smp = StrategicMergePatch.of(PatchSchema.empty());
        JsonNode patch = smp.createTwoWay(a, b);
        assertSameJson(b, smp.apply(a, patch));
    }

    @Property(tries = 300)
    void jsonMergePatchTwoWayRoundTrips(@ForAll("docs") ObjectNode a, @ForAll("docs") ObjectNode b) {
        assertSameJson(b, JsonMergePatch.apply(a, JsonMergePatch.createTwoWay(a, b)));
    }

    @Property(tries = 300)
    void threeWayConvergesWhenLiveOnlyAddsFields(@ForAll("docs") ObjectNode lastApplied,
            @ForAll("docs") ObjectNode desired) {
        // live = last applied plus a field nobody declared: the three-way patch reaches desired + that field
        ObjectNode live = lastApplied.deepCopy();
        live.put("zz-server-only", "x");
        StrategicMergePatch smp = StrategicMergePatch.of(PatchSchema.empty());
        ThreeWayPatch.Created p = (ThreeWayPatch.Created) smp.createThreeWay(lastApplied, desired, live, true);
        ObjectNode expected = desired.deepCopy();
        expected.put("zz-server-only", "x");
        assertSameJson(expected, smp.apply(live, p.patch()));
    }

    @Property(tries = 200)
    void patchOfEqualDocumentsIsEmpty(@ForAll("docs") ObjectNode a) {
        StrategicMergePatch smp = StrategicMergePatch.of(PatchSchema.empty());
        if (!smp.createTwoWay(a, a.deepCopy()).isEmpty()) {
            throw new AssertionError("non-empty patch for equal documents");
        }
    }

    private static void assertSameJson(JsonNode expected, JsonNode actual) {
        if (!Json.equal(expected, actual)) {
            throw new AssertionError("expected " + expected + " but was " + actual);
        }
    }

    @Provide
    Arbitrary<ObjectNode> docs() {
        return doc(3);
    }

    private Arbitrary<ObjectNode> doc(int depth) {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "d");
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(3).map(Json.F::textNode),
                Arbitraries.integers().between(-3, 3).map(Json.F::numberNode),
                Arbitraries.of(true, false).map(Json.F::booleanNode));
        Arbitrary<JsonNode> values = depth <= 0 ? scalars
                : Arbitraries.oneOf(scalars, scalars, Arbitraries.lazy(() -> doc(depth - 1)).map(o -> o));
        return Arbitraries.maps(keys, values).ofMaxSize(4).map(PatchProperties::toObject);
    }

    private static ObjectNode toObject(Map<String, JsonNode> m) {
        ObjectNode o = Json.object();
        m.forEach(o::set);
        return o;
    }
}
