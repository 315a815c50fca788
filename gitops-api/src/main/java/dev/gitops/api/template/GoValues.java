package dev.gitops.api.template;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The Go view of the template data model. Templates operate on plain Java values that stand for Go values:
 *
 * <table>
 * <caption>Java types and the Go types they stand for</caption>
 * <tr><th>Java</th><th>Go</th></tr>
 * <tr><td>{@code null}</td><td>{@code nil} (an untyped nil, or a nil {@code interface{}})</td></tr>
 * <tr><td>{@link String}</td><td>{@code string}</td></tr>
 * <tr><td>{@link Boolean}</td><td>{@code bool}</td></tr>
 * <tr><td>{@link Integer}</td><td>{@code int} (number literals, {@code len}, loop indexes)</td></tr>
 * <tr><td>{@link Long}</td><td>{@code int64} (Sprig arithmetic, {@code --set} integers)</td></tr>
 * <tr><td>{@link Double}</td><td>{@code float64} (numbers read from YAML and JSON, as in Helm)</td></tr>
 * <tr><td>{@link Map Map&lt;String, Object&gt;}</td><td>{@code map[string]interface{}} (iterated in key order)</td>
 * </tr>
 * <tr><td>{@link List List&lt;Object&gt;}</td><td>{@code []interface{}}</td></tr>
 * <tr><td>{@code byte[]}</td><td>{@code []byte}</td></tr>
 * <tr><td>{@link GoObject}</td><td>a Go struct or named type with fields and methods</td></tr>
 * </table>
 *
 * <p>A {@link Map} may also have keys other than strings (Go's {@code map[K]V}): {@code range} and {@code printf}
 * visit its entries in Go's {@code fmtsort} order, {@link #compareMapKeys}; a struct key is a {@link GoObject} that
 * implements {@link Comparable} field by field, as fmtsort compares structs.
 *
 * <p>Maps and lists handed to templates are never modified by the engine itself.
 */
public final class GoValues {

    private GoValues() {
    }

    /** The Go type name of a value, as {@code printf "%T"} prints it; {@code <nil>} for null. */
    public static String typeName(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Integer) {
            return "int";
        }
        if (v instanceof Long) {
            return "int64";
        }
        if (v instanceof Double) {
            return "float64";
        }
        if (v instanceof Float) {
            return "float32";
        }
        if (v instanceof Short) {
            return "int16";
        }
        if (v instanceof Byte) {
            return "int8";
        }
        if (v instanceof Map) {
            return "map[string]interface {}";
        }
        if (v instanceof List || v instanceof Collection || v instanceof Object[]) {
            return "[]interface {}";
        }
        if (v instanceof byte[]) {
            return "[]uint8";
        }
        if (v instanceof GoObject g) {
            return g.goTypeName();
        }
        if (v instanceof TemplateFunction) {
            return "func(...interface {}) (interface {}, error)";
        }
        return v.getClass().getSimpleName();
    }

    /** Go's template truth: non-zero numbers, non-empty strings, maps and lists, true, any struct. */
    public static boolean isTrue(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue() != 0;
        }
        if (v instanceof Number n) {
            return n.longValue() != 0;
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Object[] a) {
            return a.length > 0;
        }
        if (v instanceof byte[] b) {
            return b.length > 0;
        }
        return true;
    }

    /** Whether the value is a Go integer ({@code int}, {@code int64}, ...). */
    public static boolean isInteger(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
    }

    /** Whether the value is a Go float. */
    public static boolean isFloat(Object v) {
        return v instanceof Double || v instanceof Float;
    }

    /**
     * Go's {@code internal/fmtsort} order of map keys, used by {@code range} and by {@code printf} of maps: nil
     * first; strings by their UTF-8 bytes (code point order); integers and floats numerically; {@code false} before
     * {@code true}; {@link Comparable} keys of the same class (struct keys) by {@code compareTo}; keys of different
     * types by their Go type name (Go orders those by type identity, which is stable but unspecified).
     */
    public static int compareMapKeys(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof String x && b instanceof String y) {
            return compareStrings(x, y);
        }
        if (isInteger(a) && isInteger(b)) {
            return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
        }
        if (isFloat(a) && isFloat(b)) {
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable<?>) {
            @SuppressWarnings("unchecked")
            Comparable<Object> c = (Comparable<Object>) a;
            return c.compareTo(b);
        }
        return typeName(a).compareTo(typeName(b));
    }

    /**
     * The entries of a map in Go's {@code fmtsort} order ({@link #compareMapKeys}); keys that are all strings keep
     * their identity, other keys too (the {@code range} key variable is the key itself).
     */
    public static List<Map.Entry<Object, Object>> sortedEntries(Map<?, ?> m) {
        List<Map.Entry<Object, Object>> entries = new ArrayList<>(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
        }
        entries.sort((x, y) -> compareMapKeys(x.getKey(), y.getKey()));
        return entries;
    }

    private static int compareStrings(String a, String b) {
        return dev.gitops.api.json.GoJson.KEY_ORDER.compare(a, b);
    }
}
