package dev.gitops.api.image.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Applies {@code $imagepolicy} setters to one YAML file, byte for byte: SnakeYAML (with comments) finds each
 * marked scalar and its exact span; only those spans are replaced in the original text. Not API.
 *
 * <p>Marker lookup follows kyaml's {@code fieldmeta.Read} as Flux uses it: the scalar's line comment, then its
 * head comment (a single comment line directly above, which go-yaml attaches to sequence items; a comment above a
 * {@code key:} belongs to the key, not the value); leading {@code #}s are trimmed and the rest must be a JSON
 * object. The first comment that is a JSON object decides: when its {@code "$imagepolicy"} string names a known
 * setter the scalar is set, otherwise it is left alone.
 */
public final class SetterRewriter {

    /** The token a file must contain to be considered ({@code "$imagepolicy"} with its quotes). */
    public static final String TOKEN = "\"$imagepolicy\"";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One field to set. */
    public record Edit(int docIndex, String setter, String oldValue, String newValue, int line,
            String apiVersion, String kind, String namespace, String name) {}

    /** The outcome for a file: the new text (equal to the input when nothing changed) and the edits. */
    public record Outcome(String text, List<Edit> edits) {}

    private SetterRewriter() {}

    /**
     * Rewrites {@code text}.
     *
     * @param setters setter name to value
     * @throws RuntimeException (from SnakeYAML) when the text is not YAML
     */
    public static Outcome rewrite(String text, Map<String, String> setters) {
        int bom = text.startsWith("\uFEFF") ? 1 : 0;
        String body = text.substring(bom);
        LoaderOptions opts = new LoaderOptions();
        opts.setProcessComments(true);
        opts.setAllowDuplicateKeys(true);
        opts.setMaxAliasesForCollections(1000);
        opts.setCodePointLimit(Integer.MAX_VALUE);
        Yaml yaml = new Yaml(opts);
        List<int[]> spans = new ArrayList<>();
        List<String> replacements = new ArrayList<>();
        List<Edit> edits = new ArrayList<>();
        int[] cpToChar = codePointIndex(body);
        int doc = 0;
        Iterator<Node> docs = yaml.composeAll(new StringReader(body)).iterator();
        while (docs.hasNext()) {
            Node root = docs.next();
            if (root == null) {
                doc++;
                continue;
            }
            String[] meta = meta(root);
            final int d = doc;
            visit(root, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()), scalar -> {
                String setter = setterFor(scalar, setters);
                if (setter == null) {
                    return;
                }
                String newValue = setters.get(setter);
                String old = scalar.getValue();
                if (old.equals(newValue)) {
                    return;
                }
                int start = cpToChar == null ? scalar.getStartMark().getIndex()
                        : cpToChar[scalar.getStartMark().getIndex()];
                int end = cpToChar == null ? scalar.getEndMark().getIndex() : cpToChar[scalar.getEndMark().getIndex()];
                start = skipProperties(body, start, end);
                spans.add(new int[] {start, end});
                replacements.add(format(newValue, scalar.getScalarStyle()));
                edits.add(new Edit(d, setter, old, newValue, scalar.getStartMark().getLine() + 1,
                        meta[0], meta[1], meta[2], meta[3]));
            });
            doc++;
        }
        if (edits.isEmpty()) {
            return new Outcome(text, List.of());
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        out.append(text, 0, bom);
        int pos = 0;
        for (int i = 0; i < spans.size(); i++) {
            int[] s = spans.get(i);
            out.append(body, pos, s[0]).append(replacements.get(i));
            pos = s[1];
        }
        out.append(body, pos, body.length());
        return new Outcome(out.toString(), edits);
    }

    /** The node's span starts with its anchor ({@code &a}) and tag ({@code !t}), which stay. */
    private static int skipProperties(String s, int start, int end) {
        int i = start;
        while (i < end && (s.charAt(i) == '&' || s.charAt(i) == '!')) {
            while (i < end && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            while (i < end && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
        return i;
    }

    /** Code point index to char index, or null when the text has no surrogate pairs (they are equal). */
    private static int[] codePointIndex(String s) {
        int cps = s.codePointCount(0, s.length());
        if (cps == s.length()) {
            return null;
        }
        int[] map = new int[cps + 1];
        int ci = 0;
        for (int k = 0; k < cps; k++) {
            map[k] = ci;
            ci += Character.charCount(s.codePointAt(ci));
        }
        map[cps] = ci;
        return map;
    }

    /** kyaml sets the value and keeps the style, double-quoting plain values YAML 1.1 reads as non-strings. */
    static String format(String value, DumperOptions.ScalarStyle style) {
        boolean nonString = Yaml11.isNonString(value);
        return switch (style) {
            case DOUBLE_QUOTED -> Yaml11.doubleQuoted(value);
            case SINGLE_QUOTED -> value.contains("\n") ? Yaml11.doubleQuoted(value) : Yaml11.singleQuoted(value);
            default -> nonString || !Yaml11.plainSafe(value) ? Yaml11.doubleQuoted(value) : value;
        };
    }

    private interface ScalarVisitor {
        void scalar(ScalarNode n);
    }

    /** Document order; a node reached again through an alias is skipped (kyaml does not visit alias nodes). */
    private static void visit(Node n, java.util.Set<Node> seen, ScalarVisitor v) {
        if (!seen.add(n)) {
            return;
        }
        if (n instanceof ScalarNode s) {
            v.scalar(s);
        } else if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                visit(t.getValueNode(), seen, v);
            }
        } else if (n instanceof SequenceNode q) {
            for (Node item : q.getValue()) {
                visit(item, seen, v);
            }
        }
    }

    private static String setterFor(ScalarNode n, Map<String, String> setters) {
        List<String> comments = new ArrayList<>(2);
        comments.add(lineComment(n.getInLineComments()));
        comments.add(headComment(n.getBlockComments()));
        for (String c : comments) {
            if (c == null || c.isEmpty()) {
                continue;
            }
            int i = 0;
            while (i < c.length() && c.charAt(i) == '#') {
                i++;
            }
            JsonNode json;
            try {
                json = JSON.readTree(c.substring(i));
            } catch (IOException e) {
                continue;
            }
            if (json == null || !json.isObject()) {
                continue;
            }
            JsonNode ref = json.get("$imagepolicy");
            boolean allStrings = true;
            for (Iterator<JsonNode> it = json.elements(); it.hasNext(); ) {
                JsonNode e = it.next();
                if (!e.isTextual() && !e.isNull()) {
                    allStrings = false;
                }
            }
            if (allStrings && ref != null && ref.isTextual() && setters.containsKey(ref.asText())) {
                return ref.asText();
            }
            return null; // a JSON object that names no known setter decides: no setter
        }
        return null;
    }

    private static String lineComment(List<CommentLine> inline) {
        if (inline == null || inline.isEmpty()) {
            return null;
        }
        for (CommentLine l : inline) {
            if (l.getCommentType() == CommentType.IN_LINE) {
                return l.getValue();
            }
        }
        return null;
    }

    private static String headComment(List<CommentLine> block) {
        if (block == null || block.isEmpty()) {
            return null;
        }
        CommentLine last = block.get(block.size() - 1);
        if (last.getCommentType() != CommentType.BLOCK) {
            return null;
        }
        // go-yaml joins consecutive comment lines into one head comment; kyaml only trims the first '#'s, so a
        // multi-line head comment never parses as JSON
        if (block.size() >= 2 && block.get(block.size() - 2).getCommentType() == CommentType.BLOCK) {
            return null;
        }
        return last.getValue();
    }

    private static String[] meta(Node root) {
        String[] out = {"", "", "", ""};
        if (root instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    continue;
                }
                switch (k.getValue()) {
                    case "apiVersion" -> out[0] = scalar(t.getValueNode());
                    case "kind" -> out[1] = scalar(t.getValueNode());
                    case "metadata" -> {
                        if (t.getValueNode() instanceof MappingNode md) {
                            for (NodeTuple mt : md.getValue()) {
                                if (mt.getKeyNode() instanceof ScalarNode mk) {
                                    if (mk.getValue().equals("namespace")) {
                                        out[2] = scalar(mt.getValueNode());
                                    } else if (mk.getValue().equals("name")) {
                                        out[3] = scalar(mt.getValueNode());
                                    }
                                }
                            }
                        }
                    }
                    default -> { }
                }
            }
        }
        return out;
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : "";
    }

}
