package dev.gitops.api.yaml.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.yaml.GoYamlScalars;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Prints a Jackson tree exactly as {@code sigs.k8s.io/yaml.Marshal} does (what {@code kustomize build} and Helm's
 * {@code toYaml} print): a JSON round trip (numbers as {@code encoding/json} writes them, then re-typed by go-yaml
 * v2), then go-yaml v2's encoder: keys in go-yaml v2's natural order, block style, 2-space indent, sequences not
 * indented under their key, strings quoted when YAML 1.1 would read them as something else, multi-line strings as
 * literal blocks, long scalars folded past column 80 as libyaml does.
 *
 * <p>Not thread-safe; create one per call.
 */
public final class GoYamlEmitter {

    private static final int BEST_WIDTH = 80;
    private static final int BEST_INDENT = 2;

    private final StringBuilder out;
    private int column;
    private boolean whitespace = true;
    private boolean indention = true;
    private int indent = -1;

    /** An emitter appending to {@code out}. */
    public GoYamlEmitter(StringBuilder out) {
        this.out = out;
    }

    /** Appends one document (without a {@code ---} separator), ending with a newline. */
    public void document(JsonNode root) {
        column = 0;
        whitespace = true;
        indention = true;
        indent = -1;
        node(root, Context.ROOT);
        if (column != 0) {
            out.append('\n');
            column = 0;
        }
    }

    private enum Context { ROOT, MAPPING_VALUE, SEQUENCE_ITEM }

    private void node(JsonNode n, Context ctx) {
        if (n.isObject()) {
            if (n.size() == 0) {
                flowEmpty("{}");
            } else {
                mapping(n, ctx);
            }
        } else if (n.isArray()) {
            if (n.size() == 0) {
                flowEmpty("[]");
            } else {
                sequence(n, ctx);
            }
        } else {
            scalar(n, false);
        }
    }

    private void flowEmpty(String s) {
        if (!whitespace) {
            put(' ');
        }
        write(s);
        whitespace = false;
        indention = false;
    }

    private void mapping(JsonNode n, Context ctx) {
        int saved = indent;
        // increase_indent(flow=0, indentless=0)
        indent = indent < 0 ? 0 : indent + BEST_INDENT;
        List<String> keys = new ArrayList<>(n.size());
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        keys.sort(GoYamlEmitter::keyLess);
        boolean first = true;
        for (String k : keys) {
            if (!(first && ctx == Context.SEQUENCE_ITEM)) {
                writeIndent();
            }
            first = false;
            // the key, in simple-key context
            stringScalar(k, true);
            // ':' indicator
            write(":");
            whitespace = false;
            indention = false;
            JsonNode v = n.get(k);
            node(v, Context.MAPPING_VALUE);
        }
        indent = saved;
    }

    private void sequence(JsonNode n, Context ctx) {
        int saved = indent;
        // a sequence that is a mapping value is indentless (unless it starts a line)
        boolean indentless = ctx == Context.MAPPING_VALUE && !indention;
        if (indent < 0) {
            indent = 0;
        } else if (!indentless) {
            indent += BEST_INDENT;
        }
        boolean first = true;
        for (JsonNode item : n) {
            if (!(first && ctx == Context.SEQUENCE_ITEM)) {
                writeIndent();
            }
            first = false;
            // "-" indicator with need_whitespace and is_indention
            if (!whitespace) {
                put(' ');
            }
            write("-");
            whitespace = false;
            indention = true;
            if (item.isObject() && item.size() > 0 || item.isArray() && item.size() > 0) {
                // block collections continue on the same line after "- "
                put(' ');
                whitespace = true;
            }
            node(item, Context.SEQUENCE_ITEM);
        }
        indent = saved;
    }

    // ---- scalars -------------------------------------------------------------------------------------------

    private void scalar(JsonNode n, boolean simpleKey) {
        if (n.isTextual()) {
            stringScalar(n.textValue(), simpleKey);
            return;
        }
        String text;
        if (n.isNull() || n.isMissingNode()) {
            text = "null";
        } else if (n.isBoolean()) {
            text = n.booleanValue() ? "true" : "false";
        } else if (n.isIntegralNumber()) {
            BigInteger bi = n.bigIntegerValue();
            if (bi.bitLength() <= 64) {
                text = bi.toString();
            } else {
                // encoding/json prints it as an integer; go-yaml v2 reads that back as a float
                text = GoFloat.formatYaml(bi.doubleValue());
            }
        } else if (n.isNumber()) {
            text = jsonRoundTripFloat(n.doubleValue());
        } else if (n.isBinary()) {
            text = java.util.Base64.getEncoder().encodeToString(binary(n));
            stringScalar(text, simpleKey);
            return;
        } else {
            text = n.asText();
        }
        plainScalar(text, simpleKey);
    }

