package dev.gitops.api.template.internal;

import dev.gitops.api.template.FunctionContext;
import dev.gitops.api.template.GoFmt;
import dev.gitops.api.template.GoObject;
import dev.gitops.api.template.GoValues;
import dev.gitops.api.template.MissingKey;
import dev.gitops.api.template.ParamType;
import dev.gitops.api.template.TemplateFunction;
import dev.gitops.api.template.Templates;
import dev.gitops.api.template.internal.Nodes.*;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Executes parse trees with the semantics of Go's {@code text/template/exec.go}. One instance per execution (not
 * thread-safe); the trees and functions it reads are immutable.
 *
 * <p>Go distinguishes an invalid value ("no value") from a nil {@code interface{}} (the zero value of a map or slice
 * element). Both are Java {@code null}; the executor tracks the difference with an "iface" flag on dot, variables and
 * intermediate field results, because it decides between silently yielding no value and failing with
 * {@code nil pointer evaluating interface {}.x}, and how type errors are worded.
 */
public final class Executor implements FunctionContext {

    /** An execution failure, formatted as Go formats it. */
    public static final class ExecError extends RuntimeException {
        private final Node node;
        private final String templateName;

        ExecError(String msg, Node node, String templateName, Throwable cause) {
            super(msg, cause, false, false);
            this.node = node;
            this.templateName = templateName;
        }

        public Node node() {
            return node;
        }

        public String templateName() {
            return templateName;
        }
    }

    private static final class BreakSignal extends RuntimeException {
        BreakSignal() {
            super(null, null, false, false);
        }
    }

    private static final BreakSignal BREAK = new BreakSignal();
    private static final BreakSignal CONTINUE = new BreakSignal();

    /** Marks "no final argument" in a pipeline (Go's missingVal). */
    private static final Object MISSING = new Object();

    private static final int MAX_EXEC_DEPTH = 100000;

    private static final Map<String, TemplateFunction> BUILTINS = Builtins.all();

    /** Whether a name is one of Go's built-in template functions. */
    public static boolean isBuiltin(String name) {
        return BUILTINS.containsKey(name);
    }

    private final Templates set;
    private final Map<String, Tree> trees;
    private final Map<String, TemplateFunction> funcs;
    private final MissingKey missingKey;
    private final StringBuilder out;

    private Tree tmpl;
    private Node node;
    private int depth;
    // variable stack
    private String[] varNames = new String[16];
    private Object[] varValues = new Object[16];
    private boolean[] varIface = new boolean[16];
    private int varTop;
    // iface flag of the last value produced by a field/variable evaluation
    private boolean lastIface;

    public Executor(Templates set, Map<String, Tree> trees, Map<String, TemplateFunction> funcs, MissingKey missingKey,
            StringBuilder out) {
        this.set = set;
        this.trees = trees;
        this.funcs = funcs;
        this.missingKey = missingKey;
        this.out = out;
    }

    @Override
    public Templates templates() {
        return set;
    }

    @Override
    public String templateName() {
        return tmpl == null ? "" : tmpl.name();
    }

    /** Runs a tree with {@code data} as dot and {@code $}. */
    public void execute(Tree tree, Object data) {
        tmpl = tree;
        push("$", data, false);
        try {
            walk(data, false, tree.root());
        } catch (StackOverflowError e) {
            throw new ExecError("template: " + tree.name() + ": exceeded maximum template depth (stack overflow)",
                    null, tree.name(), null);
        }
    }

    // ---- errors ----

    private ExecError errorf(String msg) {
        return errorf(msg, null);
    }

    private ExecError errorf(String msg, Throwable cause) {
        String name = tmpl.name();
        String full;
        if (node == null) {
            full = "template: " + name + ": " + msg;
        } else {
            full = "template: " + node.src.location(node.pos) + ": executing " + GoStrings.quote(name) + " at <"
                    + node + ">: " + msg;
        }
        return new ExecError(full, node, name, cause);
    }

    private void at(Node n) {
        node = n;
    }

    // ---- variables ----

    private int mark() {
        return varTop;
    }

    private void pop(int mark) {
        for (int i = mark; i < varTop; i++) {
            varValues[i] = null;
        }
        varTop = mark;
    }

