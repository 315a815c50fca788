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

    /** The origin of the field at {@code pointer}, or of its nearest ancestor read from the file. */
    public Optional<Origin> locate(String pointer) {
        Objects.requireNonNull(pointer, "pointer");
        if (root.line == 0) {
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
        return Optional.of(new Origin(file, n.line, n.column, pointer));
    }

    /** The origin of the document itself. */
    public Optional<Origin> documentOrigin() {
        return locate("");
    }

    /** A node of the map under construction: position and children by key or index. */
    static final class Node {
        final int line;
        final int column;
        Map<String, Node> children = Collections.emptyMap();

        Node(int line, int column) {
            this.line = line;
            this.column = column;
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