    private static byte[] binary(JsonNode n) {
        try {
            return n.binaryValue();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A float64 through encoding/json and back through go-yaml v2: integral values become ints. */
    static String jsonRoundTripFloat(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return GoFloat.formatYaml(d); // encoding/json would refuse; print what go-yaml would
        }
        String json = GoFloat.formatJson(d);
        java.util.Optional<BigInteger> v = GoYamlScalars.parseGoInt(json);
        if (v.isPresent()) {
            return v.get().toString();
        }
        return GoFloat.formatYaml(Double.parseDouble(json));
    }

    private void plainScalar(String text, boolean simpleKey) {
        int saved = indent;
        indent = indent < 0 ? BEST_INDENT : indent + BEST_INDENT;
        writePlain(text, !simpleKey);
        indent = saved;
    }

    private enum Style { PLAIN, SINGLE, DOUBLE, LITERAL }

    private void stringScalar(String s, boolean simpleKey) {
        Style style;
        if (!isValidUnicode(s)) {
            style = Style.DOUBLE;
        } else if (s.indexOf('\n') >= 0) {
            style = Style.LITERAL;
        } else if (GoYamlScalars.isPlainSafe(s, GoYamlScalars.Mode.GO_YAML_V2)) {
            style = Style.PLAIN;
        } else {
            style = Style.DOUBLE;
        }
        Analysis a = isSimpleWord(s) ? SIMPLE_WORD : analyze(s);
        if (style == Style.PLAIN) {
            if (!a.blockPlainAllowed || (s.isEmpty() && simpleKey)) {
                style = Style.SINGLE;
            }
        }
        if (style == Style.SINGLE && !a.singleQuotedAllowed) {
            style = Style.DOUBLE;
        }
        if (style == Style.LITERAL && (!a.blockAllowed || simpleKey)) {
            style = Style.DOUBLE;
        }
        int saved = indent;
        indent = indent < 0 ? BEST_INDENT : indent + BEST_INDENT;
        switch (style) {
            case PLAIN -> writePlain(s, !simpleKey);
            case SINGLE -> writeSingleQuoted(s, !simpleKey);
            case DOUBLE -> writeDoubleQuoted(s, !simpleKey);
            case LITERAL -> writeLiteral(s);
        }
        indent = saved;
    }

    private static boolean isValidUnicode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    record Analysis(boolean blockPlainAllowed, boolean singleQuotedAllowed, boolean blockAllowed) {}

    /** What {@link #analyze} finds for every {@link #isSimpleWord simple word}. */
    static final Analysis SIMPLE_WORD = new Analysis(true, true, true);

    /**
     * Most keys and values ({@code app}, {@code apps/v1}, {@code nginx-1.25}): a letter or digit, then letters,
     * digits, {@code .}, {@code _}, {@code /} and {@code -}. No indicator, space, break or special character can
     * occur, so the analysis is {@link #SIMPLE_WORD} without looking at each code point.
     */
    static boolean isSimpleWord(String s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '/' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBreak(int c) {
        return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    private static boolean isSpace(int c) {
        return c == ' ';
    }

    private static boolean isBlankz(int c) {
        return c == ' ' || c == '\t' || isBreak(c) || c == 0;
    }

    /** libyaml's IS_PRINTABLE, on code points (its UTF-8 test excludes everything above U+FFFF). */
    static boolean isPrintable(int c) {
        return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
    }

    static Analysis analyze(String s) {
        if (s.isEmpty()) {
            return new Analysis(true, true, false);
        }
        int[] cps = codePoints(s);
        int n = cps.length;
        boolean blockIndicators = false;
        boolean leadingSpace = false;
        boolean leadingBreak = false;
        boolean trailingSpace = false;
        boolean trailingBreak = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;
        boolean previousSpace = false;
        boolean previousBreak = false;
        boolean lineBreaks = false;
        boolean special = false;
        if ((n >= 3 && cps[0] == '-' && cps[1] == '-' && cps[2] == '-')
                || (n >= 3 && cps[0] == '.' && cps[1] == '.' && cps[2] == '.')) {
            blockIndicators = true;
        }
        boolean precededByWhitespace = true;
        boolean followedByWhitespace = n < 2 || isBlankz(cps[1]);
        for (int i = 0; i < n; i++) {
            int c = cps[i];
            if (i == 0) {
                switch (c) {
                    case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' ->
                            blockIndicators = true;
                    case '?', ':' -> {
                        if (followedByWhitespace) {
                            blockIndicators = true;
                        }
                    }
                    case '-' -> {
                        if (followedByWhitespace) {
                            blockIndicators = true;
                        }
                    }
                    default -> { }
                }
            } else {
                if (c == ':' && followedByWhitespace) {
                    blockIndicators = true;
                }
                if (c == '#' && precededByWhitespace) {
                    blockIndicators = true;
                }
            }
            if (!isPrintable(c)) {
                special = true;
            }
            if (isBreak(c)) {
                lineBreaks = true;
            }
            if (isSpace(c)) {
                if (i == 0) {
                    leadingSpace = true;
                }
                if (i == n - 1) {
                    trailingSpace = true;
                }
                if (previousBreak) {
                    breakSpace = true;
                }
                previousSpace = true;
                previousBreak = false;
            } else if (isBreak(c)) {
                if (i == 0) {
                    leadingBreak = true;
                }
                if (i == n - 1) {
                    trailingBreak = true;
                }
                if (previousSpace) {
                    spaceBreak = true;
                }
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = isBlankz(c);
            followedByWhitespace = i + 2 >= n || isBlankz(cps[i + 2]);
        }
        boolean blockPlain = true;
        boolean single = true;
        boolean block = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
            blockPlain = false;
        }
        if (trailingSpace) {
            block = false;
        }
        if (breakSpace) {
            blockPlain = false;
            single = false;
        }
        if (spaceBreak || special) {
            blockPlain = false;
            single = false;
            block = false;
        }
        if (lineBreaks) {
            blockPlain = false;
        }
        if (blockIndicators) {
            blockPlain = false;
        }
        return new Analysis(blockPlain, single, block);
    }

    // ---- writers (libyaml's emitter) -------------------------------------------------------------------------

    private void put(char c) {
        out.append(c);
        column++;
    }

    private void putBreak() {
        out.append('\n');
        column = 0;
    }

    private void write(String s) {
        out.append(s);
        column += s.codePointCount(0, s.length());
    }

    private void writeCodePoint(int cp) {
        out.appendCodePoint(cp);
        column++;
    }

    private void writeIndent() {
        int ind = Math.max(indent, 0);
        if (!indention || column > ind || (column == ind && !whitespace)) {
            putBreak();
        }
        while (column < ind) {
            put(' ');
        }
        whitespace = true;
        indention = true;
    }

    private void writePlain(String s, boolean allowBreaks) {
        if (!whitespace) {
            put(' ');
        }
        if (noSpaceNorSurrogate(s)) {
            // the loop below would write each char as it is (one column each)
            out.append(s);
            column += s.length();
            whitespace = false;
            indention = false;
            return;
        }
        boolean spaces = false;
        int[] cps = codePoints(s);
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (isSpace(c)) {
                if (allowBreaks && !spaces && column > BEST_WIDTH && !(i + 1 < cps.length && isSpace(cps[i + 1]))) {
                    writeIndent();
                } else {
                    writeCodePoint(c);
                }
                spaces = true;
            } else {
                writeCodePoint(c);
                indention = false;
                spaces = false;
            }
        }
        whitespace = false;
        indention = false;
    }

    private static boolean noSpaceNorSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private void writeSingleQuoted(String s, boolean allowBreaks) {
        if (!whitespace) {
            put(' ');
        }
        put('\'');
        boolean spaces = false;
        boolean breaks = false;
        int[] cps = codePoints(s);
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (isSpace(c)) {
                if (allowBreaks && !spaces && column > BEST_WIDTH && i != 0 && i != cps.length - 1
                        && !(i + 1 < cps.length && isSpace(cps[i + 1]))) {
                    writeIndent();
                } else {
                    writeCodePoint(c);
                }
                spaces = true;
            } else if (isBreak(c)) {
                // libyaml: a line break inside a single-quoted scalar (U+0085, U+2028, U+2029 reach here: the
                // encoder sends strings with \n to the literal style) is written as is, and the next line is
                // indented
                if (!breaks && c == '\n') {
                    putBreak();
                }
                if (c == '\n') {
                    putBreak();
                } else {
                    out.appendCodePoint(c);
                    column = 0;
                }
                indention = true;
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                breaks = false;
                if (c == '\'') {
                    put('\'');
                }
                writeCodePoint(c);
                indention = false;
                spaces = false;
            }
        }
        put('\'');
        whitespace = false;
        indention = false;
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private void writeDoubleQuoted(String s, boolean allowBreaks) {
        if (!whitespace) {
            put(' ');
        }
        put('"');
        boolean spaces = false;
        int[] cps = codePoints(s);
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (!isPrintable(c) || c == 0xFEFF || isBreak(c) || c == '"' || c == '\\') {
                put('\\');
                switch (c) {
                    case 0x00 -> put('0');
                    case 0x07 -> put('a');
                    case 0x08 -> put('b');
                    case 0x09 -> put('t');
                    case 0x0A -> put('n');
                    case 0x0B -> put('v');
                    case 0x0C -> put('f');
                    case 0x0D -> put('r');
                    case 0x1B -> put('e');
                    case 0x22 -> put('"');
                    case 0x5C -> put('\\');
                    case 0x85 -> put('N');
                    case 0xA0 -> put('_');
                    case 0x2028 -> put('L');
                    case 0x2029 -> put('P');
                    default -> {
                        int width;
                        if (c <= 0xFF) {
                            put('x');
                            width = 2;
                        } else if (c <= 0xFFFF) {
                            put('u');
                            width = 4;
                        } else {
                            put('U');
                            width = 8;
                        }
                        for (int k = (width - 1) * 4; k >= 0; k -= 4) {
                            put(HEX[(c >> k) & 0x0F]);
                        }
                    }
                }
                spaces = false;
            } else if (isSpace(c)) {
                if (allowBreaks && !spaces && column > BEST_WIDTH && i != 0 && i != cps.length - 1) {
                    writeIndent();
                    if (i + 1 < cps.length && isSpace(cps[i + 1])) {
                        put('\\');
                    }
                } else {
                    writeCodePoint(c);
                }
                spaces = true;
            } else {
                writeCodePoint(c);
                spaces = false;
            }
        }
        put('"');
        whitespace = false;
        indention = false;
    }

    private void writeLiteral(String s) {
        if (!whitespace) {
            put(' ');
        }
        put('|');
        whitespace = false;
        indention = false;
        int[] cps = codePoints(s);
        if (cps.length > 0 && (isSpace(cps[0]) || isBreak(cps[0]))) {
            put((char) ('0' + BEST_INDENT));
        }
        if (cps.length == 0 || !isBreak(cps[cps.length - 1])) {
            put('-');
        } else if (cps.length == 1 || isBreak(cps[cps.length - 2])) {
            put('+');
        }
        putBreak();
        indention = true;
        whitespace = true;
        boolean breaks = true;
        for (int c : cps) {
            if (isBreak(c)) {
                putBreak();
                indention = true;
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                writeCodePoint(c);
                indention = false;
                breaks = false;
            }
        }
        // the block scalar ends the line
        whitespace = true;
        indention = true;
        if (column != 0) {
            // content did not end with a break (chomp '-'): the next node starts on a new line
            indention = false;
            whitespace = false;
        }
    }

    /** {@code s.codePoints().toArray()} without a stream (unpaired surrogates stay code points of their own). */
    static int[] codePoints(String s) {
        int n = s.length();
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                out[k++] = Character.toCodePoint(c, s.charAt(++i));
            } else {
                out[k++] = c;
            }
        }
        return k == n ? out : java.util.Arrays.copyOf(out, k);
    }

    // ---- go-yaml v2 key order ------------------------------------------------------------------------------

    /** go-yaml v2's {@code keyList.Less} on string keys: letters after other runes, digit runs by value. */
    static int keyLess(String x, String y) {
        if (x.equals(y)) {
            return 0;
        }
        return less(x, y) ? -1 : 1;
    }

    private static boolean less(String x, String y) {
        int[] ar = codePoints(x);
        int[] br = codePoints(y);
        for (int i = 0; i < ar.length && i < br.length; i++) {
            if (ar[i] == br[i]) {
                continue;
            }
            boolean al = Character.isLetter(ar[i]);
            boolean bl = Character.isLetter(br[i]);
            if (al && bl) {
                return ar[i] < br[i];
            }
            if (al || bl) {
                return bl;
            }
            long an = 0;
            long bn = 0;
            if (ar[i] == '0' || br[i] == '0') {
                for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
                    if (ar[j] != '0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai = i;
            for (; ai < ar.length && Character.isDigit(ar[ai]); ai++) {
                an = an * 10 + (ar[ai] - '0');
            }
            int bi = i;
            for (; bi < br.length && Character.isDigit(br[bi]); bi++) {
                bn = bn * 10 + (br[bi] - '0');
            }
            if (an != bn) {
                return an < bn;
            }
            if (ai != bi) {
                return ai < bi;
            }
            return ar[i] < br[i];
        }
        return ar.length < br.length;
    }

}
