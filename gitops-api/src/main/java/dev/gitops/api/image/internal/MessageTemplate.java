package dev.gitops.api.image.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The subset of Go's {@code text/template} (with a few Sprig functions) that ImageUpdateAutomation commit
 * messages use. Not API; it should give way to {@code dev.gitops.api.template} (the full Go template engine)
 * once that lands.
 *
 * <p>Supported: text and {@code {{ }}} actions with {@code {{-}} / {@code -}}} trimming, comments, pipelines with
 * {@code |}, fields ({@code .A.B}, {@code $x.A}), variables ({@code $}, {@code $x := …}, {@code $x = …}),
 * {@code if}/{@code else if}/{@code else}, {@code range} (with 0, 1 or 2 variables and {@code else}; maps in sorted
 * key order), {@code with}, string/number/boolean literals, parentheses; functions {@code print}, {@code println},
 * {@code printf} ({@code %s %v %d %q %%}), {@code len}, {@code index}, {@code not}, {@code and}, {@code or},
 * {@code eq}, {@code ne}, and Sprig's {@code upper}, {@code lower}, {@code trim}, {@code trimPrefix},
 * {@code trimSuffix}, {@code replace}, {@code quote}, {@code squote}, {@code join}, {@code default},
 * {@code contains}, {@code hasPrefix}, {@code hasSuffix}.
 *
 * <p>Data: Java {@link Map}s are Go maps (ranged in sorted key order; a missing key is Go's invalid value, printed
 * {@code <no value>}); {@link Struct}s are Go structs (a missing field is an error, as in Go);
 * {@link List}s are slices; strings, numbers and booleans as themselves.
 */
public final class MessageTemplate {

    /** A Go struct value: named fields and how {@code {{ . }}} prints it. */
    public record Struct(String printed, Map<String, Object> fields, String typeName, List<String> sortKey)
            implements Comparable<Struct> {
        /** Structs order field by field, as Go's fmtsort orders map keys. */
        @Override
        public int compareTo(Struct o) {
            for (int k = 0; k < Math.min(sortKey.size(), o.sortKey.size()); k++) {
                int d = sortKey.get(k).compareTo(o.sortKey.get(k));
                if (d != 0) {
                    return d;
                }
            }
            return Integer.compare(sortKey.size(), o.sortKey.size());
        }

        @Override
        public String toString() {
            return printed;
        }
    }

    /** A template execution or parse failure, with Go's wording where it matters. */
    public static final class TemplateException extends RuntimeException {
        /** A failure. */
        public TemplateException(String message) {
            super(message);
        }
    }

    private final List<Node> root;

    private MessageTemplate(List<Node> root) {
        this.root = root;
    }

    /** Parses a template. */
    public static MessageTemplate parse(String text) {
        Parser p = new Parser(text);
        List<Node> nodes = p.parseList(Set.of());
        if (p.pendingEnd != null) {
            throw new TemplateException("template: unexpected {{" + p.pendingEnd + "}}");
        }
        return new MessageTemplate(nodes);
    }

    /** Executes the template with {@code data} as dot. */
    public String execute(Object data) {
        StringBuilder out = new StringBuilder();
        Scope scope = new Scope(null);
        scope.vars.put("$", data);
        exec(root, data, scope, out);
        return out.toString();
    }

    // ------------------------------------------------------------------ AST

    private sealed interface Node permits Text, Action, If, Range, With, Assign {}

    private record Text(String text) implements Node {}

    private record Action(Pipe pipe) implements Node {}

    private record Assign(String var, boolean declare, Pipe pipe) implements Node {}

    private record If(Pipe cond, List<Node> then, List<Node> otherwise) implements Node {}

    private record With(Pipe cond, List<Node> then, List<Node> otherwise) implements Node {}

    private record Range(String keyVar, String valueVar, Pipe pipe, List<Node> body, List<Node> otherwise)
            implements Node {}

    private record Pipe(List<List<Operand>> commands) {}

    private sealed interface Operand permits Literal, Field, Variable, Ident, Sub {}

    private record Literal(Object value) implements Operand {}

    private record Field(Operand receiver, List<String> names) implements Operand {}

    private record Variable(String name) implements Operand {}

    private record Ident(String name) implements Operand {}

    private record Sub(Pipe pipe) implements Operand {}

