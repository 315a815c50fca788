package dev.gitops.helm.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A TOML encoder in the manner of BurntSushi/toml (Helm's toToml): plain keys first, then tables. */
final class Toml {

    private Toml() {
    }

    static String encode(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            return "toml: top-level values must be Go maps or structs";
        }
        StringBuilder sb = new StringBuilder();
        table(sb, new ArrayList<>(), m);
        return sb.toString();
    }

    private static void table(StringBuilder sb, List<String> path, Map<?, ?> m) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        m.forEach((k, val) -> sorted.put(String.valueOf(k), val));
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            Object val = e.getValue();
            if (val == null || val instanceof Map || isTableArray(val)) {
                continue;
            }
            indent(sb, path.size());
            sb.append(key(e.getKey())).append(" = ").append(value(val)).append('\n');
        }
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            Object val = e.getValue();
            List<String> sub = new ArrayList<>(path);
            sub.add(key(e.getKey()));
            if (val instanceof Map<?, ?> child) {
                sb.append('\n');
                indent(sb, path.size());
                sb.append('[').append(String.join(".", sub)).append("]\n");
                table(sb, sub, child);
            } else if (isTableArray(val)) {
                for (Object o : (Collection<?>) val) {
                    sb.append('\n');
                    indent(sb, path.size());
                    sb.append("[[").append(String.join(".", sub)).append("]]\n");
                    table(sb, sub, (Map<?, ?>) o);
                }
            }
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("  ".repeat(Math.max(0, depth)));
    }

    private static boolean isTableArray(Object v) {
        if (!(v instanceof Collection<?> c) || c.isEmpty()) {
            return false;
        }
        for (Object o : c) {
            if (!(o instanceof Map)) {
                return false;
            }
        }
        return true;
    }

    private static String key(String k) {
        return k.matches("[A-Za-z0-9_-]+") ? k : quote(k);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static String value(Object v) {
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof Double d) {
            if (d == Math.rint(d) && !Double.isInfinite(d)) {
                return dev.gitops.api.template.GoFmt.formatFloat(d, 'f', 1);
            }
            return dev.gitops.api.template.GoFmt.formatFloat(d, 'g', -1);
        }
        if (v instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>();
            for (Object o : c) {
                parts.add(value(o));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        return String.valueOf(v);
    }
}
