package dev.gitops.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.json.GoJson;
import dev.gitops.api.template.GoObject;
import dev.gitops.api.template.GoValues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between Jackson trees and the template data model, and Go/Sprig value helpers. */
public final class GoData {

    private GoData() {
    }

    /**
     * A Jackson tree as Helm sees a value decoded with encoding/json into {@code interface{}}: every number a
     * float64 ({@link Double}), maps mutable and in key order of the source.
     */
    public static Object fromJson(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), fromJson(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            n.forEach(c -> l.add(fromJson(c)));
            return l;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isBinary()) {
            try {
                return java.util.Base64.getEncoder().encodeToString(n.binaryValue());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return n.asText();
    }

    /** Template data to a Jackson tree (for YAML output); Go integers stay integers, floats stay floats. */
    public static JsonNode toJson(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) {
            return f.nullNode();
        }
        if (v instanceof String s) {
            return f.textNode(s);
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (v instanceof Double d) {
            return f.numberNode(d);
        }
        if (v instanceof Float d) {
            return f.numberNode(d.doubleValue());
        }
        if (v instanceof Number n) {
            return f.numberNode(n.longValue());
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = f.objectNode();
            m.forEach((k, val) -> o.set(String.valueOf(k), toJson(val)));
            return o;
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = f.arrayNode();
            c.forEach(x -> a.add(toJson(x)));
            return a;
        }
        if (v instanceof byte[] b) {
            return f.textNode(java.util.Base64.getEncoder().encodeToString(b));
        }
        if (v instanceof GoJson.Marshaler jv) {
            return toJson(jv.toJsonValue());
        }
        if (v instanceof GoObject g) {
            return f.textNode(g.goString());
        }
        return f.textNode(String.valueOf(v));
    }

    /** A deep copy with mutable maps and lists. */
    @SuppressWarnings("unchecked")
    public static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            m.forEach((k, val) -> c.put(String.valueOf(k), deepCopy(val)));
            return c;
        }
        if (v instanceof Collection<?> l) {
            List<Object> c = new ArrayList<>(l.size());
            l.forEach(x -> c.add(deepCopy(x)));
            return c;
        }
        return v;
    }

    /** Sprig's {@code empty}: nil, zero numbers, false, empty strings/lists/maps; structs are never empty. */
    public static boolean empty(Object v) {
        if (v == null) {
            return true;
        }
        if (v instanceof GoObject) {
            return false;
        }
        return !GoValues.isTrue(v);
    }

    /** Sprig's {@code strval}: strings as they are, byte slices decoded, anything else {@code %v}. */
    public static String strval(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (v instanceof Throwable t) {
            return t.getMessage();
        }
        return dev.gitops.api.template.GoFmt.toString(v);
    }

    /** spf13/cast ToInt64: numbers truncated, strings parsed (base prefix allowed, ".0" trimmed), else 0. */
    public static long toInt64(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return (long) d;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            String t = trimZeroDecimal(s);
            try {
                return parseGoInt(t);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    static String trimZeroDecimal(String s) {
        boolean foundZero = false;
        for (int i = s.length(); i > 0; i--) {
            char c = s.charAt(i - 1);
            if (c == '.') {
                if (foundZero) {
                    return s.substring(0, i - 1);
                }
                return s;
            } else if (c == '0') {
                foundZero = true;
            } else {
                return s;
            }
        }
        return s;
    }

    /** strconv.ParseInt(s, 0, 64). */
    static long parseGoInt(String s) {
        String t = s;
        boolean neg = false;
        if (t.startsWith("-") || t.startsWith("+")) {
            neg = t.charAt(0) == '-';
            t = t.substring(1);
        }
        int base = 10;
        if (t.length() > 1 && t.charAt(0) == '0') {
            char c = Character.toLowerCase(t.charAt(1));
            if (c == 'x') {
                base = 16;
                t = t.substring(2);
            } else if (c == 'b') {
                base = 2;
                t = t.substring(2);
            } else if (c == 'o') {
                base = 8;
                t = t.substring(2);
            } else {
                base = 8;
                t = t.substring(1);
            }
        }
        t = t.replace("_", "");
        if (t.isEmpty()) {
            throw new NumberFormatException(s);
        }
        long r = Long.parseLong(t, base);
        return neg ? -r : r;
    }

    /** spf13/cast ToFloat64. */
    public static double toFloat64(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim().equals(s) ? s : "x");
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** Sprig's {@code strslice}. */
    public static List<String> strslice(Object v) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof Collection<?> c) {
            for (Object o : c) {
                if (o != null) {
                    out.add(strval(o));
                }
            }
            return out;
        }
        out.add(strval(v));
        return out;
    }

    /** Go's reflect kind name, as Sprig's {@code kindOf} prints it. */
    public static String kindOf(Object v) {
        if (v == null) {
            return "invalid";
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
        if (v instanceof Map) {
            return "map";
        }
        if (v instanceof Collection || v instanceof byte[]) {
            return "slice";
        }
        if (v instanceof GoObject g) {
            return g.goTypeName().startsWith("*") ? "ptr" : "struct";
        }
        return "interface";
    }

    /** reflect.DeepEqual over the data model. */
    public static boolean deepEqual(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (!GoValues.typeName(a).equals(GoValues.typeName(b))) {
            return false;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !deepEqual(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!deepEqual(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return java.util.Arrays.equals(x, y);
        }
        return a.equals(b);
    }
}
