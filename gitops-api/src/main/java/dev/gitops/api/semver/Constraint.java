package dev.gitops.api.semver;

import dev.gitops.api.semver.internal.GoStrings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version constraint as Masterminds/semver v3 parses and checks it ({@code NewConstraint}, {@code Check},
 * {@code Validate}): the constraint language of Flux ImagePolicy {@code semver.range}, GitRepository
 * {@code ref.semver} and Helm chart versions.
 *
 * <p>Grammar: OR-groups separated by {@code ||}; inside a group, constraints separated by a comma or by
 * whitespace (AND); each constraint an operator ({@code =}, {@code !=}, {@code >}, {@code <}, {@code >=},
 * {@code =>}, {@code <=}, {@code =<}, {@code ~}, {@code ~>}, {@code ^}, or none) and a version that may be
 * partial ({@code 1}, {@code 1.2}), carry a {@code v}, use wildcards {@code x}, {@code X} or {@code *} in any
 * position and name a prerelease. {@code A - B} is a hyphen range ({@code >= A, <= B}).
 *
 * <p>The prerelease rule: a version with a prerelease satisfies a group only when prereleases are included
 * ({@link #withIncludePrerelease}) or some constraint in <em>that</em> group names a prerelease; then ordinary
 * SemVer precedence applies across {@code major.minor.patch}.
 *
 * <p>Instances are immutable and thread-safe: parse once, check many times.
 */
public final class Constraint {

    // ---- Masterminds' regular expressions, translated to java.util.regex. Go's \s is [\t\n\f\r ] (no \v); Go's
    // $ is the end of the text, which matches()/lookingAt()+explicit end checks give us.
    private static final String S = "[\\t\\n\\f\\r ]";
    private static final String CV = "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?"
            + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?"
            + "(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";
    // the same language with possessive runs: no character of a run can start what follows it, so matches are
    // unchanged, but failing searches stop backtracking into long runs (Go's RE2 is linear; java.util.regex is not)
    private static final String CVP = "v?([0-9|x|X|\\*]++)(\\.[0-9|x|X|\\*]++)?+(\\.[0-9|x|X|\\*]++)?+"
            + "(-([0-9A-Za-z\\-]++(\\.[0-9A-Za-z\\-]++)*+))?+"
            + "(\\+([0-9A-Za-z\\-]++(\\.[0-9A-Za-z\\-]++)*+))?+";
    private static final String OPS = "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^";
    private static final String SEP_AHEAD = "(?=[\\t\\n\\f\\r ,]|\\z)";

    private static final Pattern CONSTRAINT = Pattern.compile(S + "*(" + OPS + ")" + S + "*(" + CV + ")" + S + "*");
    // RANGE skips start positions that cannot hold Go's leftmost match, so failing searches stay linear: inside a
    // whitespace run (a match there also exists from the run's start, whose leading \s* takes the run), and at a
    // major-number character right after another (a match there also exists one character earlier); the end of the
    // previous match (\G) is always a candidate, since the text before it is used up
    private static final Pattern RANGE = Pattern.compile("(?:\\G|(?<!" + S + ")(?:(?<![0-9|xX*])|(?![0-9|xX*])))" + S
            + "*+(" + CVP + ")" + S + "++-" + S + "++(" + CVP + ")" + S + "*");
    private static final Pattern FIND = Pattern.compile("(" + OPS + ")" + S + "*+(" + CVP + ")");
    // validConstraintRegex ^(\s*OP\s*CV\s*)((?:\s+|,\s*)OP\s*CV\s*)*$ checked item by item (no deep regex
    // recursion on long inputs): S* OP S* CV ((S+ | S*,S*) OP S* CV)* S*
    private static final Pattern FIRST_ITEM = Pattern.compile(S + "*+(?:" + OPS + ")" + S + "*+" + CVP + SEP_AHEAD);
    private static final Pattern NEXT_ITEM = Pattern.compile(
            "(?:" + S + "*+," + S + "*+|" + S + "++)(?:" + OPS + ")" + S + "*+" + CVP + SEP_AHEAD);
    private static final Pattern TRAILING = Pattern.compile(S + "*");

    private final String text;
    private final Term[][] groups;
    private final boolean[] containsPre;
    private final boolean includePrerelease;

    private Constraint(String text, Term[][] groups, boolean[] containsPre, boolean includePrerelease) {
        this.text = text;
        this.groups = groups;
        this.containsPre = containsPre;
        this.includePrerelease = includePrerelease;
    }

    /**
     * Parses a constraint as Masterminds' {@code NewConstraint}.
     *
     * @throws SemVerException ({@link SemVerException.Kind#IMPROPER_CONSTRAINT}) naming the offending part, with
     *     Masterminds' message, e.g. {@code improper constraint: ">= bar"}
     */
    public static Constraint parse(String constraint) {
        Objects.requireNonNull(constraint, "constraint");
        String c = rewriteRange(constraint);
        List<String> ors = GoStrings.split(c, "||");
        Term[][] groups = new Term[ors.size()][];
        boolean[] hasPre = new boolean[ors.size()];
        for (int k = 0; k < ors.size(); k++) {
            String v = ors.get(k);
            if (!validGroup(v)) {
                throw improper(v);
            }
            List<String> cs = new ArrayList<>();
            Matcher m = FIND.matcher(v);
            while (m.find()) {
                cs.add(m.group());
            }
            if (cs.isEmpty()) {
                cs.add(v);
            }
            Term[] terms = new Term[cs.size()];
            for (int i = 0; i < cs.size(); i++) {
                Term t = Term.parse(cs.get(i));
                if (t.con.isPrerelease()) {
                    hasPre[k] = true;
                }
                terms[i] = t;
            }
            groups[k] = terms;
        }
        return new Constraint(constraint, groups, hasPre, false);
    }

    /** Whether {@code constraint} parses; never throws. */
    public static boolean isValid(String constraint) {
        try {
            parse(constraint);
            return true;
        } catch (SemVerException e) {
            return false;
        }
    }

    static SemVerException improper(String part) {
        return new SemVerException(SemVerException.Kind.IMPROPER_CONSTRAINT,
                "improper constraint: " + GoStrings.quote(part));
    }

    /**
     * The same constraint with Masterminds' {@code IncludePrerelease} set: prerelease versions are considered in
     * every group, as if each named a prerelease.
     */
    public Constraint withIncludePrerelease(boolean include) {
        return include == includePrerelease ? this : new Constraint(text, groups, containsPre, include);
    }

    /** Whether prereleases are included in every group. */
    public boolean includePrerelease() {
        return includePrerelease;
    }

    /** The text the constraint was parsed from. */
    public String text() {
        return text;
    }

    /** Masterminds' {@code Check}: whether the version satisfies the constraint. */
    public boolean matches(SemVer v) {
        Objects.requireNonNull(v, "version");
        for (int i = 0; i < groups.length; i++) {
            boolean pre = includePrerelease || containsPre[i];
            boolean joy = true;
            for (Term t : groups[i]) {
                if (t.check(v, pre, false) != null) {
                    joy = false;
                    break;
                }
            }
            if (joy) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses {@code version} loosely and checks it.
     *
     * @throws SemVerException when the version does not parse
     */
    public boolean matches(String version) {
        return matches(SemVer.parse(version));
    }

    /**
     * Masterminds' {@code Validate}: whether the version satisfies the constraint and, when it does not, every
     * reason, in Masterminds' words and order (the prerelease reason only once).
     */
    public Validation validate(SemVer v) {
        Objects.requireNonNull(v, "version");
        List<String> reasons = new ArrayList<>();
        boolean prereleaseReported = false;
        for (int i = 0; i < groups.length; i++) {
            boolean pre = includePrerelease || containsPre[i];
            boolean joy = true;
            for (Term t : groups[i]) {
                if (!pre && v.isPrerelease()) {
                    if (!prereleaseReported) {
                        reasons.add(prereleaseMessage(v));
                        prereleaseReported = true;
                    }
                    joy = false;
                } else {
                    String why = t.check(v, pre, true);
                    if (why != null) {
                        reasons.add(why);
                        joy = false;
                    }
                }
            }
            if (joy) {
                return Validation.SATISFIED;
            }
        }
        return new Validation.Violated(reasons);
    }

    /**
     * The greatest tag that parses loosely (Masterminds' {@code NewVersion}) and satisfies this constraint; on
     * equal precedence the first such tag wins. Tags that do not parse are skipped.
     */
    public Optional<SemVer> latest(Iterable<String> tags) {
        SemVer best = null;
        for (String tag : tags) {
            Optional<SemVer> v = SemVer.tryParse(tag);
            if (v.isPresent() && matches(v.get()) && (best == null || v.get().compareTo(best) > 0)) {
                best = v.get();
            }
        }
        return Optional.ofNullable(best);
    }

    /** The number of OR-groups. */
    int groupCount() {
        return groups.length;
    }

    /** The number of AND-ed constraints in a group. */
    int termCount(int group) {
        return groups[group].length;
    }

    Term term(int group, int index) {
        return groups[group][index];
    }

    /** Masterminds' {@code String()}: constraints space-separated within a group, groups joined by " || ". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < groups.length; k++) {
            if (k > 0) {
                sb.append(" || ");
            }
            for (int i = 0; i < groups[k].length; i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(groups[k][i].op).append(groups[k][i].orig);
            }
        }
        return sb.toString();
    }

    /** Equal when parsed from the same text with the same prerelease setting. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Constraint c && c.text.equals(text) && c.includePrerelease == includePrerelease;
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + (includePrerelease ? 1 : 0);
    }

    // ---------------------------------------------------------------- parsing helpers

    /** Masterminds' rewriteRange: {@code "A - B"} becomes {@code ">= A, <= B "}. */
    static String rewriteRange(String in) {
        if (!hasSpacedDash(in)) {
            return in; // RANGE needs whitespace, '-', whitespace: skip the (quadratic in the worst case) search
        }
        Matcher m = RANGE.matcher(in);
        List<String[]> found = new ArrayList<>();
        while (m.find()) {
            found.add(new String[] {m.group(), m.group(1), m.group(11)});
        }
        String o = in;
        for (String[] f : found) {
            String t = ">= " + f[1] + ", <= " + f[2] + " ";
            int at = o.indexOf(f[0]);
            if (at >= 0) {
                o = o.substring(0, at) + t + o.substring(at + f[0].length());
            }
        }
        return o;
    }

    private static boolean isGoSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    private static boolean hasSpacedDash(String s) {
        for (int i = 1; i + 1 < s.length(); i++) {
            if (s.charAt(i) == '-' && isGoSpace(s.charAt(i - 1)) && isGoSpace(s.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean validGroup(String v) {
        Matcher m = FIRST_ITEM.matcher(v);
        if (!m.lookingAt()) {
            return false;
        }
        int pos = m.end();
        Matcher next = NEXT_ITEM.matcher(v);
        while (true) {
            next.region(pos, v.length());
            if (!next.lookingAt() || next.end() == pos) {
                break;
            }
            pos = next.end();
        }
        Matcher tail = TRAILING.matcher(v);
        tail.region(pos, v.length());
        return tail.matches();
    }

    static boolean isX(String x) {
        return x.equals("x") || x.equals("*") || x.equals("X");
    }

    static String prereleaseMessage(SemVer v) {
        return GoStrings.quote(v.toString())
                + " is a prerelease version and the constraint is only looking for release versions";
    }

    /** The outcome of {@link #validate}: satisfied, or violated with Masterminds' reasons. */
    public sealed interface Validation permits Validation.Satisfied, Validation.Violated {

        /** The one satisfied outcome. */
        Satisfied SATISFIED = new Satisfied();

        /** Whether the version satisfies the constraint. */
        boolean satisfied();

        /** The reasons the version fails, empty when it satisfies. */
        List<String> reasons();

        /** The version satisfies the constraint. */
        record Satisfied() implements Validation {
            @Override
            public boolean satisfied() {
                return true;
            }

            @Override
            public List<String> reasons() {
                return List.of();
            }
        }

        /**
         * The version does not satisfy the constraint.
         *
         * @param reasons why, in Masterminds' words and order; never empty
         */
        record Violated(List<String> reasons) implements Validation {
            /** Copies the reasons. */
            public Violated {
                reasons = List.copyOf(reasons);
                if (reasons.isEmpty()) {
                    throw new IllegalArgumentException("a violation needs at least one reason");
                }
            }

            @Override
            public boolean satisfied() {
                return false;
            }
        }
    }

    /** The operators, with Masterminds' check functions. */
    enum Operator {
        TILDE_OR_EQUAL, NOT_EQUAL, GREATER_THAN, LESS_THAN, GREATER_THAN_EQUAL, LESS_THAN_EQUAL, TILDE, CARET;

        static Operator of(String op) {
            return switch (op) {
                case "", "=" -> TILDE_OR_EQUAL;
                case "!=" -> NOT_EQUAL;
                case ">" -> GREATER_THAN;
                case "<" -> LESS_THAN;
                case ">=", "=>" -> GREATER_THAN_EQUAL;
                case "<=", "=<" -> LESS_THAN_EQUAL;
                case "~", "~>" -> TILDE;
                case "^" -> CARET;
                default -> throw new IllegalStateException("operator " + op);
            };
        }
    }

    /** One parsed constraint: Masterminds' unexported {@code constraint}. */
    static final class Term {
        /** A non-null "failed" marker when messages are not wanted. */
        private static final String FAIL = "";

        final String op;
        final Operator operator;
        final String orig;
        final SemVer con;
        final boolean minorDirty;
        final boolean patchDirty;
        final boolean dirty;

        private Term(String op, String orig, SemVer con, boolean dirty, boolean minorDirty, boolean patchDirty) {
            this.op = op;
            this.operator = Operator.of(op);
            this.orig = orig;
            this.con = con;
            this.dirty = dirty;
            this.minorDirty = minorDirty;
            this.patchDirty = patchDirty;
        }

        /** Masterminds' parseConstraint (which also accepts "", as "any release"). */
        static Term parse(String c) {
            if (c.isEmpty()) {
                return new Term("", "", SemVer.of(0, 0, 0), true, false, false);
            }
            Matcher m = CONSTRAINT.matcher(c);
            if (!m.matches()) {
                throw improper(c);
            }
            String m3 = g(m, 3);
            String m4 = g(m, 4);
            String m5 = g(m, 5);
            String m6 = g(m, 6);
            String ver = m.group(2);
            boolean minorDirty = false;
            boolean patchDirty = false;
            boolean dirty = false;
            if (isX(m3) || m3.isEmpty()) {
                ver = "0.0.0" + m6;
                dirty = true;
            } else if (isX(trimDot(m4)) || m4.isEmpty()) {
                minorDirty = true;
                dirty = true;
                ver = m3 + ".0.0" + m6;
            } else if (isX(trimDot(m5)) || m5.isEmpty()) {
                dirty = true;
                patchDirty = true;
                ver = m3 + m4 + ".0" + m6;
            }
            Optional<SemVer> con = SemVer.tryParse(ver);
            if (con.isEmpty()) {
                throw new SemVerException(SemVerException.Kind.IMPROPER_CONSTRAINT,
                        "constraint parser error: " + GoStrings.quote(c));
            }
            return new Term(m.group(1), m.group(2), con.get(), dirty, minorDirty, patchDirty);
        }

        private static String g(Matcher m, int i) {
            String s = m.group(i);
            return s == null ? "" : s;
        }

        private static String trimDot(String s) {
            return s.startsWith(".") ? s.substring(1) : s;
        }

        /** null when satisfied; else the reason (or FAIL when {@code messages} is false). */
        String check(SemVer v, boolean includePre, boolean messages) {
            if (v.isPrerelease() && !includePre) {
                return messages ? prereleaseMessage(v) : FAIL;
            }
            return switch (operator) {
                case TILDE_OR_EQUAL -> tildeOrEqual(v, messages);
                case NOT_EQUAL -> notEqual(v, messages);
                case GREATER_THAN -> greaterThan(v, messages);
                case LESS_THAN -> v.compareTo(con) < 0 ? null : msg(messages, v, "is greater than or equal to");
                case GREATER_THAN_EQUAL -> v.compareTo(con) >= 0 ? null : msg(messages, v, "is less than");
                case LESS_THAN_EQUAL -> lessThanEqual(v, messages);
                case TILDE -> tilde(v, messages);
                case CARET -> caret(v, messages);
            };
        }

        private String msg(boolean messages, SemVer v, String relation) {
            if (!messages) {
                return FAIL;
            }
            return GoStrings.quote(v.toString()) + " " + relation + " " + GoStrings.quote(orig);
        }

        private String msgSuffix(boolean messages, SemVer v, String relation, String suffix) {
            if (!messages) {
                return FAIL;
            }
            return GoStrings.quote(v.toString()) + " " + relation + " " + GoStrings.quote(orig) + suffix;
        }

        private String notEqual(SemVer v, boolean messages) {
            if (dirty) {
                if (con.major() != v.major()) {
                    return null;
                }
                if (con.minor() != v.minor() && !minorDirty) {
                    return null;
                } else if (minorDirty) {
                    return msg(messages, v, "is equal to");
                } else if (con.patch() != v.patch() && !patchDirty) {
                    return null;
                } else if (patchDirty) {
                    if (v.isPrerelease() || con.isPrerelease()) {
                        if (comparePre(v.prerelease(), con.prerelease()) != 0) {
                            return null;
                        }
                        return msg(messages, v, "is equal to");
                    }
                    return msg(messages, v, "is equal to");
                }
            }
            if (v.compareTo(con) == 0) {
                return msg(messages, v, "is equal to");
            }
            return null;
        }

        /** Go's comparePrerelease also runs on empty strings (one part "" each). */
        private static int comparePre(String a, String b) {
            return SemVer.comparePrerelease(a, b);
        }

        private String greaterThan(SemVer v, boolean messages) {
            if (!dirty) {
                return v.compareTo(con) == 1 ? null : msg(messages, v, "is less than or equal to");
            }
            int maj = Long.compareUnsigned(v.major(), con.major());
            if (maj > 0) {
                return null;
            } else if (maj < 0) {
                return msg(messages, v, "is less than or equal to");
            } else if (minorDirty) {
                return msg(messages, v, "is less than or equal to");
            } else if (patchDirty) {
                return Long.compareUnsigned(v.minor(), con.minor()) > 0
                        ? null : msg(messages, v, "is less than or equal to");
            }
            return v.compareTo(con) == 1 ? null : msg(messages, v, "is less than or equal to");
        }

        private String lessThanEqual(SemVer v, boolean messages) {
            if (!dirty) {
                return v.compareTo(con) <= 0 ? null : msg(messages, v, "is greater than");
            }
            if (Long.compareUnsigned(v.major(), con.major()) > 0) {
                return msg(messages, v, "is greater than");
            } else if (v.major() == con.major() && Long.compareUnsigned(v.minor(), con.minor()) > 0 && !minorDirty) {
                return msg(messages, v, "is greater than");
            }
            return null;
        }

        private String tilde(SemVer v, boolean messages) {
            if (v.compareTo(con) < 0) {
                return msg(messages, v, "is less than");
            }
            if (con.major() == 0 && con.minor() == 0 && con.patch() == 0 && !minorDirty && !patchDirty) {
                return null;
            }
            if (v.major() != con.major()) {
                return msg(messages, v, "does not have same major version as");
            }
            if (v.minor() != con.minor() && !minorDirty) {
                return msg(messages, v, "does not have same major and minor version as");
            }
            return null;
        }

        private String tildeOrEqual(SemVer v, boolean messages) {
            if (dirty) {
                return tilde(v, messages);
            }
            return v.compareTo(con) == 0 ? null : msg(messages, v, "is not equal to");
        }

        private String caret(SemVer v, boolean messages) {
            if (v.compareTo(con) < 0) {
                return msg(messages, v, "is less than");
            }
            if (con.major() != 0 || minorDirty) {
                return v.major() == con.major() ? null : msg(messages, v, "does not have same major version as");
            }
            if (v.major() != 0) {
                return msg(messages, v, "does not have same major version as");
            }
            if (con.minor() != 0 || patchDirty) {
                return v.minor() == con.minor() ? null : msgSuffix(messages, v, "does not have same minor version as",
                        ". Expected minor versions to match when constraint major version is 0");
            }
            if (v.minor() != 0) {
                return msg(messages, v, "does not have same minor version as");
            }
            return con.patch() == v.patch() ? null : msgSuffix(messages, v, "does not equal",
                    ". Expect version and constraint to equal when major and minor versions are 0");
        }
    }

    /** Masterminds' unexported {@code parseConstraint(c).check(v, c has a prerelease)}; accepts "". */
    static boolean checkSingle(String c, SemVer v) {
        Term t = Term.parse(c);
        return t.check(v, t.con.isPrerelease(), false) == null;
    }

    /** The normal form of each constraint, per group. */
    static List<List<String>> describe(Constraint c) {
        List<List<String>> out = new ArrayList<>();
        for (Term[] g : c.groups) {
            List<String> l = new ArrayList<>();
            for (Term t : g) {
                l.add(t.op + t.orig);
            }
            out.add(Collections.unmodifiableList(l));
        }
        return Collections.unmodifiableList(out);
    }
}
