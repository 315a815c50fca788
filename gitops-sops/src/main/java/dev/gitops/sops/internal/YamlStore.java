package dev.gitops.sops.internal;

import dev.gitops.api.error.Origin;
import dev.gitops.sops.SopsException;
import dev.gitops.sops.SopsNode;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The YAML store: SnakeYAML's node API (comments kept), with yaml.v3 scalar typing applied by {@link GoScalars},
 * and an emitter in the style of yaml.v3 with 4-space indentation.
 */
public final class YamlStore {

    private static final Tag PLAIN = new Tag("tag:gitops.dev,2025:plain");
    private static final int MAX_DEPTH = 1000;

    private YamlStore() {}

    /** A resolver that marks untagged plain scalars so that yaml.v3 typing can be applied afterwards. */
    private static final class PlainResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            // none: typing is done by GoScalars
        }

        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind == NodeId.scalar && implicit) {
                return PLAIN;
            }
            return super.resolve(kind, value, implicit);
        }
    }

    private static Yaml yaml(boolean comments) {
        LoaderOptions lo = new LoaderOptions();
        lo.setProcessComments(comments);
        lo.setAllowDuplicateKeys(true);
        lo.setCodePointLimit(256 * 1024 * 1024);
        lo.setMaxAliasesForCollections(1000);
        DumperOptions d = new DumperOptions();
        return new Yaml(new SafeConstructor(lo), new Representer(d), d, lo, new PlainResolver());
    }

    /** Parses YAML documents; takes the {@code sops} key out of every document, metadata from the first. */
    public static ParsedFile parse(byte[] content, Origin origin) {
        String text = new String(content, StandardCharsets.UTF_8);
        List<Node> docs = new ArrayList<>();
        try {
            for (Node n : yaml(true).composeAll(new StringReader(text))) {
                docs.add(n);
            }
        } catch (RuntimeException withComments) {
            // SnakeYAML's comment support has gaps that yaml.v3 does not: retry without comments, and report the
            // error of that attempt if the input is really malformed
            docs.clear();
            try {
                for (Node n : yaml(false).composeAll(new StringReader(text))) {
                    docs.add(n);
                }
            } catch (YAMLException e) {
                throw malformed(origin, e);
            }
        }
        List<SopsNode.Branch> branches = new ArrayList<>();
        Optional<Object> meta = Optional.empty();
        for (int d = 0; d < docs.size(); d++) {
            Node doc = docs.get(d);
            Reader r = new Reader(origin);
            if (d == 0 && doc instanceof MappingNode mn) {
                r.checkDuplicates(mn, "", 0);
            }
            SopsNode.Branch b;
            if (doc == null || (doc instanceof ScalarNode s && isNull(s))) {
                b = new SopsNode.Branch(List.of());
            } else if (doc instanceof MappingNode m) {
                b = r.branch(m, false, "", 0);
            } else if (doc instanceof SequenceNode) {
                throw new SopsException.Malformed(at(origin, doc, ""),
                        "YAML documents that are sequences are not supported");
            } else {
                throw new SopsException.Malformed(at(origin, doc, ""),
                        "YAML documents that are values are not supported");
            }
            Optional<SopsNode> sops = Optional.empty();
            int count = 0;
            for (SopsNode.Item i : b.items()) {
                if (i instanceof SopsNode.Entry e && e.key().equals("sops")) {
                    sops = Optional.of(e.value());
                    count++;
                }
            }
            if (d == 0) {
                if (count > 1) {
                    throw new SopsException.Malformed(origin.withPointer("/sops"), "duplicate sops metadata");
                }
                if (sops.isPresent()) {
                    meta = Optional.ofNullable(ParsedFile.toPlain(sops.get()));
                }
            }
            branches.add(ParsedFile.without(b, "sops"));
        }
        return new ParsedFile(branches, meta);
    }

    private static boolean isNull(ScalarNode s) {
        return s.getTag() == PLAIN && GoScalars.resolvePlain(s.getValue()) instanceof SopsNode.Null
                || s.getTag().equals(Tag.NULL);
    }

    private static SopsException.Malformed malformed(Origin origin, YAMLException e) {
        if (e instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            return new SopsException.Malformed(origin.at(m.getProblemMark().getLine() + 1,
                    m.getProblemMark().getColumn() + 1), "invalid YAML: " + firstLine(m.getProblem()));
        }
        return new SopsException.Malformed(origin, "invalid YAML: " + firstLine(e.getMessage()));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    static Origin at(Origin origin, Node n, String pointer) {
        if (n == null || n.getStartMark() == null) {
            return origin.withPointer(pointer);
        }
        return new Origin(origin.file(), n.getStartMark().getLine() + 1, n.getStartMark().getColumn() + 1, pointer);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** Converts nodes to the sops tree. */
    private static final class Reader {
        private final Origin origin;
        private final Map<Node, Boolean> active = new IdentityHashMap<>();

        Reader(Origin origin) {
            this.origin = origin;
        }

        void checkDuplicates(MappingNode m, String pointer, int depth) {
            if (depth > MAX_DEPTH || active.containsKey(m)) {
                return;
            }
            active.put(m, true);
            Set<String> seen = new HashSet<>();
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    if (!seen.add(k.getValue())) {
                        throw new SopsException.Malformed(at(origin, k, pointer + "/" + escape(k.getValue())),
                                "mapping key \"" + k.getValue() + "\" already defined");
                    }
                    if (t.getValueNode() instanceof MappingNode vm) {
                        checkDuplicates(vm, pointer + "/" + escape(k.getValue()), depth + 1);
                    }
                }
            }
            active.remove(m);
        }

        private void comments(List<CommentLine> lines, List<? super SopsNode.Comment> out) {
            if (lines == null) {
                return;
            }
            for (CommentLine c : lines) {
                if (c.getCommentType() != CommentType.BLANK_LINE) {
                    out.add(new SopsNode.Comment(c.getValue()));
                }
            }
        }

        SopsNode.Branch branch(MappingNode m, boolean commentsHandled, String pointer, int depth) {
            guard(m, depth, pointer);
            List<SopsNode.Item> items = new ArrayList<>();
            if (!commentsHandled) {
                comments(m.getBlockComments(), items);
                comments(m.getInLineComments(), items);
            }
            for (NodeTuple t : m.getValue()) {
                Node k = t.getKeyNode();
                Node v = t.getValueNode();
                comments(k.getBlockComments(), items);
                comments(k.getInLineComments(), items);
                boolean scalarValue = v instanceof ScalarNode;
                if (scalarValue) {
                    comments(v.getBlockComments(), items);
                    comments(v.getInLineComments(), items);
                }
                if (!(k instanceof ScalarNode ks)) {
                    throw new SopsException.Malformed(at(origin, k, pointer), "non-string key");
                }
                SopsNode keyValue = scalar(ks, pointer);
                String key;
                if (keyValue instanceof SopsNode.Str s) {
                    key = s.text();
                } else if (ks.getTag() == PLAIN && ks.getValue().equals("<<")) {
                    key = "<<";
                } else {
                    throw new SopsException.Malformed(at(origin, k, pointer + "/" + escape(ks.getValue())),
                            "non-string key");
                }
                String p = pointer + "/" + escape(key);
                items.add(new SopsNode.Entry(key, value(v, scalarValue, p, depth + 1)));
                if (scalarValue) {
                    comments(v.getEndComments(), items);
                }
                comments(k.getEndComments(), items);
            }
            if (!commentsHandled) {
                comments(m.getEndComments(), items);
            }
            active.remove(m);
            return new SopsNode.Branch(items);
        }

        private void guard(Node n, int depth, String pointer) {
            if (depth > MAX_DEPTH || active.containsKey(n)) {
                throw new SopsException.Malformed(at(origin, n, pointer), "YAML nesting too deep or recursive alias");
            }
            active.put(n, true);
        }

        SopsNode value(Node n, boolean commentsHandled, String pointer, int depth) {
            if (n instanceof ScalarNode s) {
                return scalar(s, pointer);
            } else if (n instanceof MappingNode m) {
                return branch(m, commentsHandled, pointer, depth);
            } else if (n instanceof SequenceNode sq) {
                guard(sq, depth, pointer);
                List<SopsNode> out = new ArrayList<>();
                if (!commentsHandled) {
                    comments(sq.getBlockComments(), out);
                    comments(sq.getInLineComments(), out);
                }
                int i = 0;
                for (Node item : sq.getValue()) {
                    comments(item.getBlockComments(), out);
                    comments(item.getInLineComments(), out);
                    out.add(value(item, true, pointer + "/" + i, depth + 1));
                    comments(item.getEndComments(), out);
                    i++;
                }
                active.remove(sq);
                return new SopsNode.Sequence(out);
            }
            throw new SopsException.Malformed(at(origin, n, pointer), "unsupported YAML node");
        }

        SopsNode.Scalar scalar(ScalarNode s, String pointer) {
            Tag tag = s.getTag();
            String v = s.getValue();
            if (tag == PLAIN) {
                return GoScalars.resolvePlain(v);
            }
            if (tag.equals(Tag.STR)) {
                return SopsNode.Str.of(v);
            }
            if (tag.equals(Tag.BINARY)) {
                try {
                    return new SopsNode.Str(Base64.getMimeDecoder().decode(v));
                } catch (IllegalArgumentException e) {
                    throw new SopsException.Malformed(at(origin, s, pointer), "invalid !!binary value");
                }
            }
            if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.BOOL) || tag.equals(Tag.NULL)
                    || tag.equals(Tag.TIMESTAMP)) {
                SopsNode.Scalar r = v.isEmpty() ? SopsNode.Null.INSTANCE : GoScalars.resolvePlain(v);
                boolean ok = switch (tag.getValue()) {
                    case "tag:yaml.org,2002:int" -> r instanceof SopsNode.Int;
                    case "tag:yaml.org,2002:float" -> r instanceof SopsNode.Float || r instanceof SopsNode.Int;
                    case "tag:yaml.org,2002:bool" -> r instanceof SopsNode.Bool;
                    case "tag:yaml.org,2002:null" -> r instanceof SopsNode.Null;
                    default -> r instanceof SopsNode.Time;
                };
                if (!ok) {
                    throw new SopsException.Malformed(at(origin, s, pointer),
                            "cannot decode " + tag.getValue().replace("tag:yaml.org,2002:", "!!") + " value");
                }
                if (tag.equals(Tag.FLOAT) && r instanceof SopsNode.Int i) {
                    return new SopsNode.Float(i.value());
                }
                return r;
            }
            // unknown tags: yaml.v3 decodes the text as a string
            return SopsNode.Str.of(v);
        }
    }

    // ---------------------------------------------------------------- emitter

    /** Emits documents in the style of yaml.v3 with indent 4; documents are separated by {@code ---}. */
    public static byte[] emit(List<SopsNode.Branch> docs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < docs.size(); i++) {
            if (i > 0) {
                sb.append("---\n");
            }
            SopsNode.Branch b = docs.get(i);
            if (b.items().isEmpty()) {
                sb.append("{}\n");
            } else {
                branch(sb, b, 0);
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String pad(int n) {
        return " ".repeat(n);
    }

    /**
     * Writes a mapping whose keys start at {@code keyIndent}; its nested blocks (maps, lists, block scalars) go to
     * {@code childIndent}. yaml.v3 indents the children of a mapping inside a list item relative to the dash, so
     * for {@code - k: v} at dash column D keys are at D+2 and children at D+4.
     */
    private static void branch(StringBuilder sb, SopsNode.Branch b, int keyIndent, int childIndent) {
        for (SopsNode.Item item : b.items()) {
            if (item instanceof SopsNode.Comment c) {
                sb.append(pad(keyIndent)).append('#').append(c.text()).append('\n');
                continue;
            }
            SopsNode.Entry e = (SopsNode.Entry) item;
            sb.append(pad(keyIndent)).append(YamlScalars.key(e.key())).append(':');
            value(sb, e.value(), childIndent);
        }
    }

    private static void branch(StringBuilder sb, SopsNode.Branch b, int indent) {
        branch(sb, b, indent, indent + 4);
    }

    private static void value(StringBuilder sb, SopsNode v, int childIndent) {
        if (v instanceof SopsNode.Branch b) {
            if (b.items().isEmpty()) {
                sb.append(" {}\n");
            } else {
                sb.append('\n');
                branch(sb, b, childIndent);
            }
        } else if (v instanceof SopsNode.Sequence s) {
            if (s.elements().isEmpty()) {
                sb.append(" []\n");
            } else {
                sb.append('\n');
                sequence(sb, s, childIndent);
            }
        } else {
            sb.append(' ');
            YamlScalars.scalar(sb, (SopsNode.Scalar) v, childIndent);
            sb.append('\n');
        }
    }

    private static void sequence(StringBuilder sb, SopsNode.Sequence s, int indent) {
        for (SopsNode el : s.elements()) {
            if (el instanceof SopsNode.Comment c) {
                sb.append(pad(indent)).append('#').append(c.text()).append('\n');
            } else if (el instanceof SopsNode.Branch b && !b.items().isEmpty()) {
                StringBuilder inner = new StringBuilder();
                branch(inner, b, indent + 2, indent + 4);
                sb.append(pad(indent)).append("- ").append(inner.substring(indent + 2));
            } else if (el instanceof SopsNode.Sequence q && !q.elements().isEmpty()) {
                StringBuilder inner = new StringBuilder();
                sequence(inner, q, indent + 2);
                sb.append(pad(indent)).append("- ").append(inner.substring(indent + 2));
            } else if (el instanceof SopsNode.Branch) {
                sb.append(pad(indent)).append("- {}\n");
            } else if (el instanceof SopsNode.Sequence) {
                sb.append(pad(indent)).append("- []\n");
            } else {
                sb.append(pad(indent)).append("- ");
                YamlScalars.scalar(sb, (SopsNode.Scalar) el, indent + 4);
                sb.append('\n');
            }
        }
    }
}
