package dev.gitops.api.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    static final TemplateFunction UPPER = TemplateFunction.of((c, a) -> ((String) a[0]).toUpperCase(),
            ParamType.STRING);

    @Test
    void customFunctionsAndTypedParameters() {
        Templates t = Templates.builder().function("upper", UPPER)
                .function("repeat", TemplateFunction.of((c, a) -> ((String) a[1]).repeat((Integer) a[0]),
                        ParamType.INT, ParamType.STRING))
                .add("a", "{{ .n | upper }} {{ repeat 2 \"ab\" }} {{ \"x\" | repeat 3 }}")
                .add("b", "{{ repeat .f \"x\" }}")
                .add("c", "{{ upper .missing }}")
                .add("d", "{{ .missing | upper }}")
                .missingKey(MissingKey.ZERO).build();
        assertEquals("ANN abab xxx", t.render("a", Map.of("n", "ann")));
        TemplateException e = assertThrows(TemplateException.class, () -> t.render("b", Map.of("f", 2.0)));
        assertEquals("template: b:1:10: executing \"b\" at <.f>: wrong type for value; expected int; got float64",
                e.getMessage());
        assertEquals("template: c:1:9: executing \"c\" at <.missing>: wrong type for value; expected string; "
                + "got interface {}", assertThrows(TemplateException.class, () -> t.render("c", Map.of()))
                        .getMessage());
        assertEquals("template: d:1:14: executing \"d\" at <upper>: invalid value; expected string",
                assertThrows(TemplateException.class, () -> t.render("d", Map.of())).getMessage());
    }

    @Test
    void functionFailuresAreReportedLikeGo() {
        Templates t = Templates.builder()
                .function("boom", TemplateFunction.of((c, a) -> {
                    throw new IllegalStateException("it broke");
                }))
                .add("x", "a\n {{ boom }}").build();
        TemplateException e = assertThrows(TemplateException.class, () -> t.render("x", null));
        assertEquals("template: x:2:4: executing \"x\" at <boom>: error calling boom: it broke", e.getMessage());
        assertEquals(2, e.origin().orElseThrow().line());
    }

    @Test
    void missingKeyModes() {
        String text = "[{{ .a }}]";
        assertEquals("[<no value>]", Templates.builder().add("t", text).build().render("t", Map.of()));
        assertEquals("[<no value>]", Templates.builder().add("t", text).missingKey(MissingKey.ZERO).build()
                .render("t", Map.of()));
        TemplateException e = assertThrows(TemplateException.class,
                () -> Templates.builder().add("t", text).missingKey(MissingKey.ERROR).build().render("t", Map.of()));
        assertEquals("template: t:1:4: executing \"t\" at <.a>: map has no entry for key \"a\"", e.getMessage());
        // default mode: a missing intermediate key yields no value rather than a nil-pointer error
        assertEquals("<no value>", Templates.builder().add("t", "{{ .a.b }}").build().render("t", Map.of()));
    }

    @Test
    void withTemplateDerivesWithoutChangingTheOriginal() {
        Templates base = Templates.builder().add("main", "{{ define \"d\" }}base{{ end }}{{ template \"d\" }}")
                .build();
        Templates derived = base.withTemplate("extra", "{{ define \"d\" }}derived{{ end }}");
        assertEquals("base", base.render("main", null));
        assertEquals("derived", derived.render("main", null));
        assertTrue(derived.has("extra"));
        assertTrue(!base.has("extra"));
        // an empty redefinition never replaces a non-empty one
        assertEquals("base", base.withTemplate("e", "{{ define \"d\" }} {{ end }}").render("main", null));
    }

    @Test
    void functionsCanRenderOtherTemplates() {
        Templates t = Templates.builder()
                .function("include", TemplateFunction.of((c, a) -> c.execute((String) a[0], a[1]), ParamType.STRING,
                        ParamType.ANY))
                .add("t", "{{ define \"x\" }}<{{ . }}>{{ end }}{{ include \"x\" 1 | printf \"%s!\" }}").build();
        assertEquals("<1>!", t.render("t", null));
    }

    @Test
    void unknownTemplateIsAnError() {
        Templates t = Templates.builder().name("root").build();
        assertEquals("template: no template \"x\" associated with template \"root\"",
                assertThrows(TemplateException.class, () -> t.render("x", null)).getMessage());
    }

    @Test
    void parseOnceRenderConcurrently() throws Exception {
        Templates t = Templates.builder()
                .add("t", "{{ range $i, $v := .l }}{{ $i }}{{ $v }}{{ end }}{{ $x := .n }}{{ $x }}").build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> fs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                fs.add(pool.submit(() -> {
                    Map<String, Object> data = new HashMap<>();
                    data.put("l", List.of("a", "b"));
                    data.put("n", n);
                    return t.render("t", data).equals("0a1b" + n);
                }));
            }
            for (Future<Boolean> f : fs) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
