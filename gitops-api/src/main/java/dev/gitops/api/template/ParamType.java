package dev.gitops.api.template;

/**
 * The Go type of a template function parameter. Arguments are checked and literal constants converted as Go's
 * {@code text/template} does for a function with that parameter type, with the same error messages
 * ({@code wrong type for value; expected string; got int64}).
 */
public enum ParamType {
    /** {@code interface{}}: any value, including nil. */
    ANY("interface {}"),
    /** {@code string}. */
    STRING("string"),
    /** {@code int} ({@link Integer}). */
    INT("int"),
    /** {@code int64} ({@link Long}). */
    INT64("int64"),
    /** {@code float64} ({@link Double}). */
    FLOAT64("float64"),
    /** {@code bool}. */
    BOOL("bool"),
    /** {@code []interface{}} ({@link java.util.List}); nil allowed. */
    LIST("[]interface {}"),
    /** {@code map[string]interface{}} ({@link java.util.Map}); nil allowed. */
    MAP("map[string]interface {}"),
    /** {@code reflect.Value}: any value, as Go's built-ins receive them. */
    VALUE("reflect.Value");

    private final String goName;

    ParamType(String goName) {
        this.goName = goName;
    }

    /** The Go spelling of the type, used in messages. */
    public String goName() {
        return goName;
    }

    /** Whether a nil can be passed for this type. */
    public boolean canBeNil() {
        return this == ANY || this == LIST || this == MAP || this == VALUE;
    }

    /** Whether a non-null value is assignable to this type. */
    public boolean accepts(Object v) {
        return switch (this) {
            case ANY, VALUE -> true;
            case STRING -> v instanceof String;
            case INT -> v instanceof Integer;
            case INT64 -> v instanceof Long;
            case FLOAT64 -> v instanceof Double;
            case BOOL -> v instanceof Boolean;
            case LIST -> v instanceof java.util.List;
            case MAP -> v instanceof java.util.Map;
        };
    }
}
