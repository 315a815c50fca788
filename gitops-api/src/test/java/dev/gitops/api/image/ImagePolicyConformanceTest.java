package dev.gitops.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.testing.SharedConformance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every vector of fluxcd/image-reflector-controller's policy tests ({@code conformance/imagepolicy}). */
class ImagePolicyConformanceTest {

    private static Stream<DynamicTest> each(String file, String group, java.util.function.Consumer<JsonNode> body) {
        JsonNode arr = SharedConformance.json("imagepolicy", file).get(group);
        if (arr == null || arr.isEmpty()) {
            throw new AssertionError(file + " has no " + group);
        }
        List<DynamicTest> out = new ArrayList<>();
        int i = 0;
        for (JsonNode v : arr) {
            out.add(DynamicTest.dynamicTest(file + " " + group + "#" + (i++) + " " + v.path("label").asText()
                    + SharedConformance.where(v), () -> body.accept(v)));
        }
        return out.stream();
    }

    static TagPolicy policy(JsonNode p) {
        if (p.has("semver")) {
            return TagPolicy.semver(p.get("semver").get("range").asText());
        } else if (p.has("alphabetical")) {
            return TagPolicy.alphabetical(p.get("alphabetical").get("order").asText());
        } else {
            return TagPolicy.numerical(p.get("numerical").get("order").asText());
        }
    }

    @TestFactory
    Stream<DynamicTest> construct() {
        return Stream.of("semver.json", "alphabetical.json", "numerical.json").flatMap(f -> each(f, "construct", v -> {
            if (v.get("valid").asBoolean()) {
                policy(v.get("policy"));
            } else {
                assertThrows(InvalidInputException.class, () -> policy(v.get("policy")));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> latest() {
        return Stream.of("semver.json", "alphabetical.json", "numerical.json").flatMap(f -> each(f, "latest", v -> {
            ImagePolicy p = ImagePolicy.builder().policy(policy(v.get("policy"))).build();
            List<String> tags = new ArrayList<>();
            v.get("tags").forEach(t -> tags.add(t.asText()));
            List<List<String>> orders = new ArrayList<>();
            orders.add(tags);
            if (v.path("order_insensitive").asBoolean()) {
                for (int seed = 0; seed < 5; seed++) {
                    List<String> shuffled = new ArrayList<>(tags);
                    Collections.shuffle(shuffled, new Random(seed));
                    orders.add(shuffled);
                }
            }
            for (List<String> order : orders) {
                Selection s = p.select(order);
                if (v.get("expect").has("error")) {
                    assertInstanceOf(Selection.NotSelected.class, s, () -> "for " + order);
                } else {
                    assertEquals(new Selection.Selected(v.get("expect").get("latest").asText()), s,
                            () -> "for " + order);
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> filterItems() {
        return each("filter.json", "filter_items", v -> {
            JsonNode ft = v.get("filterTags");
            TagFilter f = TagFilter.of(ft.get("pattern").asText(), ft.get("extract").asText());
            List<String> tags = new ArrayList<>();
            v.get("tags").forEach(t -> tags.add(t.asText()));
            List<String> items = new ArrayList<>(f.apply(tags).keySet());
            Collections.sort(items);
            List<String> expected = new ArrayList<>();
            v.get("expect").get("items_sorted").forEach(t -> expected.add(t.asText()));
            assertEquals(expected, items);
        });
    }
}
