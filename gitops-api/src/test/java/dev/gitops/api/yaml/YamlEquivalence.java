package dev.gitops.api.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.error.Origin;
import dev.gitops.api.error.YamlException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a text with {@link BlockYamlReader} and with {@link YamlComposer} (SnakeYAML) under one set of options and
 * says how they differ: the fast reader may bail out on anything, but what it accepts SnakeYAML must read to the
 * same documents (node classes, values, field order, document indices) and the same source maps (the position of
 * every node, the file), and it must bail on everything SnakeYAML rejects.
 */
final class YamlEquivalence {

    /** What happened to one text under one set of options. */
    enum Outcome { TAKEN, BAILED, BOTH_REJECT_OR_BAILED }

    /** The options that change how a text is read. */
    record Options(boolean yamlToJson, boolean lastDuplicateKeyWins, int maxDepth) {
        static final List<Options> ALL = List.of(new Options(false, false, 10_000), new Options(true, false, 10_000),
                new Options(false, true, 10_000), new Options(true, true, 10_000), new Options(false, false, 2));

        @Override
        public String toString() {
            return "yamlToJson=" + yamlToJson + " lastDuplicateKeyWins=" + lastDuplicateKeyWins + " maxDepth="
                    + maxDepth;
        }
    }

    private YamlEquivalence() {}

    /** Compares both readers; throws AssertionError naming the difference. */
    static Outcome check(String text, String file, Options o) {
        List<YamlDocument> fast = BlockYamlReader.read(text, file, o.maxDepth, o.lastDuplicateKeyWins, o.yamlToJson);
        List<YamlDocument> slow;
        try {
            slow = new YamlComposer(text, file, 1_000_000, o.maxDepth, o.lastDuplicateKeyWins, o.yamlToJson)
                    .readAll();
        } catch (YamlException e) {
            if (fast != null) {
                throw new AssertionError("fast reader accepted what SnakeYAML rejects (" + e.getMessage() + ") with "
                        + o + " in " + file + ":\n" + show(text));
            }
            return Outcome.BOTH_REJECT_OR_BAILED;
        }
        if (fast == null) {
            return Outcome.BAILED;
        }
        List<String> diffs = differences(slow, fast);
        if (!diffs.isEmpty()) {
            throw new AssertionError("fast reader differs with " + o + " in " + file + ": " + diffs + "\n"
                    + show(text));
        }
        return Outcome.TAKEN;
    }

    static String show(String text) {
        return "----\n" + text.replace("\t", "<TAB>").replace("\r", "<CR>") + "\n----";
    }

    /** Every difference between the documents SnakeYAML read ({@code expected}) and the fast reader's. */
    static List<String> differences(List<YamlDocument> expected, List<YamlDocument> actual) {
        List<String> diffs = new ArrayList<>();
        if (expected.size() != actual.size()) {
            diffs.add("document count " + expected.size() + " vs " + actual.size());
            return diffs;
        }
        for (int i = 0; i < expected.size(); i++) {
            YamlDocument e = expected.get(i);
            YamlDocument a = actual.get(i);
            String at = "doc " + i;
            if (e.index() != a.index()) {
                diffs.add(at + ": index " + e.index() + " vs " + a.index());
            }
            if (!e.sourceMap().file().equals(a.sourceMap().file())) {
                diffs.add(at + ": file " + e.sourceMap().file() + " vs " + a.sourceMap().file());
            }
            nodes(e.content(), a.content(), "", at, e.sourceMap(), a.sourceMap(), diffs);
        }
        return diffs;
    }

    private static void nodes(JsonNode e, JsonNode a, String pointer, String at, SourceMap em, SourceMap am,
            List<String> diffs) {
        String where = at + " '" + pointer + "'";
        Optional<Origin> eo = em.locate(pointer);
        Optional<Origin> ao = am.locate(pointer);
        if (!eo.equals(ao)) {
            diffs.add(where + ": position " + eo + " vs " + ao);
        }
        if ((em.subtree(pointer) == SourceMap.empty()) != (am.subtree(pointer) == SourceMap.empty())) {
            diffs.add(where + ": present in one source map only");
        }
        if (e.getClass() != a.getClass()) {
            diffs.add(where + ": node class " + e.getClass().getSimpleName() + "(" + e + ") vs "
                    + a.getClass().getSimpleName() + "(" + a + ")");
            return;
        }
        if (e.isObject()) {
            List<String> ek = new ArrayList<>();
            e.fieldNames().forEachRemaining(ek::add);
            List<String> ak = new ArrayList<>();
            a.fieldNames().forEachRemaining(ak::add);
            if (!ek.equals(ak)) {
                diffs.add(where + ": fields " + ek + " vs " + ak);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> en = it.next();
                nodes(en.getValue(), a.get(en.getKey()), pointer + "/" + escape(en.getKey()), at, em, am, diffs);
            }
        } else if (e.isArray()) {
            if (e.size() != a.size()) {
                diffs.add(where + ": size " + e.size() + " vs " + a.size());
                return;
            }
            for (int i = 0; i < e.size(); i++) {
                nodes(e.get(i), a.get(i), pointer + "/" + i, at, em, am, diffs);
            }
        } else if (!e.equals(a) || !e.asText().equals(a.asText())) {
            diffs.add(where + ": value " + e + " vs " + a);
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
