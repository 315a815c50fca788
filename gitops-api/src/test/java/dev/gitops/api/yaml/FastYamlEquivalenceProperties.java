package dev.gitops.api.yaml;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The fast block-YAML reader against SnakeYAML on generated texts in and around its subset: nested mappings and
 * sequences in every indentation style, comments, quoting and escapes, block scalars with every chomping indicator
 * and trailing blank lines, scalars that look like numbers, booleans, nulls and timestamps, YAML's special
 * characters, tabs, trailing spaces, CRLF, document markers and empty documents; and random mutations of such texts.
 * Whatever the fast reader accepts SnakeYAML must read identically (see {@link YamlEquivalence}); whatever SnakeYAML
 * rejects the fast reader must leave to it.
 */
class FastYamlEquivalenceProperties {

    private static final String[] PLAIN = {
        "a", "web", "hello world", "a  b", "1", "-1", "+1", "0", "-0", "007", "0755", "0o17", "0x1F", "0b101", "1_000",
        "1.5", "-2.5e3", "1e3", "1.0", ".5", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "true", "True", "FALSE", "yes",
        "No", "on", "OFF", "y", "n", "null", "Null", "~", "2024-01-02", "2024-01-02T03:04:05Z", "2001-12-14 21:59:43.10",
        "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616", "1:20",
        "http://x.io:80/y", "a#b", "a,b", "a]b", "a}b", "x:y", "-x", "--x", "---x", "${VAR}", "$(VAR)", "é", "日本",
        "a'b", "a\"b", "1 2", "0.", "0x", "1__0", "+.5", "_1", "1_", "=", "a=b", "\\", "a\\nb", "x #c", " lead",
        "trailing  ", "a#b", "[]", "{}"};
    private static final String[] ODD_PLAIN = {
        "a: b", "a #b", "a:", "- a", "-", "?x", "? x", ":x", "[a]", "{a}", "'x'", "\"x\"",
        "%x", "@x", "`x", "&a x", "*a", "!t x", "!!str 1", "|", ">", "<<", "a\tb", "#x", "..."};
    private static final String[] KEYS = {
        "a", "b", "name", "kind", "apiVersion", "app.kubernetes.io/name", "a b", "x~y", "1", "010", "yes", "on", "y",
        "true", "null", "~", "-k", "k-", "a:b", "'q'", "\"d\"", "'a''b'", "\"e\\tf\"", "\"\"", "''", "k#", "b", "a",
        "2024-01-02", "1.5", ".inf", "0x10", "k  "};
    private static final String[] ODD_KEYS = {
        "<<", "?k", "a #b", "", "[k]", "{k}", "&k", "*k", "!k", "%k", "@k", "`k", "'k", "\"k\\", "- k", "k\tk"};
    private static final String[] QUOTED_BODIES = {
        "", "a", "it''s", "${X}", "a ${B} c", "1", "true", "null", " lead", "trail ", "a: b", "a #b", "\\n", "\\t",
        "\\\\", "\\\"", "\\x41", "\\u00e9", "\\u263A", "\\0", "\\e", "\\N", "\\_", "\\ ", "é", "[a]", "-"};
    private static final String[] ODD_QUOTED_BODIES = {
        "\\U0001F600", "\\/", "\\q", "\\x4", "\\ud800", "'", "\"", "a\tb", "\\"};
    private static final String[] BLOCK_LINES = {
        "text", "more text", "  indented", "# not a comment", "key: value", "- item", "", "", " ", "   ", "${X}",
        "trailing ", "---", "  - x", "\"q\"", "a\u00e9b"};

    @Property(tries = 3000)
    void generatedTextsReadAlike(@ForAll long seed) {
        String text = new Gen(new Random(seed)).stream();
        checkAll(text);
    }

    @Property(tries = 2000)
    void mutatedTextsReadAlike(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int mutations) {
        Random r = new Random(seed);
        String text = new Gen(r).stream();
        for (int i = 0; i < mutations; i++) {
            text = mutate(text, r);
        }
        checkAll(text);
    }

    private static void checkAll(String text) {
        for (YamlEquivalence.Options o : YamlEquivalence.Options.ALL) {
            YamlEquivalence.Outcome r = YamlEquivalence.check(text, "p.yaml", o);
            if (o == YamlEquivalence.Options.ALL.get(0)) {
                // the report shows how many texts the fast reader took: a property that only sees bail-outs proves
                // nothing
                Statistics.collect(r);
            }
        }
        if (text.indexOf('\r') < 0) {
            String crlf = text.replace("\n", "\r\n");
            YamlEquivalence.check(crlf, "p.yaml", YamlEquivalence.Options.ALL.get(0));
        }
    }

    private static final String MUTATION_CHARS = " \n-:#'\"|>[]{}?&*!%@`\t,.~0a";

