package dev.gitops.api.template.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The parse tree of Go text/template, with Go's {@code String()} renderings used in error messages. */
public final class Nodes {

    private Nodes() {
    }

    /** The text a node was parsed from: the parse name (file) and its full text. */
    public record Source(String parseName, String text) {

        /** Go's {@code ErrorContext} location: {@code name:line:col}, col a 0-based byte offset in the line. */
        public String location(int pos) {
            return parseName + ":" + line(pos) + ":" + column(pos);
        }

        /** 1-based line of an offset. */
        public int line(int pos) {
            int n = 1;
            int end = Math.min(pos, text.length());
            for (int i = 0; i < end; i++) {
                if (text.charAt(i) == '\n') {
                    n++;
                }
            }
            return n;
        }

        /** 0-based byte column of an offset, as Go reports it. */
        public int column(int pos) {
            int end = Math.min(pos, text.length());
            int nl = text.lastIndexOf('\n', end - 1);
            if (nl < 0) {
                return text.substring(0, end).getBytes(StandardCharsets.UTF_8).length;
            }
            return text.substring(nl + 1, end).getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** A parse-tree node. */
    public abstract static class Node {
        public final int pos;
        public final Source src;

        Node(int pos, Source src) {
            this.pos = pos;
            this.src = src;
        }
    }

    /** A list of nodes. */
    public static final class ListNode extends Node {
        public final List<Node> nodes = new ArrayList<>();

        ListNode(int pos, Source src) {
            super(pos, src);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (Node n : nodes) {
                sb.append(n);
            }
            return sb.toString();
        }
    }

    /** Plain text. */
    public static final class TextNode extends Node {
        public final String text;

        TextNode(int pos, Source src, String text) {
            super(pos, src);
            this.text = text;
        }

        @Override
        public String toString() {
            return GoStrings.quote(text);
        }
    }

    /** A comment (only kept for completeness; the lexer drops comments). */
    public static final class CommentNode extends Node {
        public final String text;

        CommentNode(int pos, Source src, String text) {
            super(pos, src);
            this.text = text;
        }

        @Override
        public String toString() {
            return "{{" + text + "}}";
        }
    }

    /** A pipeline with optional declarations. */
    public static final class PipeNode extends Node {
        public final int line;
        public boolean isAssign;
        public final List<VariableNode> decl = new ArrayList<>();
        public final List<CommandNode> cmds = new ArrayList<>();

        PipeNode(int pos, Source src, int line) {
            super(pos, src);
            this.line = line;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (!decl.isEmpty()) {
                for (int i = 0; i < decl.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    sb.append(decl.get(i));
                }
                sb.append(isAssign ? " = " : " := ");
            }
            for (int i = 0; i < cmds.size(); i++) {
                if (i > 0) {
                    sb.append(" | ");
                }
                sb.append(cmds.get(i));
            }
            return sb.toString();
        }
    }

    /** An action {{pipeline}}. */
    public static final class ActionNode extends Node {
        public final PipeNode pipe;

        ActionNode(int pos, Source src, PipeNode pipe) {
            super(pos, src);
            this.pipe = pipe;
        }

        @Override
        public String toString() {
            return "{{" + pipe + "}}";
        }
    }

    /** A command: operands separated by spaces. */
    public static final class CommandNode extends Node {
        public final List<Node> args = new ArrayList<>();

        CommandNode(int pos, Source src) {
            super(pos, src);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                Node a = args.get(i);
                if (a instanceof PipeNode) {
                    sb.append('(').append(a).append(')');
                } else {
                    sb.append(a);
                }
            }
            return sb.toString();
        }
    }

    /** A function name. */
    public static final class IdentifierNode extends Node {
        public final String ident;

        IdentifierNode(int pos, Source src, String ident) {
            super(pos, src);
            this.ident = ident;
        }

        @Override
        public String toString() {
            return ident;
        }
    }

    /** {@code $x} or {@code $x.a.b}. */
    public static final class VariableNode extends Node {
        public final String[] ident;

        VariableNode(int pos, Source src, String text) {
            super(pos, src);
            this.ident = text.split("\\.", -1);
        }

        @Override
        public String toString() {
            return String.join(".", ident);
        }
    }

    /** {@code .}. */
    public static final class DotNode extends Node {
        DotNode(int pos, Source src) {
            super(pos, src);
        }

        @Override
        public String toString() {
            return ".";
        }
    }

    /** {@code nil}. */
    public static final class NilNode extends Node {
        NilNode(int pos, Source src) {
            super(pos, src);
        }

        @Override
        public String toString() {
            return "nil";
        }
    }

    /** {@code .a.b}. */
    public static final class FieldNode extends Node {
        public final String[] ident;

        FieldNode(int pos, Source src, String text) {
            super(pos, src);
            this.ident = text.substring(1).split("\\.", -1);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (String s : ident) {
                sb.append('.').append(s);
            }
            return sb.toString();
        }
    }

