package dev.gitops.api.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class TemplateProperties {

    @Property
    void textWithoutDelimitersRendersToItself(@ForAll @StringLength(max = 200) String text) {
        String t = text.replace("{{", "{ {");
        assertEquals(t, Templates.builder().add("t", t).build().render("t", null));
    }

    @Property
    void stringsRoundTripThroughQuotedLiterals(@ForAll @StringLength(max = 50) String s) {
        // printf "%q" produces a Go literal that the parser reads back to the same string
        String quoted = GoFmt.sprintf("%q", s);
        if (s.chars().anyMatch(c -> Character.isSurrogate((char) c))) {
            return;
        }
        assertEquals(s, Templates.builder().add("t", "{{ " + quoted + " }}").build().render("t", null));
    }

    @Property
    void rangeOverListVisitsEveryElementInOrder(@ForAll List<@StringLength(max = 5) String> items) {
        String out = Templates.builder().add("t", "{{ range $i, $v := .l }}{{ $i }}={{ $v }};{{ end }}").build()
                .render("t", Map.of("l", items));
        StringBuilder want = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            want.append(i).append('=').append(items.get(i)).append(';');
        }
        assertEquals(want.toString(), out);
    }
}