    private void push(String name, Object value, boolean iface) {
        if (varTop == varNames.length) {
            varNames = Arrays.copyOf(varNames, varTop * 2);
            varValues = Arrays.copyOf(varValues, varTop * 2);
            varIface = Arrays.copyOf(varIface, varTop * 2);
        }
        varNames[varTop] = name;
        varValues[varTop] = value;
        varIface[varTop] = iface;
        varTop++;
    }

    private void setTopVar(int n, Object value, boolean iface) {
        varValues[varTop - n] = value;
        varIface[varTop - n] = iface;
    }

    private void setVar(String name, Object value, boolean iface) {
        for (int i = varTop - 1; i >= 0; i--) {
            if (varNames[i].equals(name)) {
                varValues[i] = value;
                varIface[i] = iface;
                return;
            }
        }
        throw errorf("undefined variable: " + name);
    }

    private Object varValue(String name) {
        for (int i = varTop - 1; i >= 0; i--) {
            if (varNames[i].equals(name)) {
                lastIface = varIface[i];
                return varValues[i];
            }
        }
        throw errorf("undefined variable: " + name);
    }

    // ---- walking ----

    private void walk(Object dot, boolean dotIface, Node n) {
        at(n);
        if (n instanceof ActionNode a) {
            Object val = evalPipeline(dot, dotIface, a.pipe);
            if (a.pipe.decl.isEmpty()) {
                printValue(a, val);
            }
        } else if (n instanceof TextNode t) {
            out.append(t.text);
        } else if (n instanceof ListNode l) {
            for (Node c : l.nodes) {
                walk(dot, dotIface, c);
            }
        } else if (n instanceof IfNode i) {
            walkIfOrWith(false, dot, dotIface, i.pipe, i.list, i.elseList);
        } else if (n instanceof WithNode w) {
            walkIfOrWith(true, dot, dotIface, w.pipe, w.list, w.elseList);
        } else if (n instanceof RangeNode r) {
            walkRange(dot, dotIface, r);
        } else if (n instanceof TemplateNode t) {
            walkTemplate(dot, dotIface, t);
        } else if (n instanceof BreakNode) {
            throw BREAK;
        } else if (n instanceof ContinueNode) {
            throw CONTINUE;
        } else if (n instanceof CommentNode) {
            // nothing
        } else {
            throw errorf("unknown node: " + n);
        }
    }

    private void walkIfOrWith(boolean with, Object dot, boolean dotIface, PipeNode pipe, ListNode list,
            ListNode elseList) {
        int mark = mark();
        try {
            Object val = evalPipeline(dot, dotIface, pipe);
            boolean truth = GoValues.isTrue(val);
            if (truth) {
                if (with) {
                    walk(val, false, list);
                } else {
                    walk(dot, dotIface, list);
                }
            } else if (elseList != null) {
                walk(dot, dotIface, elseList);
            }
        } finally {
            pop(mark);
        }
    }

    private void walkRange(Object dot, boolean dotIface, RangeNode r) {
        at(r);
        int outer = mark();
        try {
            Object val = evalPipeline(dot, dotIface, r.pipe);
            int mark = mark();
            boolean ran = false;
            if (val instanceof List<?> || val instanceof Object[] || val instanceof Collection<?>) {
                List<?> list = val instanceof List<?> l ? l
                        : val instanceof Object[] arr ? Arrays.asList(arr) : new ArrayList<>((Collection<?>) val);
                for (int i = 0; i < list.size(); i++) {
                    ran = true;
                    if (oneIteration(r, i, false, list.get(i), true, mark)) {
                        break;
                    }
                }
            } else if (val instanceof Map<?, ?> m) {
                for (Map.Entry<Object, Object> e : GoValues.sortedEntries(m)) {
                    ran = true;
                    if (oneIteration(r, e.getKey(), false, e.getValue(), true, mark)) {
                        break;
                    }
                }
            } else if (GoValues.isInteger(val)) {
                if (r.pipe.decl.size() > 1) {
                    throw errorf("can't use " + GoFmt.toString(val) + " to iterate over more than one variable");
                }
                long n = ((Number) val).longValue();
                for (long i = 0; i < n; i++) {
                    ran = true;
                    Object v = val instanceof Long ? (Object) i : (Object) (int) i;
                    if (oneIteration(r, v, false, v, false, mark)) {
                        break;
                    }
                }
            } else if (val == null) {
                // an invalid value acts like an empty map
            } else {
                throw errorf("range can't iterate over " + GoFmt.toString(val));
            }
            if (!ran && r.elseList != null) {
                walk(dot, dotIface, r.elseList);
            }
        } finally {
            pop(outer);
        }
    }

