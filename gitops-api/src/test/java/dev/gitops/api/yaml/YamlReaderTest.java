package dev.gitops.api.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.error.Origin;
import dev.gitops.api.error.YamlException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlReaderTest {

    private final Yaml yaml = Yaml.defaults();

    private JsonNode value(String scalarText) {
        return yaml.readOne("v: " + scalarText + "\n", "t.yaml").content().get("v");
    }

    @ParameterizedTest(name = "{0} stays a string")
    @CsvSource({"yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
            "'1:20'", "abc", "0x", "1.2.3", "'+'", "0b", "1e", "inf", "nan"})
    void yaml11BoolsTimestampsAndOddNumbersStayStrings(String text) {
        String t = text.startsWith("'") ? text.substring(1, text.length() - 1) : text;
        JsonNode v = value(t);
        assertTrue(v.isTextual(), t + " -> " + v);
        assertEquals(t, v.textValue());
    }

    @Test
    void goYamlV3Numbers() {
        assertEquals(493, value("0755").intValue());
        assertEquals(15, value("0o17").intValue());
        assertEquals(31, value("0x1F").intValue());
        assertEquals(5, value("0b101").intValue());
        assertEquals(1000, value("1_000").intValue());
        assertEquals(-12, value("-12").intValue());
        assertEquals(12, value("+12").intValue());
        assertEquals(new BigInteger("18446744073709551615"), value("18446744073709551615").bigIntegerValue());
        assertTrue(value("18446744073709551616").isDouble());
        assertEquals(Long.MAX_VALUE, value("9223372036854775807").longValue());
        assertEquals(0.5, value(".5").doubleValue());
        assertEquals(1000.0, value("1e3").doubleValue());
        assertTrue(value("1e3").isDouble());
        assertEquals(Double.POSITIVE_INFINITY, value(".inf").doubleValue());
        assertEquals(Double.NEGATIVE_INFINITY, value("-.Inf").doubleValue());
        assertTrue(Double.isNaN(value(".NaN").doubleValue()));
        assertTrue(value("1e400").isTextual());
    }

    @Test
    void boolsAndNulls() {
        assertTrue(value("true").booleanValue());
        assertTrue(value("True").isBoolean());
        assertTrue(value("FALSE").isBoolean());
        assertTrue(value("~").isNull());
        assertTrue(value("null").isNull());
        assertTrue(value("").isNull());
        assertTrue(value("tRue").isTextual());
    }

    @Test
    void quotedAndTaggedScalars() {
        assertEquals("123", value("\"123\"").textValue());
        assertEquals("true", value("'true'").textValue());
        assertEquals("123", value("!!str 123").textValue());
        assertEquals(42, value("!!int \"42\"").intValue());
        assertEquals(3.0, value("!!float 3").doubleValue());
        assertEquals("hello", value("!!binary aGVsbG8=").textValue());
        assertThrows(YamlException.class, () -> value("!!int abc"));
    }

    @Test
    void multiDocumentStreamsWithCommentsAndEmptyDocuments() {
        String s = "# leading comment\n---\n# only a comment\n---\na: 1\n--- # trailing comment on separator\nb: 2\n---\n";
        List<YamlDocument> docs = yaml.readAll(s, "m.yaml");
        List<JsonNode> values = yaml.readValues(s, "m.yaml");
        assertEquals(2, values.size());
        assertEquals(1, values.get(0).get("a").intValue());
        assertEquals(2, values.get(1).get("b").intValue());
        assertTrue(docs.stream().anyMatch(YamlDocument::isEmpty));
    }

    @Test
    void anchorsAliasesAndMergeKeysExpand() {
        String s = "base: &b {x: 1, y: 2}\nuse: *b\nmerged:\n  <<: *b\n  y: 3\nlist: &l [1, 2]\nagain: *l\n";
        JsonNode n = yaml.readOne(s, "a.yaml").content();
        assertEquals(n.get("base"), n.get("use"));
        assertEquals(1, n.at("/merged/x").intValue());
        assertEquals(3, n.at("/merged/y").intValue());
        assertEquals(n.get("list"), n.get("again"));
        // expanded copies are independent trees
        assertTrue(n.get("base") != n.get("use"));
    }

    @Test
    void aliasBombIsRejected() {
        StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 10; k++) {
                sb.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        YamlException e = assertThrows(YamlException.class, () -> yaml.readAll(sb.toString(), "bomb.yaml"));
        assertTrue(e.getMessage().contains("excessive aliasing"), e.getMessage());
    }

    @Test
    void duplicateKeysNameBothLines() {
        YamlException e = assertThrows(YamlException.class,
                () -> yaml.readAll("metadata:\n  name: a\n  name: b\n", "apps/dup.yaml"));
        Origin o = e.origin().orElseThrow();
        assertEquals("apps/dup.yaml", o.file());
        assertEquals(3, o.line());
        assertEquals("/metadata/name", o.pointer());
        assertEquals("apps/dup.yaml:3 /metadata/name: mapping key \"name\" already defined at line 2", e.getMessage());
    }

    @Test
    void syntaxErrorsNameFileAndLine() {
        YamlException e = assertThrows(YamlException.class, () -> yaml.readAll("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml"));
        assertEquals("bad.yaml", e.origin().orElseThrow().file());
        assertTrue(e.origin().orElseThrow().line() >= 2, e.getMessage());
    }

    @Test
    void sourceMapLocatesFieldsAndFallsBackToAncestors() {
        String s = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: three\n"
                + "  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx\n";
        YamlDocument d = yaml.readOne(s, "apps/base/web/deployment.yaml");
        assertEquals("apps/base/web/deployment.yaml:6 /spec/replicas",
                d.sourceMap().locate("/spec/replicas").orElseThrow().toString());
        assertEquals(11, d.sourceMap().locate("/spec/template/spec/containers/0/image").orElseThrow().line());
        assertEquals(5, d.sourceMap().locate("/spec/selector").orElseThrow().line());
    }

    @Test
    void invalidUtf8IsATypedError() {
        byte[] bad = {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'};
        assertThrows(YamlException.class, () -> yaml.readAll(bad, "bin.yaml"));
    }

    @Test
    void collectionKeysAreRejected() {
        assertThrows(YamlException.class, () -> yaml.readAll("? [a, b]\n: c\n", "k.yaml"));
    }
}