    /** {@code (pipe).a.b}. */
    public static final class ChainNode extends Node {
        public final Node node;
        public final List<String> field = new ArrayList<>();

        ChainNode(int pos, Source src, Node node) {
            super(pos, src);
            this.node = node;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (node instanceof PipeNode) {
                sb.append('(').append(node).append(')');
            } else {
                sb.append(node);
            }
            for (String f : field) {
                sb.append('.').append(f);
            }
            return sb.toString();
        }
    }

    /** {@code true}/{@code false}. */
    public static final class BoolNode extends Node {
        public final boolean value;

        BoolNode(int pos, Source src, boolean value) {
            super(pos, src);
            this.value = value;
        }

        @Override
        public String toString() {
            return value ? "true" : "false";
        }
    }

    /** A numeric constant with Go's multiple interpretations. */
    public static final class NumberNode extends Node {
        public boolean isInt;
        public boolean isUint;
        public boolean isFloat;
        public boolean isComplex;
        public long int64;
        public long uint64;
        public double float64;
        public final String text;

        NumberNode(int pos, Source src, String text) {
            super(pos, src);
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A string constant. */
    public static final class StringNode extends Node {
        public final String quoted;
        public final String text;

        StringNode(int pos, Source src, String quoted, String text) {
            super(pos, src);
            this.quoted = quoted;
            this.text = text;
        }

        @Override
        public String toString() {
            return quoted;
        }
    }

    /** Common shape of if/range/with. */
    public abstract static class BranchNode extends Node {
        public final PipeNode pipe;
        public final ListNode list;
        public final ListNode elseList;

        BranchNode(int pos, Source src, PipeNode pipe, ListNode list, ListNode elseList) {
            super(pos, src);
            this.pipe = pipe;
            this.list = list;
            this.elseList = elseList;
        }

        abstract String keyword();

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("{{").append(keyword()).append(' ').append(pipe).append("}}")
                    .append(list);
            if (elseList != null) {
                sb.append("{{else}}").append(elseList);
            }
            return sb.append("{{end}}").toString();
        }
    }

    /** {@code if}. */
    public static final class IfNode extends BranchNode {
        IfNode(int pos, Source src, PipeNode pipe, ListNode list, ListNode elseList) {
            super(pos, src, pipe, list, elseList);
        }

        @Override
        String keyword() {
            return "if";
        }
    }

    /** {@code with}. */
    public static final class WithNode extends BranchNode {
        WithNode(int pos, Source src, PipeNode pipe, ListNode list, ListNode elseList) {
            super(pos, src, pipe, list, elseList);
        }

        @Override
        String keyword() {
            return "with";
        }
    }

    /** {@code range}. */
    public static final class RangeNode extends BranchNode {
        RangeNode(int pos, Source src, PipeNode pipe, ListNode list, ListNode elseList) {
            super(pos, src, pipe, list, elseList);
        }

        @Override
        String keyword() {
            return "range";
        }
    }

    /** {@code {{break}}}. */
    public static final class BreakNode extends Node {
        BreakNode(int pos, Source src) {
            super(pos, src);
        }

        @Override
        public String toString() {
            return "{{break}}";
        }
    }

    /** {@code {{continue}}}. */
    public static final class ContinueNode extends Node {
        ContinueNode(int pos, Source src) {
            super(pos, src);
        }

        @Override
        public String toString() {
            return "{{continue}}";
        }
    }

    /** {@code {{template "name" pipe}}}. */
    public static final class TemplateNode extends Node {
        public final String name;
        public final PipeNode pipe;

        TemplateNode(int pos, Source src, String name, PipeNode pipe) {
            super(pos, src);
            this.name = name;
            this.pipe = pipe;
        }

        @Override
        public String toString() {
            if (pipe == null) {
                return "{{template " + GoStrings.quote(name) + "}}";
            }
            return "{{template " + GoStrings.quote(name) + " " + pipe + "}}";
        }
    }

    /** Parser-internal: {@code {{else}}}. */
    static final class ElseNode extends Node {
        ElseNode(int pos, Source src) {
            super(pos, src);
        }

        @Override
        public String toString() {
            return "{{else}}";
        }
    }

    /** Parser-internal: {@code {{end}}}. */
    static final class EndNode extends Node {
        EndNode(int pos, Source src) {
            super(pos, src);
        }

        @Override
        public String toString() {
            return "{{end}}";
        }
    }

    /** A parsed template: its name and body. */
    public record Tree(String name, ListNode root, Source source) {
    }

    /** Go's {@code parse.IsEmptyTree}. */
    public static boolean isEmptyTree(Node n) {
        if (n == null || n instanceof CommentNode) {
            return true;
        }
        if (n instanceof ListNode l) {
            for (Node c : l.nodes) {
                if (!isEmptyTree(c)) {
                    return false;
                }
            }
            return true;
        }
        if (n instanceof TextNode t) {
            return t.text.strip().isEmpty() && t.text.chars().allMatch(c -> c <= ' ' || Character.isWhitespace(c));
        }
        return false;
    }
}