    private static final class Set {
        static java.util.Set<String> of(String... s) {
            return java.util.Set.of(s);
        }
    }

    // ------------------------------------------------------------------ parser

    private static final class Parser {
        private final String src;
        private int pos;
        private boolean trimNextText;
        String pendingEnd;
        private String lastKeyword;
        private String lastRest;

        Parser(String src) {
            this.src = src;
        }

        /** Parses nodes until one of the stop keywords ({@code end}, {@code else}) or the end of input. */
        List<Node> parseList(java.util.Set<String> stops) {
            List<Node> nodes = new ArrayList<>();
            while (pos < src.length()) {
                int open = src.indexOf("{{", pos);
                String text = open < 0 ? src.substring(pos) : src.substring(pos, open);
                boolean trimLeft = open >= 0 && src.startsWith("{{- ", open) || (open >= 0 && src.startsWith("{{-\t", open))
                        || (open >= 0 && src.startsWith("{{-\n", open));
                if (trimNextText) {
                    text = stripLeading(text);
                    trimNextText = false;
                }
                if (trimLeft) {
                    text = stripTrailing(text);
                }
                if (!text.isEmpty()) {
                    nodes.add(new Text(text));
                }
                if (open < 0) {
                    pos = src.length();
                    break;
                }
                int start = open + (trimLeft ? 3 : 2);
                int close = findClose(start);
                boolean trimRight = close - 2 >= start && src.charAt(close - 1) == '-'
                        && Character.isWhitespace(src.charAt(close - 2));
                String body = src.substring(start, trimRight ? close - 1 : close).trim();
                pos = close + 2;
                trimNextText = trimRight;
                if (body.startsWith("/*")) {
                    if (!body.endsWith("*/")) {
                        throw new TemplateException("template: unclosed comment");
                    }
                    continue;
                }
                String kw = keyword(body);
                String rest = body.substring(kw.length()).trim();
                switch (kw) {
                    case "end", "else" -> {
                        if (!stops.contains(kw)) {
                            throw new TemplateException("template: unexpected {{" + kw + "}}");
                        }
                        lastKeyword = kw;
                        lastRest = rest;
                        return nodes;
                    }
                    case "if", "with" -> nodes.add(parseConditional(kw, rest));
                    case "range" -> nodes.add(parseRange(rest));
                    default -> nodes.add(parseActionOrAssign(body));
                }
            }
            if (!stops.isEmpty()) {
                throw new TemplateException("template: unexpected EOF");
            }
            return nodes;
        }

        private Node parseConditional(String kw, String rest) {
            Pipe cond = new PipeParser(rest).parsePipe();
            List<Node> then = parseList(Set.of("end", "else"));
            List<Node> otherwise = List.of();
            if (lastKeyword.equals("else")) {
                String elseRest = lastRest;
                if (elseRest.startsWith("if ") && kw.equals("if")) {
                    otherwise = List.of(parseConditional("if", elseRest.substring(3).trim()));
                    return new If(cond, then, otherwise);
                }
                otherwise = parseList(Set.of("end"));
            }
            return kw.equals("if") ? new If(cond, then, otherwise) : new With(cond, then, otherwise);
        }

        private Node parseRange(String rest) {
            String k = null;
            String v = null;
            int decl = rest.indexOf(":=");
            String pipeText = rest;
            if (decl >= 0 && rest.startsWith("$")) {
                String[] vars = rest.substring(0, decl).split(",");
                if (vars.length == 1) {
                    v = vars[0].trim();
                } else if (vars.length == 2) {
                    k = vars[0].trim();
                    v = vars[1].trim();
                } else {
                    throw new TemplateException("template: too many declarations in range");
                }
                pipeText = rest.substring(decl + 2).trim();
            }
            Pipe pipe = new PipeParser(pipeText).parsePipe();
            List<Node> body = parseList(Set.of("end", "else"));
            List<Node> otherwise = List.of();
            if (lastKeyword.equals("else")) {
                otherwise = parseList(Set.of("end"));
            }
            return new Range(k, v, pipe, body, otherwise);
        }