    private static String mutate(String text, Random r) {
        if (text.isEmpty()) {
            return "a";
        }
        int i = r.nextInt(text.length());
        switch (r.nextInt(7)) {
            case 0:
                return text.substring(0, i) + text.substring(i + 1);
            case 1:
                return text.substring(0, i) + MUTATION_CHARS.charAt(r.nextInt(MUTATION_CHARS.length()))
                        + text.substring(i);
            case 2:
                return text.substring(0, i) + text.charAt(i) + text.substring(i);
            case 3: {
                List<String> lines = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
                int l = r.nextInt(lines.size());
                lines.remove(l);
                return String.join("\n", lines);
            }
            case 4: {
                List<String> lines = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
                int l = r.nextInt(lines.size());
                lines.add(l, lines.get(l));
                return String.join("\n", lines);
            }
            case 5: {
                List<String> lines = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
                int l = r.nextInt(lines.size());
                lines.set(l, " " + lines.get(l));
                return String.join("\n", lines);
            }
            default: {
                List<String> lines = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
                int l = r.nextInt(lines.size());
                String s = lines.get(l);
                lines.set(l, s.startsWith(" ") ? s.substring(1) : s + " ");
                return String.join("\n", lines);
            }
        }
    }

    /** A random YAML stream, mostly in the fast reader's subset, with a few steps out of it. */
    private static final class Gen {
        private final Random r;
        private final StringBuilder sb = new StringBuilder();

        Gen(Random r) {
            this.r = r;
        }

        private boolean chance(int percent) {
            return r.nextInt(100) < percent;
        }

        private String pick(String[] a) {
            return a[r.nextInt(a.length)];
        }

        String stream() {
            int docs = 1 + r.nextInt(3);
            for (int d = 0; d < docs; d++) {
                if (d > 0 || chance(30)) {
                    sb.append(pick(chance(95) ? new String[] {"---", "---", "--- ", "--- # doc"}
                            : new String[] {"---\t", "...\n---", "----", "--- a"}))
                            .append('\n');
                }
                blankOrComment(0);
                if (chance(8)) {
                    continue; // an empty document
                }
                int indent = chance(5) ? 1 + r.nextInt(2) : 0;
                if (chance(70)) {
                    mapping(indent, 0);
                } else if (chance(85)) {
                    sequence(indent, 0);
                } else {
                    sb.append(" ".repeat(indent)).append(scalarText(indent)).append('\n');
                }
            }
            if (chance(10)) {
                sb.append("---\n");
            }
            if (chance(10)) {
                sb.append("# trailing comment");
            }
            String s = sb.toString();
            if (chance(10) && s.endsWith("\n")) {
                s = s.substring(0, s.length() - 1);
            }
            return s;
        }

        private void blankOrComment(int indent) {
            while (chance(15)) {
                switch (r.nextInt(4)) {
                    case 0 -> sb.append('\n');
                    case 1 -> sb.append(" ".repeat(r.nextInt(4))).append('\n');
                    case 2 -> sb.append(" ".repeat(indent)).append("# comment\n");
                    default -> sb.append(" ".repeat(r.nextInt(6))).append(chance(90) ? "#c: [x]\n" : "#c\t\n");
                }
            }
        }

        /** Before a mapping entry or sequence item: a blank or comment line between entries, then the indent. */
        private void entryStart(boolean first, int indent) {
            if (!first) {
                blankOrComment(indent);
                sb.append(" ".repeat(indent));
            } else if (sb.length() == 0 || sb.charAt(sb.length() - 1) == '\n') {
                sb.append(" ".repeat(indent));
            }
        }

        private void mapping(int indent, int depth) {
            int entries = 1 + r.nextInt(4);
            java.util.Set<String> used = new java.util.HashSet<>();
            boolean first = true;
            for (int i = 0; i < entries; i++) {
                entryStart(first, indent);
                first = false;
                String key = chance(70) ? pick(new String[] {"a", "b", "c", "name", "spec", "items", "data"})
                        : chance(95) ? pick(KEYS) : pick(ODD_KEYS);
                if (!used.add(key) && chance(90)) {
                    key = key + used.size(); // mostly distinct keys: duplicates only now and then
                    used.add(key);
                }
                sb.append(key).append(chance(5) ? " :" : ":");
                value(indent, depth, true);
            }
        }

        private void sequence(int indent, int depth) {
            int items = 1 + r.nextInt(4);
            boolean first = true;
            for (int i = 0; i < items; i++) {
                entryStart(first, indent);
                first = false;
                sb.append('-');
                if (depth < 4 && chance(25)) {
                    // compact mapping or sequence on the dash's line
                    int gap = chance(80) ? 1 : 2 + r.nextInt(2);
                    sb.append(" ".repeat(gap));
                    if (chance(75)) {
                        mapping(indent + 1 + gap, depth + 1);
                    } else {
                        sequence(indent + 1 + gap, depth + 1);
                    }
                } else {
                    value(indent, depth, false);
                }
            }
        }

