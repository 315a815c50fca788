package dev.gitops.api.semver.internal;

/**
 * Small helpers that reproduce Go standard-library string behaviour byte for byte where our messages and parsers
 * must match Go tools: {@code strconv.Quote} (what {@code %q} prints) and {@code strconv.ParseUint(s, 10, 64)}.
 * Not API.
 */
public final class GoStrings {

    private GoStrings() {}

    /** {@code strconv.Quote(s)}: double-quoted, with Go escapes for control and non-printable characters. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 0x07 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0x0b -> sb.append("\\v");
                default -> {
                    if (isPrint(cp)) {
                        sb.appendCodePoint(cp);
                    } else if (cp < 0x80) {
                        sb.append(String.format("\\x%02x", cp));
                    } else if (Character.isSurrogate((char) cp)) {
                        sb.append("\\ufffd");
                    } else if (cp < 0x10000) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.append(String.format("\\U%08x", cp));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /** True when {@code s} is non-empty and made of ASCII digits only. */
    public static boolean isAsciiDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code strconv.ParseUint(s, 10, 64)} for a string of ASCII digits: the value as an unsigned long, or -1 (all
     * bits set, i.e. 2^64-1) with {@code overflow[0] = true} when it does not fit. Callers check
     * {@link #isAsciiDigits} first.
     */
    public static long parseUint64(String s, boolean[] overflow) {
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = s.charAt(i) - '0';
            // v * 10 + d must stay below 2^64
            if (Long.compareUnsigned(v, 0x1999999999999999L) > 0
                    || (v == 0x1999999999999999L && d > 5)) {
                overflow[0] = true;
                return -1L;
            }
            v = v * 10 + d;
        }
        overflow[0] = false;
        return v;
    }

    /** Go's {@code strings.Split(s, sep)}: empty fields kept, including leading and trailing ones. */
    public static java.util.List<String> split(String s, String sep) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int from = 0;
        while (true) {
            int i = s.indexOf(sep, from);
            if (i < 0) {
                out.add(s.substring(from));
                return out;
            }
            out.add(s.substring(from, i));
            from = i + sep.length();
        }
    }
}
