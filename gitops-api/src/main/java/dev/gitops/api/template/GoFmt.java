package dev.gitops.api.template;

import dev.gitops.api.template.internal.GoStrings;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code fmt} package over the template data model (see {@link GoValues}): {@code Sprintf} with the verbs
 * {@code %v %d %s %q %x %X %o %O %b %t %f %F %e %E %g %G %c %U %T %%}, flags {@code + - # 0 space}, width and
 * precision (including {@code *}), and Go's error forms ({@code %!d(string=x)}, {@code %!d(MISSING)},
 * {@code %!(EXTRA ...)}); {@code Sprint} and {@code Sprintln}; and {@code strconv.FormatFloat}.
 */
public final class GoFmt {

    private GoFmt() {
    }

    /** Go's {@code fmt.Sprint}: operands joined, with a space between two operands when neither is a string. */
    public static String sprint(List<?> args) {
        StringBuilder sb = new StringBuilder();
        boolean prevString = false;
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            boolean isString = a instanceof String;
            if (i > 0 && !isString && !prevString) {
                sb.append(' ');
            }
            new Printer(sb).printArg(a, 'v');
            prevString = isString;
        }
        return sb.toString();
    }

    /** Go's {@code fmt.Sprintln}: operands separated by spaces, with a trailing newline. */
    public static String sprintln(List<?> args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            new Printer(sb).printArg(args.get(i), 'v');
        }
        return sb.append('\n').toString();
    }

    /** Go's {@code fmt.Sprint} of one value ({@code %v}). */
    public static String toString(Object v) {
        StringBuilder sb = new StringBuilder();
        new Printer(sb).printArg(v, 'v');
        return sb.toString();
    }

    /** Go's {@code fmt.Sprintf}. */
    public static String sprintf(String format, List<?> args) {
        StringBuilder sb = new StringBuilder();
        new Printer(sb).doPrintf(format, args);
        return sb.toString();
    }

    /** Go's {@code fmt.Sprintf}. */
    public static String sprintf(String format, Object... args) {
        return sprintf(format, java.util.Arrays.asList(args));
    }

    // ------------------------------------------------------------------------------------------------------------
    // strconv.FormatFloat

    /** Decimal digits without trailing zeros and the decimal point position, as Go's {@code decimalSlice}. */
    private record Digits(String d, int dp, boolean neg) {
    }

    private static Digits digits(double v, int mode, int prec) {
        // mode 0: shortest; 1: significant digits = prec; 2: digits after the point = prec
        boolean neg = v < 0 || (v == 0 && 1 / v < 0);
        double a = Math.abs(v);
        if (a == 0) {
            return new Digits("", 0, neg);
        }
        BigDecimal exact = new BigDecimal(a);
        BigDecimal r;
        if (mode == 0) {
            r = null;
            for (int p = 1; p <= 17; p++) {
                BigDecimal c = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
                if (c.doubleValue() == a) {
                    r = c;
                    break;
                }
            }
            if (r == null) {
                r = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
            }
        } else if (mode == 1) {
            r = exact.round(new MathContext(Math.max(prec, 1), RoundingMode.HALF_EVEN));
        } else {
            r = exact.setScale(prec, RoundingMode.HALF_EVEN);
        }
        if (r.signum() == 0) {
            return new Digits("", 0, neg);
        }
        r = r.stripTrailingZeros();
        String unscaled = r.unscaledValue().toString();
        int dp = unscaled.length() - r.scale();
        return new Digits(unscaled, dp, neg);
    }

    /**
     * Go's {@code strconv.FormatFloat(v, fmt, prec, 64)} for {@code fmt} in {@code e E f F g G}; {@code prec} -1
     * means the shortest representation that reads back to the same value.
     */
    public static String formatFloat(double v, char fmt, int prec) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean shortest = prec < 0;
        Digits digs;
        switch (fmt) {
            case 'e', 'E' -> {
                digs = shortest ? digits(v, 0, 0) : digits(v, 1, prec + 1);
                if (shortest) {
                    prec = Math.max(digs.d.length() - 1, 0);
                }
                return fmtE(digs, prec, fmt);
            }
            case 'f', 'F' -> {
                digs = shortest ? digits(v, 0, 0) : digits(v, 2, prec);
                if (shortest) {
                    prec = Math.max(digs.d.length() - digs.dp, 0);
                }
                return fmtF(digs, prec);
            }
            case 'g', 'G' -> {
                if (prec == 0) {
                    prec = 1;
                }
                digs = shortest ? digits(v, 0, 0) : digits(v, 1, prec);
                int nd = digs.d.length();
                if (shortest) {
                    prec = nd;
                }
                int eprec = prec;
                if (eprec > nd && nd >= digs.dp) {
                    eprec = nd;
                }
                if (shortest) {
                    eprec = 6;
                }
                int exp = digs.dp - 1;
                if (nd == 0) {
                    exp = 0;
                    // zero: Go formats as %f
                    return fmtF(digs, 0);
                }
                if (exp < -4 || exp >= eprec) {
                    if (prec > nd) {
                        prec = nd;
                    }
                    return fmtE(digs, prec - 1, fmt == 'g' ? 'e' : 'E');
                }
                if (prec > digs.dp) {
                    prec = nd;
                }
                return fmtF(digs, Math.max(prec - digs.dp, 0));
            }
            default -> throw new IllegalArgumentException("unsupported float format " + fmt);
        }
    }

    private static String fmtE(Digits digs, int prec, char fmt) {
        StringBuilder sb = new StringBuilder();
        if (digs.neg) {
            sb.append('-');
        }
        String d = digs.d;
        int nd = d.length();
        sb.append(nd == 0 ? '0' : d.charAt(0));
        if (prec > 0) {
            sb.append('.');
            int i = 1;
            int m = Math.min(nd, prec + 1);
            if (i < m) {
                sb.append(d, i, m);
                i = m;
            }
            for (; i <= prec; i++) {
                sb.append('0');
            }
        }
        sb.append(fmt);
        int exp = digs.dp - 1;
        if (nd == 0) {
            exp = 0;
        }
        if (exp < 0) {
            sb.append('-');
            exp = -exp;
        } else {
            sb.append('+');
        }
        if (exp < 10) {
            sb.append('0').append(exp);
        } else {
            sb.append(exp);
        }
        return sb.toString();
    }

    private static String fmtF(Digits digs, int prec) {
        StringBuilder sb = new StringBuilder();
        if (digs.neg) {
            sb.append('-');
        }
        String d = digs.d;
        int nd = d.length();
        if (digs.dp > 0) {
            int m = Math.min(nd, digs.dp);
            sb.append(d, 0, m);
            for (; m < digs.dp; m++) {
                sb.append('0');
            }
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) {
                char ch = '0';
                int j = digs.dp + i - 1;
                if (0 <= j && j < nd) {
                    ch = d.charAt(j);
                }
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------------------

    private static final class Printer {
        private final StringBuilder buf;
        private boolean plus;
        private boolean minus;
        private boolean sharp;
        private boolean space;
        private boolean zero;
        private boolean plusV;
        private boolean sharpV;
        private boolean widPresent;
        private boolean precPresent;
        private int wid;
        private int prec;

        Printer(StringBuilder buf) {
            this.buf = buf;
        }

        private void clearFlags() {
            plus = minus = sharp = space = zero = plusV = sharpV = false;
            widPresent = precPresent = false;
            wid = prec = 0;
        }

        void doPrintf(String format, List<?> a) {
            int end = format.length();
            int argNum = 0;
            boolean afterIndex;
            for (int i = 0; i < end; ) {
                int lasti = i;
                while (i < end && format.charAt(i) != '%') {
                    i++;
                }
                if (i > lasti) {
                    buf.append(format, lasti, i);
                }
                if (i >= end) {
                    break;
                }
                i++;
                clearFlags();
                flags:
                for (; i < end; i++) {
                    switch (format.charAt(i)) {
                        case '#' -> sharp = true;
                        case '0' -> zero = !minus;
                        case '+' -> plus = true;
                        case '-' -> {
                            minus = true;
                            zero = false;
                        }
                        case ' ' -> space = true;
                        default -> {
                            break flags;
                        }
                    }
                }
                // explicit argument index
                int[] ai = argNumber(argNum, format, i, a.size());
                argNum = ai[0];
                i = ai[1];
                afterIndex = ai[2] == 1;
                boolean goodArgNum = ai[3] == 1;
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    Object w = argNum < a.size() ? a.get(argNum) : null;
                    Integer wi = intFromArg(w, argNum < a.size());
                    argNum++;
                    if (wi == null) {
                        buf.append("%!(BADWIDTH)");
                        widPresent = false;
                    } else {
                        widPresent = true;
                        wid = wi;
                        if (wid < 0) {
                            minus = true;
                            wid = -wid;
                            zero = false;
                        }
                    }
                    afterIndex = false;
                } else {
                    int start = i;
                    while (i < end && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    if (i > start) {
                        widPresent = true;
                        wid = Integer.parseInt(format.substring(start, i));
                        if (afterIndex) {
                            goodArgNum = false;
                        }
                    }
                }
                if (i + 1 <= end && i < end && format.charAt(i) == '.') {
                    i++;
                    if (afterIndex) {
                        goodArgNum = false;
                    }
                    ai = argNumber(argNum, format, i, a.size());
                    argNum = ai[0];
                    i = ai[1];
                    afterIndex = ai[2] == 1;
                    if (i < end && format.charAt(i) == '*') {
                        i++;
                        Object pv = argNum < a.size() ? a.get(argNum) : null;
                        Integer pi = intFromArg(pv, argNum < a.size());
                        argNum++;
                        if (pi == null || pi < 0) {
                            precPresent = false;
                            buf.append("%!(BADPREC)");
                        } else {
                            precPresent = true;
                            prec = pi;
                        }
                        afterIndex = false;
                    } else {
                        int start = i;
                        while (i < end && Character.isDigit(format.charAt(i))) {
                            i++;
                        }
                        prec = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
                        precPresent = true;
                    }
                }
                if (!afterIndex) {
                    ai = argNumber(argNum, format, i, a.size());
                    argNum = ai[0];
                    i = ai[1];
                    afterIndex = ai[2] == 1;
                    if (ai[3] == 0) {
                        goodArgNum = false;
                    }
                }
                if (i >= end) {
                    buf.append("%!(NOVERB)");
                    break;
                }
                int verb = format.codePointAt(i);
                i += Character.charCount(verb);
                if (verb == '%') {
                    buf.append('%');
                } else if (!goodArgNum) {
                    badArgNum(verb);
                } else if (argNum >= a.size()) {
                    missingArg(verb);
                } else {
                    if (verb == 'v') {
                        sharpV = sharp;
                        sharp = false;
                        plusV = plus;
                        plus = false;
                    }
                    printArg(a.get(argNum), verb);
                    argNum++;
                }
            }
            if (argNum < a.size()) {
                clearFlags();
                buf.append("%!(EXTRA ");
                for (int k = argNum; k < a.size(); k++) {
                    if (k > argNum) {
                        buf.append(", ");
                    }
                    Object arg = a.get(k);
                    if (arg == null) {
                        buf.append("<nil>");
                    } else {
                        buf.append(GoValues.typeName(arg)).append('=');
                        printArg(arg, 'v');
                    }
                }
                buf.append(')');
            }
        }

        private int[] argNumber(int argNum, String format, int i, int numArgs) {
            if (format.length() <= i || format.charAt(i) != '[') {
                return new int[] {argNum, i, 0, 1};
            }
            int close = format.indexOf(']', i);
            if (close < 0) {
                return new int[] {argNum, i + 1, 0, 0};
            }
            try {
                int idx = Integer.parseInt(format.substring(i + 1, close));
                if (idx - 1 >= 0 && idx - 1 < numArgs + 1) {
                    return new int[] {idx - 1, close + 1, 1, idx - 1 < numArgs || idx - 1 == numArgs ? 1 : 0};
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            return new int[] {argNum, close + 1, 1, 0};
        }

        private static Integer intFromArg(Object a, boolean present) {
            if (!present) {
                return null;
            }
            if (a instanceof Integer || a instanceof Long || a instanceof Short || a instanceof Byte) {
                long v = ((Number) a).longValue();
                if (v > 1_000_000 || v < -1_000_000) {
                    return null;
                }
                return (int) v;
            }
            return null;
        }

        private void badArgNum(int verb) {
            buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
        }

        private void missingArg(int verb) {
            buf.append("%!").appendCodePoint(verb).append("(MISSING)");
        }

        void printArg(Object arg, int verb) {
            if (arg == null) {
                if (verb == 'T' || verb == 'v') {
                    pad("<nil>");
                } else {
                    badVerb(verb, null);
                }
                return;
            }
            if (verb == 'T') {
                fmtS(GoValues.typeName(arg));
                return;
            }
            printValue(arg, verb, 0);
        }

        private void printValue(Object arg, int verb, int depth) {
            if (arg == null) {
                if (depth == 0) {
                    printArg(null, verb);
                } else {
                    if (verb == 'v') {
                        pad("<nil>");
                    } else {
                        badVerb(verb, null);
                    }
                }
                return;
            }
            if (arg instanceof Boolean b) {
                if (verb == 't' || verb == 'v') {
                    pad(b ? "true" : "false");
                } else {
                    badVerb(verb, arg);
                }
            } else if (arg instanceof Double || arg instanceof Float) {
                fmtFloatVerb(((Number) arg).doubleValue(), verb, arg);
            } else if (GoValues.isInteger(arg)) {
                fmtIntegerVerb(((Number) arg).longValue(), verb, arg);
            } else if (arg instanceof String s) {
                fmtStringVerb(s, verb, arg);
            } else if (arg instanceof byte[] bytes) {
                if (verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') {
                    fmtStringVerb(new String(bytes, StandardCharsets.UTF_8), verb, arg);
                } else {
                    buf.append('[');
                    for (int i = 0; i < bytes.length; i++) {
                        if (i > 0) {
                            buf.append(' ');
                        }
                        fmtIntegerVerb(bytes[i] & 0xff, verb, (long) (bytes[i] & 0xff));
                    }
                    buf.append(']');
                }
            } else if (arg instanceof Map<?, ?> m) {
                if (sharpV) {
                    buf.append(GoValues.typeName(arg)).append('{');
                } else {
                    buf.append("map[");
                }
                boolean first = true;
                for (Map.Entry<Object, Object> e : GoValues.sortedEntries(m)) {
                    if (!first) {
                        buf.append(sharpV ? ", " : " ");
                    }
                    first = false;
                    printValue(e.getKey(), verb, depth + 1);
                    buf.append(':');
                    printValue(e.getValue(), verb, depth + 1);
                }
                buf.append(sharpV ? '}' : ']');
            } else if (arg instanceof Collection<?> || arg instanceof Object[]) {
                List<Object> list = new ArrayList<>();
                if (arg instanceof Object[] arr) {
                    list.addAll(java.util.Arrays.asList(arr));
                } else {
                    list.addAll((Collection<?>) arg);
                }
                if (sharpV) {
                    buf.append(GoValues.typeName(arg)).append('{');
                } else {
                    buf.append('[');
                }
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        buf.append(sharpV ? ", " : " ");
                    }
                    printValue(list.get(i), verb, depth + 1);
                }
                buf.append(sharpV ? '}' : ']');
            } else if (arg instanceof GoObject g) {
                if (verb == 'v' || verb == 's') {
                    pad(g.goString());
                } else {
                    badVerb(verb, arg);
                }
            } else {
                if (verb == 'v' || verb == 's') {
                    pad(String.valueOf(arg));
                } else {
                    badVerb(verb, arg);
                }
            }
        }

        private void badVerb(int verb, Object arg) {
            boolean savedPlusV = plusV;
            boolean savedSharpV = sharpV;
            buf.append("%!").appendCodePoint(verb).append('(');
            if (arg == null) {
                buf.append("<nil>");
            } else {
                buf.append(GoValues.typeName(arg)).append('=');
                boolean w = widPresent;
                boolean p = precPresent;
                int ww = wid;
                int pp = prec;
                boolean z = zero;
                boolean mi = minus;
                widPresent = false;
                precPresent = false;
                printValue(arg, 'v', 0);
                widPresent = w;
                precPresent = p;
                wid = ww;
                prec = pp;
                zero = z;
                minus = mi;
            }
            buf.append(')');
            plusV = savedPlusV;
            sharpV = savedSharpV;
        }

        // ---- padding ----

        private void writePadding(int n) {
            if (n <= 0) {
                return;
            }
            char c = zero ? '0' : ' ';
            for (int i = 0; i < n; i++) {
                buf.append(c);
            }
        }

        private void pad(String s) {
            if (!widPresent || wid == 0) {
                buf.append(s);
                return;
            }
            int width = wid - s.codePointCount(0, s.length());
            if (!minus) {
                writePadding(width);
                buf.append(s);
            } else {
                buf.append(s);
                boolean z = zero;
                zero = false;
                writePadding(width);
                zero = z;
            }
        }

        // ---- strings ----

        private String truncate(String s) {
            if (precPresent && s.codePointCount(0, s.length()) > prec) {
                return s.substring(0, s.offsetByCodePoints(0, prec));
            }
            return s;
        }

        private void fmtS(String s) {
            pad(truncate(s));
        }

        private void fmtStringVerb(String s, int verb, Object arg) {
            switch (verb) {
                case 'v' -> {
                    if (sharpV) {
                        pad(GoStrings.quote(s));
                    } else {
                        fmtS(s);
                    }
                }
                case 's' -> fmtS(s);
                case 'x' -> fmtSx(s, "0123456789abcdef");
                case 'X' -> fmtSx(s, "0123456789ABCDEF");
                case 'q' -> fmtQ(s);
                default -> badVerb(verb, arg);
            }
        }

        private void fmtQ(String s) {
            s = truncate(s);
            if (sharp && canBackquote(s)) {
                pad("`" + s + "`");
                return;
            }
            pad(GoStrings.quoteWith(s, '"', plus));
        }

        private static boolean canBackquote(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if ((c < ' ' && c != '\t') || c == '`' || c == 0x7f || c == '\uFEFF') {
                    return false;
                }
            }
            return true;
        }

        private void fmtSx(String s, String digits) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int length = b.length;
            if (precPresent && prec < length) {
                length = prec;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < length; i++) {
                if (space && i > 0) {
                    sb.append(' ');
                }
                if (sharp && (space || i == 0)) {
                    sb.append('0').append(digits.charAt(10) == 'a' ? 'x' : 'X');
                }
                int c = b[i] & 0xff;
                sb.append(digits.charAt(c >> 4)).append(digits.charAt(c & 0xf));
            }
            pad(sb.toString());
        }

        // ---- integers ----

        private void fmtIntegerVerb(long v, int verb, Object arg) {
            switch (verb) {
                case 'v', 'd' -> fmtInteger(v, 10, verb, "0123456789abcdefx");
                case 'b' -> fmtInteger(v, 2, verb, "0123456789abcdefx");
                case 'o', 'O' -> fmtInteger(v, 8, verb, "0123456789abcdefx");
                case 'x' -> fmtInteger(v, 16, verb, "0123456789abcdefx");
                case 'X' -> fmtInteger(v, 16, verb, "0123456789ABCDEFX");
                case 'c' -> pad(v >= 0 && v <= 0x10FFFF ? new String(Character.toChars((int) v)) : "\uFFFD");
                case 'q' -> pad(GoStrings.quoteRune(v >= 0 && v <= 0x10FFFF ? (int) v : 0xFFFD));
                case 'U' -> {
                    String h = Long.toHexString(v).toUpperCase();
                    StringBuilder sb = new StringBuilder("U+");
                    for (int i = h.length(); i < 4; i++) {
                        sb.append('0');
                    }
                    sb.append(h);
                    if (sharp && v >= 0 && v <= 0x10FFFF && GoStrings.isPrint((int) v)) {
                        sb.append(" '").appendCodePoint((int) v).append('\'');
                    }
                    pad(sb.toString());
                }
                case 'e', 'E', 'f', 'F', 'g', 'G' -> badVerb(verb, arg);
                default -> badVerb(verb, arg);
            }
        }

        private void fmtInteger(long v, int base, int verb, String digits) {
            boolean negative = v < 0;
            java.math.BigInteger u = java.math.BigInteger.valueOf(v).abs();
            int precision = 0;
            if (precPresent) {
                precision = prec;
                if (precision == 0 && v == 0) {
                    boolean z = zero;
                    zero = false;
                    writePadding(wid);
                    zero = z;
                    return;
                }
            } else if (zero && !minus && widPresent) {
                precision = wid;
                if (negative || plus || space) {
                    precision--;
                }
            }
            String num = u.toString(base);
            if (digits.charAt(10) == 'A') {
                num = num.toUpperCase();
            }
            StringBuilder sb = new StringBuilder();
            for (int i = num.length(); i < precision; i++) {
                sb.append('0');
            }
            sb.append(num);
            if (sharp) {
                if (base == 2) {
                    sb.insert(0, "0b");
                } else if (base == 8) {
                    if (sb.charAt(0) != '0') {
                        sb.insert(0, '0');
                    }
                } else if (base == 16) {
                    sb.insert(0, digits.charAt(16) == 'X' ? "0X" : "0x");
                }
            }
            if (verb == 'O') {
                sb.insert(0, "0o");
            }
            if (negative) {
                sb.insert(0, '-');
            } else if (plus) {
                sb.insert(0, '+');
            } else if (space) {
                sb.insert(0, ' ');
            }
            boolean z = zero;
            zero = false;
            pad(sb.toString());
            zero = z;
        }

        // ---- floats ----

        private void fmtFloatVerb(double v, int verb, Object arg) {
            switch (verb) {
                case 'v' -> fmtFloat(v, 'g', -1);
                case 'g', 'G' -> fmtFloat(v, (char) verb, -1);
                case 'f', 'e', 'E', 'F' -> fmtFloat(v, (char) verb, 6);
                default -> badVerb(verb, arg);
            }
        }

        private void fmtFloat(double v, char verb, int precision) {
            if (precPresent) {
                precision = prec;
            }
            char f = verb == 'F' ? 'f' : verb;
            String num = formatFloat(v, f, precision);
            if (num.charAt(0) != '-' && num.charAt(0) != '+') {
                num = "+" + num;
            }
            if (space && num.charAt(0) == '+' && !plus) {
                num = " " + num.substring(1);
            }
            if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
                boolean z = zero;
                zero = false;
                if (num.charAt(1) == 'N' && !space && !plus) {
                    num = num.substring(1);
                }
                pad(num);
                zero = z;
                return;
            }
            if (sharp && verb != 'b') {
                num = sharpFloat(num, verb, precision);
            }
            if (plus || num.charAt(0) != '+') {
                if (zero && !minus && widPresent && wid > num.length()) {
                    buf.append(num.charAt(0));
                    writePadding(wid - num.length());
                    buf.append(num, 1, num.length());
                    return;
                }
                pad(num);
                return;
            }
            pad(num.substring(1));
        }

        private static String sharpFloat(String num, char verb, int precision) {
            // %#g keeps trailing zeros and always prints a decimal point; %#e/%#f add a decimal point
            if (num.indexOf('.') >= 0) {
                return num;
            }
            int e = Math.max(num.indexOf('e'), num.indexOf('E'));
            if (e < 0) {
                return num + ".";
            }
            return num.substring(0, e) + "." + num.substring(e);
        }
    }
}
