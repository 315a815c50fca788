package dev.gitops.helm.internal;

import static dev.gitops.api.template.ParamType.ANY;
import static dev.gitops.api.template.ParamType.BOOL;
import static dev.gitops.api.template.ParamType.INT;
import static dev.gitops.api.template.ParamType.LIST;
import static dev.gitops.api.template.ParamType.MAP;
import static dev.gitops.api.template.ParamType.STRING;
import static dev.gitops.helm.internal.GoData.empty;
import static dev.gitops.helm.internal.GoData.strval;
import static dev.gitops.helm.internal.GoData.toFloat64;
import static dev.gitops.helm.internal.GoData.toInt64;

import dev.gitops.api.json.GoJson;
import dev.gitops.api.json.UnsupportedJsonValueException;
import dev.gitops.api.semver.Constraint;
import dev.gitops.api.semver.SemVer;
import dev.gitops.api.template.GoFmt;
import dev.gitops.api.template.GoObject;
import dev.gitops.api.template.GoValues;
import dev.gitops.api.template.ParamType;
import dev.gitops.api.template.TemplateFunction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.zip.Adler32;

/** Sprig v3's function map as Helm exposes it ({@code env} and {@code expandenv} are removed, as in Helm). */
public final class Sprig {

    private static final GoJson RAW_JSON = GoJson.builder().escapeHtml(false).build();
    private static final GoJson PRETTY_JSON = GoJson.builder().indent("", "  ").build();

    private final Map<String, TemplateFunction> m = new LinkedHashMap<>();
    private final Random random;
    private final java.time.Clock clock;