    /** Runs one iteration; returns true on {@code break}. */
    private boolean oneIteration(RangeNode r, Object index, boolean indexIface, Object elem, boolean elemIface,
            int mark) {
        List<VariableNode> decl = r.pipe.decl;
        if (!decl.isEmpty()) {
            if (r.pipe.isAssign) {
                if (decl.size() > 1) {
                    setVar(decl.get(0).ident[0], index, indexIface);
                } else {
                    setVar(decl.get(0).ident[0], elem, elemIface);
                }
            } else {
                setTopVar(1, elem, elemIface);
            }
        }
        if (decl.size() > 1) {
            if (r.pipe.isAssign) {
                setVar(decl.get(1).ident[0], elem, elemIface);
            } else {
                setTopVar(2, index, indexIface);
            }
        }
        try {
            walk(elem, elemIface, r.list);
        } catch (BreakSignal s) {
            if (s == BREAK) {
                return true;
            }
        } finally {
            pop(mark);
        }
        return false;
    }

    private void walkTemplate(Object dot, boolean dotIface, TemplateNode t) {
        at(t);
        Tree target = trees.get(t.name);
        if (target == null) {
            throw errorf("template " + GoStrings.quote(t.name) + " not defined");
        }
        if (depth == MAX_EXEC_DEPTH) {
            throw errorf("exceeded maximum template depth (" + MAX_EXEC_DEPTH + ")");
        }
        Object newDot = t.pipe == null ? null : evalPipeline(dot, dotIface, t.pipe);
        Tree savedTmpl = tmpl;
        String[] savedNames = varNames;
        Object[] savedValues = varValues;
        boolean[] savedIface = varIface;
        int savedTop = varTop;
        varNames = new String[8];
        varValues = new Object[8];
        varIface = new boolean[8];
        varTop = 0;
        push("$", newDot, false);
        tmpl = target;
        depth++;
        try {
            walk(newDot, false, target.root());
        } finally {
            depth--;
            tmpl = savedTmpl;
            varNames = savedNames;
            varValues = savedValues;
            varIface = savedIface;
            varTop = savedTop;
        }
    }

    // ---- pipelines ----

    private Object evalPipeline(Object dot, boolean dotIface, PipeNode pipe) {
        if (pipe == null) {
            return null;
        }
        at(pipe);
        Object value = MISSING;
        for (CommandNode cmd : pipe.cmds) {
            value = evalCommand(dot, dotIface, cmd, value);
        }
        for (VariableNode v : pipe.decl) {
            if (pipe.isAssign) {
                setVar(v.ident[0], value, false);
            } else {
                push(v.ident[0], value, false);
            }
        }
        return value;
    }

    private void notAFunction(List<Node> args, Object fin) {
        if ((args != null && args.size() > 1) || fin != MISSING) {
            throw errorf("can't give argument to non-function " + (args == null ? node : args.get(0)));
        }
    }

    private Object evalCommand(Object dot, boolean dotIface, CommandNode cmd, Object fin) {
        Node first = cmd.args.get(0);
        if (first instanceof FieldNode f) {
            return evalFieldNode(dot, dotIface, f, cmd.args, fin);
        } else if (first instanceof ChainNode c) {
            return evalChainNode(dot, dotIface, c, cmd.args, fin);
        } else if (first instanceof IdentifierNode id) {
            return evalFunction(dot, dotIface, id, cmd, cmd.args, fin);
        } else if (first instanceof PipeNode p) {
            notAFunction(cmd.args, fin);
            return evalPipeline(dot, dotIface, p);
        } else if (first instanceof VariableNode v) {
            return evalVariableNode(dot, dotIface, v, cmd.args, fin);
        }
        at(first);
        notAFunction(cmd.args, fin);
        if (first instanceof BoolNode b) {
            return b.value;
        } else if (first instanceof DotNode) {
            return dot;
        } else if (first instanceof NilNode) {
            throw errorf("nil is not a command");
        } else if (first instanceof NumberNode n) {
            return idealConstant(n);
        } else if (first instanceof StringNode s) {
            return s.text;
        }
        throw errorf("can't evaluate command " + GoStrings.quote(first.toString()));
    }

