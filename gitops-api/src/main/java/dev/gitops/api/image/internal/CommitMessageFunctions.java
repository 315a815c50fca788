package dev.gitops.api.image.internal;

import static dev.gitops.api.template.ParamType.ANY;
import static dev.gitops.api.template.ParamType.STRING;

import dev.gitops.api.template.GoFmt;
import dev.gitops.api.template.GoObject;
import dev.gitops.api.template.GoValues;
import dev.gitops.api.template.TemplateFunction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hermetic Sprig string functions commit message templates use most ({@code upper}, {@code lower},
 * {@code trim}, {@code trimPrefix}, {@code trimSuffix}, {@code replace}, {@code quote}, {@code squote},
 * {@code join}, {@code default}, {@code contains}, {@code hasPrefix}, {@code hasSuffix}), with Sprig's semantics.
 * Flux registers all of {@code sprig.HermeticTxtFuncMap()}; the complete Sprig lives in gitops-helm and can be
 * added through {@code ImageUpdateAutomation.Builder#templateFunctions}.
 */
public final class CommitMessageFunctions {

    private static final Map<String, TemplateFunction> FUNCTIONS = create();

    private CommitMessageFunctions() {
    }

    /** The functions (immutable). */
    public static Map<String, TemplateFunction> functions() {
        return FUNCTIONS;
    }

    private static Map<String, TemplateFunction> create() {
        Map<String, TemplateFunction> m = new LinkedHashMap<>();
        m.put("upper", TemplateFunction.of((c, a) -> s(a[0]).toUpperCase(Locale.ROOT), STRING));
        m.put("lower", TemplateFunction.of((c, a) -> s(a[0]).toLowerCase(Locale.ROOT), STRING));
        m.put("trim", TemplateFunction.of((c, a) -> trimSpace(s(a[0])), STRING));
        m.put("trimPrefix", TemplateFunction.of((c, a) -> s(a[1]).startsWith(s(a[0]))
                ? s(a[1]).substring(s(a[0]).length()) : s(a[1]), STRING, STRING));
        m.put("trimSuffix", TemplateFunction.of((c, a) -> s(a[1]).endsWith(s(a[0]))
                ? s(a[1]).substring(0, s(a[1]).length() - s(a[0]).length()) : s(a[1]), STRING, STRING));
        m.put("replace", TemplateFunction.of((c, a) -> s(a[2]).replace(s(a[0]), s(a[1])), STRING, STRING, STRING));
        m.put("contains", TemplateFunction.of((c, a) -> s(a[1]).contains(s(a[0])), STRING, STRING));
        m.put("hasPrefix", TemplateFunction.of((c, a) -> s(a[1]).startsWith(s(a[0])), STRING, STRING));
        m.put("hasSuffix", TemplateFunction.of((c, a) -> s(a[1]).endsWith(s(a[0])), STRING, STRING));
        m.put("quote", TemplateFunction.variadic((c, a) -> {
            List<String> out = new ArrayList<>();
            for (Object o : a) {
                if (o != null) {
                    out.add(GoFmt.sprintf("%q", strval(o)));
                }
            }
            return String.join(" ", out);
        }, ANY));
        m.put("squote", TemplateFunction.variadic((c, a) -> {
            List<String> out = new ArrayList<>();
            for (Object o : a) {
                if (o != null) {
                    out.add("'" + strval(o) + "'");
                }
            }
            return String.join(" ", out);
        }, ANY));
        m.put("join", TemplateFunction.of((c, a) -> String.join(s(a[0]), strslice(a[1])), STRING, ANY));
        m.put("default", TemplateFunction.variadic((c, a) -> a.length < 2 || empty(a[1]) ? a[0] : a[1], ANY, ANY));
        return Map.copyOf(m);
    }

    private static String s(Object o) {
        return (String) o;
    }

    /** Sprig's {@code strval}. */
    private static String strval(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return GoFmt.toString(v);
    }

    /** Sprig's {@code strslice}: nils dropped, elements through {@code strval}. */
    private static List<String> strslice(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            for (Object o : c) {
                if (o != null) {
                    out.add(strval(o));
                }
            }
        } else if (v != null) {
            out.add(strval(v));
        }
        return out;
    }

    /** Sprig's {@code empty}: zero values are empty; structs never are. */
    private static boolean empty(Object v) {
        return v == null || !(v instanceof GoObject) && !GoValues.isTrue(v);
    }

    /** Go's {@code strings.TrimSpace}. */
    private static String trimSpace(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isSpace(s.codePointAt(b))) {
            b += Character.charCount(s.codePointAt(b));
        }
        while (e > b && isSpace(s.codePointBefore(e))) {
            e -= Character.charCount(s.codePointBefore(e));
        }
        return s.substring(b, e);
    }

    private static boolean isSpace(int c) {
        return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == ' ' || c == 0x85 || c == 0xA0
                || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
                || c == 0x205F || c == 0x3000;
    }
}
