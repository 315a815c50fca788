package dev.gitops.api.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Source maps of transformed objects: subtrees, renamed files, a single origin, fields placed elsewhere. */
class SourceMapTest {

    private static final SourceMap MAP = Yaml.defaults().readOne("""
            kind: List
            items:
              - kind: Service
                spec:
                  ports:
                    - port: 80
            """, "/abs/list.yaml").sourceMap();

    private static String at(SourceMap m, String pointer) {
        Origin o = m.locate(pointer).orElseThrow();
        return o.file() + ":" + o.line() + ":" + o.column() + " " + o.pointer();
    }

    @Test
    void subtreeWithFileAndAt() {
        SourceMap item = MAP.subtree("/items/0").withFile("repo/list.yaml");
        assertEquals("repo/list.yaml:6:11 /spec/ports/0", at(item, "/spec/ports/0"));
        assertEquals("repo/list.yaml:3:5 ", at(item, ""));
        assertSame(SourceMap.empty(), MAP.subtree("/items/7"));
        SourceMap pinned = SourceMap.at(new Origin("hr.yaml", 4, 1, ""));
        assertEquals("hr.yaml:4:1 /spec/x", at(pinned, "/spec/x"));
        assertTrue(SourceMap.at(Origin.of("k.yaml")).locate("/data").isEmpty());
    }

    @Test
    void placedFieldsNameTheirOwnFileAndReplaceWhatWasBelow() {
        SourceMap m = MAP.withOrigins(List.of(
                new Origin("patch.yaml", 9, 3, "/items/0/spec"),
                new Origin("patch.yaml", 12, 5, "/items/0/spec/ports/0/port"),
                new Origin("other.yaml", 2, 1, "/items/1/kind")));
        assertEquals("/abs/list.yaml:3:5 /items/0/kind", at(m, "/items/0/kind"));
        assertEquals("patch.yaml:9:3 /items/0/spec/selector", at(m, "/items/0/spec/selector"));
        assertEquals("patch.yaml:12:5 /items/0/spec/ports/0/port", at(m, "/items/0/spec/ports/0/port"));
        // /items/1 was not in the map: its way is placed at the nearest known ancestor
        assertEquals("/abs/list.yaml:2:1 /items/1", at(m, "/items/1"));
        assertEquals("other.yaml:2:1 /items/1/kind", at(m, "/items/1/kind"));
        // the original is unchanged
        assertEquals("/abs/list.yaml:6:11 /items/0/spec/ports/0/port", at(MAP, "/items/0/spec/ports/0/port"));
    }
}
