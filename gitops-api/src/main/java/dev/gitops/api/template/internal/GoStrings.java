package dev.gitops.api.template.internal;

import java.nio.charset.StandardCharsets;

/** Go's string quoting and escaping: {@code strconv.Quote/Unquote}, {@code %#U}, HTML/JS/URL escaping. */
public final class GoStrings {

    private static final String HEX_UPPER = "0123456789ABCDEF";
    private static final String HEX_LOWER = "0123456789abcdef";

    private GoStrings() {
    }

    /** Go's {@code unicode.IsPrint}, approximated with Java's general categories. */
    public static boolean isPrint(int r) {
        if (r == ' ') {
            return true;
        }
        switch (Character.getType(r)) {
            case Character.UNASSIGNED:
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.PRIVATE_USE:
            case Character.SURROGATE:
            case Character.SPACE_SEPARATOR:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    /** Go's {@code strconv.Quote}. */
    public static String quote(String s) {
        return quoteWith(s, '"', false);
    }

    /** Go's {@code strconv.QuoteToASCII} when {@code asciiOnly}, else {@code strconv.Quote}. */
    public static String quoteWith(String s, char quote, boolean asciiOnly) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append(quote);
        for (int i = 0; i < s.length(); ) {
            int r = s.codePointAt(i);
            i += Character.charCount(r);
            appendEscapedRune(sb, r, quote, asciiOnly);
        }
        return sb.append(quote).toString();
    }

    /** Go's {@code strconv.QuoteRune}. */
    public static String quoteRune(int r) {
        StringBuilder sb = new StringBuilder("'");
        appendEscapedRune(sb, r, '\'', false);
        return sb.append('\'').toString();
    }

    private static void appendEscapedRune(StringBuilder sb, int r, char quote, boolean asciiOnly) {
        if (r == quote || r == '\\') {
            sb.append('\\').appendCodePoint(r);
            return;
        }
        if (Character.isSurrogate((char) r)) {
            sb.append("\\ufffd");
            return;
        }
        if (asciiOnly) {
            if (r < 0x80 && isPrint(r)) {
                sb.append((char) r);
                return;
            }
        } else if (isPrint(r)) {
            sb.appendCodePoint(r);
            return;
        }
        switch (r) {
            case 7:
                sb.append("\\a");
                return;
            case '\b':
                sb.append("\\b");
                return;
            case '\f':
                sb.append("\\f");
                return;
            case '\n':
                sb.append("\\n");
                return;
            case '\r':
                sb.append("\\r");
                return;
            case '\t':
                sb.append("\\t");
                return;
            case 11:
                sb.append("\\v");
                return;
            default:
                break;
        }
        if (r < ' ' || r == 0x7f) {
            sb.append("\\x").append(HEX_LOWER.charAt(r >> 4)).append(HEX_LOWER.charAt(r & 0xf));
        } else if (r < 0x10000) {
            sb.append("\\u");
            appendHex(sb, r, 4);
        } else {
            sb.append("\\U");
            appendHex(sb, r, 8);
        }
    }

    private static void appendHex(StringBuilder sb, int v, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            sb.append(HEX_LOWER.charAt((v >> shift) & 0xf));
        }
    }

    /** Go's {@code %#U}: {@code U+0041 'A'}. */
    public static String formatRune(int r) {
        if (r < 0) {
            return "U+FFFFFFFFFFFFFFFF";
        }
        String hex = Integer.toHexString(r).toUpperCase();
        StringBuilder sb = new StringBuilder("U+");
        for (int i = hex.length(); i < 4; i++) {
            sb.append('0');
        }
        sb.append(hex);
        if (isPrint(r)) {
            sb.append(" '").appendCodePoint(r).append('\'');
        }
        return sb.toString();
    }

    /** Go's {@code strconv.Unquote} for double-quoted, back-quoted and single-quoted literals. */
    public static String unquote(String q) {
        int n = q.length();
        if (n < 2) {
            throw new IllegalArgumentException("invalid syntax");
        }
        char quote = q.charAt(0);
        if (quote != q.charAt(n - 1)) {
            throw new IllegalArgumentException("invalid syntax");
        }
        String body = q.substring(1, n - 1);
        if (quote == '`') {
            if (body.indexOf('`') >= 0) {
                throw new IllegalArgumentException("invalid syntax");
            }
            return body.indexOf('\r') >= 0 ? body.replace("\r", "") : body;
        }
        if (quote != '"' && quote != '\'') {
            throw new IllegalArgumentException("invalid syntax");
        }
        if (body.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("invalid syntax");
        }
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); ) {
            char c = body.charAt(i);
            if (c == quote && quote == '"') {
                throw new IllegalArgumentException("invalid syntax");
            }
            if (c != '\\') {
                sb.append(c);
                i++;
                continue;
            }
            if (i + 1 >= body.length()) {
                throw new IllegalArgumentException("invalid syntax");
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> sb.append((char) 7);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append((char) 11);
                case '\\' -> sb.append('\\');
                case '\'', '"' -> {
                    if (e != quote) {
                        throw new IllegalArgumentException("invalid syntax");
                    }
                    sb.append(e);
                }
                case 'x', 'u', 'U' -> {
                    int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + len > body.length()) {
                        throw new IllegalArgumentException("invalid syntax");
                    }
                    int v = Integer.parseUnsignedInt(body.substring(i, i + len), 16);
                    i += len;
                    if (e == 'x') {
                        sb.append((char) v);
                    } else {
                        if (v > 0x10FFFF || (v >= 0xD800 && v < 0xE000)) {
                            throw new IllegalArgumentException("invalid syntax");
                        }
                        sb.appendCodePoint(v);
                    }
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    if (i + 2 > body.length()) {
                        throw new IllegalArgumentException("invalid syntax");
                    }
                    int v = Integer.parseInt(body.substring(i - 1, i + 2), 8);
                    if (v > 255) {
                        throw new IllegalArgumentException("invalid syntax");
                    }
                    i += 2;
                    sb.append((char) v);
                }
                default -> throw new IllegalArgumentException("invalid syntax");
            }
        }
        return sb.toString();
    }

    /** Go's {@code template.HTMLEscapeString}. */
    public static String htmlEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case 0 -> sb.append('\uFFFD');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Go's {@code template.JSEscapeString}. */
    public static String jsEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int r = s.codePointAt(i);
            i += Character.charCount(r);
            switch (r) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '<' -> sb.append("\\u003C");
                case '>' -> sb.append("\\u003E");
                case '&' -> sb.append("\\u0026");
                case '=' -> sb.append("\\u003D");
                default -> {
                    if (r < ' ') {
                        sb.append("\\u00").append(HEX_UPPER.charAt(r >> 4)).append(HEX_UPPER.charAt(r & 0xf));
                    } else if (r < 0x80 || isPrint(r)) {
                        sb.appendCodePoint(r);
                    } else {
                        sb.append(String.format("\\u%04X", r));
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Go's {@code url.QueryEscape}. */
    public static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(HEX_UPPER.charAt(c >> 4)).append(HEX_UPPER.charAt(c & 0xf));
            }
        }
        return sb.toString();
    }
}
