package dev.gitops.kustomize.internal;

/**
 * go-yaml v3's timestamps as kustomize prints them. kyaml decodes a plain scalar such as {@code 2021-01-01} or
 * {@code 2001-12-14t21:59:43.10-05:00} into a Go {@code time.Time}, and kustomize's output (a JSON round trip)
 * prints that as RFC 3339 with nanoseconds: {@code 2021-01-01T00:00:00Z}, {@code 2001-12-14T21:59:43.1-05:00}.
 *
 * <p>The accepted forms are go-yaml's layouts {@code 2006-1-2T15:4:5.999999999Z07:00} (also with a lower-case
 * {@code t}), {@code 2006-1-2 15:4:5.999999999} and {@code 2006-1-2}, with Go's {@code time.Parse} rules: one or two
 * digits for month, day, hour, minute and second, ranges checked (so {@code 2021-13-01} stays a string), any run of
 * spaces where the layout has one, fractional seconds with {@code .} or {@code ,}.
 */
final class GoTime {

    private GoTime() {}

    /** True when {@code s} could be a timestamp at all (four digits and a dash), a cheap pre-check. */
    static boolean candidate(String s) {
        if (s.length() < 6 || s.charAt(4) != '-') {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The RFC 3339 text Go prints for the timestamp {@code s}, or null when {@code s} is not a go-yaml timestamp. */
    static String rfc3339(String s) {
        if (!candidate(s)) {
            return null;
        }
        Parsed p = parse(s, 'T', true);
        if (p == null) {
            p = parse(s, 't', true);
        }
        if (p == null) {
            p = parse(s, ' ', false);
        }
        if (p == null) {
            p = parseDate(s);
        }
        return p == null ? null : p.format();
    }

    private record Parsed(int year, int month, int day, int hour, int minute, int second, int nanos, int offsetSec) {
        String format() {
            StringBuilder sb = new StringBuilder(35);
            pad(sb, year, 4).append('-');
            pad(sb, month, 2).append('-');
            pad(sb, day, 2).append('T');
            pad(sb, hour, 2).append(':');
            pad(sb, minute, 2).append(':');
            pad(sb, second, 2);
            if (nanos != 0) {
                StringBuilder f = new StringBuilder();
                pad(f, nanos, 9);
                int end = f.length();
                while (f.charAt(end - 1) == '0') {
                    end--;
                }
                sb.append('.').append(f, 0, end);
            }
            if (offsetSec == 0) {
                sb.append('Z');
            } else {
                int abs = Math.abs(offsetSec) / 60;
                sb.append(offsetSec < 0 ? '-' : '+');
                pad(sb, abs / 60, 2).append(':');
                pad(sb, abs % 60, 2);
            }
            return sb.toString();
        }

        private static StringBuilder pad(StringBuilder sb, int v, int width) {
            String t = Integer.toString(v);
            for (int i = t.length(); i < width; i++) {
                sb.append('0');
            }
            return sb.append(t);
        }
    }

    /** A cursor over the text with Go's getnum. */
    private static final class Cursor {
        final String s;
        int i;

        Cursor(String s, int i) {
            this.s = s;
            this.i = i;
        }

        boolean digit(int at) {
            return at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9';
        }

        /** One or two digits (Go's getnum with fixed=false), -1 when none. */
        int num() {
            if (!digit(i)) {
                return -1;
            }
            if (!digit(i + 1)) {
                return s.charAt(i++) - '0';
            }
            int v = (s.charAt(i) - '0') * 10 + (s.charAt(i + 1) - '0');
            i += 2;
            return v;
        }

        /** Exactly two digits, -1 otherwise. */
        int num2() {
            if (!digit(i) || !digit(i + 1)) {
                return -1;
            }
            int v = (s.charAt(i) - '0') * 10 + (s.charAt(i + 1) - '0');
            i += 2;
            return v;
        }

        boolean lit(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }
    }

    private static int[] date(Cursor c) {
        int year = Integer.parseInt(c.s.substring(0, 4));
        c.i = 4;
        if (!c.lit('-')) {
            return null;
        }
        int month = c.num();
        if (month < 1 || month > 12 || !c.lit('-')) {
            return null;
        }
        int day = c.num();
        if (day < 1 || day > daysIn(month, year)) {
            return null;
        }
        return new int[] {year, month, day};
    }

    private static Parsed parseDate(String s) {
        Cursor c = new Cursor(s, 0);
        int[] d = date(c);
        if (d == null || c.i != s.length()) {
            return null;
        }
        return new Parsed(d[0], d[1], d[2], 0, 0, 0, 0, 0);
    }

    private static Parsed parse(String s, char sep, boolean zone) {
        Cursor c = new Cursor(s, 0);
        int[] d = date(c);
        if (d == null) {
            return null;
        }
        if (sep == ' ') {
            // Go's skip: a space in the layout matches one or more spaces (or the end of the value)
            if (c.i < s.length() && s.charAt(c.i) != ' ') {
                return null;
            }
            while (c.i < s.length() && s.charAt(c.i) == ' ') {
                c.i++;
            }
        } else if (!c.lit(sep)) {
            return null;
        }
        int hour = c.num();
        if (hour < 0 || hour >= 24 || !c.lit(':')) {
            return null;
        }
        int minute = c.num();
        if (minute < 0 || minute >= 60 || !c.lit(':')) {
            return null;
        }
        int second = c.num();
        if (second < 0 || second >= 60) {
            return null;
        }
        int nanos = 0;
        if (c.i + 1 < s.length() && (s.charAt(c.i) == '.' || s.charAt(c.i) == ',') && c.digit(c.i + 1)) {
            c.i++;
            int digits = 0;
            while (c.digit(c.i)) {
                if (digits < 9) {
                    nanos = nanos * 10 + (s.charAt(c.i) - '0');
                }
                digits++;
                c.i++;
            }
            for (int k = Math.min(digits, 9); k < 9; k++) {
                nanos *= 10;
            }
        }
        int offset = 0;
        if (zone) {
            if (c.lit('Z')) {
                offset = 0;
            } else {
                if (s.length() - c.i < 6 || s.charAt(c.i + 3) != ':') {
                    return null;
                }
                char sign = s.charAt(c.i);
                c.i++;
                int hh = c.num2();
                c.i++; // ':'
                int mm = c.num2();
                if (hh < 0 || mm < 0 || hh > 24 || mm > 60 || (sign != '+' && sign != '-')) {
                    return null;
                }
                offset = (hh * 60 + mm) * 60 * (sign == '-' ? -1 : 1);
            }
        }
        if (c.i != s.length()) {
            return null;
        }
        return new Parsed(d[0], d[1], d[2], hour, minute, second, nanos, offset);
    }

    private static int daysIn(int month, int year) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
