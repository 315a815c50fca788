package dev.gitops.api.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A fast reader for the block-style YAML that Kubernetes manifests and kustomization files are written in, giving
 * exactly what {@link YamlComposer} gives for the same text (the same nodes, node classes, field order and
 * {@link SourceMap} positions), or {@code null} when the text leaves its subset. Every error, and every construct it
 * is not sure to read as SnakeYAML does, is left to {@link YamlComposer}, which then reads the whole stream again.
 *
 * <p>The subset: documents separated by {@code ---} lines; comments; block mappings with plain or single-line quoted
 * keys; block sequences (indented or not under their key, compact {@code - key: v} and {@code - - x}); single-line
 * plain, single- and double-quoted scalars; literal and folded block scalars without an indentation indicator;
 * empty values; one-line flow collections of simple scalars ({@code [get, list]}, {@code {app: web}}). It bails out
 * on tabs, carriage returns and other line breaks, anchors, aliases, tags, merge keys, duplicate keys (unless the
 * last one wins), flow collections with anything else, multi-line
 * plain or quoted scalars, complex keys, directives, {@code ...}, and scalars at a document's root.
 *
 * <p>One instance per stream; not thread-safe.
 */
final class BlockYamlReader {

    /** Unwinds the reader when the text leaves the subset; carries no stack trace. */
    private static final class Bail extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bail() {
            super(null, null, false, false);
        }
    }

    private static final Bail BAIL = new Bail();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_SIMPLE_KEY = 1000;

    private final String s;
    private final int n;
    private final int maxDepth;
    private final boolean lastDuplicateKeyWins;
    private final boolean yamlToJson;
    /** Current index. */
    private int p;
    /** 0-based line of {@link #p} and the index that line starts at. */
    private int line;
    private int lineStart;

    private BlockYamlReader(String s, int maxDepth, boolean lastDuplicateKeyWins, boolean yamlToJson) {
        this.s = s;
        this.n = s.length();
        this.maxDepth = maxDepth;
        this.lastDuplicateKeyWins = lastDuplicateKeyWins;
        this.yamlToJson = yamlToJson;
    }

    /** The documents of {@code content}, or {@code null} when it is not in the subset (or not valid YAML). */
    static List<YamlDocument> read(String content, String file, int maxDepth, boolean lastDuplicateKeyWins,
            boolean yamlToJson) {
        if (!plainText(content)) {
            return null;
        }
        try {
            return new BlockYamlReader(content, maxDepth, lastDuplicateKeyWins, yamlToJson).documents(file);
        } catch (Bail b) {
            return null;
        }
    }

    /**
     * Whether every character is one SnakeYAML reads as printable and that counts as one column: no tabs, no line
     * break other than {@code \n}, no byte-order mark, no surrogates (columns are counted in code points).
     */
    private static boolean plainText(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7E || c == '\n') {
                continue;
            }
            if (c < 0xA0 || c >= 0xD800 && c <= 0xDFFF || c == 0x2028 || c == 0x2029 || c == 0xFEFF
                    || c >= 0xFFFE) {
                return false;
            }
        }
        return true;
    }

    private List<YamlDocument> documents(String file) {
        List<YamlDocument> docs = new ArrayList<>();
        skipBlankLines();
        if (p == n) {
            return docs;
        }
        while (true) {
            boolean explicit = false;
            if (atDocumentStart()) {
                explicit = true;
                p += 3;
                endOfLine();
                skipBlankLines();
            }
            JsonNode root;
            SourceMap.Node pos;
            if (p == n || atDocumentStart()) {
                if (!explicit) {
                    throw BAIL;
                }
                // SnakeYAML: an empty scalar at the next token (the next "---", or the end of the stream)
                pos = new SourceMap.Node(line + 1, p - lineStart + 1);
                root = F.nullNode();
            } else {
                int col = p - lineStart;
                pos = new SourceMap.Node(line + 1, col + 1);
                if (atBlockEntry()) {
                    root = sequence(col, pos, 0);
                } else if (looksLikeKey()) {
                    root = mapping(col, pos, 0);
                } else {
                    throw BAIL;
                }
                if (p != n && !atDocumentStart()) {
                    throw BAIL;
                }
            }
            docs.add(new YamlDocument(root, docs.size(), SourceMap.of(file, pos)));
            if (p == n) {
                return docs;
            }
        }
    }

    // ---- lines

    /** At column 0 of a line that is {@code ---} followed by a blank or the end. */
    private boolean atDocumentStart() {
        return p == lineStart && p + 3 <= n && s.charAt(p) == '-' && s.charAt(p + 1) == '-'
                && s.charAt(p + 2) == '-' && blankAt(p + 3);
    }

    /** A space, a line break or the end of the text. */
    private boolean blankAt(int i) {
        if (i >= n) {
            return true;
        }
        char c = s.charAt(i);
        return c == ' ' || c == '\n';
    }

    /** At a {@code -} followed by a blank: a block sequence entry. */
    private boolean atBlockEntry() {
        return p < n && s.charAt(p) == '-' && blankAt(p + 1);
    }

    /**
     * From anywhere on a line, skips spaces, comments and empty lines up to the first character of the next
     * token (or the end). Bails on {@code ...} and {@code %} at the start of a line.
     */
    private void skipBlankLines() {
        while (p < n) {
            char c = s.charAt(p);
            if (c == ' ') {
                p++;
            } else if (c == '\n') {
                p++;
                line++;
                lineStart = p;
            } else if (c == '#') {
                if (p > lineStart && s.charAt(p - 1) != ' ') {
                    throw BAIL;
                }
                while (p < n && s.charAt(p) != '\n') {
                    p++;
                }
            } else {
                if (p == lineStart) {
                    if (c == '%' || c == '.' && s.startsWith("..", p + 1) && blankAt(p + 3)) {
                        throw BAIL;
                    }
                }
                return;
            }
        }
    }

    /** What follows a token on its line must be spaces and maybe a comment; moves to the next line. */
    private void endOfLine() {
        while (p < n && s.charAt(p) == ' ') {
            p++;
        }
        if (p == n) {
            return;
        }
        char c = s.charAt(p);
        if (c == '#') {
            if (p > lineStart && s.charAt(p - 1) != ' ') {
                throw BAIL;
            }
            while (p < n && s.charAt(p) != '\n') {
                p++;
            }
            if (p == n) {
                return;
            }
        } else if (c != '\n') {
            throw BAIL;
        }
        p++;
        line++;
        lineStart = p;
    }

    // ---- collections

    /** A block mapping whose first key is at {@link #p}, at column {@code col}. */
    private ObjectNode mapping(int col, SourceMap.Node pos, int depth) {
        if (depth > maxDepth) {
            throw BAIL;
        }
        ObjectNode obj = F.objectNode();
        while (true) {
            int keyLine = line + 1;
            int keyCol = p - lineStart + 1;
            String key = key();
            if (obj.has(key) && !lastDuplicateKeyWins) {
                throw BAIL;
            }
            SourceMap.Node at = new SourceMap.Node(keyLine, keyCol);
            JsonNode value = value(col, at, depth + 1, true);
            obj.set(key, value);
            pos.put(key, at);
            // p: first character of the next token, or the end
            if (p == n || atDocumentStart()) {
                return obj;
            }
            int indent = p - lineStart;
            if (indent < col) {
                return obj;
            }
            if (indent > col || atBlockEntry()) {
                throw BAIL;
            }
        }
    }

    /** A block sequence whose first {@code -} is at {@link #p}, at column {@code col}. */
    private ArrayNode sequence(int col, SourceMap.Node pos, int depth) {
        if (depth > maxDepth) {
            throw BAIL;
        }
        ArrayNode arr = F.arrayNode();
        int i = 0;
        while (true) {
            int dashLine = line + 1;
            int dashCol = p - lineStart + 1;
            p++; // '-'
            SourceMap.Node item = new SourceMap.Node(dashLine, dashCol + 1);
            SourceMap.Node[] itemPos = new SourceMap.Node[1];
            arr.add(itemValue(col, item, depth + 1, itemPos));
            pos.put(Integer.toString(i++), itemPos[0]);
            if (p == n || atDocumentStart()) {
                return arr;
            }
            int indent = p - lineStart;
            if (indent < col) {
                return arr;
            }
            if (indent > col) {
                throw BAIL;
            }
            if (!atBlockEntry()) {
                return arr;
            }
        }
    }

    /**
     * A sequence item after its {@code -}: {@code empty} is where SnakeYAML places an empty item (just after the
     * dash). Sets {@code itemPos[0]} to the item's position.
     */
    private JsonNode itemValue(int col, SourceMap.Node empty, int depth, SourceMap.Node[] itemPos) {
        while (p < n && s.charAt(p) == ' ') {
            p++;
        }
        if (p == n || s.charAt(p) == '\n' || s.charAt(p) == '#') {
            SourceMap.Node holder = new SourceMap.Node(0, 0);
            JsonNode v = value(col, holder, depth, false);
            itemPos[0] = nested != null ? nested : empty;
            nested = null;
            return v;
        }
        SourceMap.Node at = new SourceMap.Node(line + 1, p - lineStart + 1);
        itemPos[0] = at;
        if (depth > maxDepth) {
            throw BAIL;
        }
        if (atBlockEntry()) {
            return sequence(p - lineStart, at, depth);
        }
        if (looksLikeKey()) {
            return mapping(p - lineStart, at, depth);
        }
        return inlineScalar(col, depth, at);
    }

    /** The node a value on the following lines started at (for sequence items), else null. */
    private SourceMap.Node nested;

    /**
     * A mapping value after its {@code :} (or an item's content after its {@code -} when the rest of the line is
     * empty): puts the children of a collection into {@code at}. Leaves {@link #p} at the next token.
     */
    private JsonNode value(int col, SourceMap.Node at, int depth, boolean inMapping) {
        if (depth > maxDepth) {
            throw BAIL;
        }
        nested = null;
        while (p < n && s.charAt(p) == ' ') {
            p++;
        }
        if (p < n && s.charAt(p) != '\n' && s.charAt(p) != '#') {
            return inlineScalar(col, depth, at);
        }
        endOfLine();
        skipBlankLines();
        if (p == n || atDocumentStart()) {
            return emptyValue();
        }
        int indent = p - lineStart;
        if (indent > col || indent == col && inMapping && atBlockEntry()) {
            SourceMap.Node start = new SourceMap.Node(line + 1, indent + 1);
            JsonNode v;
            if (atBlockEntry()) {
                v = sequence(indent, start, depth);
            } else if (indent > col && looksLikeKey()) {
                v = mapping(indent, start, depth);
            } else {
                throw BAIL;
            }
            at.children = start.children;
            nested = inMapping ? null : start;
            return v;
        }
        return emptyValue();
    }

    private JsonNode emptyValue() {
        return plain("");
    }

    // ---- scalars

    /**
     * A scalar (or a one-line flow sequence of scalars, whose items' positions go into {@code at}) that starts at
     * {@link #p} on this line; leaves {@link #p} at the next token.
     */
    private JsonNode inlineScalar(int col, int depth, SourceMap.Node at) {
        char c = s.charAt(p);
        JsonNode v;
        switch (c) {
            case '|', '>' -> {
                v = YamlScalarTyping.quoted(blockScalar(c == '>', col + 1));
                skipBlankLines();
                return v;
            }
            case '\'' -> v = YamlScalarTyping.quoted(singleQuoted());
            case '"' -> v = YamlScalarTyping.quoted(doubleQuoted());
            case '[', '{' -> v = flowNode(at, depth);
            default -> {
                plainStart();
                int start = p;
                int end = p;
                while (p < n) {
                    char d = s.charAt(p);
                    if (d == '\n') {
                        break;
                    }
                    if (d == ':' && blankAt(p + 1)) {
                        throw BAIL;
                    }
                    if (d == ' ') {
                        if (p + 1 < n && s.charAt(p + 1) == '#') {
                            break;
                        }
                    } else {
                        end = p + 1;
                    }
                    p++;
                }
                v = plain(s.substring(start, end));
            }
        }
        endOfLine();
        skipBlankLines();
        return v;
    }

    /**
     * A flow collection on one line, or an item or value in one: flow sequences and mappings, quoted scalars, plain
     * scalars of letters, digits, {@code . _ / $ ~ + - = ( ) @} and inner spaces (nothing YAML's flow context treats
     * specially). Mapping keys are such plain or quoted scalars followed by {@code ": "}. The positions of the
     * collection's children go into {@code at}.
     */
    private JsonNode flowNode(SourceMap.Node at, int depth) {
        if (depth > maxDepth || p >= n) {
            throw BAIL;
        }
        char c = s.charAt(p);
        if (c == '[' || c == '{') {
            boolean seq = c == '[';
            char close = seq ? ']' : '}';
            ArrayNode arr = seq ? F.arrayNode() : null;
            ObjectNode obj = seq ? null : F.objectNode();
            p++;
            skipSpaces();
            if (p < n && s.charAt(p) == close) {
                p++;
                return seq ? arr : obj;
            }
            int i = 0;
            while (true) {
                if (p >= n) {
                    throw BAIL;
                }
                SourceMap.Node child = new SourceMap.Node(line + 1, p - lineStart + 1);
                if (seq) {
                    arr.add(flowNode(child, depth + 1));
                    at.put(Integer.toString(i++), child);
                } else {
                    String key = flowKey();
                    if (obj.has(key) && !lastDuplicateKeyWins) {
                        throw BAIL;
                    }
                    obj.set(key, flowNode(child, depth + 1));
                    at.put(key, child);
                }
                skipSpaces();
                if (p >= n) {
                    throw BAIL;
                }
                char d = s.charAt(p++);
                if (d == close) {
                    return seq ? arr : obj;
                }
                if (d != ',') {
                    throw BAIL;
                }
                skipSpaces();
                if (p >= n || s.charAt(p) == close || s.charAt(p) == ',') {
                    throw BAIL;
                }
            }
        }
        if (c == '\'') {
            return YamlScalarTyping.quoted(singleQuoted());
        }
        if (c == '"') {
            return YamlScalarTyping.quoted(doubleQuoted());
        }
        return plain(flowPlain());
    }

    /** A key in a flow mapping and its {@code ": "}. */
    private String flowKey() {
        char c = s.charAt(p);
        String key;
        if (c == '\'' || c == '"') {
            key = c == '\'' ? singleQuoted() : doubleQuoted();
        } else {
            key = flowPlain();
            if (yamlToJson) {
                key = YamlScalarTyping.jsonKey(key);
            }
        }
        if (p + 1 >= n || s.charAt(p) != ':' || s.charAt(p + 1) != ' ') {
            throw BAIL;
        }
        p += 2;
        skipSpaces();
        return key;
    }

    /** A plain scalar in a flow collection, of the characters {@link #flowNode} allows; ends before , ] } or :. */
    private String flowPlain() {
        char c = s.charAt(p);
        boolean start = asciiAlnum(c) || "._/$~+(=".indexOf(c) >= 0
                || c == '-' && p + 1 < n && asciiAlnum(s.charAt(p + 1));
        if (!start) {
            throw BAIL;
        }
        int from = p;
        int end = p;
        while (p < n) {
            char d = s.charAt(p);
            if (d == ',' || d == ']' || d == '}' || d == ':') {
                break;
            }
            if (d != ' ') {
                if (!asciiAlnum(d) && "._/$~+-=()@".indexOf(d) < 0) {
                    throw BAIL;
                }
                end = p + 1;
            }
            p++;
        }
        return s.substring(from, end);
    }

    private static boolean asciiAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private void skipSpaces() {
        while (p < n && s.charAt(p) == ' ') {
            p++;
        }
    }

    private JsonNode plain(String text) {
        JsonNode v = YamlScalarTyping.plain(text, yamlToJson);
        if (v == null) {
            throw BAIL;
        }
        return v;
    }

    /** Bails unless a plain scalar may start at {@link #p} (in the block context). */
    private void plainStart() {
        char c = s.charAt(p);
        switch (c) {
            case '-' -> {
                if (blankAt(p + 1)) {
                    throw BAIL;
                }
            }
            case ' ', '\n', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
                    '`' -> throw BAIL;
            default -> {
                // a plain scalar
            }
        }
    }

    /** Whether a mapping key and its {@code :} (followed by a blank) start at {@link #p} on this line. */
    private boolean looksLikeKey() {
        int save = p;
        try {
            return keyEnd() >= 0;
        } finally {
            p = save;
        }
    }

    /**
     * Scans a key from {@link #p}: answers the index just after its {@code :} (and leaves {@link #p} after the
     * key's text), or -1 when no key starts here. Bails on keys outside the subset.
     */
    private int keyEnd() {
        char c = s.charAt(p);
        if (c == '\'' || c == '"') {
            int i = quotedEnd(p);
            if (i < 0) {
                return -1;
            }
            int j = i;
            while (j < n && s.charAt(j) == ' ') {
                j++;
            }
            return j < n && s.charAt(j) == ':' && blankAt(j + 1) ? j + 1 : -1;
        }
        if (c == '-' && !blankAt(p + 1)) {
            // a plain scalar starting with '-'
        } else if (c == ' ' || c == '\n' || "?:,[]{}#&*!|>'\"%@`-".indexOf(c) >= 0) {
            return -1;
        }
        for (int i = p; i < n; i++) {
            char d = s.charAt(i);
            if (d == '\n') {
                return -1;
            }
            if (d == ':' && blankAt(i + 1)) {
                return i + 1;
            }
            if (d == ' ' && i + 1 < n && s.charAt(i + 1) == '#') {
                return -1;
            }
        }
        return -1;
    }

    /** The index after the closing quote of the quoted scalar at {@code i} on this line, or -1. */
    private int quotedEnd(int i) {
        char q = s.charAt(i);
        for (int j = i + 1; j < n; j++) {
            char d = s.charAt(j);
            if (d == '\n') {
                return -1;
            }
            if (d == '\\' && q == '"') {
                j++;
            } else if (d == q) {
                if (q == '\'' && j + 1 < n && s.charAt(j + 1) == '\'') {
                    j++;
                } else {
                    return j + 1;
                }
            }
        }
        return -1;
    }

    /** Reads a key at {@link #p} and its {@code :}. */
    private String key() {
        char c = s.charAt(p);
        int start = p;
        String key;
        if (c == '\'' || c == '"') {
            key = c == '\'' ? singleQuoted() : doubleQuoted();
            while (p < n && s.charAt(p) == ' ') {
                p++;
            }
            if (p >= n || s.charAt(p) != ':' || !blankAt(p + 1)) {
                throw BAIL;
            }
            p++;
        } else {
            int colon = keyEnd();
            if (colon < 0) {
                throw BAIL;
            }
            int end = colon - 1;
            while (s.charAt(end - 1) == ' ') {
                end--;
            }
            key = s.substring(start, end);
            if (key.equals("<<")) {
                throw BAIL;
            }
            if (yamlToJson) {
                key = YamlScalarTyping.jsonKey(key);
            }
            p = colon;
        }
        if (p - start > MAX_SIMPLE_KEY) {
            throw BAIL;
        }
        return key;
    }

    private String singleQuoted() {
        StringBuilder sb = null;
        int i = p + 1;
        int from = i;
        while (true) {
            if (i >= n) {
                throw BAIL;
            }
            char d = s.charAt(i);
            if (d == '\n') {
                throw BAIL;
            }
            if (d == '\'') {
                if (i + 1 < n && s.charAt(i + 1) == '\'') {
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(s, from, i + 1);
                    i += 2;
                    from = i;
                    continue;
                }
                String v = sb == null ? s.substring(from, i) : sb.append(s, from, i).toString();
                p = i + 1;
                return v;
            }
            i++;
        }
    }

    private String doubleQuoted() {
        StringBuilder sb = new StringBuilder();
        int i = p + 1;
        while (true) {
            if (i >= n) {
                throw BAIL;
            }
            char d = s.charAt(i);
            if (d == '\n') {
                throw BAIL;
            }
            if (d == '"') {
                p = i + 1;
                return sb.toString();
            }
            if (d != '\\') {
                sb.append(d);
                i++;
                continue;
            }
            if (i + 1 >= n) {
                throw BAIL;
            }
            char e = s.charAt(i + 1);
            i += 2;
            switch (e) {
                case '0' -> sb.append('\0');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 't' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'v' -> sb.append('\u000B');
                case 'f' -> sb.append('\f');
                case 'r' -> sb.append('\r');
                case 'e' -> sb.append('\u001B');
                case ' ' -> sb.append(' ');
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case 'N' -> sb.append('\u0085');
                case '_' -> sb.append('\u00A0');
                case 'L' -> sb.append('\u2028');
                case 'P' -> sb.append('\u2029');
                case 'x', 'u' -> {
                    int len = e == 'x' ? 2 : 4;
                    if (i + len > n) {
                        throw BAIL;
                    }
                    int code = 0;
                    for (int k = 0; k < len; k++) {
                        int h = Character.digit(s.charAt(i + k), 16);
                        if (h < 0) {
                            throw BAIL;
                        }
                        code = code * 16 + h;
                    }
                    if (code >= 0xD800 && code <= 0xDFFF) {
                        throw BAIL;
                    }
                    sb.append((char) code);
                    i += len;
                }
                default -> throw BAIL;
            }
        }
    }

    /**
     * A literal or folded block scalar whose indicator is at {@link #p}, as SnakeYAML's {@code scanBlockScalar}
     * reads it (automatic indentation only). Leaves {@link #p} where the scalar ended: at the first non-space
     * character of a less indented line, or the end.
     */
    private String blockScalar(boolean folded, int minIndent) {
        p++;
        int chomping = 0; // 0 clip, 1 keep, -1 strip
        if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
            chomping = s.charAt(p) == '+' ? 1 : -1;
            p++;
        }
        if (!blankAt(p)) {
            throw BAIL; // indentation indicators, or an error
        }
        endOfLine();
        if (minIndent < 1) {
            minIndent = 1;
        }
        // scanBlockScalarIndentation
        StringBuilder chunks = new StringBuilder();
        StringBuilder breaks = new StringBuilder();
        int maxIndent = 0;
        while (p < n) {
            char c = s.charAt(p);
            if (c == ' ') {
                p++;
                maxIndent = Math.max(maxIndent, p - lineStart);
            } else if (c == '\n') {
                breaks.append('\n');
                newLine();
            } else {
                break;
            }
        }
        int indent = Math.max(minIndent, maxIndent);
        String lineBreak = "";
        while (p - lineStart == indent && p < n) {
            chunks.append(breaks);
            boolean leadingNonSpace = s.charAt(p) != ' ';
            int from = p;
            while (p < n && s.charAt(p) != '\n') {
                p++;
            }
            chunks.append(s, from, p);
            if (p < n) {
                lineBreak = "\n";
                newLine();
            } else {
                lineBreak = "";
            }
            breaks.setLength(0);
            blockScalarBreaks(indent, breaks);
            if (p - lineStart == indent && p < n) {
                if (folded && lineBreak.equals("\n") && leadingNonSpace && s.charAt(p) != ' ') {
                    if (breaks.length() == 0) {
                        chunks.append(' ');
                    }
                } else {
                    chunks.append(lineBreak);
                }
            } else {
                break;
            }
        }
        if (chomping >= 0) {
            chunks.append(lineBreak);
        }
        if (chomping > 0) {
            chunks.append(breaks);
        }
        return chunks.toString();
    }

    private void blockScalarBreaks(int indent, StringBuilder breaks) {
        while (p - lineStart < indent && p < n && s.charAt(p) == ' ') {
            p++;
        }
        while (p < n && s.charAt(p) == '\n') {
            breaks.append('\n');
            newLine();
            while (p - lineStart < indent && p < n && s.charAt(p) == ' ') {
                p++;
            }
        }
    }

    private void newLine() {
        p++;
        line++;
        lineStart = p;
    }
}