    private Object idealConstant(NumberNode c) {
        at(c);
        String t = c.text;
        boolean hexInt = t.length() > 2 && t.charAt(0) == '0' && (t.charAt(1) == 'x' || t.charAt(1) == 'X')
                && !t.contains("p") && !t.contains("P");
        boolean runeInt = t.startsWith("'");
        if (c.isFloat && !hexInt && !runeInt && (t.indexOf('.') >= 0 || t.indexOf('e') >= 0
                || t.indexOf('E') >= 0 || t.indexOf('p') >= 0 || t.indexOf('P') >= 0)) {
            return c.float64;
        }
        if (c.isInt) {
            // Go's int is 64 bits on the platforms Helm runs on
            if (c.int64 > Integer.MAX_VALUE || c.int64 < Integer.MIN_VALUE) {
                return c.int64;
            }
            return (int) c.int64;
        }
        if (c.isUint) {
            throw errorf(t + " overflows int");
        }
        return null;
    }

    private Object evalFieldNode(Object dot, boolean dotIface, FieldNode field, List<Node> args, Object fin) {
        at(field);
        return evalFieldChain(dot, dotIface, dot, dotIface, field, field.ident, 0, args, fin);
    }

    private Object evalChainNode(Object dot, boolean dotIface, ChainNode chain, List<Node> args, Object fin) {
        at(chain);
        if (chain.field.isEmpty()) {
            throw errorf("internal error: no fields in evalChainNode");
        }
        if (chain.node instanceof NilNode) {
            throw errorf("indirection through explicit nil in " + chain);
        }
        Object pipe = evalArg(dot, dotIface, null, chain.node);
        boolean pipeIface = lastIface;
        return evalFieldChain(dot, dotIface, pipe, pipeIface, chain, chain.field.toArray(new String[0]), 0, args,
                fin);
    }

    private Object evalVariableNode(Object dot, boolean dotIface, VariableNode variable, List<Node> args,
            Object fin) {
        at(variable);
        Object value = varValue(variable.ident[0]);
        boolean iface = lastIface;
        if (variable.ident.length == 1) {
            notAFunction(args, fin);
            lastIface = iface;
            return value;
        }
        return evalFieldChain(dot, dotIface, value, iface, variable, variable.ident, 1, args, fin);
    }

    private Object evalFieldChain(Object dot, boolean dotIface, Object receiver, boolean recvIface, Node n,
            String[] ident, int from, List<Node> args, Object fin) {
        int last = ident.length - 1;
        for (int i = from; i < last; i++) {
            receiver = evalField(dot, dotIface, ident[i], n, null, MISSING, receiver, recvIface);
            recvIface = lastIface;
        }
        return evalField(dot, dotIface, ident[last], n, args, fin, receiver, recvIface);
    }

    private Object evalField(Object dot, boolean dotIface, String fieldName, Node n, List<Node> args, Object fin,
            Object receiver, boolean recvIface) {
        if (receiver == null && !recvIface) {
            if (missingKey == MissingKey.ERROR) {
                throw errorf("nil data; no entry for key " + GoStrings.quote(fieldName));
            }
            lastIface = false;
            return null;
        }
        String typ = recvIface ? "interface {}" : GoValues.typeName(receiver);
        if (receiver == null) {
            throw errorf("nil pointer evaluating " + typ + "." + fieldName);
        }
        boolean hasArgs = (args != null && args.size() > 1) || fin != MISSING;
        if (receiver instanceof GoObject g) {
            if (g.hasMethod(fieldName)) {
                return evalMethodCall(dot, dotIface, g, fieldName, n, args, fin);
            }
            if (g.hasField(fieldName)) {
                if (hasArgs) {
                    throw errorf(fieldName + " has arguments but cannot be invoked as function");
                }
                lastIface = false;
                return g.field(fieldName);
            }
        }
        if (receiver instanceof Map<?, ?> m) {
            if (hasArgs) {
                throw errorf(fieldName + " is not a method but has arguments");
            }
            Object v = m.get(fieldName);
            if (v != null || m.containsKey(fieldName)) {
                lastIface = true;
                return v;
            }
            switch (missingKey) {
                case ZERO:
                    lastIface = true;
                    return null;
                case ERROR:
                    throw errorf("map has no entry for key " + GoStrings.quote(fieldName));
                default:
                    lastIface = false;
                    return null;
            }
        }
        throw errorf("can't evaluate field " + fieldName + " in type " + typ);
    }

