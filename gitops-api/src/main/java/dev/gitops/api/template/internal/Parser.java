package dev.gitops.api.template.internal;

import dev.gitops.api.template.internal.Lexer.Item;
import dev.gitops.api.template.internal.Lexer.Type;
import dev.gitops.api.template.internal.Nodes.*;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Go's {@code text/template/parse} parser: one call parses a text into its main tree and the trees of the
 * {@code define}/{@code block} clauses it contains.
 */
public final class Parser {

    /** A parse failure, already formatted as Go formats it ({@code template: name:line: detail}). */
    public static final class ParseError extends RuntimeException {
        private final String parseName;
        private final int line;

        ParseError(String message, String parseName, int line) {
            super(message, null, false, false);
            this.parseName = parseName;
            this.line = line;
        }

        public String parseName() {
            return parseName;
        }

        public int line() {
            return line;
        }
    }

    private final List<Item> items;
    private final Source src;
    private final Predicate<String> hasFunction;
    private final Map<String, Tree> treeSet;
    private int idx;
    private Item current;
    private List<String> vars = new ArrayList<>();
    private int rangeDepth;
    private String treeName;

    private Parser(List<Item> items, Source src, Predicate<String> hasFunction, Map<String, Tree> treeSet) {
        this.items = items;
        this.src = src;
        this.hasFunction = hasFunction;
        this.treeSet = treeSet;
    }

    /**
     * Parses {@code text} as the template {@code name}: returns the trees by name (the main one first), as Go's
     * {@code parse.Parse} does, applying Go's rule that an empty definition never replaces a non-empty one.
     */
    public static Map<String, Tree> parse(String name, String text, String leftDelim, String rightDelim,
            Predicate<String> hasFunction) {
        Source src = new Source(name, text);
        List<Item> items = Lexer.lex(text, leftDelim, rightDelim, !hasFunction.test("break"),
                !hasFunction.test("continue"));
        Map<String, Tree> set = new LinkedHashMap<>();
        Parser p = new Parser(items, src, hasFunction, set);
        p.treeName = name;
        p.startParse();
        ListNode root = p.parseTop();
        p.add(name, root);
        // move the main tree to the front for callers that care
        Map<String, Tree> ordered = new LinkedHashMap<>();
        if (set.containsKey(name)) {
            ordered.put(name, set.get(name));
        }
        ordered.putAll(set);
        return ordered;
    }

    private void startParse() {
        vars = new ArrayList<>();
        vars.add("$");
    }

    // ---- token access ----

    private Item next() {
        current = items.get(Math.min(idx, items.size() - 1));
        idx++;
        return current;
    }

    private void backup() {
        idx--;
    }

    private Item peek() {
        return items.get(Math.min(idx, items.size() - 1));
    }

    private Item nextNonSpace() {
        Item t;
        do {
            t = next();
        } while (t.type() == Type.SPACE);
        return t;
    }

    private Item peekNonSpace() {
        Item t = nextNonSpace();
        backup();
        return t;
    }

    // ---- errors ----

    private ParseError errorf(String msg) {
        int line = current == null ? 1 : current.line();
        throw new ParseError("template: " + src.parseName() + ":" + line + ": " + msg, src.parseName(), line);
    }

    private Item expect(Type expected, String context) {
        Item t = nextNonSpace();
        if (t.type() != expected) {
            unexpected(t, context);
        }
        return t;
    }

    private Item expectOneOf(Type e1, Type e2, String context) {
        Item t = nextNonSpace();
        if (t.type() != e1 && t.type() != e2) {
            unexpected(t, context);
        }
        return t;
    }

    private void unexpected(Item t, String context) {
        if (t.type() == Type.ERROR) {
            String extra = "";
            if (t.val().equals("unclosed action")) {
                // Go adds the line where the action started
                extra = "";
            }
            throw errorf(t.val() + extra);
        }
        throw errorf("unexpected " + t + " in " + context);
    }

    // ---- grammar ----

