package dev.gitops.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.yaml.snakeyaml.Yaml;

/** Invariants of the setters rewrite on generated files. */
class ImageUpdaterProperties {

    record Field(String key, String style, String value, String marker, boolean blankAfter) {}

    record Doc(List<Field> fields, String eol) {
        String render() {
            StringBuilder sb = new StringBuilder("kind: ConfigMap" + eol + "data:" + eol);
            for (Field f : fields) {
                String v = switch (f.style()) {
                    case "'" -> "'" + f.value() + "'";
                    case "\"" -> "\"" + f.value() + "\"";
                    default -> f.value();
                };
                sb.append("  ").append(f.key()).append(": ").append(v);
                if (!f.marker().isEmpty()) {
                    sb.append(" # {\"$imagepolicy\": \"").append(f.marker()).append("\"}");
                }
                sb.append(eol);
                if (f.blankAfter()) {
                    sb.append("  # a comment").append(eol).append(eol);
                }
            }
            return sb.toString();
        }
    }

    @Provide
    Arbitrary<Doc> docs() {
        Arbitrary<String> value = Arbitraries.of("repo/app:1.0", "1.9", "v2", "yes", "x:y", "0x1F", "2024-01-01");
        Arbitrary<String> marker = Arbitraries.of("", "", "ns:app", "ns:app:tag", "ns:app:name", "other:app", "ns:nope");
        Arbitrary<Field> field = Combinators.combine(Arbitraries.of("'", "\"", ""), value, marker,
                Arbitraries.of(true, false)).as((s, v, m, b) -> new Field("", s, v, m, b));
        return Combinators.combine(field.list().ofMinSize(1).ofMaxSize(8), Arbitraries.of("\n", "\r\n"))
                .as((fs, eol) -> {
                    List<Field> keyed = new ArrayList<>();
                    for (int i = 0; i < fs.size(); i++) {
                        Field f = fs.get(i);
                        keyed.add(new Field("k" + i, f.style(), f.value(), f.marker(), f.blankAfter()));
                    }
                    return new Doc(keyed, eol);
                });
    }

    @Property(tries = 300)
    void onlyMarkedValuesChangeAndEverythingElseIsKept(@ForAll("docs") Doc doc,
            @ForAll("tags") String tag) {
        ImageRef latest = new ImageRef("reg.example/app", tag, "");
        ImageUpdater u = ImageUpdater.builder().namespace("ns").policy("app", latest).build();
        String before = doc.render();
        ManifestFiles files = ManifestFiles.inMemory(Map.of("cm.yaml", before.getBytes(StandardCharsets.UTF_8)));
        u.update(files);
        String after = new String(files.read("cm.yaml"), StandardCharsets.UTF_8);

        Map<String, Object> expected = new LinkedHashMap<>();
        for (Field f : doc.fields()) {
            String v = switch (f.marker()) {
                case "ns:app" -> latest.toString();
                case "ns:app:tag" -> tag;
                case "ns:app:name" -> latest.name();
                default -> null;
            };
            expected.put(f.key(), v);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> parsedAfter = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(after)).get("data");
        @SuppressWarnings("unchecked")
        Map<String, Object> parsedBefore = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(before)).get("data");
        for (Field f : doc.fields()) {
            // a value that already equals the new one is left as it was (only changed values are rewritten)
            boolean unchanged = f.value().equals(expected.get(f.key()));
            Object want = expected.get(f.key()) != null && !unchanged ? expected.get(f.key()) : parsedBefore.get(f.key());
            assertEquals(want, parsedAfter.get(f.key()), f.key() + " in\n" + after);
        }
        // every line without a changed value is byte-identical
        String[] b = before.split("\n", -1);
        String[] a = after.split("\n", -1);
        assertEquals(b.length, a.length);
        for (int i = 0; i < b.length; i++) {
            if (!b[i].contains("\"ns:app")) {
                assertEquals(b[i], a[i]);
            } else {
                int hash = b[i].indexOf(" # {");
                assertEquals(b[i].substring(hash), a[i].substring(a[i].indexOf(" # {")), "comment kept");
            }
        }
        // idempotent
        ManifestFiles again = ManifestFiles.inMemory(Map.of("cm.yaml", after.getBytes(StandardCharsets.UTF_8)));
        assertEquals(false, u.update(again).changed());
    }

    @Provide
    Arbitrary<String> tags() {
        return Arbitraries.of("1.10", "v1.2.3", "yes", "1e3", "010", "latest", "2024.01", "1_000", "08");
    }
}