    private Object evalMethodCall(Object dot, boolean dotIface, GoObject g, String name, Node n, List<Node> args,
            Object fin) {
        List<Object> argv = new ArrayList<>();
        if (args != null) {
            for (int i = 1; i < args.size(); i++) {
                argv.add(evalArg(dot, dotIface, ParamType.ANY, args.get(i)));
            }
        }
        if (fin != MISSING) {
            argv.add(fin);
        }
        java.util.OptionalInt arity = g.methodArity(name);
        if (arity.isPresent() && arity.getAsInt() != argv.size()) {
            at(n);
            throw errorf("wrong number of args for " + name + ": want " + arity.getAsInt() + " got " + argv.size());
        }
        try {
            Object r = g.callMethod(name, argv);
            lastIface = false;
            return r;
        } catch (ExecError e) {
            throw e;
        } catch (RuntimeException e) {
            at(n);
            throw errorf("error calling " + name + ": " + message(e), e);
        }
    }

    private Object evalFunction(Object dot, boolean dotIface, IdentifierNode id, Node cmd, List<Node> args,
            Object fin) {
        at(id);
        String name = id.ident;
        TemplateFunction fn = funcs.get(name);
        boolean builtin = false;
        if (fn == null) {
            fn = BUILTINS.get(name);
            builtin = fn != null;
        }
        if (fn == null) {
            throw errorf(GoStrings.quote(name) + " is not a defined function");
        }
        return evalCall(dot, dotIface, fn, builtin, cmd, name, args, fin);
    }

    private Object evalCall(Object dot, boolean dotIface, TemplateFunction fn, boolean builtin, Node n, String name,
            List<Node> args, Object fin) {
        List<Node> argNodes = args == null ? List.of() : args.subList(1, args.size());
        List<ParamType> params = fn.params();
        int numIn = argNodes.size() + (fin != MISSING ? 1 : 0);
        if (fn.isVariadic()) {
            int numFixed = params.size() - 1;
            if (numIn < numFixed) {
                throw errorf("wrong number of args for " + name + ": want at least " + numFixed + " got "
                        + argNodes.size());
            }
        } else if (numIn != params.size()) {
            throw errorf("wrong number of args for " + name + ": want " + params.size() + " got " + numIn);
        }
        // and/or short-circuit
        if (builtin && (name.equals("and") || name.equals("or"))) {
            boolean isOr = name.equals("or");
            Object v = null;
            for (Node a : argNodes) {
                v = evalArg(dot, dotIface, ParamType.VALUE, a);
                if (GoValues.isTrue(v) == isOr) {
                    return v;
                }
            }
            if (fin != MISSING) {
                v = fin;
            }
            return v;
        }
        Object[] argv = new Object[numIn];
        int i = 0;
        for (; i < argNodes.size(); i++) {
            ParamType t = fn.isVariadic() && i >= params.size() - 1 ? params.get(params.size() - 1) : params.get(i);
            argv[i] = evalArg(dot, dotIface, t, argNodes.get(i));
        }
        if (fin != MISSING) {
            ParamType t = fn.isVariadic() && i >= params.size() - 1 ? params.get(params.size() - 1) : params.get(i);
            argv[i] = validateType(fin, false, t);
        }
        Object result;
        try {
            result = fn.body().apply(this, argv);
        } catch (ExecError e) {
            throw e;
        } catch (BreakSignal e) {
            throw e;
        } catch (StackOverflowError e) {
            at(n);
            throw errorf("error calling " + name + ": stack overflow (recursive template?)");
        } catch (Exception e) {
            at(n);
            throw errorf("error calling " + name + ": " + message(e), e);
        }
        lastIface = false;
        return result;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.toString() : m;
    }

