package dev.gitops.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of {@link GoJson}: valid JSON that reads back to the value, Go's escaping classes, sorted keys. */
class GoJsonProperties {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Provide
    Arbitrary<String> anyChars() {
        return Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(40);
    }

    /** Strings Go can hold as valid UTF-8 (no lone surrogates; pairs included). */
    @Provide
    Arbitrary<String> validChars() {
        return Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff')
                .withChars('\u2028', '<', '&', '\b', '\f').ofMaxLength(20)
                .flatMap(s -> Arbitraries.of("", "\ud83d\ude00").map(e -> s + e));
    }

    /** What Go reads back: each lone surrogate (invalid UTF-8 in Go) becomes U+FFFD. */
    private static String sanitized(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '\ufffd' : c);
            }
        }
        return sb.toString();
    }

    @Property
    void quotedStringsReadBack(@ForAll("anyChars") String s) throws Exception {
        for (GoJson enc : List.of(GoJson.standard(), GoJson.builder().escapeHtml(false).build())) {
            String q = enc.quote(s);
            assertEquals(sanitized(s), MAPPER.readTree(q).textValue());
            String body = q.substring(1, q.length() - 1);
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                assertTrue(c >= 0x20 && c != '\u2028' && c != '\u2029' && !Character.isSurrogate(c)
                        || Character.isSurrogate(c) && sanitized(s).indexOf(c) >= 0, "raw char in " + q);
                if (enc.escapeHtml()) {
                    assertTrue(c != '<' && c != '>' && c != '&', "HTML char in " + q);
                }
            }
            assertTrue(!body.contains("\\u0008") && !body.contains("\\u000c"), "Go 1.22 short escapes: " + q);
        }
    }

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(validChars().map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.doubles().between(-1e30, 1e30).map(d -> (Object) d));
        return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(validChars(), inner).ofMaxSize(4).map(m -> (Object) m)), 3);
    }

    @Property(tries = 300)
    void marshalledValuesReadBackInEveryLayout(@ForAll("values") Object v) throws Exception {
        JsonNode compact = MAPPER.readTree(GoJson.standard().marshal(v));
        JsonNode pretty = MAPPER.readTree(GoJson.builder().indent("", "  ").escapeHtml(false).build().marshal(v));
        assertEquals(compact, pretty);
        assertSortedKeys(compact);
        assertEquals(GoJson.standard().marshal(v), GoJson.standard().marshal(compact),
                "the JSON tree marshals like the Java value");
    }

    private static void assertSortedKeys(JsonNode n) {
        if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(GoJson.KEY_ORDER);
            assertEquals(sorted, keys);
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                assertSortedKeys(e.getValue());
            }
        } else if (n.isArray()) {
            n.forEach(GoJsonProperties::assertSortedKeys);
        }
    }
}
