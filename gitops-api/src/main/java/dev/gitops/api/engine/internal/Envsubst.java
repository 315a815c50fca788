package dev.gitops.api.engine.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The bash-like {@code ${var}} expansion that Flux's postBuild substitution uses (drone/envsubst grammar):
 * only braced references are expanded ({@code $var} is text), {@code $$} becomes {@code $} (so {@code $${var}} is a
 * literal {@code ${var}}), {@code \\} and {@code \/} lose their backslash, and the parameter functions
 * {@code ${v:=d}} (and {@code =}, {@code :-}, {@code :?}, {@code :+}, {@code -}, {@code +}, all meaning "default
 * when empty"), {@code ${v:pos:len}}, {@code ${#v}}, {@code ${v,}}, {@code ${v,,}}, {@code ${v^}}, {@code ${v^^}},
 * {@code ${v#p}}, {@code ${v##p}}, {@code ${v%p}}, {@code ${v%%p}}, {@code ${v/a/b}}, {@code ${v//a/b}},
 * {@code ${v/#a/b}}, {@code ${v/%a/b}} behave as there. Malformed references fail with "bad substitution".
 */
public final class Envsubst {

    /** A malformed reference. */
    public static final class BadSubstitution extends RuntimeException {
        BadSubstitution() {
            super("bad substitution");
        }
    }

    /** An undefined variable in strict mode. */
    public static final class Unset extends RuntimeException {
        /** The variable. */
        public final String name;

        Unset(String name) {
            super("variable not set (strict mode): \"" + name + "\"");
            this.name = name;
        }
    }

    private interface Node {
    }

    private record Text(String value) implements Node {
    }

    private record Func(String name, String param, List<Node> args) implements Node {
    }

    private final String buf;
    private int pos;

    private Envsubst(String buf) {
        this.buf = buf;
    }

    /**
     * Expands {@code text}. {@code lookup} returns a variable's value or {@code null} when it is not defined; an
     * undefined variable expands to {@code ""} unless {@code strict}, where a reference to it without a default
     * fails.
     */
    public static String eval(String text, Function<String, String> lookup, boolean strict) {
        Envsubst p = new Envsubst(text);
        List<Node> nodes = p.parseAny();
        StringBuilder sb = new StringBuilder(text.length());
        for (Node n : nodes) {
            evalNode(n, lookup, strict, sb);
        }
        return sb.toString();
    }

    /** Parses without evaluating; fails with {@link BadSubstitution}. */
    public static void validate(String text) {
        new Envsubst(text).parseAny();
    }

    // ---- parser ----

    private int peek() {
        return pos < buf.length() ? buf.charAt(pos) : -1;
    }

    private int peek(int ahead) {
        return pos + ahead < buf.length() ? buf.charAt(pos + ahead) : -1;
    }

    private boolean atLbrack() {
        return peek() == '$' && peek(1) == '{';
    }

    private List<Node> parseAny() {
        List<Node> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (pos < buf.length()) {
            if (atLbrack()) {
                if (text.length() > 0) {
                    out.add(new Text(text.toString()));
                    text.setLength(0);
                }
                pos += 2;
                out.add(parseFunc());
                continue;
            }
            char c = buf.charAt(pos);
            if (c == '$' && peek(1) == '$') {
                // escape: drop this '$', keep the next one as text
                text.append('$');
                pos += 2;
                continue;
            }
            if (c == '\\' && (peek(1) == '/' || peek(1) == '\\')) {
                text.append((char) peek(1));
                pos += 2;
                continue;
            }
            text.append(c);
            pos++;
        }
        if (text.length() > 0) {
            out.add(new Text(text.toString()));
        }
        return out;
    }

    private static boolean isIdent(int c) {
        return c >= 0 && (Character.isLetterOrDigit(c) || c == '_' || c == '-');
    }

    private Node parseFunc() {
        if (peek() == '#') {
            pos++;
            String name = ident();
            expect('}');
            return new Func("#", name, List.of());
        }
        String name = ident();
        int c = peek();
        switch (c) {
            case ':' -> {
                int next = peek(1);
                if (next == '=' || next == '-' || next == '?' || next == '+') {
                    pos += 2;
                    return defaultFunc(name, ":" + (char) next);
                }
                pos++;
                List<Node> args = new ArrayList<>();
                args.add(param(ch -> ch != ':' && ch != '}', false));
                if (peek() == '}') {
                    pos++;
                    return new Func(":", name, args);
                }
                if (peek() != ':') {
                    throw new BadSubstitution();
                }
                pos++;
                args.add(param(ch -> ch != '}', false));
                expect('}');
                return new Func(":", name, args);
            }
            case '=' -> {
                pos++;
                return defaultFunc(name, "=");
            }
            case ',', '^' -> {
                StringBuilder fn = new StringBuilder().append((char) c);
                pos++;
                if (peek() == ',' || peek() == '^') {
                    fn.append((char) peek());
                    pos++;
                }
                expect('}');
                return new Func(fn.toString(), name, List.of());
            }
            case '/' -> {
                pos++;
                String fn = "/";
                if (peek() == '/' || peek() == '#' || peek() == '%') {
                    fn += (char) peek();
                    pos++;
                }
                List<Node> args = new ArrayList<>();
                args.add(param(ch -> ch != '/', true));
                expect('/');
                if (peek() == '}') {
                    pos++;
                    return new Func(fn, name, args);
                }
                args.add(param(ch -> ch != '}', true));
                expect('}');
                return new Func(fn, name, args);
            }
            case '#', '%' -> {
                String fn = String.valueOf((char) c);
                pos++;
                if (peek() == c) {
                    fn += (char) c;
                    pos++;
                }
                List<Node> args = new ArrayList<>();
                args.add(param(ch -> ch != '}', false));
                expect('}');
                return new Func(fn, name, args);
            }
            default -> {
                expect('}');
                return new Func("", name, List.of());
            }
        }
    }

    private Node defaultFunc(String name, String fn) {
        List<Node> args = new ArrayList<>();
        while (true) {
            if (peek() == '}') {
                pos++;
                return new Func(fn, name, args);
            }
            args.add(param(ch -> ch != '}', false));
        }
    }

    private String ident() {
        int start = pos;
        while (isIdent(peek())) {
            pos++;
        }
        if (pos == start) {
            throw new BadSubstitution();
        }
        return buf.substring(start, pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new BadSubstitution();
        }
        pos++;
    }

    /** One argument: a nested reference, or text of accepted characters up to the next {@code ${}. */
    private Node param(java.util.function.IntPredicate accept, boolean escapes) {
        if (atLbrack()) {
            pos += 2;
            return parseFunc();
        }
        StringBuilder sb = new StringBuilder();
        while (pos < buf.length() && !atLbrack()) {
            char c = buf.charAt(pos);
            if (escapes && c == '\\' && (peek(1) == '/' || peek(1) == '\\')) {
                sb.append((char) peek(1));
                pos += 2;
                continue;
            }
            if (!accept.test(c)) {
                break;
            }
            sb.append(c);
            pos++;
        }
        if (sb.length() == 0) {
            throw new BadSubstitution();
        }
        return new Text(sb.toString());
    }

    // ---- evaluation ----

    private static void evalNode(Node n, Function<String, String> lookup, boolean strict, StringBuilder out) {
        if (n instanceof Text t) {
            out.append(t.value);
            return;
        }
        Func f = (Func) n;
        List<String> args = new ArrayList<>();
        for (Node a : f.args) {
            StringBuilder sb = new StringBuilder();
            evalNode(a, lookup, strict, sb);
            args.add(sb.toString());
        }
        String v = lookup.apply(f.param);
        boolean isDefault = switch (f.name) {
            case "=", ":=", ":-", ":?", ":+", "-", "+" -> true;
            default -> false;
        };
        if (v == null) {
            if (strict && !(isDefault && !args.isEmpty())) {
                throw new Unset(f.param);
            }
            v = "";
        }
        out.append(apply(f.name, v, args));
    }

    private static String apply(String name, String s, List<String> args) {
        switch (name) {
            case ",":
                return s.isEmpty() ? s : new String(Character.toChars(Character.toLowerCase(s.codePointAt(0))))
                        + s.substring(Character.charCount(s.codePointAt(0)));
            case ",,":
                return s.toLowerCase(java.util.Locale.ROOT);
            case "^":
                return s.isEmpty() ? s : new String(Character.toChars(Character.toUpperCase(s.codePointAt(0))))
                        + s.substring(Character.charCount(s.codePointAt(0)));
            case "^^":
                return s.toUpperCase(java.util.Locale.ROOT);
            case "#":
                if (args.isEmpty()) {
                    return Integer.toString(s.getBytes(StandardCharsets.UTF_8).length);
                }
                return trimShortest(s, args.get(0));
            case "##":
                return trimLongest(s, args.get(0));
            case "%":
                return reverse(trimShortest(reverse(s), reverse(args.get(0))));
            case "%%":
                return reverse(trimLongest(reverse(s), reverse(args.get(0))));
            case ":":
                return substr(s, args);
            case "/#":
                return args.size() == 2 && s.startsWith(args.get(0)) ? args.get(1) + s.substring(args.get(0).length())
                        : s;
            case "/%":
                return args.size() == 2 && s.endsWith(args.get(0))
                        ? s.substring(0, s.length() - args.get(0).length()) + args.get(1) : s;
            case "/":
                return replace(s, args, false);
            case "//":
                return replace(s, args, true);
            default:
                return s.isEmpty() && !args.isEmpty() ? String.join("", args) : s;
        }
    }

    private static String replace(String s, List<String> args, boolean all) {
        String from = args.get(0);
        String to = args.size() > 1 ? args.get(1) : "";
        if (all) {
            return from.isEmpty() ? goReplaceEmpty(s, to) : s.replace(from, to);
        }
        int i = s.indexOf(from);
        return i < 0 ? s : s.substring(0, i) + to + s.substring(i + from.length());
    }

    /** Go's strings.Replace with an empty old string inserts the new one around every rune. */
    private static String goReplaceEmpty(String s, String to) {
        StringBuilder sb = new StringBuilder(to);
        s.codePoints().forEach(cp -> sb.appendCodePoint(cp).append(to));
        return sb.toString();
    }

    private static String substr(String str, List<String> args) {
        byte[] s = str.getBytes(StandardCharsets.UTF_8);
        int p;
        try {
            p = Integer.parseInt(args.get(0));
        } catch (NumberFormatException e) {
            return str;
        }
        if (p < 0) {
            p = Math.max(0, s.length + p);
        }
        if (args.size() == 1) {
            return p < s.length ? new String(Arrays.copyOfRange(s, p, s.length), StandardCharsets.UTF_8) : "";
        }
        int len;
        try {
            len = Integer.parseInt(args.get(1));
        } catch (NumberFormatException e) {
            return str;
        }
        if (p + len >= s.length) {
            return p < s.length ? new String(Arrays.copyOfRange(s, p, s.length), StandardCharsets.UTF_8) : "";
        }
        if (len < 0) {
            return str;
        }
        return new String(Arrays.copyOfRange(s, p, p + len), StandardCharsets.UTF_8);
    }

    private static String trimShortest(String s, String pattern) {
        String shortest = "";
        for (int i = 0; i < s.length(); i++) {
            String pre = s.substring(0, s.length() - i);
            if (glob(pattern, pre)) {
                shortest = pre;
            }
        }
        return shortest.isEmpty() ? s : s.substring(shortest.length());
    }

    private static String trimLongest(String s, String pattern) {
        for (int i = 0; i < s.length(); i++) {
            String pre = s.substring(0, s.length() - i);
            if (glob(pattern, pre)) {
                return s.substring(pre.length());
            }
        }
        return s;
    }

    private static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    /** Go's path.Match: {@code *} (not across {@code /}), {@code ?}, {@code [...]}, {@code \} escapes. */
    static boolean glob(String pattern, String name) {
        return glob(pattern, 0, name, 0);
    }

    private static boolean glob(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    for (int k = si; k <= s.length(); k++) {
                        if (glob(p, pi + 1, s, k)) {
                            return true;
                        }
                        if (k < s.length() && s.charAt(k) == '/') {
                            return false;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= s.length() || s.charAt(si) == '/') {
                        return false;
                    }
                    pi++;
                    si++;
                }
                case '[' -> {
                    int end = p.indexOf(']', pi + 1);
                    if (end < 0 || si >= s.length()) {
                        return false;
                    }
                    String cls = p.substring(pi + 1, end);
                    boolean negate = cls.startsWith("^");
                    if (negate) {
                        cls = cls.substring(1);
                    }
                    char ch = s.charAt(si);
                    boolean match = false;
                    for (int k = 0; k < cls.length(); k++) {
                        if (k + 2 < cls.length() && cls.charAt(k + 1) == '-') {
                            if (ch >= cls.charAt(k) && ch <= cls.charAt(k + 2)) {
                                match = true;
                            }
                            k += 2;
                        } else if (cls.charAt(k) == ch) {
                            match = true;
                        }
                    }
                    if (match == negate) {
                        return false;
                    }
                    pi = end + 1;
                    si++;
                }
                case '\\' -> {
                    if (pi + 1 >= p.length() || si >= s.length() || s.charAt(si) != p.charAt(pi + 1)) {
                        return false;
                    }
                    pi += 2;
                    si++;
                }
                default -> {
                    if (si >= s.length() || s.charAt(si) != c) {
                        return false;
                    }
                    pi++;
                    si++;
                }
            }
        }
        return si == s.length();
    }
}
