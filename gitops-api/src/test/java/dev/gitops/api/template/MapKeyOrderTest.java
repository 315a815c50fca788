package dev.gitops.api.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Maps with non-string keys are ranged and printed in Go's fmtsort order (Go 1.21+ text/template and fmt). */
class MapKeyOrderTest {

    /** A struct key {A string; B int}: fmtsort compares field by field. */
    record Key(String a, int b) implements GoObject, Comparable<Key> {
        @Override
        public String goTypeName() {
            return "main.Key";
        }

        @Override
        public boolean hasField(String name) {
            return name.equals("A") || name.equals("B");
        }

        @Override
        public Object field(String name) {
            return name.equals("A") ? a : b;
        }

        @Override
        public int compareTo(Key o) {
            int d = GoValues.compareMapKeys(a, o.a);
            return d != 0 ? d : Integer.compare(b, o.b);
        }

        @Override
        public String goString() {
            return "{" + a + " " + b + "}";
        }
    }

    private static String render(String t, Object data) {
        return Templates.builder().add("t", t).build().render("t", data);
    }

    @Test
    void structKeys() {
        Map<Object, Object> m = new HashMap<>();
        m.put(new Key("b", 1), "x");
        m.put(new Key("a", 10), "y");
        m.put(new Key("a", 2), "z");
        assertEquals("a/2=z a/10=y b/1=x ", render("{{ range $k, $v := . }}{{ $k.A }}/{{ $k.B }}={{ $v }} {{ end }}", m));
        assertEquals("map[{a 2}:z {a 10}:y {b 1}:x]", render("{{ . }}", m));
    }

    @Test
    void integerKeysNumerically() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(10, "ten");
        m.put(9, "nine");
        m.put(-1, "minus");
        assertEquals("-1 9 10 ", render("{{ range $k, $_ := . }}{{ $k }} {{ end }}", m));
        assertEquals("map[-1:minus 9:nine 10:ten]", render("{{ . }}", m));
    }

    @Test
    void stringKeysByUtf8Bytes() {
        Map<String, Object> m = new HashMap<>();
        m.put("\ud83d\ude00", 1); // U+1F600 sorts after U+FF61 in UTF-8, before it in UTF-16
        m.put("\uff61", 2);
        m.put("B", 3);
        assertEquals("B \uff61 \ud83d\ude00 ", render("{{ range $k, $_ := . }}{{ $k }} {{ end }}", m));
        assertTrue(GoValues.compareMapKeys(null, "a") < 0);
        assertTrue(GoValues.compareMapKeys(false, true) < 0);
        assertTrue(GoValues.compareMapKeys(1.5, 2.0) < 0);
    }
}