    private Sprig(Random random, java.time.Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /** The functions; {@code random} feeds rand*, uuidv4 and key generation, {@code clock} feeds now. */
    public static Map<String, TemplateFunction> functions(Random random, java.time.Clock clock) {
        Sprig s = new Sprig(random, clock);
        s.strings();
        s.lists();
        s.dicts();
        s.math();
        s.defaults();
        s.encoding();
        s.regex();
        s.semver();
        s.types();
        s.paths();
        s.randoms();
        Dates.register(s.m, clock);
        Crypto.register(s.m, random);
        return Map.copyOf(s.m);
    }

    private void f(String name, TemplateFunction.Body body, ParamType... params) {
        m.put(name, TemplateFunction.of(body, params));
    }

    private void v(String name, TemplateFunction.Body body, ParamType... params) {
        m.put(name, TemplateFunction.variadic(body, params));
    }

    static String s(Object o) {
        return (String) o;
    }

    static int i(Object o) {
        return (Integer) o;
    }

    // ---------------------------------------------------------------------------------------------------------

    private void strings() {
        f("upper", (c, a) -> s(a[0]).toUpperCase(java.util.Locale.ROOT), STRING);
        f("lower", (c, a) -> s(a[0]).toLowerCase(java.util.Locale.ROOT), STRING);
        f("title", (c, a) -> title(s(a[0])), STRING);
        f("untitle", (c, a) -> untitle(s(a[0])), STRING);
        f("trim", (c, a) -> trimSpace(s(a[0])), STRING);
        f("trimAll", (c, a) -> trimCutset(s(a[1]), s(a[0])), STRING, STRING);
        f("trimall", (c, a) -> trimCutset(s(a[1]), s(a[0])), STRING, STRING);
        f("trimSuffix", (c, a) -> s(a[1]).endsWith(s(a[0])) ? s(a[1]).substring(0, s(a[1]).length() - s(a[0]).length())
                : s(a[1]), STRING, STRING);
        f("trimPrefix", (c, a) -> s(a[1]).startsWith(s(a[0])) ? s(a[1]).substring(s(a[0]).length()) : s(a[1]),
                STRING, STRING);
        f("nospace", (c, a) -> s(a[0]).codePoints().filter(cp -> !isGoSpace(cp))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString(), STRING);
        f("repeat", (c, a) -> {
            if (i(a[0]) < 0) {
                throw new IllegalArgumentException("strings: negative Repeat count");
            }
            return s(a[1]).repeat(i(a[0]));
        }, INT, STRING);
        f("substr", (c, a) -> substr(i(a[0]), i(a[1]), s(a[2])), INT, INT, STRING);
        f("trunc", (c, a) -> trunc(i(a[0]), s(a[1])), INT, STRING);
        f("abbrev", (c, a) -> abbrev(i(a[0]), s(a[1])), INT, STRING);
        f("abbrevboth", (c, a) -> abbrevboth(i(a[0]), i(a[1]), s(a[2])), INT, INT, STRING);
        f("initials", (c, a) -> initials(s(a[0])), STRING);
        f("swapcase", (c, a) -> swapcase(s(a[0])), STRING);
        f("snakecase", (c, a) -> Cases.snake(s(a[0])), STRING);
        f("camelcase", (c, a) -> Cases.camel(s(a[0])), STRING);
        f("kebabcase", (c, a) -> Cases.kebab(s(a[0])), STRING);
        f("wrap", (c, a) -> Cases.wrap(s(a[1]), i(a[0]), "\n", false), INT, STRING);
        f("wrapWith", (c, a) -> Cases.wrap(s(a[2]), i(a[0]), s(a[1]), true), INT, STRING, STRING);
        f("contains", (c, a) -> s(a[1]).contains(s(a[0])), STRING, STRING);
        f("hasPrefix", (c, a) -> s(a[1]).startsWith(s(a[0])), STRING, STRING);
        f("hasSuffix", (c, a) -> s(a[1]).endsWith(s(a[0])), STRING, STRING);
        v("quote", (c, a) -> {
            List<String> out = new ArrayList<>();
            for (Object o : a) {
                if (o != null) {
                    out.add(GoFmt.sprintf("%q", strval(o)));
                }
            }
            return String.join(" ", out);
        }, ANY);
        v("squote", (c, a) -> {
            List<String> out = new ArrayList<>();
            for (Object o : a) {
                if (o != null) {
                    out.add("'" + strval(o) + "'");
                }
            }
            return String.join(" ", out);
        }, ANY);
        v("cat", (c, a) -> {
            List<Object> vals = new ArrayList<>();
            for (Object o : a) {
                if (o != null) {
                    vals.add(o);
                }
            }
            return GoFmt.sprintf(("%v ".repeat(vals.size())).trim(), vals);
        }, ANY);
        f("indent", (c, a) -> indent(i(a[0]), s(a[1])), INT, STRING);
        f("nindent", (c, a) -> "\n" + indent(i(a[0]), s(a[1])), INT, STRING);
        f("replace", (c, a) -> s(a[2]).replace(s(a[0]), s(a[1])), STRING, STRING, STRING);
        f("plural", (c, a) -> i(a[2]) == 1 ? a[0] : a[1], STRING, STRING, INT);
        f("toString", (c, a) -> strval(a[0]), ANY);
        f("split", (c, a) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            List<String> parts = goSplit(s(a[1]), s(a[0]), -1);
            for (int k = 0; k < parts.size(); k++) {
                r.put("_" + k, parts.get(k));
            }
            return r;
        }, STRING, STRING);
        f("splitn", (c, a) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            List<String> parts = goSplit(s(a[2]), s(a[0]), i(a[1]));
            for (int k = 0; k < parts.size(); k++) {
                r.put("_" + k, parts.get(k));
            }
            return r;
        }, STRING, INT, STRING);
        f("splitList", (c, a) -> new ArrayList<Object>(goSplit(s(a[1]), s(a[0]), -1)), STRING, STRING);
        f("toStrings", (c, a) -> new ArrayList<Object>(GoData.strslice(a[0])), ANY);
        f("join", (c, a) -> String.join(s(a[0]), GoData.strslice(a[1])), STRING, ANY);
        f("sortAlpha", (c, a) -> {
            if (a[0] instanceof Collection<?>) {
                List<String> l = GoData.strslice(a[0]);
                l.sort(Sprig::compareBytes);
                return new ArrayList<Object>(l);
            }
            return new ArrayList<Object>(List.of(strval(a[0])));
        }, ANY);
        f("sha1sum", (c, a) -> hash("SHA-1", s(a[0])), STRING);
        f("sha256sum", (c, a) -> hash("SHA-256", s(a[0])), STRING);
        f("sha512sum", (c, a) -> hash("SHA-512", s(a[0])), STRING);
        f("adler32sum", (c, a) -> {
            Adler32 ad = new Adler32();
            ad.update(s(a[0]).getBytes(StandardCharsets.UTF_8));
            return Long.toString(ad.getValue());
        }, STRING);
    }

    static int compareBytes(String a, String b) {
        return Arrays.compare(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static boolean isGoSpace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == 11 || cp == '\f' || cp == '\r' || cp == 0x85
                || cp == 0xA0 || (cp > 0xff && Character.isWhitespace(cp)) || cp == 0x2007 || cp == 0x202F
                || cp == 0x1680 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029
                || cp == 0x205f;
    }

    static String trimSpace(String s) {
        int st = 0;
        int en = s.length();
        while (st < en && isGoSpace(s.codePointAt(st))) {
            st += Character.charCount(s.codePointAt(st));
        }
        while (en > st && isGoSpace(s.codePointBefore(en))) {
            en -= Character.charCount(s.codePointBefore(en));
        }
        return s.substring(st, en);
    }

    static String trimCutset(String s, String cutset) {
        int st = 0;
        int en = s.length();
        while (st < en && cutset.indexOf(s.codePointAt(st)) >= 0) {
            st += Character.charCount(s.codePointAt(st));
        }
        while (en > st && cutset.indexOf(s.codePointBefore(en)) >= 0) {
            en -= Character.charCount(s.codePointBefore(en));
        }
        return s.substring(st, en);
    }

    /** Go's strings.SplitN. */
    static List<String> goSplit(String s, String sep, int n) {
        List<String> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        if (sep.isEmpty()) {
            int cps = s.codePointCount(0, s.length());
            int limit = n < 0 || n > cps ? cps : n;
            int idx = 0;
            for (int k = 0; k < limit - 1; k++) {
                int cp = s.codePointAt(idx);
                out.add(new String(Character.toChars(cp)));
                idx += Character.charCount(cp);
            }
            if (idx < s.length() || limit > 0 && out.size() < limit) {
                out.add(s.substring(idx));
            }
            return out;
        }
        int start = 0;
        while (n < 0 || out.size() < n - 1) {
            int k = s.indexOf(sep, start);
            if (k < 0) {
                break;
            }
            out.add(s.substring(start, k));
            start = k + sep.length();
        }
        out.add(s.substring(start));
        return out;
    }

    static String title(String s) {
        StringBuilder sb = new StringBuilder();
        int prev = ' ';
        for (int k = 0; k < s.length(); ) {
            int cp = s.codePointAt(k);
            k += Character.charCount(cp);
            if (isSeparator(prev)) {
                sb.appendCodePoint(Character.toTitleCase(cp));
            } else {
                sb.appendCodePoint(cp);
            }
            prev = cp;
        }
        return sb.toString();
    }

    private static boolean isSeparator(int r) {
        if (r <= 0x7F) {
            if ('0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r == '_') {
                return false;
            }
            return true;
        }
        if (Character.isLetterOrDigit(r)) {
            return false;
        }
        return Character.isWhitespace(r) || Character.isSpaceChar(r);
    }

    static String untitle(String s) {
        StringBuilder sb = new StringBuilder();
        boolean inWord = false;
        for (int k = 0; k < s.length(); ) {
            int cp = s.codePointAt(k);
            k += Character.charCount(cp);
            if (!inWord && !isGoSpace(cp)) {
                sb.appendCodePoint(Character.toLowerCase(cp));
                inWord = true;
            } else {
                sb.appendCodePoint(cp);
                if (isGoSpace(cp)) {
                    inWord = false;
                }
            }
        }
        return sb.toString();
    }

    static String substr(int start, int end, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (start < 0) {
            return new String(b, 0, checkBound(end, b.length), StandardCharsets.UTF_8);
        }
        if (end < 0 || end > b.length) {
            return new String(b, checkBound(start, b.length), b.length - start, StandardCharsets.UTF_8);
        }
        if (start > end) {
            throw new IllegalArgumentException("runtime error: slice bounds out of range [" + start + ":" + end + "]");
        }
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    private static int checkBound(int x, int len) {
        if (x > len || x < 0) {
            throw new IllegalArgumentException("runtime error: slice bounds out of range [:" + x + "] with length "
                    + len);
        }
        return x;
    }

    static String trunc(int c, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (c < 0 && b.length + c > 0) {
            return new String(b, b.length + c, -c, StandardCharsets.UTF_8);
        }
        if (c >= 0 && b.length > c) {
            return new String(b, 0, c, StandardCharsets.UTF_8);
        }
        return s;
    }

    static String abbrev(int width, String s) {
        if (width < 4) {
            return s;
        }
        if (s.length() <= width) {
            return s;
        }
        return s.substring(0, width - 3) + "...";
    }

    static String abbrevboth(int left, int right, String s) {
        if (right < 4 || left > 0 && right < 7) {
            return s;
        }
        int offset = left;
        int maxWidth = right;
        if (s.length() <= maxWidth) {
            return s;
        }
        if (offset > s.length()) {
            offset = s.length();
        }
        if (s.length() - offset < maxWidth - 3) {
            offset = s.length() - (maxWidth - 3);
        }
        if (offset <= 4) {
            return s.substring(0, maxWidth - 3) + "...";
        }
        if (offset + maxWidth - 3 < s.length()) {
            return "..." + abbrev(maxWidth - 3, s.substring(offset));
        }
        return "..." + s.substring(s.length() - (maxWidth - 3));
    }

    static String initials(String s) {
        StringBuilder sb = new StringBuilder();
        boolean last = true;
        for (int k = 0; k < s.length(); ) {
            int cp = s.codePointAt(k);
            k += Character.charCount(cp);
            if (isGoSpace(cp)) {
                last = true;
            } else if (last) {
                sb.appendCodePoint(cp);
                last = false;
            }
        }
        return sb.toString();
    }

    static String swapcase(String s) {
        StringBuilder sb = new StringBuilder();
        boolean whitespace = true;
        for (int k = 0; k < s.length(); ) {
            int cp = s.codePointAt(k);
            k += Character.charCount(cp);
            if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                sb.appendCodePoint(Character.toLowerCase(cp));
            } else if (Character.isLowerCase(cp)) {
                sb.appendCodePoint(whitespace ? Character.toTitleCase(cp) : Character.toUpperCase(cp));
            } else {
                sb.appendCodePoint(cp);
            }
            whitespace = isGoSpace(cp);
        }
        return sb.toString();
    }

    static String indent(int spaces, String v) {
        String pad = " ".repeat(Math.max(spaces, 0));
        return pad + v.replace("\n", "\n" + pad);
    }

    static String hash(String alg, String s) {
        try {
            byte[] d = MessageDigest.getInstance(alg).digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    static List<Object> asList(Object o, String op) {
        if (o instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<Object> r = (List<Object>) l;
            return r;
        }
        if (o instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        throw new IllegalArgumentException("Cannot " + op + " on type " + GoData.kindOf(o));
    }

    private void listFn(String name, String op, java.util.function.Function<List<Object>, Object> fn) {
        TemplateFunction.Body body = (c, a) -> fn.apply(asList(a[0], op));
        f(name, body, ANY);
        f("must" + Character.toUpperCase(name.charAt(0)) + name.substring(1), body, ANY);
    }

    private void lists() {
        v("list", (c, a) -> new ArrayList<>(Arrays.asList(a)), ANY);
        v("tuple", (c, a) -> new ArrayList<>(Arrays.asList(a)), ANY);
        TemplateFunction.Body push = (c, a) -> {
            List<Object> l = new ArrayList<>(asList(a[0], "push"));
            l.add(a[1]);
            return l;
        };
        f("append", push, ANY, ANY);
        f("push", push, ANY, ANY);
        f("mustAppend", push, ANY, ANY);
        f("mustPush", push, ANY, ANY);
        TemplateFunction.Body prepend = (c, a) -> {
            List<Object> l = new ArrayList<>();
            l.add(a[1]);
            l.addAll(asList(a[0], "prepend"));
            return l;
        };
        f("prepend", prepend, ANY, ANY);
        f("mustPrepend", prepend, ANY, ANY);
        listFn("first", "find first", l -> l.isEmpty() ? null : l.get(0));
        listFn("last", "find last", l -> l.isEmpty() ? null : l.get(l.size() - 1));
        listFn("rest", "find rest", l -> l.isEmpty() ? null : new ArrayList<>(l.subList(1, l.size())));
        listFn("initial", "find initial", l -> l.isEmpty() ? null : new ArrayList<>(l.subList(0, l.size() - 1)));
        listFn("reverse", "find reverse", l -> {
            List<Object> r = new ArrayList<>(l);
            java.util.Collections.reverse(r);
            return r;
        });
        listFn("uniq", "find uniq", l -> {
            List<Object> r = new ArrayList<>();
            for (Object o : l) {
                boolean found = false;
                for (Object x : r) {
                    if (GoData.deepEqual(x, o)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    r.add(o);
                }
            }
            return r;
        });
        listFn("compact", "compact", l -> {
            List<Object> r = new ArrayList<>();
            for (Object o : l) {
                if (!empty(o)) {
                    r.add(o);
                }
            }
            return r;
        });
        TemplateFunction.Body without = (c, a) -> {
            List<Object> l = asList(a[0], "find without");
            List<Object> r = new ArrayList<>();
            for (Object o : l) {
                boolean omit = false;
                for (int k = 1; k < a.length; k++) {
                    if (GoData.deepEqual(o, a[k])) {
                        omit = true;
                    }
                }
                if (!omit) {
                    r.add(o);
                }
            }
            return r;
        };
        v("without", without, ANY, ANY);
        v("mustWithout", without, ANY, ANY);
        TemplateFunction.Body has = (c, a) -> {
            if (a[1] == null) {
                return false;
            }
            for (Object o : asList(a[1], "find has")) {
                if (GoData.deepEqual(o, a[0])) {
                    return true;
                }
            }
            return false;
        };
        f("has", has, ANY, ANY);
        f("mustHas", has, ANY, ANY);
        TemplateFunction.Body slice = (c, a) -> {
            List<Object> l = asList(a[0], "slice");
            int start = a.length > 1 ? (int) toInt64(a[1]) : 0;
            int end = a.length > 2 ? (int) toInt64(a[2]) : l.size();
            if (a.length < 2) {
                return new ArrayList<>(l);
            }
            return new ArrayList<>(l.subList(start, end));
        };
        v("slice", (c, a) -> {
            if (!(a[0] instanceof Collection<?>)) {
                throw new IllegalArgumentException("list should be type of slice or array but "
                        + GoData.kindOf(a[0]));
            }
            return slice.apply(c, a);
        }, ANY, ANY);
        v("mustSlice", slice, ANY, ANY);
        v("concat", (c, a) -> {
            List<Object> r = new ArrayList<>();
            for (Object o : a) {
                r.addAll(asList(o, "concat"));
            }
            return r;
        }, ANY);
        TemplateFunction.Body chunk = (c, a) -> {
            int size = i(a[0]);
            List<Object> l = asList(a[1], "chunk");
            List<Object> r = new ArrayList<>();
            for (int k = 0; k < l.size(); k += size) {
                r.add(new ArrayList<>(l.subList(k, Math.min(l.size(), k + size))));
            }
            return r;
        };
        f("chunk", chunk, INT, ANY);
        f("mustChunk", chunk, INT, ANY);
        f("until", (c, a) -> untilStep(0, i(a[0]), i(a[0]) < 0 ? -1 : 1), INT);
        f("untilStep", (c, a) -> untilStep(i(a[0]), i(a[1]), i(a[2])), INT, INT, INT);
        v("seq", (c, a) -> seq(a), ANY);
    }

    static List<Object> untilStep(int start, int stop, int step) {
        List<Object> v = new ArrayList<>();
        if (stop < start) {
            if (step >= 0) {
                return v;
            }
            for (int k = start; k > stop; k += step) {
                v.add(k);
            }
            return v;
        }
        if (step <= 0) {
            return v;
        }
        for (int k = start; k < stop; k += step) {
            v.add(k);
        }
        return v;
    }

    static String seq(Object[] a) {
        long start = 1;
        long step = 1;
        long end;
        switch (a.length) {
            case 0:
                return "";
            case 1:
                end = toInt64(a[0]);
                if (end < 1) {
                    step = -1;
                }
                break;
            case 2:
                start = toInt64(a[0]);
                end = toInt64(a[1]);
                if (end < start) {
                    step = -1;
                }
                break;
            case 3:
                start = toInt64(a[0]);
                step = toInt64(a[1]);
                end = toInt64(a[2]);
                if (end < start && step > 0 || end > start && step < 0 || step == 0) {
                    return "";
                }
                break;
            default:
                return "";
        }
        List<String> out = new ArrayList<>();
        if (step > 0) {
            for (long k = start; k <= end; k += step) {
                out.add(Long.toString(k));
            }
        } else {
            for (long k = start; k >= end; k += step) {
                out.add(Long.toString(k));
            }
        }
        return String.join(" ", out);
    }

    // ---------------------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        if (o == null) {
            return new LinkedHashMap<>();
        }
        return (Map<String, Object>) o;
    }

    private void dicts() {
        v("dict", (c, a) -> {
            Map<String, Object> d = new LinkedHashMap<>();
            for (int k = 0; k < a.length; k += 2) {
                String key = strval(a[k]);
                d.put(key, k + 1 < a.length ? a[k + 1] : "");
            }
            return d;
        }, ANY);
        f("get", (c, a) -> {
            Map<String, Object> d = asMap(a[0]);
            return d.containsKey(s(a[1])) ? d.get(s(a[1])) : "";
        }, MAP, STRING);
        f("set", (c, a) -> {
            Map<String, Object> d = asMap(a[0]);
            d.put(s(a[1]), a[2]);
            return d;
        }, MAP, STRING, ANY);
        f("unset", (c, a) -> {
            Map<String, Object> d = asMap(a[0]);
            d.remove(s(a[1]));
            return d;
        }, MAP, STRING);
        f("hasKey", (c, a) -> asMap(a[0]).containsKey(s(a[1])), MAP, STRING);
        v("pluck", (c, a) -> {
            List<Object> r = new ArrayList<>();
            for (int k = 1; k < a.length; k++) {
                Map<String, Object> d = asMap(a[k]);
                if (d.containsKey(s(a[0]))) {
                    r.add(d.get(s(a[0])));
                }
            }
            return r;
        }, STRING, MAP);
        v("keys", (c, a) -> {
            List<Object> r = new ArrayList<>();
            for (Object d : a) {
                List<String> ks = new ArrayList<>(asMap(d).keySet());
                ks.sort(Sprig::compareBytes);
                r.addAll(ks);
            }
            return r;
        }, MAP);
        f("values", (c, a) -> {
            TreeMap<String, Object> sorted = new TreeMap<>(Sprig::compareBytes);
            sorted.putAll(asMap(a[0]));
            return new ArrayList<>(sorted.values());
        }, MAP);
        v("pick", (c, a) -> {
            Map<String, Object> d = asMap(a[0]);
            Map<String, Object> r = new LinkedHashMap<>();
            for (int k = 1; k < a.length; k++) {
                if (d.containsKey(s(a[k]))) {
                    r.put(s(a[k]), d.get(s(a[k])));
                }
            }
            return r;
        }, MAP, STRING);
        v("omit", (c, a) -> {
            Map<String, Object> r = new LinkedHashMap<>(asMap(a[0]));
            for (int k = 1; k < a.length; k++) {
                r.remove(s(a[k]));
            }
            return r;
        }, MAP, STRING);
        TemplateFunction.Body merge = (c, a) -> {
            Map<String, Object> dst = asMap(a[0]);
            for (int k = 1; k < a.length; k++) {
                mergo(dst, asMap(a[k]), false);
            }
            return dst;
        };
        TemplateFunction.Body mergeOverwrite = (c, a) -> {
            Map<String, Object> dst = asMap(a[0]);
            for (int k = 1; k < a.length; k++) {
                mergo(dst, asMap(a[k]), true);
            }
            return dst;
        };
        v("merge", merge, MAP, MAP);
        v("mustMerge", merge, MAP, MAP);
        v("mergeOverwrite", mergeOverwrite, MAP, MAP);
        v("mustMergeOverwrite", mergeOverwrite, MAP, MAP);
        f("deepCopy", (c, a) -> GoData.deepCopy(a[0]), ANY);
        f("mustDeepCopy", (c, a) -> {
            if (a[0] == null) {
                throw new IllegalArgumentException("copy: Cannot copy nil");
            }
            return GoData.deepCopy(a[0]);
        }, ANY);
        v("dig", (c, a) -> {
            if (a.length < 3) {
                throw new IllegalArgumentException("dig needs at least three arguments");
            }
            Map<String, Object> dict = asMap(a[a.length - 1]);
            Object def = a[a.length - 2];
            Object cur = dict;
            for (int k = 0; k < a.length - 2; k++) {
                String key = s(a[k]);
                if (!(cur instanceof Map<?, ?> cm) || !cm.containsKey(key)) {
                    return def;
                }
                cur = cm.get(key);
            }
            return cur;
        }, ANY);
    }

    /** mergo.Merge over maps (with or without WithOverride), as Sprig's merge/mergeOverwrite use it. */
    @SuppressWarnings("unchecked")
    static void mergo(Map<String, Object> dst, Map<String, Object> src, boolean overwrite) {
        for (Map.Entry<String, Object> e : src.entrySet()) {
            String k = e.getKey();
            Object sv = e.getValue();
            boolean present = dst.containsKey(k);
            Object dv = dst.get(k);
            if (sv == null) {
                if (overwrite) {
                    dst.put(k, null);
                }
                continue;
            }
            if (sv instanceof Map<?, ?> sm && dv instanceof Map<?, ?> dm) {
                mergo((Map<String, Object>) dm, (Map<String, Object>) sm, overwrite);
                continue;
            }
            if (present && !empty(dv) && !overwrite) {
                continue;
            }
            dst.put(k, sv);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private void math() {
        f("atoi", (c, a) -> {
            try {
                return Integer.parseInt(s(a[0]).startsWith("+") ? s(a[0]).substring(1) : s(a[0]));
            } catch (NumberFormatException e) {
                return 0;
            }
        }, STRING);
        f("int", (c, a) -> (int) toInt64(a[0]), ANY);
        f("int64", (c, a) -> toInt64(a[0]), ANY);
        f("float64", (c, a) -> toFloat64(a[0]), ANY);
        f("toDecimal", (c, a) -> {
            try {
                return Long.parseLong(strval(a[0]), 8);
            } catch (NumberFormatException e) {
                return 0L;
            }
        }, ANY);
        f("add1", (c, a) -> toInt64(a[0]) + 1, ANY);
        v("add", (c, a) -> {
            long r = 0;
            for (Object o : a) {
                r += toInt64(o);
            }
            return r;
        }, ANY);
        f("sub", (c, a) -> toInt64(a[0]) - toInt64(a[1]), ANY, ANY);
        f("div", (c, a) -> {
            long d = toInt64(a[1]);
            if (d == 0) {
                throw new ArithmeticException("runtime error: integer divide by zero");
            }
            return toInt64(a[0]) / d;
        }, ANY, ANY);
        f("mod", (c, a) -> {
            long d = toInt64(a[1]);
            if (d == 0) {
                throw new ArithmeticException("runtime error: integer divide by zero");
            }
            return toInt64(a[0]) % d;
        }, ANY, ANY);
        v("mul", (c, a) -> {
            long r = toInt64(a[0]);
            for (int k = 1; k < a.length; k++) {
                r *= toInt64(a[k]);
            }
            return r;
        }, ANY, ANY);
        TemplateFunction.Body max = (c, a) -> {
            long r = toInt64(a[0]);
            for (int k = 1; k < a.length; k++) {
                r = Math.max(r, toInt64(a[k]));
            }
            return r;
        };
        v("max", max, ANY, ANY);
        v("biggest", max, ANY, ANY);
        v("min", (c, a) -> {
            long r = toInt64(a[0]);
            for (int k = 1; k < a.length; k++) {
                r = Math.min(r, toInt64(a[k]));
            }
            return r;
        }, ANY, ANY);
        v("maxf", (c, a) -> {
            double r = toFloat64(a[0]);
            for (int k = 1; k < a.length; k++) {
                r = Math.max(r, toFloat64(a[k]));
            }
            return r;
        }, ANY, ANY);
        v("minf", (c, a) -> {
            double r = toFloat64(a[0]);
            for (int k = 1; k < a.length; k++) {
                r = Math.min(r, toFloat64(a[k]));
            }
            return r;
        }, ANY, ANY);
        f("add1f", (c, a) -> decimal(a[0]).add(BigDecimal.ONE).doubleValue(), ANY);
        v("addf", (c, a) -> decOp(a, BigDecimal::add), ANY);
        v("subf", (c, a) -> decOp(a, BigDecimal::subtract), ANY, ANY);
        v("mulf", (c, a) -> decOp(a, BigDecimal::multiply), ANY, ANY);
        v("divf", (c, a) -> decOp(a, (x, y) -> {
            if (y.signum() == 0) {
                throw new ArithmeticException("decimal division by 0");
            }
            return x.divide(y, 16, RoundingMode.HALF_UP);
        }), ANY, ANY);
        f("ceil", (c, a) -> Math.ceil(toFloat64(a[0])), ANY);
        f("floor", (c, a) -> Math.floor(toFloat64(a[0])), ANY);
        v("round", (c, a) -> {
            double roundOn = a.length > 2 ? toFloat64(a[2]) : 0.5;
            double val = toFloat64(a[0]);
            double pow = Math.pow(10, i(a[1]));
            double digit = pow * val;
            double frac = digit - (digit < 0 ? Math.ceil(digit) : Math.floor(digit));
            double r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
            return r / pow;
        }, ANY, INT, ANY);
    }

    static BigDecimal decimal(Object o) {
        double d = toFloat64(o);
        return new BigDecimal(GoFmt.formatFloat(d, 'e', -1).replace("e+", "e"), MathContext.UNLIMITED);
    }

    private static double decOp(Object[] a, java.util.function.BinaryOperator<BigDecimal> op) {
        if (a.length == 0) {
            return 0;
        }
        BigDecimal r = decimal(a[0]);
        for (int k = 1; k < a.length; k++) {
            r = op.apply(r, decimal(a[k]));
        }
        return r.doubleValue();
    }

    // ---------------------------------------------------------------------------------------------------------

    private void defaults() {
        v("default", (c, a) -> a.length < 2 || empty(a[1]) ? a[0] : a[1], ANY, ANY);
        f("empty", (c, a) -> empty(a[0]), ANY);
        v("coalesce", (c, a) -> {
            for (Object o : a) {
                if (!empty(o)) {
                    return o;
                }
            }
            return null;
        }, ANY);
        v("all", (c, a) -> {
            for (Object o : a) {
                if (empty(o)) {
                    return false;
                }
            }
            return true;
        }, ANY);
        v("any", (c, a) -> {
            for (Object o : a) {
                if (!empty(o)) {
                    return true;
                }
            }
            return false;
        }, ANY);
        f("ternary", (c, a) -> (Boolean) a[2] ? a[0] : a[1], ANY, ANY, BOOL);
        f("fail", (c, a) -> {
            throw new IllegalStateException(s(a[0]));
        }, STRING);
    }

    private void encoding() {
        f("b64enc", (c, a) -> Base64.getEncoder().encodeToString(s(a[0]).getBytes(StandardCharsets.UTF_8)), STRING);
        f("b64dec", (c, a) -> {
            try {
                return new String(Base64.getDecoder().decode(s(a[0])), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "illegal base64 data at input byte " + badBase64Offset(s(a[0]));
            }
        }, STRING);
        f("b32enc", (c, a) -> Base32.encode(s(a[0]).getBytes(StandardCharsets.UTF_8)), STRING);
        f("b32dec", (c, a) -> {
            try {
                return new String(Base32.decode(s(a[0])), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }, STRING);
        f("toPrettyJson", (c, a) -> {
            try {
                return PRETTY_JSON.marshal(a[0]);
            } catch (UnsupportedJsonValueException e) {
                return "";
            }
        }, ANY);
        f("toRawJson", (c, a) -> {
            try {
                return RAW_JSON.marshal(a[0]);
            } catch (UnsupportedJsonValueException e) {
                return "";
            }
        }, ANY);
        f("mustToJson", (c, a) -> GoJson.standard().marshal(a[0]), ANY);
        f("mustToPrettyJson", (c, a) -> PRETTY_JSON.marshal(a[0]), ANY);
        f("mustToRawJson", (c, a) -> RAW_JSON.marshal(a[0]), ANY);
    }

    static int badBase64Offset(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            if (alphabet.indexOf(ch) < 0 && ch != '=') {
                return k;
            }
        }
        return s.length() - s.length() % 4;
    }

    // ---------------------------------------------------------------------------------------------------------

    static Pattern compile(String re) {
        try {
            return Pattern.compile(GoRegex.toJava(re));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("error parsing regexp: " + e.getDescription() + ": `" + re + "`");
        }
    }

    private void regex() {
        TemplateFunction.Body match = (c, a) -> compile(s(a[0])).matcher(s(a[1])).find();
        f("regexMatch", match, STRING, STRING);
        f("mustRegexMatch", match, STRING, STRING);
        TemplateFunction.Body findAll = (c, a) -> {
            Matcher mm = compile(s(a[0])).matcher(s(a[1]));
            int n = i(a[2]);
            List<Object> r = new ArrayList<>();
            while ((n < 0 || r.size() < n) && mm.find()) {
                r.add(mm.group());
            }
            return r;
        };
        f("regexFindAll", findAll, STRING, STRING, INT);
        f("mustRegexFindAll", findAll, STRING, STRING, INT);
        TemplateFunction.Body find = (c, a) -> {
            Matcher mm = compile(s(a[0])).matcher(s(a[1]));
            return mm.find() ? mm.group() : "";
        };
        f("regexFind", find, STRING, STRING);
        f("mustRegexFind", find, STRING, STRING);
        TemplateFunction.Body replaceAll = (c, a) -> GoRegex.replaceAll(compile(s(a[0])), s(a[1]), s(a[2]), false);
        f("regexReplaceAll", replaceAll, STRING, STRING, STRING);
        f("mustRegexReplaceAll", replaceAll, STRING, STRING, STRING);
        TemplateFunction.Body replaceLit = (c, a) -> GoRegex.replaceAll(compile(s(a[0])), s(a[1]), s(a[2]), true);
        f("regexReplaceAllLiteral", replaceLit, STRING, STRING, STRING);
        f("mustRegexReplaceAllLiteral", replaceLit, STRING, STRING, STRING);
        TemplateFunction.Body split = (c, a) -> GoRegex.split(compile(s(a[0])), s(a[1]), i(a[2]));
        f("regexSplit", split, STRING, STRING, INT);
        f("mustRegexSplit", split, STRING, STRING, INT);
        f("regexQuoteMeta", (c, a) -> GoRegex.quoteMeta(s(a[0])), STRING);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Masterminds semver's *Version as templates see it. */
    record SemverValue(SemVer v) implements GoObject {
        @Override
        public String goTypeName() {
            return "*semver.Version";
        }

        @Override
        public boolean hasMethod(String name) {
            return switch (name) {
                case "Major", "Minor", "Patch", "Prerelease", "Metadata", "Original", "String" -> true;
                default -> false;
            };
        }

        @Override
        public Object callMethod(String name, List<Object> args) {
            return switch (name) {
                case "Major" -> v.major();
                case "Minor" -> v.minor();
                case "Patch" -> v.patch();
                case "Prerelease" -> v.prerelease();
                case "Metadata" -> v.metadata();
                case "Original" -> v.original();
                default -> v.toString();
            };
        }

        @Override
        public String goString() {
            return v.toString();
        }
    }

    private void semver() {
        f("semver", (c, a) -> new SemverValue(SemVer.parse(s(a[0]))), STRING);
        f("semverCompare", (c, a) -> {
            Constraint con = Constraint.parse(s(a[0]));
            SemVer ver = SemVer.parse(s(a[1]));
            return con.matches(ver);
        }, STRING, STRING);
    }

    private void types() {
        f("typeOf", (c, a) -> GoValues.typeName(a[0]), ANY);
        f("typeIs", (c, a) -> s(a[0]).equals(GoValues.typeName(a[1])), STRING, ANY);
        f("typeIsLike", (c, a) -> {
            String t = GoValues.typeName(a[1]);
            return s(a[0]).equals(t) || ("*" + s(a[0])).equals(t);
        }, STRING, ANY);
        f("kindOf", (c, a) -> GoData.kindOf(a[0]), ANY);
        f("kindIs", (c, a) -> s(a[0]).equals(GoData.kindOf(a[1])), STRING, ANY);
        f("deepEqual", (c, a) -> GoData.deepEqual(a[0], a[1]), ANY, ANY);
    }

    private void paths() {
        f("base", (c, a) -> GoPath.base(s(a[0])), STRING);
        f("dir", (c, a) -> GoPath.dir(s(a[0])), STRING);
        f("clean", (c, a) -> GoPath.clean(s(a[0])), STRING);
        f("ext", (c, a) -> GoPath.ext(s(a[0])), STRING);
        f("isAbs", (c, a) -> s(a[0]).startsWith("/"), STRING);
        f("osBase", (c, a) -> GoPath.base(s(a[0])), STRING);
        f("osDir", (c, a) -> GoPath.dir(s(a[0])), STRING);
        f("osClean", (c, a) -> GoPath.clean(s(a[0])), STRING);
        f("osExt", (c, a) -> GoPath.ext(s(a[0])), STRING);
        f("osIsAbs", (c, a) -> s(a[0]).startsWith("/"), STRING);
        f("urlParse", (c, a) -> GoPath.urlParse(s(a[0])), STRING);
        f("urlJoin", (c, a) -> GoPath.urlJoin(asMap(a[0])), MAP);
        f("getHostByName", (c, a) -> "", STRING);
    }

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private String rand(int n, String chars) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            sb.append(chars.charAt(random.nextInt(chars.length())));
        }
        return sb.toString();
    }

    private void randoms() {
        f("randAlphaNum", (c, a) -> rand(i(a[0]), ALNUM), INT);
        f("randAlpha", (c, a) -> rand(i(a[0]), ALNUM.substring(0, 52)), INT);
        f("randNumeric", (c, a) -> rand(i(a[0]), "0123456789"), INT);
        f("randAscii", (c, a) -> {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < i(a[0]); k++) {
                sb.append((char) (32 + random.nextInt(95)));
            }
            return sb.toString();
        }, INT);
        f("randInt", (c, a) -> i(a[0]) + random.nextInt(Math.max(1, i(a[1]) - i(a[0]))), INT, INT);
        f("randBytes", (c, a) -> {
            byte[] b = new byte[i(a[0])];
            random.nextBytes(b);
            return Base64.getEncoder().encodeToString(b);
        }, INT);
        f("uuidv4", (c, a) -> {
            byte[] b = new byte[16];
            random.nextBytes(b);
            b[6] = (byte) ((b[6] & 0x0f) | 0x40);
            b[8] = (byte) ((b[8] & 0x3f) | 0x80);
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b);
            return new UUID(bb.getLong(), bb.getLong()).toString();
        });
        f("shuffle", (c, a) -> {
            List<Integer> cps = new ArrayList<>();
            s(a[0]).codePoints().forEach(cps::add);
            java.util.Collections.shuffle(cps, random);
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        }, STRING);
    }

    static Object unused(ParamType p) {
        return LIST;
    }
}
