package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A kustomize field spec: which field of which kinds a transformer touches. */
public record FieldSpec(Gvk gvk, String path, boolean create) {

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

    /** kustomize's FsSlice.MergeAll: appends the specs not yet present; a create conflict is an error. */
    public static List<FieldSpec> mergeAll(List<FieldSpec> a, List<FieldSpec> b) {
        List<FieldSpec> out = new ArrayList<>(a);
        java.util.Map<String, FieldSpec> seen = new java.util.HashMap<>();
        for (FieldSpec fs : a) {
            seen.putIfAbsent(fs.gvk + "|" + fs.path, fs);
        }
        for (FieldSpec fs : b) {
            FieldSpec e = seen.get(fs.gvk + "|" + fs.path);
            if (e != null) {
                if (e.create != fs.create) {
                    throw new BuildError("conflicting fieldspecs");
                }
                continue;
            }
            seen.put(fs.gvk + "|" + fs.path, fs);
            out.add(fs);
        }
        return out;
    }

    static void mergeOne(List<FieldSpec> out, FieldSpec fs) {
        for (FieldSpec e : out) {
            if (e.gvk.equals(fs.gvk) && e.path.equals(fs.path)) {
                if (e.create != fs.create) {
                    throw new BuildError("conflicting fieldspecs");
                }
                return;
            }
        }
        out.add(fs);
    }

    /** Splits a path on {@code /}, honouring {@code \/} escapes and {@code [..]} brackets. */
    private static final java.util.concurrent.ConcurrentHashMap<String, List<String>> SPLIT_CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    public static List<String> splitPath(String path) {
        List<String> cached = SPLIT_CACHE.get(path);
        if (cached != null) {
            return cached;
        }
        List<String> parts = List.copyOf(split(path));
        if (SPLIT_CACHE.size() < 10_000) {
            SPLIT_CACHE.put(path, parts);
        }
        return parts;
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
