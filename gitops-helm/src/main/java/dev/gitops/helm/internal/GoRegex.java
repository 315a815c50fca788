package dev.gitops.helm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go regexp (RE2) syntax and replacement semantics on java.util.regex. */
public final class GoRegex {

    private GoRegex() {
    }

    private static final Map<String, String> POSIX = Map.ofEntries(Map.entry("alnum", "\\p{Alnum}"),
            Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"), Map.entry("blank", "\\p{Blank}"),
            Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"), Map.entry("graph", "\\p{Graph}"),
            Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"), Map.entry("punct", "\\p{Punct}"),
            Map.entry("space", "\\s"), Map.entry("upper", "\\p{Upper}"), Map.entry("word", "\\w"),
            Map.entry("xdigit", "\\p{XDigit}"));

    /** Translates RE2 syntax Java spells differently: named groups and POSIX classes. */
    public static String toJava(String re) {
        String r = re.replace("(?P<", "(?<");
        if (r.contains("[:")) {
            for (Map.Entry<String, String> e : POSIX.entrySet()) {
                r = r.replace("[:" + e.getKey() + ":]", e.getValue());
                r = r.replace("[:^" + e.getKey() + ":]", e.getValue().startsWith("\\p")
                        ? "\\P" + e.getValue().substring(2) : e.getValue().toUpperCase());
            }
        }
        return r;
    }

    /** Go's ReplaceAllString (template expansion of $1, ${name}) or ReplaceAllLiteralString. */
    public static String replaceAll(Pattern p, String src, String repl, boolean literal) {
        Matcher m = p.matcher(src);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        int lastMatchEnd = -1;
        while (m.find()) {
            if (m.start() == m.end() && m.start() == lastMatchEnd) {
                continue;
            }
            sb.append(src, last, m.start());
            if (literal) {
                sb.append(repl);
            } else {
                expand(sb, repl, m);
            }
            last = m.end();
            lastMatchEnd = m.end();
        }
        sb.append(src.substring(last));
        return sb.toString();
    }

    private static void expand(StringBuilder sb, String template, Matcher m) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                sb.append(c);
                i++;
                continue;
            }
            char n = template.charAt(i + 1);
            if (n == '$') {
                sb.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (n == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0) {
                    sb.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, close);
                end = close + 1;
                if (name.isEmpty() || !name.matches("[A-Za-z0-9_]+")) {
                    sb.append(c);
                    i++;
                    continue;
                }
            } else {
                int j = i + 1;
                while (j < template.length() && (Character.isLetterOrDigit(template.charAt(j))
                        || template.charAt(j) == '_')) {
                    j++;
                }
                if (j == i + 1) {
                    sb.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 1, j);
                end = j;
            }
            String val = null;
            if (name.matches("\\d+")) {
                try {
                    int g = Integer.parseInt(name);
                    if (g <= m.groupCount()) {
                        val = m.group(g);
                    }
                } catch (NumberFormatException e) {
                    val = null;
                }
            } else {
                try {
                    val = m.group(name);
                } catch (IllegalArgumentException e) {
                    val = null;
                }
            }
            if (val != null) {
                sb.append(val);
            }
            i = end;
        }
    }

    /** Go's Regexp.Split. */
    public static List<Object> split(Pattern p, String s, int n) {
        List<Object> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        if (!p.pattern().isEmpty() && s.isEmpty()) {
            out.add("");
            return out;
        }
        Matcher m = p.matcher(s);
        int beg = 0;
        int end = 0;
        int lastEnd = -1;
        while (m.find()) {
            if (m.start() == m.end() && m.start() == lastEnd) {
                continue;
            }
            lastEnd = m.end();
            if (n > 0 && out.size() == n - 1) {
                break;
            }
            end = m.start();
            if (m.end() != 0) {
                out.add(s.substring(beg, end));
            }
            beg = m.end();
        }
        if (end != s.length()) {
            out.add(s.substring(beg));
        }
        return out;
    }

    /** Go's regexp.QuoteMeta. */
    public static String quoteMeta(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
