package dev.gitops.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.template.GoFmt;
import dev.gitops.api.template.GoObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Go's {@code encoding/json} encoder, byte for byte as built with Go 1.22 or later (kustomize 5.7 in kubectl 1.35,
 * Helm 4, sops 3.x and kubectl are all built with Go 1.25 or later).
 *
 * <p>Strings are quoted as Go quotes them: {@code \"}, {@code \\}, {@code \n}, {@code \r}, {@code \t},
 * {@code \b} and {@code \f} as short escapes; other control characters as <code>&#92;u00XX</code>; U+2028 and
 * U+2029 always as <code>&#92;u2028</code> and <code>&#92;u2029</code>; {@code <}, {@code >} and {@code &} as
 * <code>&#92;u003c</code>, <code>&#92;u003e</code> and <code>&#92;u0026</code> when HTML escaping is on (Go's
 * default, {@code json.Marshal}); a lone surrogate (Go's invalid UTF-8) as <code>&#92;ufffd</code>. DEL (U+007F)
 * and everything else is written as is. Map keys are sorted by their UTF-8 bytes (code point order), as Go sorts
 * {@code map[string]T} keys.
 *
 * <p>Values: {@code null} and Jackson's null/missing nodes are {@code null}; {@link CharSequence}s and textual nodes
 * are strings; {@link Boolean}s; integral {@link Number}s ({@code Integer}, {@code Long}, {@code BigInteger},
 * ...) are written in full; {@code Double}, {@code Float} and {@code BigDecimal} are float64 and written with
 * Go's float format ({@link #formatFloat}); {@link Map}s are objects (keys through {@link String#valueOf}); any
 * {@link Collection} or {@link JsonNode} array is an array; {@code byte[]} is a base64 string ({@code []byte});
 * {@link Marshaler}s are replaced by their JSON value; other {@link GoObject}s are written as the string of their
 * {@code %v} form; anything else as the string of its {@code toString()}.
 *
 * <p>Instances are immutable and thread-safe; {@link #standard()} is {@code json.Marshal}.
 *
 * <pre>{@code
 * GoJson.standard().marshal(Map.of("a", "x&y"));            // {"a":"x\\u0026y"}
 * GoJson.builder().escapeHtml(false).indent("", "  ").build() // an Encoder with SetEscapeHTML(false), SetIndent
 * }</pre>
 */
public final class GoJson {

    /** A Java value with a JSON form of its own, as a Go type implementing {@code json.Marshaler} or tagged struct. */
    public interface Marshaler {
        /** The value to encode instead of this one (a map for a struct, a string, ...). */
        Object toJsonValue();
    }

    private static final GoJson STANDARD = new GoJson(true, null, "");
    private static final String HEX = "0123456789abcdef";
    private static final int MAX_DEPTH = 10_000;

    /** Go orders map keys by their UTF-8 bytes, which is code point order (not Java's UTF-16 order). */
    public static final Comparator<String> KEY_ORDER = GoJson::compareCodePoints;

    private final boolean escapeHtml;
    private final String indent;
    private final String prefix;

    private GoJson(boolean escapeHtml, String indent, String prefix) {
        this.escapeHtml = escapeHtml;
        this.indent = indent;
        this.prefix = prefix;
    }

    /** {@code json.Marshal}: compact, HTML escaping on. */
    public static GoJson standard() {
        return STANDARD;
    }

    /** A builder starting from {@link #standard()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code <}, {@code >} and {@code &} are escaped. */
    public boolean escapeHtml() {
        return escapeHtml;
    }

    /** The indent string of {@code json.MarshalIndent}, if this encoder indents. */
    public Optional<String> indent() {
        return Optional.ofNullable(indent);
    }

    /**
     * The JSON text of a value, without a trailing newline (as {@code json.Marshal} and {@code json.MarshalIndent};
     * Go's {@code Encoder.Encode} adds {@code "\n"}).
     *
     * @throws UnsupportedJsonValueException for NaN or infinite floats
     */
    public String marshal(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    /** Appends the JSON text of a value. */
    public void marshalTo(Appendable out, Object value) {
        try {
            out.append(marshal(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string as a JSON string literal, quoted as {@code json.Marshal(s)} with this encoder's HTML setting. */
    public String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(sb, s);
        return sb.toString();
    }

    /** Appends {@link #quote(String)}. */
    public void quote(StringBuilder sb, String s) {
        quote(sb, s, escapeHtml);
    }

    /**
     * Go's encoding/json float64 format: the shortest representation that reads back to the same value, in
     * exponent form ({@code 1e-7}, {@code 1e+21}) when the magnitude is below 1e-6 or at least 1e21.
     *
     * @throws UnsupportedJsonValueException for NaN and the infinities
     */
    public static String formatFloat(double f) {
        if (Double.isNaN(f) || Double.isInfinite(f)) {
            throw new UnsupportedJsonValueException("json: unsupported value: " + GoFmt.formatFloat(f, 'g', -1));
        }
        double abs = Math.abs(f);
        boolean exp = abs != 0 && (abs < 1e-6 || abs >= 1e21);
        String s = GoFmt.formatFloat(f, exp ? 'e' : 'f', -1);
        if (exp) {
            // clean up e-09 to e-9
            int n = s.length();
            if (n >= 4 && s.charAt(n - 4) == 'e' && s.charAt(n - 3) == '-' && s.charAt(n - 2) == '0') {
                s = s.substring(0, n - 2) + s.charAt(n - 1);
            }
        }
        return s;
    }

    private void newline(StringBuilder sb, int depth) {
        sb.append('\n').append(prefix);
        for (int i = 0; i < depth; i++) {
            sb.append(indent);
        }
    }

    private void write(StringBuilder sb, Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new UnsupportedJsonValueException("json: unsupported value: nesting deeper than " + MAX_DEPTH);
        }
        if (v == null) {
            sb.append("null");
        } else if (v instanceof JsonNode n) {
            node(sb, n, depth);
        } else if (v instanceof CharSequence s) {
            quote(sb, s.toString(), escapeHtml);
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float) {
            sb.append(formatFloat(((Number) v).doubleValue()));
        } else if (v instanceof BigDecimal d) {
            sb.append(formatFloat(d.doubleValue()));
        } else if (v instanceof BigInteger i) {
            sb.append(i);
        } else if (v instanceof Number n) {
            sb.append(n.longValue());
        } else if (v instanceof Map<?, ?> m) {
            List<Map.Entry<String, Object>> entries = new ArrayList<>(m.size());
            m.forEach((k, val) -> entries.add(Map.entry(String.valueOf(k), new Holder(val))));
            object(sb, entries, depth);
        } else if (v instanceof Collection<?> c) {
            array(sb, c.iterator(), c.isEmpty(), depth);
        } else if (v instanceof byte[] b) {
            quote(sb, Base64.getEncoder().encodeToString(b), escapeHtml);
        } else if (v instanceof Marshaler mv) {
            write(sb, mv.toJsonValue(), depth + 1);
        } else if (v instanceof GoObject g) {
            quote(sb, g.goString(), escapeHtml);
        } else if (v instanceof Holder h) {
            write(sb, h.value, depth);
        } else {
            quote(sb, String.valueOf(v), escapeHtml);
        }
    }

    /** Wraps a map value so that a null survives Map.entry. */
    private record Holder(Object value) {
    }

    private void object(StringBuilder sb, List<Map.Entry<String, Object>> entries, int depth) {
        if (entries.isEmpty()) {
            sb.append("{}");
            return;
        }
        entries.sort(Map.Entry.comparingByKey(KEY_ORDER));
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : entries) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            if (indent != null) {
                newline(sb, depth + 1);
            }
            quote(sb, e.getKey(), escapeHtml);
            sb.append(':');
            if (indent != null) {
                sb.append(' ');
            }
            write(sb, e.getValue(), depth + 1);
        }
        if (indent != null) {
            newline(sb, depth);
        }
        sb.append('}');
    }

    private void array(StringBuilder sb, Iterator<?> it, boolean empty, int depth) {
        if (empty) {
            sb.append("[]");
            return;
        }
        sb.append('[');
        boolean first = true;
        while (it.hasNext()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            if (indent != null) {
                newline(sb, depth + 1);
            }
            write(sb, it.next(), depth + 1);
        }
        if (indent != null) {
            newline(sb, depth);
        }
        sb.append(']');
    }

    private void node(StringBuilder sb, JsonNode n, int depth) {
        if (n.isNull() || n.isMissingNode()) {
            sb.append("null");
        } else if (n.isObject()) {
            List<Map.Entry<String, Object>> entries = new ArrayList<>(n.size());
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                entries.add(Map.entry(e.getKey(), e.getValue()));
            }
            object(sb, entries, depth);
        } else if (n.isArray()) {
            array(sb, n.elements(), n.isEmpty(), depth);
        } else if (n.isTextual()) {
            quote(sb, n.textValue(), escapeHtml);
        } else if (n.isBoolean()) {
            sb.append(n.booleanValue() ? "true" : "false");
        } else if (n.isIntegralNumber()) {
            sb.append(n.bigIntegerValue());
        } else if (n.isNumber()) {
            sb.append(formatFloat(n.doubleValue()));
        } else if (n.isBinary()) {
            try {
                quote(sb, Base64.getEncoder().encodeToString(n.binaryValue()), escapeHtml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (n.isPojo()) {
            write(sb, ((com.fasterxml.jackson.databind.node.POJONode) n).getPojo(), depth);
        } else {
            quote(sb, n.asText(), escapeHtml);
        }
    }

    static void quote(StringBuilder sb, String s, boolean html) {
        sb.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7f && !(html && (c == '<' || c == '>' || c == '&'))) {
                sb.append(c);
                continue;
            }
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\u2028', '\u2029' -> sb.append("\\u202").append(HEX.charAt(c & 0xf));
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        sb.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        sb.append("\\ufffd");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // outside the surrogates UTF-16 order is code point order; a pair sorts after every BMP char
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    @Override
    public String toString() {
        return "GoJson[escapeHtml=" + escapeHtml + (indent == null ? "" : ", indent='" + indent + "'") + "]";
    }

    /** Builds a {@link GoJson}. */
    public static final class Builder {
        private boolean escapeHtml = true;
        private String indent;
        private String prefix = "";

        private Builder() {
        }

        /** {@code Encoder.SetEscapeHTML}: whether {@code <}, {@code >} and {@code &} are escaped (default true). */
        public Builder escapeHtml(boolean on) {
            this.escapeHtml = on;
            return this;
        }

        /**
         * {@code json.MarshalIndent(v, prefix, indent)}: each element on its own line, starting with {@code prefix}
         * and one {@code indent} per level; empty objects and arrays stay {@code {}} and {@code []}.
         */
        public Builder indent(String prefix, String indent) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            this.indent = Objects.requireNonNull(indent, "indent");
            return this;
        }

        /** Compact output (the default). */
        public Builder compact() {
            this.prefix = "";
            this.indent = null;
            return this;
        }

        /** The encoder. */
        public GoJson build() {
            if (escapeHtml && indent == null) {
                return STANDARD;
            }
            return new GoJson(escapeHtml, indent, prefix);
        }
    }
}
