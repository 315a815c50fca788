package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** kustomize field paths: {@code a.b[0].c}, {@code a.b[name=x].c}, {@code a.[b.c]}, {@code a/b} also accepted. */
final class FieldPath {

    private FieldPath() {}

    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '[') {
                if (depth == 0 && cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                depth++;
                cur.append(c);
            } else if (c == ']') {
                depth--;
                cur.append(c);
                if (depth == 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else if (c == '.' && depth == 0) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    /** The node at a path, or null. */
    static JsonNode get(JsonNode root, String path) {
        JsonNode n = root;
        for (String seg : split(path)) {
            if (n == null) {
                return null;
            }
            if (seg.startsWith("[") && seg.endsWith("]")) {
                String inner = seg.substring(1, seg.length() - 1);
                int eq = inner.indexOf('=');
                if (eq < 0) {
                    if (n.isArray()) {
                        try {
                            n = n.get(Integer.parseInt(inner));
                        } catch (NumberFormatException e) {
                            return null;
                        }
                    } else {
                        n = n.get(inner);
                    }
                } else {
                    String k = inner.substring(0, eq);
                    String v = inner.substring(eq + 1);
                    JsonNode found = null;
                    if (n.isArray()) {
                        for (JsonNode e : n) {
                            if (e.isObject() && v.equals(Res.text(e.get(k)))) {
                                found = e;
                                break;
                            }
                        }
                    }
                    n = found;
                }
            } else if (n.isArray() && seg.matches("\\d+")) {
                n = n.get(Integer.parseInt(seg));
            } else {
                n = n.isObject() ? n.get(seg) : null;
            }
        }
        return n;
    }
}
