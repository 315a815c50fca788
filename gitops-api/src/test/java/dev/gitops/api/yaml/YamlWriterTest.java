package dev.gitops.api.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlWriterTest {

    private final Yaml yaml = Yaml.defaults();
    private final JsonNodeFactory f = JsonNodeFactory.instance;

    private String write(String key, JsonNode v) {
        ObjectNode o = f.objectNode();
        o.set(key, v);
        return yaml.write(o);
    }

    @Test
    void quotesStringsThatWouldReadAsOtherTypes() {
        assertEquals("v: \"yes\"\n", write("v", f.textNode("yes")));
        assertEquals("v: \"on\"\n", write("v", f.textNode("on")));
        assertEquals("v: \"0755\"\n", write("v", f.textNode("0755")));
        assertEquals("v: \"1.5\"\n", write("v", f.textNode("1.5")));
        assertEquals("v: \"null\"\n", write("v", f.textNode("null")));
        assertEquals("v: \"\"\n", write("v", f.textNode("")));
        assertEquals("v: \"2021-01-01\"\n", write("v", f.textNode("2021-01-01")));
        assertEquals("v: \"1:20\"\n", write("v", f.textNode("1:20")));
        assertEquals("v: '- a'\n", write("v", f.textNode("- a")));
        assertEquals("v: 'a: b'\n", write("v", f.textNode("a: b")));
        assertEquals("v: '*x'\n", write("v", f.textNode("*x")));
        assertEquals("v: ' lead'\n", write("v", f.textNode(" lead")));
        assertEquals("v: \"tab\\there\"\n", write("v", f.textNode("tab\there")));
        assertEquals("v: \"\\U0001F600\"\n", write("v", f.textNode("\uD83D\uDE00")));
        assertEquals("v: héllo\n", write("v", f.textNode("héllo")));
        assertEquals("v: it's\n", write("v", f.textNode("it's")));
        assertEquals("\"yes\": 1\n", write("yes", f.numberNode(1)));
    }

    @Test
    void numbersGoThroughTheJsonRoundTrip() {
        assertEquals("v: 1\n", write("v", f.numberNode(1.0)));
        assertEquals("v: 0.5\n", write("v", f.numberNode(0.5)));
        assertEquals("v: 1.2345675e+06\n", write("v", f.numberNode(1234567.5)));
        assertEquals("v: 1e+21\n", write("v", f.numberNode(1e21)));
        assertEquals("v: 1e-07\n", write("v", f.numberNode(1e-7)));
        assertEquals("v: 18446744073709551615\n",
                write("v", f.numberNode(new java.math.BigInteger("18446744073709551615"))));
        assertEquals("v: true\n", write("v", f.booleanNode(true)));
        assertEquals("v: null\n", write("v", f.nullNode()));
    }

    @Test
    void multiLineStringsAreLiteralBlocks() {
        assertEquals("v: |\n  a\n  b\n", write("v", f.textNode("a\nb\n")));
        assertEquals("v: |-\n  a\n\n  b\n", write("v", f.textNode("a\n\nb")));
        assertEquals("v: |+\n  a\n\n", write("v", f.textNode("a\n\n")));
        assertEquals("v: |2-\n   a\n  b\n", write("v", f.textNode(" a\nb")));
        // a line ending in a space cannot be a literal block
        assertEquals("v: \"a \\nb\"\n", write("v", f.textNode("a \nb")));
    }

    @Test
    void layoutMatchesKustomize() throws Exception {
        JsonNode n = new ObjectMapper().readTree(
                "{\"spec\":{\"containers\":[{\"name\":\"a\",\"ports\":[80,{\"p\":1}],\"args\":[]}],\"z\":{}},"
                        + "\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"list\":[[1,2],[]]}");
        String expected = "apiVersion: v1\nkind: Pod\nlist:\n- - 1\n  - 2\n- []\nspec:\n  containers:\n  - args: []\n"
                + "    name: a\n    ports:\n    - 80\n    - p: 1\n  z: {}\n";
        assertEquals(expected, yaml.write(n));
    }

    @Test
    void keysInGoYamlV2Order() {
        ObjectNode o = f.objectNode();
        for (String k : List.of("b", "a10", "a9", "_x", "B", "a-b", "ab")) {
            o.put(k, 1);
        }
        assertEquals("_x: 1\nB: 1\na-b: 1\na9: 1\na10: 1\nab: 1\nb: 1\n", yaml.write(o));
    }

    @Test
    void longPlainScalarsFoldPastColumn80() {
        String words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut"
                + " labore et dolore magna aliqua";
        String out = write("description", f.textNode(words));
        assertEquals("description: lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod\n"
                + "  tempor incididunt ut labore et dolore magna aliqua\n", out);
        assertEquals(words, yaml.readOne(out, "f.yaml").content().get("description").textValue());
    }

    @Test
    void documentsAreSeparated() {
        assertEquals("a: 1\n---\nb: 2\n", yaml.writeAll(List.of(
                f.objectNode().put("a", 1), f.objectNode().put("b", 2))));
    }
}
