package dev.gitops.api.template.internal;

import static dev.gitops.api.template.ParamType.ANY;
import static dev.gitops.api.template.ParamType.STRING;
import static dev.gitops.api.template.ParamType.VALUE;

import dev.gitops.api.template.GoFmt;
import dev.gitops.api.template.GoValues;
import dev.gitops.api.template.TemplateFunction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Go's built-in template functions ({@code text/template/funcs.go}). */
final class Builtins {

    private Builtins() {
    }

    static Map<String, TemplateFunction> all() {
        Map<String, TemplateFunction> m = new HashMap<>();
        // and/or are evaluated by the executor (short-circuit); the bodies only serve a direct call path
        m.put("and", TemplateFunction.variadic((c, a) -> andOr(a, false), VALUE, VALUE));
        m.put("or", TemplateFunction.variadic((c, a) -> andOr(a, true), VALUE, VALUE));
        m.put("not", TemplateFunction.of((c, a) -> !GoValues.isTrue(a[0]), VALUE));
        m.put("len", TemplateFunction.of((c, a) -> length(a[0]), VALUE));
        m.put("index", TemplateFunction.variadic((c, a) -> index(a), VALUE, VALUE));
        m.put("slice", TemplateFunction.variadic((c, a) -> slice(a), VALUE, VALUE));
        m.put("call", TemplateFunction.variadic((c, a) -> call(c, a), VALUE, VALUE));
        m.put("print", TemplateFunction.variadic((c, a) -> GoFmt.sprint(Arrays.asList(a)), ANY));
        m.put("println", TemplateFunction.variadic((c, a) -> GoFmt.sprintln(Arrays.asList(a)), ANY));
        m.put("printf", TemplateFunction.variadic(
                (c, a) -> GoFmt.sprintf((String) a[0], Arrays.asList(a).subList(1, a.length)), STRING, ANY));
        m.put("html", TemplateFunction.variadic((c, a) -> GoStrings.htmlEscape(evalArgs(a)), ANY));
        m.put("js", TemplateFunction.variadic((c, a) -> GoStrings.jsEscape(evalArgs(a)), ANY));
        m.put("urlquery", TemplateFunction.variadic((c, a) -> GoStrings.queryEscape(evalArgs(a)), ANY));
        m.put("eq", TemplateFunction.variadic((c, a) -> eq(a), VALUE, VALUE));
        m.put("ne", TemplateFunction.of((c, a) -> !eq(a), VALUE, VALUE));
        m.put("lt", TemplateFunction.of((c, a) -> lt(a[0], a[1]), VALUE, VALUE));
        m.put("le", TemplateFunction.of((c, a) -> lt(a[0], a[1]) || eq(a), VALUE, VALUE));
        m.put("gt", TemplateFunction.of((c, a) -> !(lt(a[0], a[1]) || eq(a)), VALUE, VALUE));
        m.put("ge", TemplateFunction.of((c, a) -> !lt(a[0], a[1]), VALUE, VALUE));
        return Map.copyOf(m);
    }

    private static Object andOr(Object[] a, boolean isOr) {
        Object v = null;
        for (Object x : a) {
            v = x;
            if (GoValues.isTrue(x) == isOr) {
                return x;
            }
        }
        return v;
    }