        /** After a key's colon or an item's dash. */
        private void value(int indent, int depth, boolean inMapping) {
            int kind = r.nextInt(100);
            if (depth < 4 && kind < 30) {
                sb.append(chance(10) ? "   # c" : "").append('\n');
                blankOrComment(indent);
                int step = chance(70) ? 2 : chance(50) ? 4 : 1;
                boolean indentless = inMapping && chance(40);
                if (chance(55)) {
                    mapping(indent + step, depth + 1);
                } else {
                    sequence(indentless ? indent : indent + step, depth + 1);
                }
            } else if (kind < 38) {
                // empty value
                sb.append(chance(20) ? " # nothing" : chance(10) ? " " : "").append('\n');
            } else if (kind < 50) {
                blockScalar(indent);
            } else {
                sb.append(' ').append(scalarText(indent));
                if (chance(10)) {
                    sb.append(chance(50) ? " # comment" : "  ");
                }
                sb.append('\n');
                if (chance(1)) {
                    sb.append(" ".repeat(indent + 1 + r.nextInt(3))).append("continued\n");
                }
            }
        }

        private String scalarText(int indent) {
            int k = r.nextInt(100);
            if (k < 55) {
                return chance(96) ? pick(PLAIN) : pick(ODD_PLAIN);
            }
            if (k < 70) {
                return "'" + quotedBody().replace("\\", "") + "'";
            }
            if (k < 94) {
                return "\"" + quotedBody() + (chance(20) ? quotedBody() : "") + "\"";
            }
            if (k < 98) {
                return chance(40) ? pick(new String[] {"[]", "{}", "[a, b]", "[\"\", 'x']", "[ a ,b c ]", "[1, -2, 0x1F, yes, ~]",
                    "[get, list, watch]", "[apps, batch/v1]", "['${X}']", "[.inf, 1.0, 0755, 2024-01-02, null]",
                    "{a: 1}", "{app: web, tier: \"x\"}", "[{name: B, value: \"2\"}]", "{a: [b, c], d: {e: f}}",
                    "{yes: 1, 010: a}", "{'q': x, \"d\": [ ]}", "{a: 1, a: 2}", "{ a b : c }"})
                        : pick(new String[] {"[ ]", "[a, b]", "{a: 1}", "[]x", "{}#c", "[a,]", "[a, [b]]", "[a: b]",
                            "[a #c]", "[-]", "[,]", "[a,\n  b]", "[a b", "[a]b", "[\"x\" ,'y' ]", "[-1, +1, -a]",
                            "[a@b, $(x), (y)]", "[a:b]", "[é]", "[a, \"b\"c]",
                            "{a}", "{a: }", "{a:1}", "{a: 1,}", "{\"a\":1}", "{a: b: c}", "{<<: {a: 1}}", "{a: [b}",
                            "{? a: b}", "{a: 1} x", "{a: .nan}", "{a: 1, b}", "[{a: 1}, {a: 2}]", "{-a: -1}"});
            }
            return pick(new String[] {"'multi\n" + " ".repeat(indent + 2) + "line'", "\"unterminated", "'a'b",
                "\"a\" # c", "'a' #c", "\"a\"#c"});
        }

        private String quotedBody() {
            return chance(95) ? pick(QUOTED_BODIES) : pick(ODD_QUOTED_BODIES);
        }

        private void blockScalar(int indent) {
            sb.append(' ').append(r.nextBoolean() ? '|' : '>');
            sb.append(chance(90) ? pick(new String[] {"", "", "-", "+"}) : pick(new String[] {"2", "-2", "1+", "x"}));
            if (chance(10)) {
                sb.append(" # header comment");
            }
            sb.append('\n');
            int content = indent + (chance(80) ? 2 : chance(50) ? 1 : 4);
            int lines = r.nextInt(5);
            if (chance(15)) {
                sb.append(" ".repeat(chance(90) ? r.nextInt(content + 1) : content + 1 + r.nextInt(2))).append('\n');
            }
            for (int i = 0; i < lines; i++) {
                String line = pick(BLOCK_LINES);
                if (line.isEmpty()) {
                    sb.append('\n');
                } else if (line.isBlank()) {
                    sb.append(" ".repeat(content)).append(line).append('\n');
                } else {
                    sb.append(" ".repeat(content + (chance(10) ? 1 + r.nextInt(2) : 0))).append(line).append('\n');
                }
            }
            while (chance(30)) {
                sb.append(chance(70) ? "" : " ".repeat(r.nextInt(content + 2))).append('\n');
            }
            if (chance(10)) {
                sb.append(" ".repeat(Math.max(0, content - 1))).append("# after\n");
            }
        }
    }
}
