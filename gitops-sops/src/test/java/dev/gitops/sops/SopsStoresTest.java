package dev.gitops.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.Origin;
import dev.gitops.sops.internal.ParsedFile;
import dev.gitops.sops.internal.Stores;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Store parsing rules of spec §2 (plaintext side). */
class SopsStoresTest {

    static ParsedFile parse(String s, Format f) {
        return Stores.parse(s.getBytes(StandardCharsets.UTF_8), f, Origin.of("f"));
    }

    static String tree(String s, Format f) {
        return TreeJson.of(parse(s, f).branches()).toString();
    }

    @Test
    void yamlRules() {
        SopsException.Malformed dup = assertThrows(SopsException.Malformed.class,
                () -> parse("a: 1\nb:\n  c: 1\n  c: 2\n", Format.YAML));
        assertEquals("f:4 /b/c: mapping key \"c\" already defined", dup.getMessage());
        // duplicates are only checked in the first document, as sops does
        assertEquals(2, parse("a: 1\n---\nb: 1\nb: 2\n", Format.YAML).branches().size());
        assertThrows(SopsException.Malformed.class, () -> parse("1: x\n", Format.YAML));
        assertThrows(SopsException.Malformed.class, () -> parse("- a\n- b\n", Format.YAML));
        assertEquals("[{\"$map\":[]}]", tree("---\n", Format.YAML));
        // aliases are expanded, the merge key stays a plain key
        assertEquals("[{\"$map\":[[\"a\",{\"$map\":[[\"x\",1]]}],[\"b\",{\"$map\":[[\"<<\",{\"$map\":[[\"x\",1]]}]]}]]}]",
                tree("a: &x {x: 1}\nb: {<<: *x}\n", Format.YAML));
        // comments become items; the space after # is kept; line comments come before their item
        assertEquals("[{\"$map\":[[{\"$comment\":\" head\"},null],[{\"$comment\":\" line\"},null],[\"k\",\"v\"]]}]",
                tree("# head\nk: v # line\n", Format.YAML));
        // quoted and tagged scalars are strings
        assertEquals("[{\"$map\":[[\"a\",\"1\"],[\"b\",\"true\"],[\"c\",1.5E0]]}]".replace("1.5E0", "{\"$float\":\"1.5\"}"),
                tree("a: '1'\nb: !!str true\nc: !!float 1.5\n", Format.YAML));
    }

    @Test
    void jsonRules() {
        assertEquals("[{\"$map\":[[\"a\",1],[\"a\",2],[\"f\",{\"$float\":\"7\"}],[\"big\",{\"$float\":\"18446744073709552000\"}]]}]",
                tree("{\"a\": 1, \"a\": 2, \"f\": 7.0, \"big\": 18446744073709551616}", Format.JSON));
        assertThrows(SopsException.Malformed.class, () -> parse("[1]", Format.JSON));
        assertThrows(SopsException.Malformed.class, () -> parse("{\"a\": ", Format.JSON));
    }

    @Test
    void jsonEmitIsGoEncodingJson() {
        // sops' JSON store: json.Marshal of keys and scalar values (HTML escaping on; sops is built with Go >= 1.22,
        // so \b and \f are short escapes), json.Indent with a tab, a final newline; floats in Go's json format
        String in = "{\"k<&>\": \"a\\bb\\fc\\u0001\\u2028<script>&\u00e9\", \"f\": 1e-7, \"g\": 1e21, "
                + "\"h\": 0.000001, \"l\": [], \"m\": {}, \"n\": null, \"t\": true}";
        byte[] out = Stores.emit(parse(in, Format.JSON).branches(), java.util.Map.of(), Format.JSON);
        assertEquals("{\n\t\"k\\u003c\\u0026\\u003e\": \"a\\bb\\fc\\u0001\\u2028\\u003cscript\\u003e\\u0026\u00e9\",\n"
                + "\t\"f\": 1e-7,\n\t\"g\": 1e+21,\n\t\"h\": 0.000001,\n\t\"l\": [],\n\t\"m\": {},\n"
                + "\t\"n\": null,\n\t\"t\": true\n}\n", new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void dotenvRules() {
        assertEquals("[{\"$map\":[[\"foo \",\" bar\"],[{\"$comment\":\" c\"},null],[\"q\",\"\\\"x\\\"\"],"
                + "[\"crlf\",\"v\\r\"],[\"nl\",\"a\\nb\"],[\"eq\",\"a=b\"]]}]",
                tree("foo = bar\n# c\nq=\"x\"\n\ncrlf=v\r\nnl=a\\nb\neq=a=b\n", Format.DOTENV));
        SopsException.Malformed e = assertThrows(SopsException.Malformed.class,
                () -> parse("ok=1\nnot a pair\n", Format.DOTENV));
        assertEquals("f:2: invalid dotenv input line (no '=')", e.getMessage());
    }

    /** Spec §2.5: a comment above a section is the section's first item, a comment above a key comes after it. */
    @Test
    void iniRules() {
        assertEquals("[{\"$map\":[[\"DEFAULT\",{\"$map\":[[\"top\",\"1\"]]}],[\"Welcome!\",{\"$map\":["
                + "[{\"$comment\":\"above section\"},null],[\"k\",\"v\"],[\"j\",\"multi\\nline\"],"
                + "[{\"$comment\":\"above j\"},null]]}]]}]",
                tree("top = 1\n; above section\n[Welcome!]\nk = v\n# above j\nj = \"\"\"multi\nline\"\"\"\n",
                        Format.INI));
    }

    @Test
    void formatFromPath() {
        assertEquals(Format.YAML, Format.fromPath("a/b.enc.yml"));
        assertEquals(Format.DOTENV, Format.fromPath(".env"));
        assertEquals(Format.BINARY, Format.fromPath("secret.txt"));
        assertTrue(List.of(Format.values()).contains(Format.parse("ini")));
    }
}
