package dev.gitops.api.yaml.internal;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * How go-yaml types a plain (unquoted, untagged) scalar: {@link #resolveV3} as go-yaml v3 reads it (what kustomize,
 * kyaml and Helm read with), {@link #isPlainSafeV2} whether go-yaml v2 (sigs.k8s.io/yaml, what kustomize and Helm
 * print with) would read a string back as a string if written without quotes.
 *
 * <p>Results of {@link #resolveV3}: {@code null} marker {@link #NULL}, {@link Boolean}, {@link Long},
 * {@link BigInteger} (unsigned 64-bit values above {@code Long.MAX_VALUE}), {@link Double}, or the input
 * {@link String} itself.
 */
public final class GoYamlResolver {

    /** Marker for a null scalar. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final Pattern YAML_STYLE_FLOAT =
            Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private GoYamlResolver() {}

    /** go-yaml v3's resolution of a plain scalar, timestamps kept as strings (as v3 does for interface{}). */
    public static Object resolveV3(String in) {
        if (in.isEmpty()) {
            return NULL;
        }
        char c = in.charAt(0);
        switch (c) {
            case '~':
                return in.length() == 1 ? NULL : in;
            case 'n':
            case 'N':
                return in.equals("null") || in.equals("Null") || in.equals("NULL") ? NULL : in;
            case 't':
            case 'T':
                return in.equals("true") || in.equals("True") || in.equals("TRUE") ? Boolean.TRUE : in;
            case 'f':
            case 'F':
                return in.equals("false") || in.equals("False") || in.equals("FALSE") ? Boolean.FALSE : in;
            case '.': {
                switch (in) {
                    case ".inf":
                    case ".Inf":
                    case ".INF":
                        return Double.POSITIVE_INFINITY;
                    case ".nan":
                    case ".NaN":
                    case ".NAN":
                        return Double.NaN;
                    default:
                        Double d = goParseFloat(in);
                        return d != null ? d : in;
                }
            }
            case '+':
            case '-':
                if (in.equals("+.inf") || in.equals("+.Inf") || in.equals("+.INF")) {
                    return Double.POSITIVE_INFINITY;
                }
                if (in.equals("-.inf") || in.equals("-.Inf") || in.equals("-.INF")) {
                    return Double.NEGATIVE_INFINITY;
                }
                return resolveNumber(in, true);
            default:
                if (c >= '0' && c <= '9') {
                    return resolveNumber(in, true);
                }
                return in;
        }
    }

    /** go-yaml v2's YAML 1.1 booleans beyond true/false: y, yes, on (true) and n, no, off (false); else null. */
    public static Boolean yaml11Bool(String in) {
        switch (in) {
            case "y": case "Y": case "yes": case "Yes": case "YES": case "on": case "On": case "ON":
            case "true": case "True": case "TRUE":
                return Boolean.TRUE;
            case "n": case "N": case "no": case "No": case "NO": case "off": case "Off": case "OFF":
            case "false": case "False": case "FALSE":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    private static Object resolveNumber(String in, boolean v3) {
        // timestamps stay strings when decoded into interface{} (go-yaml v3 compatibility rule)
        String plain = in.indexOf('_') >= 0 ? in.replace("_", "") : in;
        Object i = goParseInt(plain);
        if (i != null) {
            return i;
        }
        if (YAML_STYLE_FLOAT.matcher(plain).matches()) {
            Double d = goParseFloat(plain);
            if (d != null) {
                return d;
            }
        }
        if (plain.startsWith("0b") || plain.startsWith("-0b")) {
            boolean neg = plain.charAt(0) == '-';
            String digits = plain.substring(neg ? 3 : 2);
            Object v = parseRadix(digits, 2, neg);
            if (v != null) {
                return v;
            }
        }
        if (v3 && (plain.startsWith("0o") || plain.startsWith("-0o"))) {
            boolean neg = plain.charAt(0) == '-';
            Object v = parseRadix(plain.substring(neg ? 3 : 2), 8, neg);
            if (v != null) {
                return v;
            }
        }
        return in;
    }

    /**
     * Go's {@code strconv.ParseInt(s, 0, 64)} then {@code ParseUint(s, 0, 64)}: sign, then {@code 0x}, {@code 0o},
     * {@code 0b} or a leading {@code 0} (octal) prefix. Returns Long, BigInteger (above int64), or null.
     */
    static Object goParseInt(String s) {
        if (s.isEmpty()) {
            return null;
        }
        int i = 0;
        boolean neg = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        String body = s.substring(i);
        int radix = 10;
        if (body.length() >= 2 && body.charAt(0) == '0') {
            char p = body.charAt(1);
            if (p == 'x' || p == 'X') {
                radix = 16;
                body = body.substring(2);
            } else if (p == 'o' || p == 'O') {
                radix = 8;
                body = body.substring(2);
            } else if (p == 'b' || p == 'B') {
                radix = 2;
                body = body.substring(2);
            } else {
                radix = 8;
                body = body.substring(1);
            }
        }
        return parseRadix(body, radix, neg);
    }

    private static Object parseRadix(String body, int radix, boolean neg) {
        if (body.isEmpty()) {
            return null;
        }
        for (int k = 0; k < body.length(); k++) {
            if (Character.digit(body.charAt(k), radix) < 0) {
                return null;
            }
        }
        BigInteger v = new BigInteger(body, radix);
        if (neg) {
            v = v.negate();
        }
        if (v.bitLength() < 64) {
            return v.longValue();
        }
        if (!neg && v.compareTo(UINT64_MAX) <= 0) {
            return v;
        }
        return null;
    }

    /** Go's {@code strconv.ParseFloat(s, 64)} for decimal input; null when Go would reject it. */
    static Double goParseFloat(String s) {
        if (s.isEmpty()) {
            return null;
        }
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == 'e' || ch == 'E' || ch == '+' || ch == '-')) {
                return null;
            }
        }
        try {
            double d = Double.parseDouble(s);
            if (Double.isInfinite(d)) {
                return null; // Go reports ErrRange
            }
            return d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * True when go-yaml v2 would read {@code s}, written as a plain scalar, back as the same string: it is not
     * null, a YAML 1.1 bool ({@code yes}, {@code on}, {@code y}...), a number, a timestamp, a base-60 float or
     * {@code <<}.
     */
    public static boolean isPlainSafeV2(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        switch (c) {
            case '~':
                return s.length() != 1;
            case '<':
                return !s.equals("<<");
            case 'y':
            case 'Y':
                return !(s.equals("y") || s.equals("Y") || s.equals("yes") || s.equals("Yes") || s.equals("YES"));
            case 'n':
            case 'N':
                return !(s.equals("n") || s.equals("N") || s.equals("no") || s.equals("No") || s.equals("NO")
                        || s.equals("null") || s.equals("Null") || s.equals("NULL"));
            case 't':
            case 'T':
                return !(s.equals("true") || s.equals("True") || s.equals("TRUE"));
            case 'f':
            case 'F':
                return !(s.equals("false") || s.equals("False") || s.equals("FALSE"));
            case 'o':
            case 'O':
                return !(s.equals("on") || s.equals("On") || s.equals("ON") || s.equals("off") || s.equals("Off")
                        || s.equals("OFF"));
            case '.':
                if (s.equals(".inf") || s.equals(".Inf") || s.equals(".INF") || s.equals(".nan") || s.equals(".NaN")
                        || s.equals(".NAN")) {
                    return false;
                }
                return goParseFloat(s) == null;
            case '+':
            case '-':
                if (s.equals("+.inf") || s.equals("+.Inf") || s.equals("+.INF") || s.equals("-.inf")
                        || s.equals("-.Inf") || s.equals("-.INF")) {
                    return false;
                }
                return isStringV2Number(s);
            default:
                if (c >= '0' && c <= '9') {
                    return isStringV2Number(s);
                }
                return true;
        }
    }

    private static boolean isStringV2Number(String in) {
        if (isTimestamp(in)) {
            return false;
        }
        String plain = in.replace("_", "");
        if (goParseInt(plain) != null) {
            return false;
        }
        if (YAML_STYLE_FLOAT.matcher(plain).matches() && goParseFloat(plain) != null) {
            return false;
        }
        if (plain.startsWith("0b") || plain.startsWith("-0b")) {
            boolean neg = plain.charAt(0) == '-';
            if (parseRadix(plain.substring(neg ? 3 : 2), 2, neg) != null) {
                return false;
            }
        }
        return !isBase60Float(in);
    }

    private static final Pattern BASE60 = Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");

    /** go-yaml v2's base-60 float check (it quotes such strings for YAML 1.1 readers). */
    static boolean isBase60Float(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        if (!(c == '+' || c == '-' || (c >= '0' && c <= '9')) || s.indexOf(':') < 0) {
            return false;
        }
        return BASE60.matcher(s).matches();
    }

    /** go-yaml's timestamp formats: {@code 2006-01-02T15:04:05.999999999Z07:00} and variants, or a date. */
    public static boolean isTimestamp(String s) {
        // must start with YYYY-M
        int n = s.length();
        if (n < 8) {
            return false;
        }
        int i = 0;
        for (; i < n && i < 5; i++) {
            char ch = s.charAt(i);
            if (i == 4) {
                if (ch != '-') {
                    return false;
                }
            } else if (!Character.isDigit(ch)) {
                return false;
            }
        }
        for (String layout : TIMESTAMP_PATTERNS) {
            if (s.matches(layout)) {
                return true;
            }
        }
        return false;
    }

    // Go accepts "2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00",
    // "2006-1-2 15:4:5.999999999", "2006-1-2"; time.Parse is strict about ranges, approximated here.
    private static final String[] TIMESTAMP_PATTERNS = {
        "\\d{4}-\\d{1,2}-\\d{1,2}",
        "\\d{4}-\\d{1,2}-\\d{1,2}[Tt]\\d{1,2}:\\d{1,2}:\\d{1,2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})",
        "\\d{4}-\\d{1,2}-\\d{1,2} \\d{1,2}:\\d{1,2}:\\d{1,2}(\\.\\d+)?",
    };
}
