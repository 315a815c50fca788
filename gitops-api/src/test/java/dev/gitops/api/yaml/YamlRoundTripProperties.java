package dev.gitops.api.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** read(write(x)) == x for generated trees, and writing is deterministic. */
class YamlRoundTripProperties {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final Yaml yaml = Yaml.defaults();

    @Property(tries = 400)
    void readOfWriteIsIdentity(@ForAll("trees") JsonNode tree) {
        String text = yaml.write(tree);
        JsonNode back = yaml.readOne(text, "p.yaml").content();
        assertEquals(tree, back, () -> "written as:\n" + text);
        assertEquals(text, yaml.write(back));
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        return Arbitraries.lazyOf(() -> objects(3)).map(n -> (JsonNode) n);
    }

    private Arbitrary<ObjectNode> objects(int depth) {
        Arbitrary<String> keys = strings().filter(s -> s.length() < 40);
        return Arbitraries.maps(keys, values(depth - 1)).ofMaxSize(5).map(m -> {
            ObjectNode o = F.objectNode();
            m.forEach(o::set);
            return o;
        });
    }

    private Arbitrary<JsonNode> values(int depth) {
        if (depth <= 0) {
            return scalars();
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, scalars()),
                net.jqwik.api.Tuple.of(1, objects(depth).map(o -> (JsonNode) o)),
                net.jqwik.api.Tuple.of(1, values(depth - 1).list().ofMaxSize(4).map(YamlRoundTripProperties::array)));
    }

    private static JsonNode array(List<JsonNode> items) {
        ArrayNode a = F.arrayNode();
        items.forEach(a::add);
        return a;
    }

    private Arbitrary<JsonNode> scalars() {
        return Arbitraries.oneOf(
                strings().map(F::textNode),
                Arbitraries.of("yes", "no", "on", "0755", "1e3", "null", "~", "", " ", "- x", "a: b", "#c", "1:20",
                        "2020-01-02", "true", ".inf", "0x1F", "a\nb", "a\n", "\n", "x\n\n", " a\nb", "\ta", "'q'",
                        "\"dq\"", "é", "\uD83D\uDE00", "---", "...", "a #b", "? x", "%x", "@x", "`x").map(F::textNode),
                Arbitraries.integers().map(i -> (JsonNode) F.numberNode(i)),
                Arbitraries.longs().filter(l -> l != (int) (long) l).map(l -> (JsonNode) F.numberNode(l)),
                Arbitraries.doubles().filter(d -> d != Math.rint(d) && Math.abs(d) < 1e15)
                        .map(d -> (JsonNode) F.numberNode(d)),
                Arbitraries.of(F.booleanNode(true), F.booleanNode(false), F.nullNode()));
    }

    private Arbitrary<String> strings() {
        // no CR / NEL / LS / PS: YAML readers normalise those line breaks, in Go as here
        return Arbitraries.strings().withCharRange(' ', '~').withChars('\n', '\t', 'é', 'ß', '中', '\u00a0')
                .ofMaxLength(120);
    }
}