    private static String evalArgs(Object[] a) {
        if (a.length == 1 && a[0] instanceof String s) {
            return s;
        }
        Object[] copy = a.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == null) {
                copy[i] = "<no value>";
            }
        }
        return GoFmt.sprint(Arrays.asList(copy));
    }

    private static int length(Object item) {
        if (item == null) {
            throw new IllegalArgumentException("len of nil pointer");
        }
        if (item instanceof String s) {
            return Executor.utf8Length(s);
        }
        if (item instanceof Map<?, ?> m) {
            return m.size();
        }
        if (item instanceof Collection<?> c) {
            return c.size();
        }
        if (item instanceof Object[] arr) {
            return arr.length;
        }
        if (item instanceof byte[] b) {
            return b.length;
        }
        throw new IllegalArgumentException("len of type " + GoValues.typeName(item));
    }

    private static List<?> asList(Object o) {
        if (o instanceof List<?> l) {
            return l;
        }
        if (o instanceof Object[] arr) {
            return Arrays.asList(arr);
        }
        if (o instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        return null;
    }

    private static int indexArg(Object index, int cap) {
        if (index == null) {
            throw new IllegalArgumentException("cannot index slice/array with nil");
        }
        if (!GoValues.isInteger(index)) {
            throw new IllegalArgumentException("cannot index slice/array with type " + GoValues.typeName(index));
        }
        long x = ((Number) index).longValue();
        if (x < 0 || x > cap) {
            throw new IllegalArgumentException("index out of range: " + x);
        }
        return (int) x;
    }

    private static Object index(Object[] a) {
        Object item = a[0];
        if (item == null) {
            throw new IllegalArgumentException("index of untyped nil");
        }
        for (int i = 1; i < a.length; i++) {
            Object index = a[i];
            if (item == null) {
                throw new IllegalArgumentException("index of nil pointer");
            }
            List<?> list = asList(item);
            if (list != null) {
                int x = indexArg(index, list.size());
                if (x == list.size()) {
                    throw new IllegalArgumentException("index out of range: " + x);
                }
                item = list.get(x);
            } else if (item instanceof String s) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                int x = indexArg(index, b.length);
                if (x == b.length) {
                    throw new IllegalArgumentException("index out of range: " + x);
                }
                item = b[x] & 0xff;
            } else if (item instanceof Map<?, ?> m) {
                if (index == null) {
                    throw new IllegalArgumentException("value is nil; should be of type string");
                }
                if (!(index instanceof String)) {
                    throw new IllegalArgumentException(
                            "value has type " + GoValues.typeName(index) + "; should be string");
                }
                item = m.get(index);
            } else {
                throw new IllegalArgumentException("can't index item of type " + GoValues.typeName(item));
            }
        }
        return item;
    }

    private static Object slice(Object[] a) {
        Object item = a[0];
        if (item == null) {
            throw new IllegalArgumentException("slice of untyped nil");
        }
        int nIdx = a.length - 1;
        if (nIdx > 3) {
            throw new IllegalArgumentException("too many slice indexes: " + nIdx);
        }
        int len;
        byte[] bytes = null;
        List<?> list = asList(item);
        if (item instanceof String s) {
            if (nIdx == 3) {
                throw new IllegalArgumentException("cannot 3-index slice a string");
            }
            bytes = s.getBytes(StandardCharsets.UTF_8);
            len = bytes.length;
        } else if (list != null) {
            len = list.size();
        } else {
            throw new IllegalArgumentException("can't slice item of type " + GoValues.typeName(item));
        }
        int[] idx = {0, len, len};
        for (int i = 0; i < nIdx; i++) {
            idx[i] = indexArg(a[i + 1], len);
        }
        if (idx[0] > idx[1]) {
            throw new IllegalArgumentException("invalid slice index: " + idx[0] + " > " + idx[1]);
        }
        if (nIdx == 3 && idx[1] > idx[2]) {
            throw new IllegalArgumentException("invalid slice index: " + idx[1] + " > " + idx[2]);
        }
        if (bytes != null) {
            return new String(bytes, idx[0], idx[1] - idx[0], StandardCharsets.UTF_8);
        }
        return new ArrayList<>(list.subList(idx[0], idx[1]));
    }

    private static Object call(dev.gitops.api.template.FunctionContext c, Object[] a) throws Exception {
        Object fn = a[0];
        if (fn == null) {
            throw new IllegalArgumentException("call of nil");
        }
        if (!(fn instanceof TemplateFunction f)) {
            throw new IllegalArgumentException("non-function of type " + GoValues.typeName(fn));
        }
        Object[] rest = Arrays.copyOfRange(a, 1, a.length);
        return f.body().apply(c, rest);
    }

    private enum Kind { INVALID, BOOL, INT, FLOAT, STRING, OTHER }

    private static Kind basicKind(Object v) {
        if (v == null) {
            return Kind.INVALID;
        }
        if (v instanceof Boolean) {
            return Kind.BOOL;
        }
        if (GoValues.isInteger(v)) {
            return Kind.INT;
        }
        if (GoValues.isFloat(v)) {
            return Kind.FLOAT;
        }
        if (v instanceof String) {
            return Kind.STRING;
        }
        return Kind.OTHER;
    }

    static boolean eq(Object[] a) {
        Object arg1 = a[0];
        if (a.length < 2) {
            throw new IllegalArgumentException("missing argument for comparison");
        }
        Kind k1 = basicKind(arg1);
        for (int i = 1; i < a.length; i++) {
            Object arg = a[i];
            Kind k2 = basicKind(arg);
            boolean truth;
            Kind e1 = k1 == Kind.OTHER ? Kind.INVALID : k1;
            Kind e2 = k2 == Kind.OTHER ? Kind.INVALID : k2;
            if (e1 != e2) {
                if (arg1 != null && arg != null) {
                    throw new IllegalArgumentException("incompatible types for comparison: "
                            + GoValues.typeName(arg1) + " and " + GoValues.typeName(arg));
                }
                truth = false;
            } else {
                switch (e1) {
                    case BOOL -> truth = arg1.equals(arg);
                    case FLOAT -> truth = ((Number) arg1).doubleValue() == ((Number) arg).doubleValue();
                    case INT -> truth = ((Number) arg1).longValue() == ((Number) arg).longValue();
                    case STRING -> truth = arg1.equals(arg);
                    default -> {
                        if (arg1 == null || arg == null) {
                            truth = arg1 == null && arg == null;
                        } else {
                            if (arg instanceof Map || arg instanceof Collection || arg instanceof Object[]) {
                                throw new IllegalArgumentException("non-comparable type " + GoFmt.sprintf("%s", arg)
                                        + ": " + GoValues.typeName(arg));
                            }
                            if (arg1 instanceof Map || arg1 instanceof Collection || arg1 instanceof Object[]) {
                                throw new IllegalArgumentException("non-comparable types " + GoFmt.toString(arg1)
                                        + ": " + GoValues.typeName(arg1) + ", " + GoValues.typeName(arg) + ": "
                                        + GoFmt.toString(arg));
                            }
                            truth = arg1.equals(arg);
                        }
                    }
                }
            }
            if (truth) {
                return true;
            }
        }
        return false;
    }

    static boolean lt(Object arg1, Object arg2) {
        Kind k1 = basicKind(arg1);
        if (k1 == Kind.INVALID || k1 == Kind.OTHER) {
            throw new IllegalArgumentException("invalid type for comparison");
        }
        Kind k2 = basicKind(arg2);
        if (k2 == Kind.INVALID || k2 == Kind.OTHER) {
            throw new IllegalArgumentException("invalid type for comparison");
        }
        if (k1 != k2) {
            throw new IllegalArgumentException("incompatible types for comparison: " + GoValues.typeName(arg1)
                    + " and " + GoValues.typeName(arg2));
        }
        return switch (k1) {
            case BOOL -> throw new IllegalArgumentException("invalid type for comparison");
            case FLOAT -> ((Number) arg1).doubleValue() < ((Number) arg2).doubleValue();
            case INT -> ((Number) arg1).longValue() < ((Number) arg2).longValue();
            case STRING -> compareBytes((String) arg1, (String) arg2) < 0;
            default -> throw new IllegalArgumentException("invalid type for comparison");
        };
    }

    /** Go compares strings by UTF-8 bytes, which is code point order. */
    static int compareBytes(String a, String b) {
        return dev.gitops.api.json.GoJson.KEY_ORDER.compare(a, b);
    }
}
