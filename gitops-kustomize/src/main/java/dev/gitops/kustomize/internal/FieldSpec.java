package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A kustomize field spec: which field of which kinds a transformer touches. Immutable; the path is split into its
 * segments once, when the spec is made (field specs are walked for every resource of a build).
 */
public final class FieldSpec {

    private final Gvk gvk;
    private final String path;
    private final boolean create;
    private final List<String> segments;

    public FieldSpec(Gvk gvk, String path, boolean create) {
        this.gvk = java.util.Objects.requireNonNull(gvk, "gvk");
        this.path = java.util.Objects.requireNonNull(path, "path");
        this.create = create;
        this.segments = List.copyOf(split(path));
    }

    private FieldSpec(Gvk gvk, String path, boolean create, List<String> segments) {
        this.gvk = gvk;
        this.path = path;
        this.create = create;
        this.segments = segments;
    }

    /** The same spec for another gvk (sharing the split path). */
    public FieldSpec withGvk(Gvk other) {
        return new FieldSpec(java.util.Objects.requireNonNull(other, "gvk"), path, create, segments);
    }

    public Gvk gvk() {
        return gvk;
    }

    public String path() {
        return path;
    }

    public boolean create() {
        return create;
    }

    /** The path split on {@code /} ({@code \/} escapes and {@code [..]} brackets honoured). */
    public List<String> segments() {
        return segments;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSpec f && f.create == create && f.gvk.equals(gvk) && f.path.equals(path);
    }

    @Override
    public int hashCode() {
        return (gvk.hashCode() * 31 + path.hashCode()) * 31 + (create ? 1 : 0);
    }

    @Override
    public String toString() {
        return gvk + ":" + create + ":" + path;
    }

    public static FieldSpec parse(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw new BuildError(where + ": a field spec must be a mapping");
        }
        return new FieldSpec(new Gvk(Res.text(n.get("group")), Res.text(n.get("version")), Res.text(n.get("kind"))),
                Res.text(n.get("path")), n.path("create").asBoolean(false));
    }

    public static List<FieldSpec> parseList(JsonNode n, String where) {
        List<FieldSpec> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new BuildError(where + ": expected a list of field specs");
        }
        for (JsonNode e : n) {
            out.add(parse(e, where));
        }
        return out;
    }

    /**
     * kustomize's FsSlice.MergeAll: appends each incoming spec unless one already present is "effectively equal"
     * (same path, and the present spec's gvk is selected by the incoming one's, so a kind-specific spec makes a later
     * all-kinds spec of the same path redundant); a create conflict is an error.
     */
    public static List<FieldSpec> mergeAll(List<FieldSpec> a, List<FieldSpec> b) {
        List<FieldSpec> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        for (FieldSpec fs : b) {
            mergeOne(out, fs);
        }
        return out;
    }

    /** kustomize's FsSlice.MergeOne (in place). */
    static void mergeOne(List<FieldSpec> out, FieldSpec fs) {
        for (FieldSpec e : out) {
            if (e.path.equals(fs.path) && e.gvk.isSelected(fs.gvk)) {
                if (e.create != fs.create) {
                    throw new BuildError("conflicting fieldspecs");
                }
                return;
            }
        }
        out.add(fs);
    }

    /** kustomize's sort of an FsSlice (by gvk: legacy kind order, then group, version, kind). */
    static void sort(List<FieldSpec> l) {
        l.sort((x, y) -> Gvk.compare(x.gvk, y.gvk));
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' && i + 1 < path.length() && path.charAt(i + 1) == '/') {
                cur.append('/');
                i++;
            } else if (c == '[') {
                depth++;
                cur.append(c);
            } else if (c == ']') {
                depth--;
                cur.append(c);
            } else if (c == '/' && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
