package dev.gitops.sops.internal;

import dev.gitops.api.error.Origin;
import dev.gitops.sops.SopsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** sops' flattened metadata for dotenv and INI: {@code __map_<key>} and {@code __list_<n>} in key names. */
public final class Flatten {

    private static final Pattern SEP = Pattern.compile("__(map|list)_");

    private Flatten() {}

    /** Flattens plain metadata values into ordered key/value pairs. */
    public static Map<String, String> flatten(Map<String, Object> meta) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> e : meta.entrySet()) {
            flattenInto(e.getKey(), e.getValue(), out);
        }
        return out;
    }

    private static void flattenInto(String prefix, Object v, Map<String, String> out) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                flattenInto(prefix + "__map_" + e.getKey(), e.getValue(), out);
            }
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                flattenInto(prefix + "__list_" + i, l.get(i), out);
            }
        } else if (v != null) {
            out.put(prefix, v instanceof Boolean b ? b.toString() : String.valueOf(v));
        }
    }

    /** Rebuilds nested metadata from flattened pairs; maps come out with sorted keys. */
    public static Map<String, Object> unflatten(Map<String, String> flat, Origin origin) {
        Map<String, Object> root = new TreeMap<>();
        for (Map.Entry<String, String> e : flat.entrySet()) {
            String key = e.getKey();
            Matcher m = SEP.matcher(key);
            List<Object> tokens = new ArrayList<>();
            int last = 0;
            String kind = "map";
            while (m.find()) {
                tokens.add(token(kind, key.substring(last, m.start()), origin, key));
                kind = m.group(1);
                last = m.end();
            }
            tokens.add(token(kind, key.substring(last), origin, key));
            place(root, tokens, e.getValue(), origin, key);
        }
        return finish(root, origin);
    }

    private static Object token(String kind, String s, Origin origin, String key) {
        if (kind.equals("list")) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException ex) {
                throw new SopsException.Malformed(origin, "invalid list index in metadata key " + key);
            }
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static void place(Object container, List<Object> tokens, String value, Origin origin, String key) {
        Object cur = container;
        for (int i = 0; i < tokens.size(); i++) {
            Object t = tokens.get(i);
            boolean lastTok = i == tokens.size() - 1;
            Object next = lastTok ? value : (tokens.get(i + 1) instanceof Integer ? new TreeMap<Integer, Object>()
                    : new TreeMap<String, Object>());
            if (t instanceof Integer idx) {
                if (!(cur instanceof TreeMap<?, ?> lm)) {
                    throw new SopsException.Malformed(origin, "inconsistent metadata key " + key);
                }
                Map<Integer, Object> l = (Map<Integer, Object>) lm;
                Object existing = l.get(idx);
                if (existing == null || lastTok) {
                    l.put(idx, next);
                } else {
                    next = existing;
                }
            } else {
                Map<String, Object> mm = (Map<String, Object>) cur;
                Object existing = mm.get(t);
                if (existing == null || lastTok) {
                    mm.put((String) t, next);
                } else {
                    next = existing;
                }
            }
            cur = next;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> finish(Map<String, Object> m, Origin origin) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            out.put(e.getKey(), finishValue(e.getValue(), origin));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object finishValue(Object v, Origin origin) {
        if (v instanceof TreeMap<?, ?> tm && !tm.isEmpty() && tm.firstKey() instanceof Integer) {
            Map<Integer, Object> l = (Map<Integer, Object>) tm;
            List<Object> list = new ArrayList<>();
            int expect = 0;
            for (Map.Entry<Integer, Object> e : l.entrySet()) {
                if (e.getKey() != expect++) {
                    throw new SopsException.Malformed(origin, "metadata list indices are not 0..n-1");
                }
                list.add(finishValue(e.getValue(), origin));
            }
            return list;
        } else if (v instanceof Map<?, ?> mm) {
            return finish((Map<String, Object>) mm, origin);
        }
        return v;
    }
}
