package dev.gitops.helm.internal;

import dev.gitops.api.template.GoFmt;
import dev.gitops.api.template.GoObject;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Go's {@code encoding/json} Marshal over the template data model. */
public final class GoJson {

    private GoJson() {
    }

    /** Thrown for values encoding/json refuses (NaN, infinities). */
    public static final class UnsupportedValue extends RuntimeException {
        UnsupportedValue(String m) {
            super(m);
        }
    }

    /** {@code json.Marshal} ({@code escapeHtml}) or an encoder with {@code SetEscapeHTML(false)}. */
    public static String marshal(Object v, boolean escapeHtml) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, escapeHtml, null, 0);
        return sb.toString();
    }

    /** {@code json.MarshalIndent(v, "", indent)}. */
    public static String marshalIndent(Object v, String indent, boolean escapeHtml) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, escapeHtml, indent, 0);
        return sb.toString();
    }

    private static void newline(StringBuilder sb, String indent, int depth) {
        sb.append('\n');
        for (int i = 0; i < depth; i++) {
            sb.append(indent);
        }
    }

    private static void write(StringBuilder sb, Object v, boolean html, String indent, int depth) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s, html);
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float) {
            sb.append(formatFloat(((Number) v).doubleValue()));
        } else if (v instanceof Number n) {
            sb.append(n.longValue());
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            TreeMap<String, Object> sorted = new TreeMap<>();
            m.forEach((k, val) -> sorted.put(String.valueOf(k), val));
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                if (indent != null) {
                    newline(sb, indent, depth + 1);
                }
                string(sb, e.getKey(), html);
                sb.append(':');
                if (indent != null) {
                    sb.append(' ');
                }
                write(sb, e.getValue(), html, indent, depth + 1);
            }
            if (indent != null) {
                newline(sb, indent, depth);
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            if (c.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                if (indent != null) {
                    newline(sb, indent, depth + 1);
                }
                write(sb, o, html, indent, depth + 1);
            }
            if (indent != null) {
                newline(sb, indent, depth);
            }
            sb.append(']');
        } else if (v instanceof byte[] b) {
            string(sb, Base64.getEncoder().encodeToString(b), html);
        } else if (v instanceof GoObject g) {
            Object j = g instanceof JsonValue jv ? jv.jsonValue() : g.goString();
            write(sb, j, html, indent, depth);
        } else {
            string(sb, String.valueOf(v), html);
        }
    }

    /** A Go object with a JSON form (a struct marshalled by encoding/json). */
    public interface JsonValue {
        Object jsonValue();
    }

    /** encoding/json's float format. */
    public static String formatFloat(double f) {
        if (Double.isNaN(f) || Double.isInfinite(f)) {
            throw new UnsupportedValue("json: unsupported value: " + GoFmt.formatFloat(f, 'g', -1));
        }
        double abs = Math.abs(f);
        char fmt = 'f';
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            fmt = 'e';
        }
        String s = GoFmt.formatFloat(f, fmt, -1);
        if (fmt == 'e') {
            int n = s.length();
            if (n >= 4 && s.charAt(n - 4) == 'e' && s.charAt(n - 3) == '-' && s.charAt(n - 2) == '0') {
                s = s.substring(0, n - 2) + s.charAt(n - 1);
            }
        }
        return s;
    }

    private static final String HEX = "0123456789abcdef";

    static void string(StringBuilder sb, String s, boolean html) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> {
                    if (c < 0x20 || (html && (c == '<' || c == '>' || c == '&'))) {
                        sb.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1))) {
                            sb.append(c).append(s.charAt(++i));
                        } else {
                            sb.append("\\ufffd");
                        }
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