        private Node parseActionOrAssign(String body) {
            if (body.startsWith("$")) {
                int i = 1;
                while (i < body.length() && (Character.isLetterOrDigit(body.charAt(i)) || body.charAt(i) == '_')) {
                    i++;
                }
                String rest = body.substring(i).trim();
                if (rest.startsWith(":=")) {
                    return new Assign(body.substring(0, i), true, new PipeParser(rest.substring(2)).parsePipe());
                }
                if (rest.startsWith("=") && !rest.startsWith("==")) {
                    return new Assign(body.substring(0, i), false, new PipeParser(rest.substring(1)).parsePipe());
                }
            }
            return new Action(new PipeParser(body).parsePipe());
        }

        private int findClose(int from) {
            int i = from;
            while (i < src.length()) {
                char c = src.charAt(i);
                if (c == '"' || c == '`') {
                    i = skipString(src, i);
                    continue;
                }
                if (src.startsWith("}}", i)) {
                    return i;
                }
                i++;
            }
            throw new TemplateException("template: unclosed action");
        }

        private static String keyword(String body) {
            for (String k : new String[] {"if", "else", "end", "range", "with"}) {
                if (body.equals(k) || body.startsWith(k + " ") || body.startsWith(k + "\t")
                        || body.startsWith(k + "\n")) {
                    return k;
                }
            }
            return "";
        }

        private static String stripLeading(String s) {
            int i = 0;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            return s.substring(i);
        }

        private static String stripTrailing(String s) {
            int i = s.length();
            while (i > 0 && Character.isWhitespace(s.charAt(i - 1))) {
                i--;
            }
            return s.substring(0, i);
        }
    }

