package dev.gitops.api.image.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Go RE2 regular expression ({@code regexp.Compile}) run on {@link java.util.regex}. Not API.
 *
 * <p>The pattern is translated so that java.util.regex matches what Go matches: Go's leftmost-first submatch
 * semantics equal a backtracking engine's, so what differs is syntax and character classes, handled here:
 * <ul>
 *   <li>named groups {@code (?P<name>re)} and {@code (?<name>re)} become plain groups (Go names may contain
 *       {@code _}; Java's may not) and the names are kept here for {@link #expand};</li>
 *   <li>{@code \s} is {@code [\t\n\f\r ]} (Java adds {@code \x0B}), {@code \v} is {@code \x0B} (a class in
 *       Java), {@code \b}/{@code \B} are ASCII word boundaries, octal escapes become {@code \x{..}};</li>
 *   <li>{@code $} without multi-line mode is the end of the text ({@code \z}; Java's also matches before a final
 *       line break); {@code .} excludes only {@code \n} ({@link Pattern#UNIX_LINES});</li>
 *   <li>inside classes, {@code [} and {@code &} are literal (Java nests and intersects), POSIX classes
 *       {@code [:alpha:]} map to ASCII classes; a literal {@code {} that is not a repetition is escaped;</li>
 *   <li>constructs RE2 rejects are rejected: backreferences, lookaround, atomic groups, possessive and nested
 *       repetition, {@code \C} and escapes Go does not know; repeat counts above 1000;</li>
 *   <li>the {@code U} flag (ungreedy) is applied by swapping greedy and lazy repetitions.</li>
 * </ul>
 */
public final class GoRegex {

    private static final String SPACE_CHARS = "\\t\\n\\f\\r ";
    private static final String WORD = "[0-9A-Za-z_]";
    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\x00-\\x7F"),
            Map.entry("blank", "\\t "), Map.entry("cntrl", "\\x00-\\x1F\\x7F"), Map.entry("digit", "0-9"),
            Map.entry("graph", "!-~"), Map.entry("lower", "a-z"), Map.entry("print", " -~"),
            Map.entry("punct", "!-/:-@\\[-`{-~"), Map.entry("space", "\\t\\n\\x0B\\f\\r "),
            Map.entry("upper", "A-Z"), Map.entry("word", "0-9A-Za-z_"), Map.entry("xdigit", "0-9A-Fa-f"));

    private final String source;
    private final Pattern pattern;
    /** Group names by group number (index 0 is the whole match); null for unnamed groups. */
    private final String[] names;
    /** Whether every match must start at 0 (a leading ^, no top-level |, no multi-line mode). */
    private final boolean anchored;

    private GoRegex(String source, Pattern pattern, String[] names, boolean anchored) {
        this.source = source;
        this.pattern = pattern;
        this.names = names;
        this.anchored = anchored;
    }

    /**
     * Compiles a Go regular expression.
     *
     * @throws IllegalArgumentException with a Go-style reason when Go would reject the pattern
     */
    public static GoRegex compile(String goPattern) {
        Translator t = new Translator(goPattern);
        String java = t.translate();
        Pattern p;
        try {
            p = Pattern.compile(java, Pattern.UNIX_LINES | Pattern.UNICODE_CASE);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("error parsing regexp: " + e.getDescription() + ": `" + goPattern + "`");
        }
        if (p.matcher("").groupCount() != t.names.size()) {
            throw new IllegalStateException("group count mismatch translating " + goPattern);
        }
        String[] names = new String[t.names.size() + 1];
        for (int i = 0; i < t.names.size(); i++) {
            names[i + 1] = t.names.get(i);
        }
        return new GoRegex(goPattern, p, names, t.anchoredAtStart());
    }

    /** The Go pattern. */
    public String source() {
        return source;
    }

    /** A matcher; search with {@link #find(Matcher)}. */
    public Matcher matcher(CharSequence s) {
        return pattern.matcher(s);
    }

    /**
     * Go's unanchored leftmost search ({@code FindStringSubmatchIndex}): {@link Matcher#find()}, or
     * {@link Matcher#lookingAt()} when the pattern can only match at the start (same result, without trying
     * every start position).
     */
    public boolean find(Matcher m) {
        return anchored ? m.lookingAt() : m.find();
    }

    /**
     * Go's {@code Regexp.ExpandString}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}} (a name is the
     * longest run of letters, digits and {@code _}; a number with a leading zero is a name), {@code $$} is a
     * dollar, a malformed reference leaves the {@code $} as text; a group that did not take part, or does not
     * exist, expands to nothing.
     */
    public String expand(String template, String src, Matcher m) {
        return compileTemplate(template).expand(src, m);
    }

    /**
     * A parsed {@link #expand} template: literal text and group numbers (-1: a reference that expands to nothing),
     * resolved once so that expanding is a concatenation.
     */
    public final class Template {
        private final String[] literals;
        private final int[] groups;

        private Template(List<String> literals, List<Integer> groups) {
            this.literals = literals.toArray(new String[0]);
            this.groups = groups.stream().mapToInt(Integer::intValue).toArray();
        }

        /** Expands against a successful match of this regex on {@code src}. */
        public String expand(String src, Matcher m) {
            if (literals.length == 1 && groups.length == 1 && literals[0].isEmpty()) {
                int g = groups[0];
                return g < 0 || m.start(g) < 0 ? "" : src.substring(m.start(g), m.end(g));
            }
            StringBuilder dst = new StringBuilder();
            for (int k = 0; k < groups.length; k++) {
                dst.append(literals[k]);
                int g = groups[k];
                if (g >= 0 && m.start(g) >= 0) {
                    dst.append(src, m.start(g), m.end(g));
                }
            }
            return dst.append(literals[literals.length - 1]).toString();
        }
    }

    /** Parses an expansion template with Go's rules (see {@link #expand}). */
    public Template compileTemplate(String template) {
        List<String> literals = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int pos = 0;
        int n = template.length();
        while (pos < n) {
            int d = template.indexOf('$', pos);
            if (d < 0) {
                break;
            }
            lit.append(template, pos, d);
            pos = d + 1;
            if (pos < n && template.charAt(pos) == '$') {
                lit.append('$');
                pos++;
                continue;
            }
            int i = pos;
            boolean brace = false;
            if (i < n && template.charAt(i) == '{') {
                brace = true;
                i++;
            }
            int nameStart = i;
            while (i < n) {
                int cp = template.codePointAt(i);
                if (!Character.isLetter(cp) && Character.getType(cp) != Character.DECIMAL_DIGIT_NUMBER && cp != '_') {
                    break;
                }
                i += Character.charCount(cp);
            }
            if (i == nameStart || (brace && (i >= n || template.charAt(i) != '}'))) {
                lit.append('$'); // malformed: the dollar is text
                continue;
            }
            String name = template.substring(nameStart, i);
            if (brace) {
                i++;
            }
            pos = i;
            int num = 0;
            for (int k = 0; k < name.length(); k++) {
                char c = name.charAt(k);
                if (c < '0' || c > '9' || num >= 100_000_000) {
                    num = -1;
                    break;
                }
                num = num * 10 + (c - '0');
            }
            if (name.charAt(0) == '0' && name.length() > 1) {
                num = -1;
            }
            int group = -1;
            if (num >= 0) {
                group = num < names.length ? num : -1;
            } else {
                for (int g = 1; g < names.length; g++) {
                    if (name.equals(names[g])) {
                        group = g;
                        break;
                    }
                }
            }
            literals.add(lit.toString());
            lit.setLength(0);
            groups.add(group);
        }
        lit.append(template, Math.min(pos, n), n);
        literals.add(lit.toString());
        return new Template(literals, groups);
    }

    /** Translates Go syntax to java.util.regex syntax. */
    private static final class Translator {
        private final String p;
        private final StringBuilder out = new StringBuilder();
        private final List<String> names = new ArrayList<>();
        private final boolean multiline;
        private int i;

        Translator(String p) {
            this.p = p;
            this.multiline = Pattern.compile("\\(\\?[imsU-]*m").matcher(p).find();
        }

        private IllegalArgumentException error(String code, String expr) {
            return new IllegalArgumentException("error parsing regexp: " + code + ": `" + expr + "`");
        }

        private boolean topLevelAlternation;
        private int depth;

        /** A leading ^, no | outside groups, no multi-line flag: the pattern only matches at the start. */
        boolean anchoredAtStart() {
            return p.startsWith("^") && !topLevelAlternation && !multiline;
        }

        String translate() {
            boolean lastWasQuantifier = false;
            while (i < p.length()) {
                char c = p.charAt(i);
                boolean quantifier = false;
                switch (c) {
                    case '\\' -> escape(false);
                    case '[' -> charClass();
                    case '(' -> {
                        if (group()) {
                            depth++;
                        }
                    }
                    case ')' -> {
                        out.append(')');
                        depth--;
                        if (ungreedy.size() > 1) {
                            ungreedy.pop();
                        }
                        i++;
                    }
                    case '|' -> {
                        if (depth == 0) {
                            topLevelAlternation = true;
                        }
                        out.append('|');
                        i++;
                    }
                    case '$' -> {
                        out.append(multiline ? "$" : "\\z");
                        i++;
                    }
                    case '*', '+', '?' -> {
                        if (lastWasQuantifier) {
                            throw error("invalid nested repetition operator", p.substring(Math.max(0, i - 1), i + 1));
                        }
                        out.append(c);
                        i++;
                        laziness();
                        quantifier = true;
                    }
                    case '{' -> {
                        Matcher rep = Pattern.compile("\\{(\\d+)(,(\\d*))?\\}").matcher(p).region(i, p.length());
                        if (rep.lookingAt()) {
                            if (lastWasQuantifier) {
                                throw error("invalid nested repetition operator", rep.group());
                            }
                            checkCount(rep.group(1), rep.group());
                            if (rep.group(3) != null && !rep.group(3).isEmpty()) {
                                checkCount(rep.group(3), rep.group());
                                if (Integer.parseInt(rep.group(3)) < Integer.parseInt(rep.group(1))) {
                                    throw error("invalid repeat count", rep.group());
                                }
                            }
                            out.append(rep.group());
                            i = rep.end();
                            laziness();
                            quantifier = true;
                        } else {
                            out.append("\\{");
                            i++;
                        }
                    }
                    case '}' -> {
                        out.append("\\}");
                        i++;
                    }
                    default -> {
                        out.append(c);
                        i++;
                    }
                }
                lastWasQuantifier = quantifier;
            }
            return out.toString();
        }

        /** Greediness per group: Go's U flag swaps greedy and lazy repetition. */
        private final java.util.ArrayDeque<Boolean> ungreedy = new java.util.ArrayDeque<>(List.of(false));

        /** After a repetition: a following '?' makes it lazy; under U, lazy and greedy swap. */
        private void laziness() {
            boolean lazy = i < p.length() && p.charAt(i) == '?';
            if (lazy) {
                i++;
            }
            if (lazy != ungreedy.peek()) {
                out.append('?');
            }
        }

        private static Boolean applyU(String flags, Boolean current) {
            int u = flags.indexOf('U');
            if (u < 0) {
                return current;
            }
            int minus = flags.indexOf('-');
            return minus < 0 || u < minus;
        }

        private void checkCount(String digits, String expr) {
            if (digits.length() > 4 || Integer.parseInt(digits) > 1000) {
                throw error("invalid repeat count", expr);
            }
        }

        /** Translates a group opening; false for a flags-only group such as {@code (?i)}, which opens nothing. */
        private boolean group() {
            if (p.startsWith("(?P<", i) || (p.startsWith("(?<", i) && !p.startsWith("(?<=", i)
                    && !p.startsWith("(?<!", i))) {
                int start = p.indexOf('<', i) + 1;
                int end = p.indexOf('>', start);
                if (end < 0) {
                    throw error("invalid named capture", p.substring(i));
                }
                String name = p.substring(start, end);
                if (name.isEmpty() || !name.chars().allMatch(ch -> ch == '_' || Character.isLetterOrDigit(ch))) {
                    throw error("invalid named capture", p.substring(i, end + 1));
                }
                if (names.contains(name)) {
                    throw error("duplicate capture group name", name);
                }
                names.add(name);
                out.append('(');
                i = end + 1;
                ungreedy.push(ungreedy.peek());
                return true;
            } else if (p.startsWith("(?", i)) {
                int k = i + 2;
                while (k < p.length() && "imsU-".indexOf(p.charAt(k)) >= 0) {
                    k++;
                }
                if (k >= p.length() || (p.charAt(k) != ')' && p.charAt(k) != ':')) {
                    throw error("invalid or unsupported Perl syntax", p.substring(i, Math.min(p.length(), k + 1)));
                }
                String flags = p.substring(i + 2, k);
                boolean opens = p.charAt(k) == ':';
                if ((!opens && flags.isEmpty()) || flags.endsWith("-")
                        || flags.chars().filter(ch -> ch == '-').count() > 1) {
                    throw error("invalid or unsupported Perl syntax", p.substring(i, k + 1));
                }
                String javaFlags = flags.replace("U", "");
                if (javaFlags.equals("-")) {
                    javaFlags = "";
                }
                if (opens) {
                    out.append(javaFlags.isEmpty() ? "(?:" : "(?" + javaFlags + ":");
                    ungreedy.push(applyU(flags, ungreedy.peek()));
                } else {
                    if (!javaFlags.isEmpty()) {
                        out.append("(?").append(javaFlags).append(')');
                    }
                    Boolean top = ungreedy.pop();
                    ungreedy.push(applyU(flags, top));
                }
                i = k + 1;
                return opens;
            } else {
                names.add(null);
                out.append('(');
                i++;
                ungreedy.push(ungreedy.peek());
                return true;
            }
        }

        /** Translates the escape at {@code i} (outside or inside a class). */
        private void escape(boolean inClass) {
            if (i + 1 >= p.length()) {
                throw error("trailing backslash at end of expression", "");
            }
            char c = p.charAt(i + 1);
            switch (c) {
                case '1', '2', '3', '4', '5', '6', '7', '0' -> {
                    int k = i + 1;
                    if (c != '0' && (k + 1 >= p.length() || p.charAt(k + 1) < '0' || p.charAt(k + 1) > '7')) {
                        throw error("invalid escape sequence", p.substring(i, i + 2));
                    }
                    int v = 0;
                    int digits = 0;
                    while (k < p.length() && digits < 3 && p.charAt(k) >= '0' && p.charAt(k) <= '7') {
                        v = v * 8 + (p.charAt(k) - '0');
                        k++;
                        digits++;
                    }
                    out.append("\\x{").append(Integer.toHexString(v)).append('}');
                    i = k;
                    return;
                }
                case 's' -> out.append(inClass ? SPACE_CHARS : "[" + SPACE_CHARS + "]");
                case 'S' -> out.append("[^" + SPACE_CHARS + "]");
                case 'v' -> out.append("\\x0B");
                case 'b' -> {
                    if (inClass) {
                        throw error("invalid escape sequence", "\\b");
                    }
                    out.append("(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))");
                }
                case 'B' -> {
                    if (inClass) {
                        throw error("invalid escape sequence", "\\B");
                    }
                    out.append("(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))");
                }
                case 'A', 'z' -> {
                    if (inClass) {
                        throw error("invalid escape sequence", "\\" + c);
                    }
                    out.append('\\').append(c);
                }
                case 'd', 'D', 'w', 'W', 'a', 'f', 't', 'n', 'r' -> out.append('\\').append(c);
                case 'x' -> {
                    int k = i + 2;
                    if (k < p.length() && p.charAt(k) == '{') {
                        int e = p.indexOf('}', k);
                        if (e < 0 || e == k + 1 || !p.substring(k + 1, e).chars().allMatch(GoRegex::isHex)) {
                            throw error("invalid escape sequence", p.substring(i, Math.min(p.length(), k + 2)));
                        }
                        out.append(p, i, e + 1);
                        i = e + 1;
                    } else {
                        if (k + 2 > p.length() || !isHex(p.charAt(k)) || !isHex(p.charAt(k + 1))) {
                            throw error("invalid escape sequence", p.substring(i, Math.min(p.length(), k + 2)));
                        }
                        out.append(p, i, k + 2);
                        i = k + 2;
                    }
                    return;
                }
                case 'p', 'P' -> {
                    unicodeClass(c == 'P');
                    return;
                }
                case 'Q' -> {
                    int e = p.indexOf("\\E", i + 2);
                    String lit = e < 0 ? p.substring(i + 2) : p.substring(i + 2, e);
                    for (int k = 0; k < lit.length(); k++) {
                        char lc = lit.charAt(k);
                        if (Character.isLetterOrDigit(lc) || lc == ' ' || lc == '_') {
                            out.append(lc);
                        } else {
                            out.append("\\x{").append(Integer.toHexString(lc)).append('}');
                        }
                    }
                    i = e < 0 ? p.length() : e + 2;
                    return;
                }
                default -> {
                    if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                        out.append('\\').append(c);
                    } else {
                        throw error("invalid escape sequence", p.substring(i, i + 2));
                    }
                }
            }
            i += 2;
        }

        private void unicodeClass(boolean negated) {
            int k = i + 2;
            String name;
            if (k < p.length() && p.charAt(k) == '{') {
                int e = p.indexOf('}', k);
                if (e < 0) {
                    throw error("invalid character class range", p.substring(i));
                }
                name = p.substring(k + 1, e);
                i = e + 1;
            } else if (k < p.length()) {
                name = String.valueOf(p.charAt(k));
                i = k + 1;
            } else {
                throw error("invalid character class range", p.substring(i));
            }
            if (name.startsWith("^")) {
                negated = !negated;
                name = name.substring(1);
            }
            String javaName;
            if (name.equals("Any")) {
                out.append(negated ? "[^\\x{0}-\\x{10FFFF}]" : "[\\x{0}-\\x{10FFFF}]");
                return;
            } else if (name.length() <= 2 && name.matches("[A-Z][a-z]?")) {
                javaName = name;
            } else if (name.matches("[A-Za-z_]+")) {
                javaName = "Is" + name;
            } else {
                throw error("invalid character class range", "\\p{" + name + "}");
            }
            try {
                Pattern.compile("\\p{" + javaName + "}");
            } catch (java.util.regex.PatternSyntaxException e) {
                throw error("invalid character class range", "\\p{" + name + "}");
            }
            out.append(negated ? "\\P{" : "\\p{").append(javaName).append('}');
        }

        private void charClass() {
            out.append('[');
            i++;
            if (i < p.length() && p.charAt(i) == '^') {
                out.append('^');
                i++;
            }
            boolean first = true;
            while (true) {
                if (i >= p.length()) {
                    throw error("missing closing ]", p.substring(Math.max(0, p.lastIndexOf('['))));
                }
                char c = p.charAt(i);
                if (c == ']' && !first) {
                    out.append(']');
                    i++;
                    return;
                }
                first = false;
                if (c == '[' && p.startsWith("[:", i)) {
                    int e = p.indexOf(":]", i + 2);
                    if (e > 0) {
                        String name = p.substring(i + 2, e);
                        boolean neg = name.startsWith("^");
                        String cls = POSIX.get(neg ? name.substring(1) : name);
                        if (cls == null) {
                            throw error("invalid character class range", p.substring(i, e + 2));
                        }
                        out.append(neg ? "[^" + cls + "]" : "[" + cls + "]");
                        i = e + 2;
                        continue;
                    }
                }
                switch (c) {
                    case '\\' -> escape(true);
                    case '[', ']', '&', '{', '}' -> {
                        out.append('\\').append(c);
                        i++;
                    }
                    default -> {
                        out.append(c);
                        i++;
                    }
                }
            }
        }
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    @Override
    public String toString() {
        return source;
    }
}
