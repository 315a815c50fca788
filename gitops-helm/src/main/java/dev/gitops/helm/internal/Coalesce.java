package dev.gitops.helm.internal;

import dev.gitops.helm.Chart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helm's values coalescing ({@code pkg/chart/common/util/coalesce.go}), over a chart tree. */
public final class Coalesce {

    private Coalesce() {
    }

    static boolean istable(Object v) {
        return v instanceof Map;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> table(Object v) {
        return (Map<String, Object>) v;
    }

    /** CoalesceValues (merge=false) or MergeValues (merge=true): the chart's defaults under {@code vals}. */
    public static Map<String, Object> values(Chart c, Map<String, Object> vals, boolean merge) {
        Map<String, Object> copy = vals == null ? new LinkedHashMap<>() : table(GoData.deepCopy(vals));
        return coalesce(c, copy, "", merge);
    }

    static Map<String, Object> coalesce(Chart ch, Map<String, Object> dest, String prefix, boolean merge) {
        coalesceValues(ch, dest, prefix, merge);
        return coalesceDeps(ch, dest, prefix, merge);
    }

    static Map<String, Object> coalesceDeps(Chart ch, Map<String, Object> dest, String prefix, boolean merge) {
        for (Chart sub : ch.dependencies()) {
            Object c = dest.get(sub.name());
            if (!dest.containsKey(sub.name()) || c == null && !dest.containsKey(sub.name())) {
                dest.put(sub.name(), new LinkedHashMap<String, Object>());
            } else if (!istable(c)) {
                throw new IllegalArgumentException("type mismatch on " + sub.name() + ": " + GoData.strval(c));
            }
            Map<String, Object> dvmap = table(dest.get(sub.name()));
            String subPrefix = concat(prefix, (String) ch.metadata().get("name"));
            coalesceGlobals(dvmap, dest, subPrefix);
            dest.put(sub.name(), coalesce(sub, dvmap, subPrefix, merge));
        }
        return dest;
    }

    static void coalesceGlobals(Map<String, Object> dest, Map<String, Object> src, String prefix) {
        Map<String, Object> dg;
        Map<String, Object> sg;
        Object destglob = dest.get("global");
        if (destglob == null) {
            dg = new LinkedHashMap<>();
        } else if (istable(destglob)) {
            dg = table(destglob);
        } else {
            return;
        }
        Object srcglob = src.get("global");
        if (srcglob == null) {
            sg = new LinkedHashMap<>();
        } else if (istable(srcglob)) {
            sg = table(srcglob);
        } else {
            return;
        }
        for (Map.Entry<String, Object> e : sg.entrySet()) {
            String key = e.getKey();
            Object val = e.getValue();
            if (istable(val)) {
                Map<String, Object> vv = table(GoData.deepCopy(val));
                Object destv = dg.get(key);
                if (!dg.containsKey(key)) {
                    dg.put(key, vv);
                } else if (istable(destv)) {
                    coalesceTablesFullKey(vv, table(destv), concat(prefix, key), true);
                    dg.put(key, vv);
                }
            } else if (dg.containsKey(key) && istable(dg.get(key))) {
                // key is a table: skip
                continue;
            } else {
                dg.put(key, val);
            }
        }
        dest.put("global", dg);
    }

    static void coalesceValues(Chart c, Map<String, Object> v, String prefix, boolean merge) {
        String subPrefix = concat(prefix, c.name());
        Map<String, Object> vc = table(GoData.deepCopy(c.values()));
        for (Map.Entry<String, Object> e : vc.entrySet()) {
            String key = e.getKey();
            Object val = e.getValue();
            if (v.containsKey(key)) {
                Object value = v.get(key);
                if (value == null && !merge) {
                    v.remove(key);
                } else if (istable(value)) {
                    if (istable(val)) {
                        boolean m = merge;
                        for (Chart sub : c.dependencies()) {
                            if (sub.name().equals(key)) {
                                m = true;
                            }
                        }
                        coalesceTablesFullKey(table(value), table(val), concat(subPrefix, key), m);
                    }
                }
            } else {
                v.put(key, val);
            }
        }
    }

    /** coalesceTablesFullKey: dst is authoritative; src fills in. */
    public static Map<String, Object> coalesceTablesFullKey(Map<String, Object> dst, Map<String, Object> src,
            String prefix, boolean merge) {
        if (src == null) {
            return dst;
        }
        if (dst == null) {
            return src;
        }
        for (Map.Entry<String, Object> e : new ArrayList<>(src.entrySet())) {
            String key = e.getKey();
            Object val = e.getValue();
            boolean ok = dst.containsKey(key);
            Object dv = dst.get(key);
            if (ok && !merge && dv == null) {
                dst.remove(key);
            } else if (!ok) {
                dst.put(key, val);
            } else if (istable(val)) {
                if (istable(dv)) {
                    coalesceTablesFullKey(table(dv), table(val), concat(prefix, key), merge);
                }
            }
        }
        return dst;
    }

    /** Helm's mergeMaps for -f/--set layering: b wins, maps merge recursively. */
    public static Map<String, Object> mergeMaps(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> out = new LinkedHashMap<>(a);
        for (Map.Entry<String, Object> e : b.entrySet()) {
            Object v = e.getValue();
            if (istable(v) && istable(out.get(e.getKey()))) {
                out.put(e.getKey(), mergeMaps(table(out.get(e.getKey())), table(v)));
                continue;
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    /** trimNilValues. */
    static Map<String, Object> trimNil(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            out.put(e.getKey(), istable(e.getValue()) ? trimNil(table(e.getValue())) : e.getValue());
        }
        return out;
    }

    static String concat(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        return a + "." + b;
    }

    /** Values.PathValue / Table: the value at a dotted path, or null with found=false. */
    static Object[] pathValue(Map<String, Object> vals, String path) {
        String[] parts = path.split("\\.");
        Object cur = vals;
        for (int i = 0; i < parts.length; i++) {
            if (!(cur instanceof Map<?, ?> m) || !m.containsKey(parts[i])) {
                return new Object[] {null, false};
            }
            cur = m.get(parts[i]);
        }
        return new Object[] {cur, true};
    }

    static List<Object> list(Object o) {
        List<Object> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            out.addAll(l);
        }
        return out;
    }
}
