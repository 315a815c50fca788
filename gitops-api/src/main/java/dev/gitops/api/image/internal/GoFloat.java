package dev.gitops.api.image.internal;

/**
 * Go's {@code strconv.ParseFloat(s, 64)}: which strings it accepts and the value it gives. Not API.
 *
 * <p>Accepted: an optional sign; decimal digits with an optional point and an optional {@code e} exponent;
 * hexadecimal mantissas {@code 0x…} with a mandatory {@code p} exponent; {@code _} between digits (and after a
 * base prefix); {@code inf}, {@code infinity} (signed, any case) and {@code nan} (unsigned, any case). Rejected,
 * unlike {@link Double#parseDouble}: surrounding blanks, the suffixes {@code d}/{@code f}, and finite literals out
 * of range ({@code 1e400}: Go returns ±Inf with {@code ErrRange}, which callers treat as a failure).
 */
public final class GoFloat {

    private GoFloat() {}

    /** The value, or null when Go's ParseFloat returns an error. */
    public static Double parse(String s) {
        if (s.isEmpty()) {
            return null;
        }
        Double special = special(s);
        if (special != null) {
            return special;
        }
        int n = s.length();
        int i = 0;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            i++;
        }
        boolean hex = false;
        if (i + 2 < n && s.charAt(i) == '0' && lower(s.charAt(i + 1)) == 'x') {
            hex = true;
            i += 2;
        }
        boolean underscores = false;
        boolean sawDot = false;
        boolean sawDigits = false;
        loop:
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '_') {
                underscores = true;
            } else if (c == '.') {
                if (sawDot) {
                    break loop;
                }
                sawDot = true;
            } else if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
                sawDigits = true;
            } else {
                break loop;
            }
        }
        if (!sawDigits) {
            return null;
        }
        char expChar = hex ? 'p' : 'e';
        if (i < n && lower(s.charAt(i)) == expChar) {
            i++;
            if (i >= n) {
                return null;
            }
            if (s.charAt(i) == '+' || s.charAt(i) == '-') {
                i++;
            }
            if (i >= n || s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
            for (; i < n && ((s.charAt(i) >= '0' && s.charAt(i) <= '9') || s.charAt(i) == '_'); i++) {
                if (s.charAt(i) == '_') {
                    underscores = true;
                }
            }
        } else if (hex) {
            return null;
        }
        if (i != n) {
            return null;
        }
        if (underscores && !underscoreOk(s)) {
            return null;
        }
        String clean = underscores ? s.replace("_", "") : s;
        double v;
        try {
            v = Double.parseDouble(clean);
        } catch (NumberFormatException e) {
            return null;
        }
        if (Double.isInfinite(v)) {
            return null; // ErrRange
        }
        return v;
    }

    private static Double special(String s) {
        int i = 0;
        double sign = 1;
        char c = s.charAt(0);
        if (c == '+' || c == '-') {
            sign = c == '-' ? -1 : 1;
            i = 1;
            int n = prefixIgnoreCase(s, i, "infinity");
            if (n > 3 && n < 8) {
                n = 3;
            }
            return (n == 3 || n == 8) && i + n == s.length() ? sign * Double.POSITIVE_INFINITY : null;
        }
        if (c == 'i' || c == 'I') {
            int n = prefixIgnoreCase(s, 0, "infinity");
            if (n > 3 && n < 8) {
                n = 3;
            }
            return (n == 3 || n == 8) && n == s.length() ? Double.POSITIVE_INFINITY : null;
        }
        if (c == 'n' || c == 'N') {
            return prefixIgnoreCase(s, 0, "nan") == 3 && s.length() == 3 ? Double.NaN : null;
        }
        return null;
    }

    private static int prefixIgnoreCase(String s, int from, String prefix) {
        int n = 0;
        while (n < prefix.length() && from + n < s.length() && lower(s.charAt(from + n)) == prefix.charAt(n)) {
            n++;
        }
        return n;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** Go's underscoreOK: underscores only between digits (or after a base prefix). */
    private static boolean underscoreOk(String s) {
        char saw = '^';
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            s = s.substring(1);
        }
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0'
                && (lower(s.charAt(1)) == 'b' || lower(s.charAt(1)) == 'o' || lower(s.charAt(1)) == 'x')) {
            i = 2;
            saw = '0';
            hex = lower(s.charAt(1)) == 'x';
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }
}