    // ---- arguments ----

    private Object validateType(Object value, boolean iface, ParamType typ) {
        if (value == null) {
            if (typ == null) {
                lastIface = iface;
                return null;
            }
            if (!iface) {
                if (typ.canBeNil()) {
                    return null;
                }
                throw errorf("invalid value; expected " + typ.goName());
            }
            if (typ == ParamType.ANY || typ == ParamType.VALUE) {
                return null;
            }
            throw errorf("wrong type for value; expected " + typ.goName() + "; got interface {}");
        }
        if (typ == null) {
            lastIface = iface;
            return value;
        }
        if (!typ.accepts(value)) {
            throw errorf("wrong type for value; expected " + typ.goName() + "; got " + GoValues.typeName(value));
        }
        return value;
    }

    /** Evaluates an argument for a parameter of type {@code typ} (null: untyped, keeps the iface flag). */
    private Object evalArg(Object dot, boolean dotIface, ParamType typ, Node n) {
        at(n);
        if (n instanceof DotNode) {
            return validateType(dot, dotIface, typ);
        } else if (n instanceof NilNode) {
            if (typ == null || typ.canBeNil()) {
                lastIface = false;
                return null;
            }
            throw errorf("cannot assign nil to " + typ.goName());
        } else if (n instanceof FieldNode f) {
            Object v = evalFieldNode(dot, dotIface, f, List.of(n), MISSING);
            return validateType(v, lastIface, typ);
        } else if (n instanceof VariableNode v) {
            Object val = evalVariableNode(dot, dotIface, v, null, MISSING);
            return validateType(val, lastIface, typ);
        } else if (n instanceof PipeNode p) {
            return validateType(evalPipeline(dot, dotIface, p), false, typ);
        } else if (n instanceof IdentifierNode id) {
            return validateType(evalFunction(dot, dotIface, id, id, null, MISSING), false, typ);
        } else if (n instanceof ChainNode c) {
            Object v = evalChainNode(dot, dotIface, c, null, MISSING);
            return validateType(v, lastIface, typ);
        }
        lastIface = false;
        if (typ == null || typ == ParamType.ANY || typ == ParamType.VALUE) {
            return evalEmptyInterface(n);
        }
        switch (typ) {
            case BOOL:
                if (n instanceof BoolNode b) {
                    return b.value;
                }
                throw errorf("expected bool; found " + n);
            case FLOAT64:
                if (n instanceof NumberNode num && num.isFloat) {
                    return num.float64;
                }
                throw errorf("expected float; found " + n);
            case INT:
            case INT64:
                if (n instanceof NumberNode num && num.isInt) {
                    if (typ == ParamType.INT64) {
                        return num.int64;
                    }
                    return (int) num.int64;
                }
                throw errorf("expected integer; found " + n);
            case STRING:
                if (n instanceof StringNode s) {
                    return s.text;
                }
                throw errorf("expected string; found " + n);
            default:
                throw errorf("can't handle " + n + " for arg of type " + typ.goName());
        }
    }

    private Object evalEmptyInterface(Node n) {
        if (n instanceof BoolNode b) {
            return b.value;
        } else if (n instanceof NumberNode num) {
            return idealConstant(num);
        } else if (n instanceof StringNode s) {
            return s.text;
        }
        throw errorf("can't handle assignment of " + n + " to empty interface argument");
    }

    // ---- printing ----

    private void printValue(Node n, Object v) {
        at(n);
        if (v == null) {
            out.append("<no value>");
            return;
        }
        if (v instanceof String s) {
            out.append(s);
            return;
        }
        if (v instanceof TemplateFunction) {
            throw errorf("can't print " + n + " of type " + GoValues.typeName(v));
        }
        out.append(GoFmt.toString(v));
    }

    /** Go's {@code len}, in bytes for strings. */
    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
