package dev.gitops.api.apply;

import dev.gitops.api.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector: a conjunction of requirements, parsed from the string form the API server accepts
 * ({@code app=web,tier!=db,env in (prod,staging),!legacy,release}) or built from a {@code matchLabels} map.
 *
 * <p>Supported operators: {@code =} and {@code ==}, {@code !=}, {@code in}, {@code notin}, existence ({@code key}),
 * non-existence ({@code !key}), and the numeric {@code gt} / {@code lt} ({@code key>3}, {@code key<5}). As in
 * apimachinery, {@code !=} and {@code notin} also match objects without the label. {@link #toString()} prints the
 * canonical form (requirements sorted by key, values sorted), which the API server accepts.
 *
 * @param requirements the requirements, all of which must hold; empty matches everything
 */
public record LabelSelector(List<Requirement> requirements) {

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    /** A selector operator. */
    public enum Operator {
        /** The label has exactly the one value. */
        EQUALS,
        /** The label is absent or has another value. */
        NOT_EQUALS,
        /** The label has one of the values. */
        IN,
        /** The label is absent or has none of the values. */
        NOT_IN,
        /** The label is present. */
        EXISTS,
        /** The label is absent. */
        DOES_NOT_EXIST,
        /** The label is an integer greater than the one value. */
        GREATER_THAN,
        /** The label is an integer less than the one value. */
        LESS_THAN
    }

    /**
     * One requirement.
     *
     * @param key a qualified label key ({@code [prefix/]name})
     * @param operator the operator
     * @param values the values (sorted): exactly one for equality and {@code gt}/{@code lt}, at least one for
     *     {@code in}/{@code notin}, none for existence
     */
    public record Requirement(String key, Operator operator, SortedSet<String> values) {
        /** Validates the key, the values and their number for the operator. */
        public Requirement {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(operator, "operator");
            values = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(values, "values")));
            validateKey(key);
            for (String v : values) {
                validateValue(key, v);
            }
            switch (operator) {
                case EQUALS, NOT_EQUALS -> {
                    if (values.size() != 1) {
                        throw new InvalidInputException("label selector: " + key + ": exactly one value required for "
                                + operator);
                    }
                }
                case IN, NOT_IN -> {
                    if (values.isEmpty()) {
                        throw new InvalidInputException("label selector: " + key
                                + ": for 'in', 'notin' operators, values set can't be empty");
                    }
                }
                case EXISTS, DOES_NOT_EXIST -> {
                    if (!values.isEmpty()) {
                        throw new InvalidInputException("label selector: " + key
                                + ": values set must be empty for exists and does not exist");
                    }
                }
                case GREATER_THAN, LESS_THAN -> {
                    if (values.size() != 1) {
                        throw new InvalidInputException("label selector: " + key
                                + ": for 'Gt', 'Lt' operators, exactly one value is required");
                    }
                    try {
                        Long.parseLong(values.first());
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException("label selector: " + key
                                + ": for 'Gt', 'Lt' operators, the value must be an integer, got \"" + values.first()
                                + "\"");
                    }
                }
                default -> throw new AssertionError(operator);
            }
        }

        /** True when the labels satisfy this requirement. */
        public boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> v != null && values.contains(v);
                case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case DOES_NOT_EXIST -> v == null;
                case GREATER_THAN, LESS_THAN -> {
                    if (v == null) {
                        yield false;
                    }
                    long have;
                    try {
                        have = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        yield false;
                    }
                    long want = Long.parseLong(values.first());
                    yield operator == Operator.GREATER_THAN ? have > want : have < want;
                }
            };
        }

        @Override
        public String toString() {
            return switch (operator) {
                case EQUALS -> key + "=" + values.first();
                case NOT_EQUALS -> key + "!=" + values.first();
                case IN -> key + " in (" + String.join(",", values) + ")";
                case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
                case EXISTS -> key;
                case DOES_NOT_EXIST -> "!" + key;
                case GREATER_THAN -> key + ">" + values.first();
                case LESS_THAN -> key + "<" + values.first();
            };
        }
    }

    /** Copies and sorts the requirements by key (then operator), as apimachinery does. */
    public LabelSelector {
        List<Requirement> copy = new ArrayList<>(Objects.requireNonNull(requirements, "requirements"));
        copy.sort((a, b) -> {
            int c = a.key().compareTo(b.key());
            return c != 0 ? c : a.operator().compareTo(b.operator());
        });
        requirements = List.copyOf(copy);
    }

    /** The selector that matches every object. */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /** A selector requiring each label to have the given value ({@code matchLabels}). */
    public static LabelSelector matchLabels(Map<String, String> labels) {
        List<Requirement> reqs = new ArrayList<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            reqs.add(new Requirement(e.getKey(), Operator.EQUALS, new TreeSet<>(List.of(e.getValue()))));
        }
        return new LabelSelector(reqs);
    }

    /** A selector with this one's requirements and {@code other}'s. */
    public LabelSelector and(LabelSelector other) {
        List<Requirement> all = new ArrayList<>(requirements);
        all.addAll(other.requirements);
        return new LabelSelector(all);
    }

    /** True when this selector matches every object. */
    public boolean isEverything() {
        return requirements.isEmpty();
    }

    /** True when the labels satisfy every requirement. */
    public boolean matches(Map<String, String> labels) {
        Objects.requireNonNull(labels, "labels");
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses the string form. Whitespace around tokens is ignored; an empty or blank string is {@link #everything()}.
     *
     * @throws InvalidInputException naming the position when the string is not a valid selector
     */
    public static LabelSelector parse(String selector) {
        Objects.requireNonNull(selector, "selector");
        return new Parser(selector).parse();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(requirements.size());
        for (Requirement r : requirements) {
            parts.add(r.toString());
        }
        return String.join(",", parts);
    }

    static void validateKey(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !PREFIX.matcher(prefix).matches()) {
                throw new InvalidInputException("label selector: invalid label key \"" + key
                        + "\": prefix part must be a lowercase RFC 1123 subdomain");
            }
        }
        if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("label selector: invalid label key \"" + key
                    + "\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and"
                    + " end with an alphanumeric character (at most 63 characters)");
        }
    }

    static void validateValue(String key, String value) {
        if (value.length() > 63 || !VALUE.matcher(value).matches()) {
            throw new InvalidInputException("label selector: invalid value \"" + value + "\" for key \"" + key
                    + "\": must be 63 characters or less, empty or beginning and ending with an alphanumeric"
                    + " character, with '-', '_', '.' and alphanumerics between");
        }
    }

    /** Recursive-descent parser over the apimachinery selector grammar. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        LabelSelector parse() {
            List<Requirement> reqs = new ArrayList<>();
            skipWs();
            if (pos == s.length()) {
                return EVERYTHING;
            }
            while (true) {
                reqs.add(requirement());
                skipWs();
                if (pos == s.length()) {
                    break;
                }
                expect(',');
            }
            return new LabelSelector(reqs);
        }

        private Requirement requirement() {
            skipWs();
            if (peek() == '!') {
                pos++;
                skipWs();
                String key = identifier("label key");
                return new Requirement(key, Operator.DOES_NOT_EXIST, new TreeSet<>());
            }
            String key = identifier("label key");
            skipWs();
            if (pos == s.length() || peek() == ',') {
                return new Requirement(key, Operator.EXISTS, new TreeSet<>());
            }
            char c = peek();
            if (c == '=') {
                pos++;
                if (peek() == '=') {
                    pos++;
                }
                return new Requirement(key, Operator.EQUALS, single());
            }
            if (c == '!' && pos + 1 < s.length() && s.charAt(pos + 1) == '=') {
                pos += 2;
                return new Requirement(key, Operator.NOT_EQUALS, single());
            }
            if (c == '>' || c == '<') {
                pos++;
                return new Requirement(key, c == '>' ? Operator.GREATER_THAN : Operator.LESS_THAN, single());
            }
            String word = identifier("operator");
            Operator op = switch (word) {
                case "in" -> Operator.IN;
                case "notin" -> Operator.NOT_IN;
                default -> throw error("unknown operator \"" + word + "\", expected one of =, ==, !=, in, notin, >, <");
            };
            skipWs();
            expect('(');
            TreeSet<String> values = new TreeSet<>();
            while (true) {
                skipWs();
                if (peek() == ')') {
                    pos++;
                    break;
                }
                values.add(valueToken());
                skipWs();
                if (peek() == ',') {
                    pos++;
                } else if (peek() == ')') {
                    pos++;
                    break;
                } else {
                    throw error("expected ',' or ')'");
                }
            }
            return new Requirement(key, op, values);
        }

        private TreeSet<String> single() {
            skipWs();
            TreeSet<String> v = new TreeSet<>();
            v.add(valueToken());
            return v;
        }

        private String valueToken() {
            int start = pos;
            while (pos < s.length() && !isDelimiter(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private String identifier(String what) {
            int start = pos;
            while (pos < s.length() && !isDelimiter(s.charAt(pos)) && "=!<>".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            if (start == pos) {
                throw error("expected " + what);
            }
            return s.substring(start, pos);
        }

        private static boolean isDelimiter(char c) {
            return Character.isWhitespace(c) || c == ',' || c == '(' || c == ')';
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private void skipWs() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private InvalidInputException error(String msg) {
            return new InvalidInputException("label selector \"" + s + "\": " + msg + " at position " + pos);
        }
    }

    /** Parses a {@code matchLabels}/{@code matchExpressions} pair as found in Kubernetes objects. */
    public static LabelSelector of(Map<String, String> matchLabels, Collection<Requirement> matchExpressions) {
        LabelSelector s = matchLabels(matchLabels);
        return s.and(new LabelSelector(List.copyOf(matchExpressions)));
    }
}