    private ListNode parseTop() {
        ListNode root = new ListNode(peek().pos(), src);
        while (peek().type() != Type.EOF) {
            if (peek().type() == Type.LEFT_DELIM) {
                int save = idx;
                next();
                if (nextNonSpace().type() == Type.DEFINE) {
                    parseDefinition();
                    continue;
                }
                idx = save;
            }
            Node n = textOrAction();
            if (n instanceof EndNode || n instanceof ElseNode) {
                throw errorf("unexpected " + n);
            }
            root.nodes.add(n);
        }
        return root;
    }

    private void parseDefinition() {
        String context = "define clause";
        Item nameItem = expectOneOf(Type.STRING, Type.RAW_STRING, context);
        String name;
        try {
            name = GoStrings.unquote(nameItem.val());
        } catch (IllegalArgumentException e) {
            throw errorf(e.getMessage());
        }
        expect(Type.RIGHT_DELIM, context);
        List<String> savedVars = vars;
        int savedRange = rangeDepth;
        startParse();
        rangeDepth = 0;
        ListNode[] body = new ListNode[1];
        Node end = itemList(body);
        if (!(end instanceof EndNode)) {
            throw errorf("unexpected " + end + " in " + context);
        }
        addDefined(name, body[0]);
        vars = savedVars;
        rangeDepth = savedRange;
    }

    /** Go's {@code (*Tree).add} for a define/block: empty never replaces non-empty; two non-empty fail. */
    private void addDefined(String name, ListNode root) {
        Tree existing = treeSet.get(name);
        if (existing == null || Nodes.isEmptyTree(existing.root())) {
            treeSet.put(name, new Tree(name, root, src));
            return;
        }
        if (!Nodes.isEmptyTree(root)) {
            throw errorf("template: multiple definition of template " + GoStrings.quote(name));
        }
    }

    private void add(String name, ListNode root) {
        addDefined(name, root);
    }

    private Node itemList(ListNode[] out) {
        ListNode list = new ListNode(peekNonSpace().pos(), src);
        while (peekNonSpace().type() != Type.EOF) {
            Node n = textOrAction();
            if (n instanceof EndNode || n instanceof ElseNode) {
                out[0] = list;
                return n;
            }
            list.nodes.add(n);
        }
        throw errorf("unexpected EOF");
    }

    private Node textOrAction() {
        Item token = nextNonSpace();
        switch (token.type()) {
            case TEXT:
                return new TextNode(token.pos(), src, token.val());
            case LEFT_DELIM:
                return action();
            case COMMENT:
                return new CommentNode(token.pos(), src, token.val());
            default:
                unexpected(token, "input");
                return null;
        }
    }

    private Node action() {
        Item token = nextNonSpace();
        switch (token.type()) {
            case BLOCK:
                return blockControl();
            case BREAK:
                return breakControl(token, "break");
            case CONTINUE:
                return breakControl(token, "continue");
            case ELSE:
                return elseControl();
            case END:
                return new EndNode(expect(Type.RIGHT_DELIM, "end").pos(), src);
            case IF:
                return ifControl();
            case RANGE:
                return rangeControl();
            case TEMPLATE:
                return templateControl();
            case WITH:
                return withControl();
            default:
                break;
        }
        backup();
        Item t = peek();
        return new ActionNode(t.pos(), src, pipeline("command", Type.RIGHT_DELIM));
    }

    private Node breakControl(Item token, String word) {
        Item t = nextNonSpace();
        if (t.type() != Type.RIGHT_DELIM) {
            unexpected(t, "{{" + word + "}}");
        }
        if (rangeDepth == 0) {
            throw errorf("{{" + word + "}} outside {{range}}");
        }
        return word.equals("break") ? new BreakNode(token.pos(), src) : new ContinueNode(token.pos(), src);
    }

