package dev.gitops.api.image.internal;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * How kyaml decides that a setter value must be quoted ({@code yaml.IsValueNonString}: would go-yaml v2, a YAML
 * 1.1 parser, read the text as something other than a string?) and how go-yaml writes a scalar in a given
 * style. Not API.
 */
public final class Yaml11 {

    private Yaml11() {}

    private static final Set<String> MAPPED = Set.of(
            "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
            "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
            "~", "null", "Null", "NULL",
            ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF");
    private static final Pattern YAML_STYLE_FLOAT =
            Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    /** kyaml's {@code IsValueNonString}: empty and multi-line values are never "non-string". */
    public static boolean isNonString(String value) {
        if (value.isEmpty() || value.contains("\n")) {
            return false;
        }
        Node n;
        try {
            LoaderOptions o = new LoaderOptions();
            Iterator<Node> it = new Yaml(o).composeAll(new StringReader(value)).iterator();
            if (!it.hasNext()) {
                return true; // only comments: nil
            }
            n = it.next();
            if (n == null) {
                return true;
            }
            if (it.hasNext()) {
                return false; // go-yaml v2 Unmarshal fails on several documents
            }
        } catch (RuntimeException e) {
            return false; // does not parse: kyaml says "not a non-string"
        }
        if (!(n instanceof ScalarNode s)) {
            return true; // a mapping or sequence
        }
        if (value.startsWith("!")) {
            return !value.startsWith("!!str");
        }
        if (s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
            return false;
        }
        return resolvesToNonString(s.getValue());
    }

    /** go-yaml v2's {@code resolve} of an untagged plain scalar, decoded into {@code interface{}}. */
    static boolean resolvesToNonString(String in) {
        if (in.isEmpty()) {
            return true; // null
        }
        char c = in.charAt(0);
        if (MAPPED.contains(in)) {
            return !in.equals("<<");
        }
        if (c == '.') {
            return GoFloat.parse(in) != null;
        }
        if (c == '+' || c == '-' || (c >= '0' && c <= '9')) {
            String plain = in.replace("_", "");
            if (isGoInt(plain)) {
                return true;
            }
            if (YAML_STYLE_FLOAT.matcher(plain).matches() && GoFloat.parse(plain) != null) {
                return true;
            }
            if (plain.startsWith("0b") && isBinary(plain.substring(2), 63)) {
                return true;
            }
            if (plain.startsWith("-0b") && isBinary(plain.substring(3), 63)) {
                return true;
            }
        }
        return false; // strings, and timestamps (kept as strings when decoding into interface{})
    }

    private static boolean isBinary(String s, int bits) {
        return !s.isEmpty() && s.chars().allMatch(ch -> ch == '0' || ch == '1')
                && new BigInteger(s, 2).bitLength() <= bits;
    }

    /** {@code strconv.ParseInt(s, 0, 64)} or {@code ParseUint(s, 0, 64)} succeeds. */
    static boolean isGoInt(String s) {
        boolean neg = false;
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        String body = s.substring(i);
        int radix = 10;
        String digits = body;
        if (body.length() >= 2 && body.charAt(0) == '0') {
            char p = Character.toLowerCase(body.charAt(1));
            if (p == 'x') {
                radix = 16;
                digits = body.substring(2);
            } else if (p == 'b') {
                radix = 2;
                digits = body.substring(2);
            } else if (p == 'o') {
                radix = 8;
                digits = body.substring(2);
            } else {
                radix = 8;
                digits = body.substring(1);
            }
        }
        if (digits.isEmpty()) {
            return false;
        }
        for (int k = 0; k < digits.length(); k++) {
            if (Character.digit(digits.charAt(k), radix) < 0 || digits.charAt(k) > 'z') {
                return false;
            }
        }
        BigInteger v = new BigInteger(digits, radix);
        if (neg) {
            return v.bitLength() <= 63 || v.equals(BigInteger.ONE.shiftLeft(63));
        }
        return v.bitLength() <= 64; // ParseUint accepts up to 2^64-1 (unsigned, no sign)
    }

    /** Whether go-yaml would write {@code v} as a plain scalar in block context (conservatively). */
    public static boolean plainSafe(String v) {
        if (v.isEmpty() || v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' ') {
            return false;
        }
        char c = v.charAt(0);
        if ("#,[]{}&*!|>'\"%@`".indexOf(c) >= 0) {
            return false;
        }
        if ((c == '-' || c == '?' || c == ':') && (v.length() == 1 || v.charAt(1) == ' ')) {
            return false;
        }
        if (v.contains(": ") || v.contains(" #") || v.endsWith(":") || v.startsWith("---") || v.startsWith("...")) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch < ' ' || ch == 0x7f || ch == 0xFEFF || (ch >= 0x80 && ch < 0xA0)) {
                return false;
            }
        }
        return true;
    }

    /** go-yaml's double-quoted form. */
    public static String doubleQuoted(String v) {
        StringBuilder sb = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case 0 -> sb.append("\\0");
                default -> {
                    if (ch < ' ' || ch == 0x7f) {
                        sb.append(String.format("\\x%02X", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** go-yaml's single-quoted form ({@code '} doubled); only for single-line values. */
    public static String singleQuoted(String v) {
        return "'" + v.replace("'", "''") + "'";
    }
}
