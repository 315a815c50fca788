package dev.gitops.api.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gitops.api.yaml.internal.QuotedText;
import java.math.BigInteger;

/**
 * How the reader types untagged scalars, shared by {@link YamlComposer} and {@link BlockYamlReader} so both read
 * every scalar the same way: go-yaml v3's typing by default, {@code sigs.k8s.io/yaml}'s YAMLToJSON typing when
 * {@link Yaml.Builder#yamlToJsonTyping} is set.
 */
final class YamlScalarTyping {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The marker {@link #resolveV3} answers for null. */
    static final Object NULL = new Object();

    private YamlScalarTyping() {}

    /**
     * An untagged plain scalar; {@code null} when YAMLToJSON typing cannot represent it (NaN and the infinities:
     * the caller reports "json: unsupported value", see {@link #unsupported}).
     */
    static JsonNode plain(String value, boolean yamlToJson) {
        return yamlToJson ? viaJson(value) : typed(resolveV3(value));
    }

    /** The "json: unsupported value" text for a plain scalar {@link #plain} answered null for. */
    static String unsupported(String value) {
        double d = (Double) resolveV3(value);
        return "json: unsupported value: " + (Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf");
    }

    /** go-yaml v3's plain-scalar typing as the tree needs it: timestamps stay text (kyaml keeps them as text). */
    static Object resolveV3(String value) {
        GoYamlScalars.Scalar r = GoYamlScalars.resolve(value, GoYamlScalars.Mode.GO_YAML_V3);
        if (r instanceof GoYamlScalars.Null) {
            return NULL;
        }
        if (r instanceof GoYamlScalars.Bool b) {
            return b.value();
        }
        if (r instanceof GoYamlScalars.Int i) {
            return i.isInt64() ? (Object) i.value().longValue() : i.value();
        }
        if (r instanceof GoYamlScalars.Float d) {
            return d.value();
        }
        if (r instanceof GoYamlScalars.Timestamp t) {
            return t.text();
        }
        return ((GoYamlScalars.Str) r).value();
    }

    /** A string that was quoted in the file; marked when it holds a substitution reference. */
    static JsonNode quoted(String value) {
        return value.contains("${") ? new QuotedText(value) : F.textNode(value);
    }

    /** A plain scalar as go-yaml v2 reads it into interface{}, then encoding/json writes and reads it back. */
    private static JsonNode viaJson(String value) {
        Boolean b = yaml11Bool(value);
        if (b != null) {
            return F.booleanNode(b);
        }
        Object r = resolveV3(value);
        if (r instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return null;
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e21) {
                // encoding/json prints an integral float without a fraction; read back, it is an integer
                java.math.BigDecimal bd = new java.math.BigDecimal(d);
                BigInteger i = bd.toBigIntegerExact();
                if (i.bitLength() < 64) {
                    return typed(i.longValue());
                }
                if (i.signum() > 0 && i.bitLength() <= 64) {
                    return F.numberNode(i);
                }
            }
        }
        return typed(r);
    }

    /** A plain map key as sigs.k8s.io/yaml turns go-yaml v2's typed keys into JSON object keys. */
    static String jsonKey(String key) {
        Boolean b = yaml11Bool(key);
        if (b != null) {
            return b.toString();
        }
        Object r = resolveV3(key);
        if (r instanceof Long || r instanceof BigInteger) {
            return r.toString();
        }
        return key;
    }

    /** go-yaml v2's YAML 1.1 booleans (y/yes/on/true, n/no/off/false in their spellings); else null. */
    private static Boolean yaml11Bool(String value) {
        return GoYamlScalars.resolve(value, GoYamlScalars.Mode.GO_YAML_V2) instanceof GoYamlScalars.Bool b
                ? b.value() : null;
    }

    /** The node of a value {@link #resolveV3} answered. */
    static JsonNode typed(Object r) {
        if (r == NULL) {
            return F.nullNode();
        }
        if (r instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (r instanceof Long l) {
            return l == (int) (long) l ? F.numberNode((int) (long) l) : F.numberNode(l);
        }
        if (r instanceof BigInteger b) {
            return F.numberNode(b);
        }
        if (r instanceof Double d) {
            return F.numberNode(d);
        }
        return F.textNode((String) r);
    }
}