    private PipeNode pipeline(String context, Type end) {
        Item token = peekNonSpace();
        PipeNode pipe = new PipeNode(token.pos(), src, token.line());
        decls:
        while (true) {
            Item v = peekNonSpace();
            if (v.type() == Type.VARIABLE) {
                int beforeVar = idx;
                nextNonSpace();
                Item nxt = peekNonSpace();
                if (nxt.type() == Type.ASSIGN || nxt.type() == Type.DECLARE) {
                    pipe.isAssign = nxt.type() == Type.ASSIGN;
                    nextNonSpace();
                    pipe.decl.add(new VariableNode(v.pos(), src, v.val()));
                    vars.add(v.val());
                } else if (nxt.type() == Type.CHAR && nxt.val().equals(",")) {
                    nextNonSpace();
                    pipe.decl.add(new VariableNode(v.pos(), src, v.val()));
                    vars.add(v.val());
                    if (context.equals("range") && pipe.decl.size() < 2) {
                        Type pt = peekNonSpace().type();
                        if (pt == Type.VARIABLE || pt == Type.RIGHT_DELIM || pt == Type.RIGHT_PAREN) {
                            continue decls;
                        }
                        throw errorf("range can only initialize variables");
                    }
                    throw errorf("too many declarations in " + context);
                } else {
                    idx = beforeVar;
                }
            }
            break;
        }
        while (true) {
            Item t = nextNonSpace();
            if (t.type() == end) {
                checkPipeline(pipe, context);
                return pipe;
            }
            switch (t.type()) {
                case BOOL, CHAR_CONSTANT, COMPLEX, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING, VARIABLE,
                        LEFT_PAREN -> {
                    backup();
                    pipe.cmds.add(command());
                }
                default -> unexpected(t, context);
            }
        }
    }

