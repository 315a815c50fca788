package dev.gitops.api.yaml;

import dev.gitops.api.error.Origin;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where each node of a document read from YAML stood in its file: 1-based line and column by JSON pointer. A lookup
 * of a pointer that no longer exists in the file (a field added by a transformer) answers with its nearest ancestor
 * that does, so errors always name a useful line.
 *
 * <p>Immutable and thread-safe.
 */
public final class SourceMap {

    private static final SourceMap EMPTY = new SourceMap("-", new Node(0, 0));

    private final String file;
    private final Node root;

    private SourceMap(String file, Node root) {
        this.file = file;
        this.root = root;
    }

    /** A source map that knows no positions. */
    public static SourceMap empty() {
        return EMPTY;
    }

    /**
     * A source map that places every field at one origin: for objects produced from one place of a file without a
     * field-by-field correspondence (for example the manifests a HelmRelease renders). An origin without a line
     * (line 0) gives a map that knows the file only.
     */
    public static SourceMap at(Origin origin) {
        Objects.requireNonNull(origin, "origin");
        return new SourceMap(origin.file(), new Node(origin.line(), origin.column()));
    }

    /**
     * The map of the node at {@code pointer}, as if that node were a document of its own (for an object nested in
     * another one, such as an item of a {@code List}); {@link #empty()} when the pointer is not in the map.
     */
    public SourceMap subtree(String pointer) {
        Objects.requireNonNull(pointer, "pointer");
        Node n = root;
        if (!pointer.isEmpty()) {
            for (String token : pointer.substring(1).split("/", -1)) {
                Node child = n.children.get(token.replace("~1", "/").replace("~0", "~"));
                if (child == null) {
                    return EMPTY;
                }
                n = child;
            }
        }
        return n == root ? this : new SourceMap(file, n);
    }

    /** The same positions, attributed to another file name (for example a repository-relative path). */
    public SourceMap withFile(String newFile) {
        Objects.requireNonNull(newFile, "newFile");
        return newFile.equals(file) ? this : new SourceMap(newFile, root);
    }

    /** The file the document was read from ({@code "-"} when unknown). */
    public String file() {
        return file;
    }

    /**
     * The origin of the field at {@code pointer}, or of its nearest ancestor read from the file (a field placed by
     * {@link #withOrigins} names the file it was placed at).
     */
    public Optional<Origin> locate(String pointer) {
        Objects.requireNonNull(pointer, "pointer");
        if (root.line == 0 && root.children.isEmpty()) {
            return Optional.empty();
        }
        Node n = root;
        if (!pointer.isEmpty()) {
            for (String token : pointer.substring(1).split("/", -1)) {
                String key = token.replace("~1", "/").replace("~0", "~");
                Node child = n.children.get(key);
                if (child == null) {
                    break;
                }
                n = child;
            }
        }
        return Optional.of(new Origin(n.file != null ? n.file : file, n.line, n.column, pointer));
    }

    /**
     * The same map with the node at each origin's {@link Origin#pointer() pointer} placed at that origin (file, line
     * and column), in order: for objects transformed after they were read, such as a field a kustomize patch set. A
     * placed node has no children of its own (what was below it was replaced); later origins may add some. Nodes on
     * the way to a pointer that the map does not know are added at the position of their nearest known ancestor.
     */
    public SourceMap withOrigins(java.util.List<Origin> origins) {
        if (origins.isEmpty()) {
            return this;
        }
        Node newRoot = root.copy();
        for (Origin o : origins) {
            String pointer = o.pointer();
            if (pointer.isEmpty()) {
                continue;
            }
            Node n = newRoot;
            String[] tokens = pointer.substring(1).split("/", -1);
            for (int i = 0; i < tokens.length; i++) {
                String key = tokens[i].replace("~1", "/").replace("~0", "~");
                Node child = n.children.get(key);
                if (i == tokens.length - 1) {
                    Node placed = new Node(o.line(), o.column());
                    placed.file = o.file();
                    n.put(key, placed);
                } else {
                    Node copy = child == null ? inherit(n) : child.copy();
                    n.put(key, copy);
                    n = copy;
                }
            }
        }
        return new SourceMap(file, newRoot);
    }

    private static Node inherit(Node parent) {
        Node n = new Node(parent.line, parent.column);
        n.file = parent.file;
        return n;
    }

    /** The origin of the document itself. */
    public Optional<Origin> documentOrigin() {
        return locate("");
    }

    /** A node of the map under construction: position and children by key or index. */
    static final class Node {
        final int line;
        final int column;
        /** The file of a node placed by {@link #withOrigins}; null for the map's file. */
        String file;
        Map<String, Node> children = Collections.emptyMap();

        Node(int line, int column) {
            this.line = line;
            this.column = column;
        }

        /** A copy of this node that can take new children (the children themselves are shared). */
        Node copy() {
            Node c = new Node(line, column);
            c.file = file;
            if (!children.isEmpty()) {
                c.children = new HashMap<>(children);
            }
            return c;
        }

        void put(String key, Node child) {
            if (children.isEmpty()) {
                children = new HashMap<>(8);
            }
            children.put(key, child);
        }
    }

    static SourceMap of(String file, Node root) {
        return new SourceMap(file, root);
    }
}