    static int skipString(String s, int i) {
        char q = s.charAt(i);
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != q) {
            if (q == '"' && s.charAt(j) == '\\') {
                j++;
            }
            j++;
        }
        if (j >= s.length()) {
            throw new TemplateException("template: unterminated quoted string");
        }
        return j + 1;
    }

    private static final class PipeParser {
        private final String s;
        private int i;

        PipeParser(String s) {
            this.s = s.trim();
        }

        Pipe parsePipe() {
            Pipe p = pipe(false);
            if (i < s.length()) {
                throw new TemplateException("template: unexpected \"" + s.substring(i) + "\" in command");
            }
            return p;
        }

        private Pipe pipe(boolean inParens) {
            List<List<Operand>> cmds = new ArrayList<>();
            List<Operand> cur = new ArrayList<>();
            while (true) {
                skipWs();
                if (i >= s.length()) {
                    break;
                }
                char c = s.charAt(i);
                if (c == ')' && inParens) {
                    break;
                }
                if (c == '|') {
                    if (cur.isEmpty()) {
                        throw new TemplateException("template: missing command before |");
                    }
                    cmds.add(cur);
                    cur = new ArrayList<>();
                    i++;
                    continue;
                }
                cur.add(operand());
            }
            if (cur.isEmpty()) {
                throw new TemplateException("template: missing value for command");
            }
            cmds.add(cur);
            return new Pipe(cmds);
        }

        private Operand operand() {
            char c = s.charAt(i);
            Operand base;
            if (c == '"' || c == '`') {
                int end = skipString(s, i);
                base = new Literal(unquote(s.substring(i, end)));
                i = end;
            } else if (c == '(') {
                i++;
                Pipe p = pipe(true);
                if (i >= s.length() || s.charAt(i) != ')') {
                    throw new TemplateException("template: unclosed left paren");
                }
                i++;
                base = new Sub(p);
            } else if (c == '.') {
                List<String> names = fieldChain();
                return new Field(null, names);
            } else if (c == '$') {
                int st = i++;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                base = new Variable(s.substring(st, i));
            } else if (c == '-' || c == '+' || Character.isDigit(c)) {
                int st = i++;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                String num = s.substring(st, i);
                try {
                    base = new Literal(num.contains(".") ? (Object) Double.parseDouble(num) : (Object) Long.parseLong(num));
                } catch (NumberFormatException e) {
                    throw new TemplateException("template: bad number syntax: \"" + num + "\"");
                }
            } else if (Character.isLetter(c)) {
                int st = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                String id = s.substring(st, i);
                base = switch (id) {
                    case "true" -> new Literal(Boolean.TRUE);
                    case "false" -> new Literal(Boolean.FALSE);
                    case "nil" -> new Literal(null);
                    default -> new Ident(id);
                };
            } else {
                throw new TemplateException("template: unexpected \"" + c + "\" in operand");
            }
            if (i < s.length() && s.charAt(i) == '.' && !(base instanceof Ident)) {
                return new Field(base, fieldChain());
            }
            return base;
        }

        private List<String> fieldChain() {
            List<String> names = new ArrayList<>();
            while (i < s.length() && s.charAt(i) == '.') {
                i++;
                int st = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                if (st == i) {
                    if (names.isEmpty()) {
                        return names; // "." alone
                    }
                    throw new TemplateException("template: bad field syntax");
                }
                names.add(s.substring(st, i));
            }
            return names;
        }

        private void skipWs() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }

    static String unquote(String q) {
        if (q.charAt(0) == '`') {
            return q.substring(1, q.length() - 1);
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 1; k < q.length() - 1; k++) {
            char c = q.charAt(k);
            if (c == '\\') {
                char n = q.charAt(++k);
                switch (n) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '\\' -> sb.append('\\');
                    case '"' -> sb.append('"');
                    default -> throw new TemplateException("template: invalid syntax in string " + q);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ execution

    private static final class Scope {
        final Scope parent;
        final Map<String, Object> vars = new HashMap<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        Object get(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.vars.containsKey(name)) {
                    return s.vars.get(name);
                }
            }
            throw new TemplateException("template: undefined variable \"" + name + "\"");
        }

        void set(String name, Object v) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.vars.containsKey(name)) {
                    s.vars.put(name, v);
                    return;
                }
            }
            throw new TemplateException("template: undefined variable \"" + name + "\"");
        }
    }

    private void exec(List<Node> nodes, Object dot, Scope scope, StringBuilder out) {
        for (Node n : nodes) {
            if (n instanceof Text t) {
                out.append(t.text());
            } else if (n instanceof Action a) {
                out.append(print(eval(a.pipe(), dot, scope)));
            } else if (n instanceof Assign as) {
                Object v = eval(as.pipe(), dot, scope);
                if (as.declare()) {
                    scope.vars.put(as.var(), v);
                } else {
                    scope.set(as.var(), v);
                }
            } else if (n instanceof If f) {
                exec(truth(eval(f.cond(), dot, scope)) ? f.then() : f.otherwise(), dot, new Scope(scope), out);
            } else if (n instanceof With w) {
                Object v = eval(w.cond(), dot, scope);
                if (truth(v)) {
                    exec(w.then(), v, new Scope(scope), out);
                } else {
                    exec(w.otherwise(), dot, new Scope(scope), out);
                }
            } else if (n instanceof Range r) {
                range(r, eval(r.pipe(), dot, scope), scope, out);
            }
        }
    }

    private void range(Range r, Object v, Scope scope, StringBuilder out) {
        List<Object[]> items = new ArrayList<>();
        if (v instanceof Map<?, ?> m) {
            List<Object> keys = new ArrayList<>(m.keySet());
            keys.sort(MessageTemplate::compareKeys);
            for (Object k : keys) {
                items.add(new Object[] {k, m.get(k)});
            }
        } else if (v instanceof Collection<?> c) {
            long idx = 0;
            for (Object e : c) {
                items.add(new Object[] {idx++, e});
            }
        } else if (v instanceof Long n) {
            for (long k = 0; k < n; k++) {
                items.add(new Object[] {k, k});
            }
        } else if (v != null) {
            throw new TemplateException("template: range can't iterate over " + print(v));
        }
        if (items.isEmpty()) {
            exec(r.otherwise(), v, new Scope(scope), out);
            return;
        }
        for (Object[] it : items) {
            Scope s = new Scope(scope);
            if (r.keyVar() != null) {
                s.vars.put(r.keyVar(), it[0]);
            }
            if (r.valueVar() != null) {
                s.vars.put(r.valueVar(), it[1]);
            }
            exec(r.body(), it[1], s, out);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Object a, Object b) {
        if (a instanceof Comparable ca && b != null && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    private Object eval(Pipe p, Object dot, Scope scope) {
        Object prev = null;
        boolean first = true;
        for (List<Operand> cmd : p.commands()) {
            List<Object> extra = first ? List.of() : java.util.Collections.singletonList(prev);
            prev = evalCommand(cmd, extra, dot, scope);
            first = false;
        }
        return prev;
    }

    private Object evalCommand(List<Operand> cmd, List<Object> piped, Object dot, Scope scope) {
        Operand head = cmd.get(0);
        if (head instanceof Ident id) {
            List<Object> args = new ArrayList<>();
            for (int k = 1; k < cmd.size(); k++) {
                args.add(operand(cmd.get(k), dot, scope));
            }
            args.addAll(piped);
            return call(id.name(), args);
        }
        if (cmd.size() > 1 || !piped.isEmpty()) {
            throw new TemplateException("template: can't give argument to non-function " + head);
        }
        return operand(head, dot, scope);
    }

    private Object operand(Operand o, Object dot, Scope scope) {
        if (o instanceof Literal l) {
            return l.value();
        } else if (o instanceof Variable v) {
            return scope.get(v.name());
        } else if (o instanceof Sub s) {
            return eval(s.pipe(), dot, scope);
        } else if (o instanceof Ident id) {
            return call(id.name(), List.of());
        }
        Field f = (Field) o;
        Object recv = f.receiver() == null ? dot : operand(f.receiver(), dot, scope);
        for (String name : f.names()) {
            recv = field(recv, name);
        }
        return recv;
    }

    private static Object field(Object recv, String name) {
        if (recv instanceof Struct st) {
            if (!st.fields().containsKey(name)) {
                throw new TemplateException("template: can't evaluate field " + name + " in type " + st.typeName());
            }
            return st.fields().get(name);
        }
        if (recv instanceof Map<?, ?> m) {
            return m.get(name);
        }
        if (recv == null) {
            throw new TemplateException("template: nil pointer evaluating ." + name);
        }
        throw new TemplateException("template: can't evaluate field " + name + " in type " + typeName(recv));
    }

    private static String typeName(Object o) {
        if (o instanceof String) {
            return "string";
        } else if (o instanceof List) {
            return "[]interface {}";
        }
        return o.getClass().getSimpleName();
    }

    static boolean truth(Object v) {
        if (v == null) {
            return false;
        } else if (v instanceof Boolean b) {
            return b;
        } else if (v instanceof String s) {
            return !s.isEmpty();
        } else if (v instanceof Number n) {
            return n.doubleValue() != 0;
        } else if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        } else if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return true;
    }

    /** Go's {@code fmt.Sprint} of a value. */
    static String print(Object v) {
        if (v == null) {
            return "<no value>";
        }
        if (v instanceof Map<?, ?> m) {
            List<Object> keys = new ArrayList<>(m.keySet());
            keys.sort(MessageTemplate::compareKeys);
            StringBuilder sb = new StringBuilder("map[");
            for (int k = 0; k < keys.size(); k++) {
                if (k > 0) {
                    sb.append(' ');
                }
                sb.append(print(keys.get(k))).append(':').append(print(m.get(keys.get(k))));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder("[");
            boolean first = true;
            for (Object e : c) {
                if (!first) {
                    sb.append(' ');
                }
                sb.append(print(e));
                first = false;
            }
            return sb.append(']').toString();
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e21 ? String.valueOf(d.longValue()) : d.toString();
        }
        return v.toString();
    }

    private static Object call(String fn, List<Object> a) {
        switch (fn) {
            case "print": {
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < a.size(); k++) {
                    // Go's Sprint adds spaces between operands when neither is a string
                    if (k > 0 && !(a.get(k) instanceof String) && !(a.get(k - 1) instanceof String)) {
                        sb.append(' ');
                    }
                    sb.append(print(a.get(k)));
                }
                return sb.toString();
            }
            case "println": {
                List<String> parts = new ArrayList<>();
                for (Object o : a) {
                    parts.add(print(o));
                }
                return String.join(" ", parts) + "\n";
            }
            case "printf":
                return printf(str(arg(a, 0, fn)), a.subList(1, a.size()));
            case "len": {
                Object o = arg(a, 0, fn);
                if (o instanceof String s) {
                    return (long) s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                } else if (o instanceof Map<?, ?> m) {
                    return (long) m.size();
                } else if (o instanceof Collection<?> c) {
                    return (long) c.size();
                }
                throw new TemplateException("template: error calling len: len of type " + typeName(o));
            }
            case "index": {
                Object o = arg(a, 0, fn);
                for (int k = 1; k < a.size(); k++) {
                    Object key = a.get(k);
                    if (o instanceof Map<?, ?> m) {
                        o = m.get(key);
                    } else if (o instanceof List<?> l && key instanceof Long n) {
                        if (n < 0 || n >= l.size()) {
                            throw new TemplateException("template: error calling index: index out of range: " + n);
                        }
                        o = l.get(n.intValue());
                    } else {
                        throw new TemplateException("template: error calling index: cannot index " + typeName(o));
                    }
                }
                return o;
            }
            case "not":
                return !truth(arg(a, 0, fn));
            case "and": {
                Object last = null;
                for (Object o : a) {
                    last = o;
                    if (!truth(o)) {
                        return o;
                    }
                }
                return last;
            }
            case "or": {
                Object last = null;
                for (Object o : a) {
                    last = o;
                    if (truth(o)) {
                        return o;
                    }
                }
                return last;
            }
            case "eq": {
                Object x = arg(a, 0, fn);
                for (int k = 1; k < a.size(); k++) {
                    if (Objects.equals(x, a.get(k))) {
                        return true;
                    }
                }
                return false;
            }
            case "ne":
                return !Objects.equals(arg(a, 0, fn), arg(a, 1, fn));
            case "upper":
                return str(arg(a, 0, fn)).toUpperCase(Locale.ROOT);
            case "lower":
                return str(arg(a, 0, fn)).toLowerCase(Locale.ROOT);
            case "trim":
                return str(arg(a, 0, fn)).strip();
            case "trimPrefix": {
                String s = str(arg(a, 1, fn));
                String p = str(arg(a, 0, fn));
                return s.startsWith(p) ? s.substring(p.length()) : s;
            }
            case "trimSuffix": {
                String s = str(arg(a, 1, fn));
                String p = str(arg(a, 0, fn));
                return s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
            }
            case "replace":
                return str(arg(a, 2, fn)).replace(str(arg(a, 0, fn)), str(arg(a, 1, fn)));
            case "quote": {
                List<String> q = new ArrayList<>();
                for (Object o : a) {
                    if (o != null) {
                        q.add(dev.gitops.api.semver.internal.GoStrings.quote(print(o)));
                    }
                }
                return String.join(" ", q);
            }
            case "squote": {
                List<String> q = new ArrayList<>();
                for (Object o : a) {
                    if (o != null) {
                        q.add("'" + print(o) + "'");
                    }
                }
                return String.join(" ", q);
            }
            case "join": {
                Object list = arg(a, 1, fn);
                List<String> parts = new ArrayList<>();
                if (list instanceof Collection<?> c) {
                    for (Object o : c) {
                        parts.add(print(o));
                    }
                } else {
                    parts.add(print(list));
                }
                return String.join(str(arg(a, 0, fn)), parts);
            }
            case "default":
                return a.size() < 2 || !truth(a.get(1)) ? arg(a, 0, fn) : a.get(1);
            case "contains":
                return str(arg(a, 1, fn)).contains(str(arg(a, 0, fn)));
            case "hasPrefix":
                return str(arg(a, 1, fn)).startsWith(str(arg(a, 0, fn)));
            case "hasSuffix":
                return str(arg(a, 1, fn)).endsWith(str(arg(a, 0, fn)));
            default:
                throw new TemplateException("template: function \"" + fn + "\" not defined");
        }
    }

    private static Object arg(List<Object> a, int i, String fn) {
        if (i >= a.size()) {
            throw new TemplateException("template: wrong number of args for " + fn);
        }
        return a.get(i);
    }

    private static String str(Object o) {
        return o instanceof String s ? s : print(o);
    }

    private static String printf(String format, List<Object> args) {
        StringBuilder sb = new StringBuilder();
        int ai = 0;
        for (int k = 0; k < format.length(); k++) {
            char c = format.charAt(k);
            if (c != '%' || k + 1 >= format.length()) {
                sb.append(c);
                continue;
            }
            char verb = format.charAt(++k);
            if (verb == '%') {
                sb.append('%');
                continue;
            }
            if (ai >= args.size()) {
                sb.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object v = args.get(ai++);
            switch (verb) {
                case 's', 'v', 'd' -> sb.append(print(v));
                case 'q' -> sb.append(dev.gitops.api.semver.internal.GoStrings.quote(print(v)));
                default -> sb.append("%!").append(verb).append('(').append(print(v)).append(')');
            }
        }
        return sb.toString();
    }
}
