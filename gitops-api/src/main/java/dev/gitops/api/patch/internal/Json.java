package dev.gitops.api.patch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * JSON value helpers with Go's view of types: objects, arrays, strings, integers (int64), floats (float64),
 * booleans and null are distinct types; equality is by type and value (an {@code IntNode} equals a
 * {@code LongNode} of the same value).
 */
public final class Json {

    /** The shared node factory. */
    public static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Go-like value types. */
    public enum Kind { OBJECT, ARRAY, STRING, INT, FLOAT, BOOL, NULL }

    private Json() {
    }

    /** The Go type of a value ({@code null} and missing are NULL). */
    public static Kind kind(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return Kind.NULL;
        }
        if (n.isObject()) {
            return Kind.OBJECT;
        }
        if (n.isArray()) {
            return Kind.ARRAY;
        }
        if (n.isTextual()) {
            return Kind.STRING;
        }
        if (n.isIntegralNumber()) {
            return Kind.INT;
        }
        if (n.isNumber()) {
            return Kind.FLOAT;
        }
        if (n.isBoolean()) {
            return Kind.BOOL;
        }
        // binary, POJO: treat as string
        return Kind.STRING;
    }

    /** True for null or missing. */
    public static boolean isNull(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    /** Deep equality by Go type and value; object key order does not matter, list order does. */
    public static boolean equal(JsonNode a, JsonNode b) {
        if (a == b) {
            return true;
        }
        Kind ka = kind(a);
        if (ka != kind(b)) {
            return false;
        }
        switch (ka) {
            case NULL:
                return true;
            case STRING:
                return a.asText().equals(b.asText());
            case BOOL:
                return a.booleanValue() == b.booleanValue();
            case INT:
                if (a.canConvertToLong() && b.canConvertToLong()) {
                    return a.longValue() == b.longValue();
                }
                return a.bigIntegerValue().equals(b.bigIntegerValue());
            case FLOAT:
                if (a.isBigDecimal() || b.isBigDecimal()) {
                    return a.decimalValue().compareTo(b.decimalValue()) == 0;
                }
                return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
            case ARRAY: {
                if (a.size() != b.size()) {
                    return false;
                }
                for (int i = 0; i < a.size(); i++) {
                    if (!equal(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            case OBJECT: {
                if (a.size() != b.size()) {
                    return false;
                }
                for (Map.Entry<String, JsonNode> e : a.properties()) {
                    JsonNode other = b.get(e.getKey());
                    if (other == null || !equal(e.getValue(), other)) {
                        return false;
                    }
                }
                return true;
            }
            default:
                return false;
        }
    }

    /** A hash consistent with {@link #equal}. */
    public static int hash(JsonNode n) {
        switch (kind(n)) {
            case NULL:
                return 0;
            case STRING:
                return n.asText().hashCode();
            case BOOL:
                return n.booleanValue() ? 1231 : 1237;
            case INT:
                return n.canConvertToLong() ? Long.hashCode(n.longValue()) : n.bigIntegerValue().hashCode();
            case FLOAT:
                return Double.hashCode(n.doubleValue());
            case ARRAY: {
                int h = 1;
                for (JsonNode e : n) {
                    h = 31 * h + hash(e);
                }
                return h;
            }
            default: {
                int h = 0;
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    h += e.getKey().hashCode() ^ hash(e.getValue());
                }
                return h;
            }
        }
    }

    /** Go's {@code fmt.Sprintf("%v", v)} for scalars (used to sort and match merge keys as the Go code does). */
    public static String goString(JsonNode n) {
        switch (kind(n)) {
            case NULL:
                return "<nil>";
            case STRING:
                return n.asText();
            case BOOL:
                return n.booleanValue() ? "true" : "false";
            case INT:
                return n.canConvertToLong() ? Long.toString(n.longValue()) : n.bigIntegerValue().toString();
            case FLOAT:
                return goFloat(n.doubleValue(), 'g');
            case ARRAY: {
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < n.size(); i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    sb.append(goString(n.get(i)));
                }
                return sb.append(']').toString();
            }
            default: {
                List<String> keys = new ArrayList<>();
                n.fieldNames().forEachRemaining(keys::add);
                Collections.sort(keys);
                StringBuilder sb = new StringBuilder("map[");
                for (int i = 0; i < keys.size(); i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    sb.append(keys.get(i)).append(':').append(goString(n.get(keys.get(i))));
                }
                return sb.append(']').toString();
            }
        }
    }

    /**
     * Formats a float64 as Go does: {@code 'g'} is fmt's {@code %v} (exponent when the decimal exponent is below -4
     * or at least 21), {@code 'j'} is encoding/json (exponent when abs < 1e-6 or >= 1e21).
     */
    public static String goFloat(double d, char mode) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - bd.scale(); // decimal exponent of the first digit
        double abs = Math.abs(d);
        boolean useExp;
        if (mode == 'j') {
            useExp = abs < 1e-6 || abs >= 1e21;
        } else {
            // fmt's %v: shortest digits, exponent form when exp < -4 || exp >= 21
            useExp = exp < -4 || exp >= 21;
        }
        StringBuilder sb = new StringBuilder();
        if (d < 0) {
            sb.append('-');
        }
        if (useExp) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int e = Math.abs(exp);
            if (e < 10) {
                sb.append(mode == 'j' ? "" : "0");
            }
            sb.append(e);
        } else {
            sb.append(bd.abs().toPlainString());
        }
        return sb.toString();
    }

    /** Go's {@code json.Marshal} of a decoded value (see {@link dev.gitops.api.json.GoJson}). */
    public static String goJson(JsonNode n) {
        return dev.gitops.api.json.GoJson.standard().marshal(n == null ? NullNode.getInstance() : n);
    }

    /** A new empty object. */
    public static ObjectNode object() {
        return F.objectNode();
    }

    /** Whole-number check used by quantity and int-or-string comparisons. */
    public static boolean isWhole(BigDecimal d) {
        return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
    }

    /** Converts to BigInteger when integral. */
    public static BigInteger toBigInteger(JsonNode n) {
        return n.bigIntegerValue();
    }
}