    private void checkPipeline(PipeNode pipe, String context) {
        if (pipe.cmds.isEmpty()) {
            throw errorf("missing value for " + context);
        }
        for (int i = 1; i < pipe.cmds.size(); i++) {
            Node first = pipe.cmds.get(i).args.get(0);
            if (first instanceof BoolNode || first instanceof DotNode || first instanceof NilNode
                    || first instanceof NumberNode || first instanceof StringNode) {
                throw errorf("non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private record Control(int pos, PipeNode pipe, ListNode list, ListNode elseList) {
    }

    private Control parseControl(String context) {
        int mark = vars.size();
        try {
            PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
            if (context.equals("range")) {
                rangeDepth++;
            }
            ListNode[] out = new ListNode[1];
            Node next = itemList(out);
            ListNode list = out[0];
            if (context.equals("range")) {
                rangeDepth--;
            }
            ListNode elseList = null;
            if (next instanceof ElseNode) {
                if (context.equals("if") && peek().type() == Type.IF) {
                    next();
                    elseList = new ListNode(next.pos, src);
                    elseList.nodes.add(ifControl());
                } else if (context.equals("with") && peek().type() == Type.WITH) {
                    next();
                    elseList = new ListNode(next.pos, src);
                    elseList.nodes.add(withControl());
                } else {
                    Node end = itemList(out);
                    elseList = out[0];
                    if (!(end instanceof EndNode)) {
                        throw errorf("expected end; found " + end);
                    }
                }
            }
            return new Control(pipe.pos, pipe, list, elseList);
        } finally {
            while (vars.size() > mark) {
                vars.remove(vars.size() - 1);
            }
        }
    }

    private Node ifControl() {
        Control c = parseControl("if");
        return new IfNode(c.pos, src, c.pipe, c.list, c.elseList);
    }

    private Node rangeControl() {
        Control c = parseControl("range");
        return new RangeNode(c.pos, src, c.pipe, c.list, c.elseList);
    }

    private Node withControl() {
        Control c = parseControl("with");
        return new WithNode(c.pos, src, c.pipe, c.list, c.elseList);
    }

    private Node elseControl() {
        Item p = peekNonSpace();
        if (p.type() == Type.IF || p.type() == Type.WITH) {
            return new ElseNode(p.pos(), src);
        }
        Item t = expect(Type.RIGHT_DELIM, "else");
        return new ElseNode(t.pos(), src);
    }

    private String parseTemplateName(Item token, String context) {
        if (token.type() == Type.STRING || token.type() == Type.RAW_STRING) {
            try {
                return GoStrings.unquote(token.val());
            } catch (IllegalArgumentException e) {
                throw errorf(e.getMessage());
            }
        }
        unexpected(token, context);
        return null;
    }

    private Node blockControl() {
        String context = "block clause";
        Item token = nextNonSpace();
        String name = parseTemplateName(token, context);
        PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
        List<String> savedVars = vars;
        int savedRange = rangeDepth;
        startParse();
        rangeDepth = 0;
        ListNode[] out = new ListNode[1];
        Node end = itemList(out);
        if (!(end instanceof EndNode)) {
            throw errorf("unexpected " + end + " in " + context);
        }
        addDefined(name, out[0]);
        vars = savedVars;
        rangeDepth = savedRange;
        return new TemplateNode(token.pos(), src, name, pipe);
    }

    private Node templateControl() {
        String context = "template clause";
        Item token = nextNonSpace();
        String name = parseTemplateName(token, context);
        PipeNode pipe = null;
        if (nextNonSpace().type() != Type.RIGHT_DELIM) {
            backup();
            pipe = pipeline(context, Type.RIGHT_DELIM);
        }
        return new TemplateNode(token.pos(), src, name, pipe);
    }

    private CommandNode command() {
        CommandNode cmd = new CommandNode(peekNonSpace().pos(), src);
        while (true) {
            peekNonSpace();
            Node operand = operand();
            if (operand != null) {
                cmd.args.add(operand);
            }
            Item t = next();
            switch (t.type()) {
                case SPACE:
                    continue;
                case RIGHT_DELIM:
                case RIGHT_PAREN:
                    backup();
                    break;
                case PIPE:
                    break;
                default:
                    unexpected(t, "operand");
            }
            break;
        }
        if (cmd.args.isEmpty()) {
            throw errorf("empty command");
        }
        return cmd;
    }

    private Node operand() {
        Node node = term();
        if (node == null) {
            return null;
        }
        if (peek().type() == Type.FIELD) {
            ChainNode chain = new ChainNode(peek().pos(), src, node);
            while (peek().type() == Type.FIELD) {
                chain.field.add(next().val().substring(1));
            }
            if (node instanceof FieldNode) {
                return new FieldNode(chain.pos, src, chain.toString());
            }
            if (node instanceof VariableNode) {
                return new VariableNode(chain.pos, src, chain.toString());
            }
            if (node instanceof BoolNode || node instanceof StringNode || node instanceof NumberNode
                    || node instanceof NilNode || node instanceof DotNode) {
                throw errorf("unexpected . after term " + GoStrings.quote(node.toString()));
            }
            return chain;
        }
        return node;
    }

    private Node term() {
        Item t = nextNonSpace();
        switch (t.type()) {
            case IDENTIFIER:
                if (!hasFunction.test(t.val())) {
                    throw errorf("function " + GoStrings.quote(t.val()) + " not defined");
                }
                return new IdentifierNode(t.pos(), src, t.val());
            case DOT:
                return new DotNode(t.pos(), src);
            case NIL:
                return new NilNode(t.pos(), src);
            case VARIABLE:
                return useVar(t);
            case FIELD:
                return new FieldNode(t.pos(), src, t.val());
            case BOOL:
                return new BoolNode(t.pos(), src, t.val().equals("true"));
            case CHAR_CONSTANT:
            case COMPLEX:
            case NUMBER:
                return number(t);
            case LEFT_PAREN:
                return pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
            case STRING:
            case RAW_STRING:
                try {
                    return new StringNode(t.pos(), src, t.val(), GoStrings.unquote(t.val()));
                } catch (IllegalArgumentException e) {
                    throw errorf(e.getMessage());
                }
            default:
                backup();
                return null;
        }
    }

    private Node useVar(Item t) {
        VariableNode v = new VariableNode(t.pos(), src, t.val());
        if (!vars.contains(v.ident[0])) {
            throw errorf("undefined variable " + GoStrings.quote(v.ident[0]));
        }
        return v;
    }

    private NumberNode number(Item t) {
        String text = t.val();
        NumberNode n = new NumberNode(t.pos(), src, text);
        if (t.type() == Type.COMPLEX) {
            throw errorf("complex constants are not supported: " + text);
        }
        if (t.type() == Type.CHAR_CONSTANT) {
            String s;
            try {
                s = GoStrings.unquote(text);
            } catch (IllegalArgumentException e) {
                throw errorf("malformed character constant: " + text);
            }
            if (s.isEmpty() || s.codePointCount(0, s.length()) != 1) {
                throw errorf("malformed character constant: " + text);
            }
            int r = s.codePointAt(0);
            n.int64 = r;
            n.isInt = true;
            n.uint64 = r;
            n.isUint = true;
            n.float64 = r;
            n.isFloat = true;
            return n;
        }
        if (text.endsWith("i")) {
            throw errorf("complex constants are not supported: " + text);
        }
        Long u = parseGoInt(text, true);
        if (u != null) {
            n.isUint = true;
            n.uint64 = u;
        }
        Long i = parseGoInt(text, false);
        if (i != null) {
            n.isInt = true;
            n.int64 = i;
            if (i == 0) {
                n.isUint = true;
                n.uint64 = 0;
            }
        }
        if (n.isInt) {
            n.isFloat = true;
            n.float64 = n.int64;
        } else if (n.isUint) {
            n.isFloat = true;
            n.float64 = Long.compareUnsigned(n.uint64, 0) >= 0 && n.uint64 < 0
                    ? (double) (n.uint64 >>> 1) * 2.0 : (double) n.uint64;
        } else {
            Double parsed = parseGoFloat(text);
            if (parsed != null) {
                double f = parsed;
                String lower = text.toLowerCase();
                boolean hex = lower.startsWith("0x") || lower.startsWith("-0x") || lower.startsWith("+0x");
                if (!(lower.contains(".") || (!hex && lower.contains("e")) || lower.contains("p"))) {
                    throw errorf("integer overflow: " + GoStrings.quote(text));
                }
                n.isFloat = true;
                n.float64 = f;
                if (!n.isInt && (double) (long) f == f) {
                    n.isInt = true;
                    n.int64 = (long) f;
                }
                if (!n.isUint && f >= 0 && f < 1.8446744073709552E19 && Math.floor(f) == f) {
                    n.isUint = true;
                    n.uint64 = f >= 9.223372036854775807E18 ? (long) (f / 2) * 2 : (long) f;
                }
            }
        }
        if (!n.isInt && !n.isUint && !n.isFloat) {
            throw errorf("illegal number syntax: " + GoStrings.quote(text));
        }
        return n;
    }

    /** Go's {@code strconv.ParseInt/ParseUint(text, 0, 64)}; null on failure. */
    static Long parseGoInt(String text, boolean unsigned) {
        String s = text;
        boolean neg = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            if (unsigned) {
                return null;
            }
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        int base = 10;
        boolean prefixed = false;
        if (s.length() > 1 && s.charAt(0) == '0') {
            char c = Character.toLowerCase(s.charAt(1));
            if (c == 'x') {
                base = 16;
                s = s.substring(2);
                prefixed = true;
            } else if (c == 'o') {
                base = 8;
                s = s.substring(2);
                prefixed = true;
            } else if (c == 'b') {
                base = 2;
                s = s.substring(2);
                prefixed = true;
            } else {
                base = 8;
                s = s.substring(1);
                prefixed = true;
            }
        }
        if (s.contains("_")) {
            // underscores only allowed with a base prefix, between digits
            if (s.startsWith("_") && !prefixed || s.endsWith("_") || s.contains("__")) {
                return null;
            }
            s = s.replace("_", "");
        }
        if (s.isEmpty()) {
            return null;
        }
        try {
            java.math.BigInteger v = new java.math.BigInteger(s, base);
            if (neg) {
                v = v.negate();
            }
            if (unsigned) {
                if (v.signum() < 0 || v.bitLength() > 64) {
                    return null;
                }
                return v.longValue();
            }
            if (v.bitLength() > 63) {
                return null;
            }
            return v.longValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Go's {@code strconv.ParseFloat(text, 64)} for decimal and hex floats; null on failure. */
    static Double parseGoFloat(String text) {
        String s = text.replace("_", "");
        try {
            String lower = s.toLowerCase();
            if (lower.matches("[+-]?0x.*")) {
                if (!lower.contains("p")) {
                    return null;
                }
                return Double.parseDouble(s);
            }
            if (!lower.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
                return null;
            }
            double d = Double.parseDouble(s);
            if (Double.isInfinite(d)) {
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
