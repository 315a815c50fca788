package dev.gitops.api.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.error.YamlException;
import org.junit.jupiter.api.Test;

/**
 * {@link Yaml.Builder#yamlToJsonTyping(boolean)}; the expectations were checked with sigs.k8s.io/yaml.YAMLToJSON
 * (gopkg.in/yaml.v2 typing, then encoding/json).
 */
class YamlToJsonTypingTest {

    private static final Yaml V2 = Yaml.builder().yamlToJsonTyping(true).lastDuplicateKeyWins(true).build();

    private static JsonNode read(String yaml) {
        return V2.readOne(yaml, "t.yaml").content();
    }

    @Test
    void yaml11BooleansNumbersAndJsonRoundTrip() {
        JsonNode n = read("a: yes\nb: 'yes'\nc: 0755\nd: on\ne: Off\nf: n\ng: 1.0\nh: 1e3\ni: 0x1F\nj: 2026-01-01\n"
                + "k: ~\nl: 1_000\nm: 18446744073709551615\nn2: 0.25\n");
        assertEquals(true, n.get("a").booleanValue());
        assertEquals("yes", n.get("b").textValue());
        assertEquals(493, n.get("c").intValue());
        assertEquals(true, n.get("d").booleanValue());
        assertEquals(false, n.get("e").booleanValue());
        assertEquals(false, n.get("f").booleanValue());
        assertTrue(n.get("g").isIntegralNumber());
        assertEquals(1000, n.get("h").intValue());
        assertTrue(n.get("h").isIntegralNumber());
        assertEquals(31, n.get("i").intValue());
        assertEquals("2026-01-01", n.get("j").textValue());
        assertTrue(n.get("k").isNull());
        assertEquals(1000, n.get("l").intValue());
        assertEquals("18446744073709551615", n.get("m").bigIntegerValue().toString());
        assertEquals(0.25, n.get("n2").doubleValue());
    }

    @Test
    void typedKeysBecomeTheirJsonText() {
        JsonNode n = read("yes: a\nn: b\n010: c\nplain: d\n");
        assertEquals("a", n.get("true").textValue());
        assertEquals("b", n.get("false").textValue());
        assertEquals("c", n.get("8").textValue());
        assertEquals("d", n.get("plain").textValue());
    }

    @Test
    void notANumberCannotBeJson() {
        YamlException e = assertThrows(YamlException.class, () -> read("a: .nan\n"));
        assertTrue(e.getMessage().contains("json: unsupported value: NaN"), e.getMessage());
    }

    @Test
    void theDefaultReaderKeepsGoYamlV3Typing() {
        JsonNode n = Yaml.defaults().readOne("a: yes\ng: 1.0\n", "t.yaml").content();
        assertEquals("yes", n.get("a").textValue());
        assertTrue(n.get("g").isDouble());
    }
}
