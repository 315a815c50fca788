package dev.gitops.api.yaml;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Go's YAML libraries type a plain (unquoted, untagged) scalar: the one resolver of the library, with the two
 * behaviours the real tools have.
 *
 * <ul>
 * <li>{@link Mode#GO_YAML_V3}: go-yaml v3 ({@code gopkg.in/yaml.v3} 3.0.1, {@code go.yaml.in/yaml/v3} 3.0.4), the
 * YAML 1.2 core schema plus v3's leftovers (octal {@code 0777}, {@code 0b101}, underscores in numbers): kustomize
 * and kyaml, sops.</li>
 * <li>{@link Mode#GO_YAML_V2}: go-yaml v2 ({@code sigs.k8s.io/yaml}), YAML 1.1: {@code y/Y/yes/no/on/off...} are
 * booleans, {@code 0o17} is not special (Go's {@code ParseInt} still reads it): Helm's values, Chart.yaml and
 * {@code fromYaml}; kyaml's "would this plain string read back as a string" check before writing.</li>
 * </ul>
 *
 * <p>Both: {@code ""}, {@code ~}, {@code null}/{@code Null}/{@code NULL} are null; {@code true/True/TRUE} and
 * {@code false/False/FALSE} booleans; {@code .inf}, {@code -.Inf}, {@code .NaN} and their case variants floats;
 * text starting with a sign or digit is tried as a timestamp ({@code 2006-1-2}, {@code 2006-1-2T15:4:5Z07:00},
 * {@code 2006-1-2 15:4:5}, validated as Go's {@code time.Parse} does), then, with underscores removed, as Go's
 * {@code strconv.ParseInt(s, 0, 64)} and {@code ParseUint} (so {@code 0x1F}, {@code 0o17}, {@code 017},
 * {@code 0b101}), then as a decimal float (overflow keeps the string); text starting with {@code .} as a float.
 * Everything else, {@code <<} included, is a string. Results were checked against go-yaml v3.0.1/v3.0.4 and Helm
 * v4.1.4 (go-yaml v2) on the same inputs (see the test resources {@code yaml-scalars/}).
 */
public final class GoYamlScalars {

    /** Which Go YAML library's resolution to reproduce. */
    public enum Mode {
        /** go-yaml v3: YAML 1.2 core schema (as kustomize, kyaml and sops read). */
        GO_YAML_V3,
        /** go-yaml v2: YAML 1.1 (as Helm reads values through sigs.k8s.io/yaml). */
        GO_YAML_V2
    }

    /** A resolved scalar. */
    public sealed interface Scalar permits Null, Bool, Int, Float, Timestamp, Str {
    }

    /** YAML null ({@code !!null}). */
    public record Null() implements Scalar {
    }

    /** A boolean ({@code !!bool}). */
    public record Bool(boolean value) implements Scalar {
    }

    /**
     * An integer ({@code !!int}) in Go's int64 or uint64 range; go-yaml decodes it as {@code int}, {@code int64} or
     * (above int64) {@code uint64}.
     */
    public record Int(BigInteger value) implements Scalar {
        /** Validates the range. */
        public Int {
            Objects.requireNonNull(value, "value");
            if (value.compareTo(INT64_MIN) < 0 || value.compareTo(UINT64_MAX) > 0) {
                throw new IllegalArgumentException("not an int64 or uint64: " + value);
            }
        }

        /** Whether the value fits Go's int64 (else it is a uint64 above int64's maximum). */
        public boolean isInt64() {
            return value.bitLength() < 64;
        }
    }

    /** A float64 ({@code !!float}), including the infinities and NaN. */
    public record Float(double value) implements Scalar {
    }

    /**
     * A timestamp ({@code !!timestamp}). Go's decoders keep the text when decoding into {@code interface{}}
     * (go-yaml v2, and v3's compatibility rule); {@link #value()} is the instant {@code time.Parse} reads.
     */
    public record Timestamp(String text, OffsetDateTime value) implements Scalar {
        /** Validates. */
        public Timestamp {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A string ({@code !!str}). */
    public record Str(String value) implements Scalar {
        /** Validates. */
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final Pattern YAML_STYLE_FLOAT =
            Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    /** Go's float literal syntax after a leading dot: underscores only between digits. */
    private static final Pattern DOT_FLOAT = Pattern.compile("\\.[0-9](_?[0-9])*([eE][-+]?[0-9](_?[0-9])*)?");
    /** The layouts' shape; a comma works as the fraction separator, as in Go's time.Parse. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
                    + "(?:([Tt]| +)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[.,]([0-9]+))?"
                    + "(Z|[+-][0-9]{2}:[0-9]{2})?)?");
    private static final Pattern BASE60 = Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
    private static final Set<String> V2_TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON");
    private static final Set<String> V2_FALSE = Set.of("n", "N", "no", "No", "NO", "off", "Off", "OFF");
    private static final Null NULL = new Null();
    private static final Bool TRUE = new Bool(true);
    private static final Bool FALSE = new Bool(false);

    private GoYamlScalars() {
    }

    /** The type and value go-yaml gives the plain scalar {@code text}. */
    public static Scalar resolve(String text, Mode mode) {
        Objects.requireNonNull(mode, "mode");
        switch (text) {
            case "", "~", "null", "Null", "NULL":
                return NULL;
            case "true", "True", "TRUE":
                return TRUE;
            case "false", "False", "FALSE":
                return FALSE;
            case ".nan", ".NaN", ".NAN":
                return new Float(Double.NaN);
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
                return new Float(Double.POSITIVE_INFINITY);
            case "-.inf", "-.Inf", "-.INF":
                return new Float(Double.NEGATIVE_INFINITY);
            default:
                break;
        }
        if (mode == Mode.GO_YAML_V2) {
            if (V2_TRUE.contains(text)) {
                return TRUE;
            }
            if (V2_FALSE.contains(text)) {
                return FALSE;
            }
        }
        char c = text.charAt(0);
        if (c == '.') {
            if (DOT_FLOAT.matcher(text).matches()) {
                double d = Double.parseDouble(text.replace("_", ""));
                if (!Double.isInfinite(d)) {
                    return new Float(d);
                }
            }
            return new Str(text);
        }
        if (c == '+' || c == '-' || (c >= '0' && c <= '9')) {
            Optional<OffsetDateTime> t = parseTimestamp(text);
            if (t.isPresent()) {
                return new Timestamp(text, t.get());
            }
            String plain = text.indexOf('_') >= 0 ? text.replace("_", "") : text;
            Optional<BigInteger> i = parseGoInt(plain);
            if (i.isPresent()) {
                return new Int(i.get());
            }
            if (YAML_STYLE_FLOAT.matcher(plain).matches()) {
                double d = Double.parseDouble(plain);
                if (!Double.isInfinite(d)) {
                    return new Float(d);
                }
            }
            // go-yaml's explicit 0b/-0b (and v3's 0o/-0o) branches: Go's base-0 ParseInt already reads them
        }
        return new Str(text);
    }

    /** Whether go-yaml reads the plain scalar {@code text} as a string (timestamps are not strings here). */
    public static boolean isString(String text, Mode mode) {
        return resolve(text, mode) instanceof Str;
    }

    /**
     * Whether go-yaml's encoder of that version writes the string {@code s} without quotes as far as typing goes
     * (the emitter's own checks for indicators and spaces come on top): it must resolve to a string and not be a
     * YAML 1.1 base-60 float ({@code 1:20}); go-yaml v3 also quotes the YAML 1.1 booleans ({@code yes},
     * {@code on}, ...) for older readers.
     */
    public static boolean isPlainSafe(String s, Mode mode) {
        if (!isString(s, mode) || isBase60Float(s)) {
            return false;
        }
        return mode == Mode.GO_YAML_V2 || !(V2_TRUE.contains(s) || V2_FALSE.contains(s));
    }

    /** go-yaml's {@code isBase60Float}. */
    static boolean isBase60Float(String s) {
        if (s.isEmpty() || s.indexOf(':') < 0) {
            return false;
        }
        char c = s.charAt(0);
        return (c == '+' || c == '-' || (c >= '0' && c <= '9')) && BASE60.matcher(s).matches();
    }

    /**
     * Go's {@code strconv.ParseInt(s, 0, 64)}, else {@code strconv.ParseUint(s, 0, 64)}: an optional sign (not for
     * values above int64), then {@code 0x}/{@code 0X}, {@code 0o}/{@code 0O}, {@code 0b}/{@code 0B} or a leading
     * {@code 0} (octal) prefix; underscores are not accepted here (go-yaml removes them first).
     */
    public static Optional<BigInteger> parseGoInt(String s) {
        if (s.isEmpty()) {
            return Optional.empty();
        }
        int i = 0;
        boolean signed = s.charAt(0) == '+' || s.charAt(0) == '-';
        boolean neg = s.charAt(0) == '-';
        if (signed) {
            i = 1;
        }
        String body = s.substring(i);
        int radix = 10;
        if (body.length() >= 2 && body.charAt(0) == '0') {
            char p = body.charAt(1);
            if (p == 'x' || p == 'X') {
                radix = 16;
                body = body.substring(2);
            } else if (p == 'o' || p == 'O') {
                radix = 8;
                body = body.substring(2);
            } else if (p == 'b' || p == 'B') {
                radix = 2;
                body = body.substring(2);
            } else {
                radix = 8;
                body = body.substring(1);
            }
        }
        if (body.isEmpty()) {
            return Optional.empty();
        }
        for (int k = 0; k < body.length(); k++) {
            if (Character.digit(body.charAt(k), radix) < 0 || body.charAt(k) > 0x7f) {
                return Optional.empty();
            }
        }
        BigInteger v = new BigInteger(body, radix);
        if (neg) {
            v = v.negate();
        }
        if (v.bitLength() < 64) {
            return Optional.of(v); // int64
        }
        if (!signed && v.compareTo(UINT64_MAX) <= 0) {
            return Optional.of(v); // ParseUint takes no sign
        }
        return Optional.empty();
    }

    /**
     * go-yaml's {@code parseTimestamp}: text starting {@code YYYY-} read with the layouts
     * {@code 2006-1-2T15:4:5.999999999Z07:00} (also with {@code t}), {@code 2006-1-2 15:4:5.999999999} and
     * {@code 2006-1-2}, fields validated as {@code time.Parse} validates them.
     */
    public static Optional<OffsetDateTime> parseTimestamp(String s) {
        Matcher m = TIMESTAMP.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            if (m.group(4) == null) {
                return Optional.of(OffsetDateTime.of(d, LocalTime.MIDNIGHT, ZoneOffset.UTC));
            }
            // time.Parse matches the layout's space with a run of spaces
            boolean space = m.group(4).charAt(0) == ' ';
            String zone = m.group(9);
            if (space == (zone != null)) {
                return Optional.empty(); // "T" needs a zone, " " must not have one
            }
            int nanos = 0;
            if (m.group(8) != null) {
                String frac = m.group(8);
                if (frac.length() > 9) {
                    return Optional.empty(); // time.Parse rejects more than nanosecond digits
                }
                nanos = Integer.parseInt((frac + "000000000").substring(0, 9));
            }
            LocalTime t = LocalTime.of(Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                    Integer.parseInt(m.group(7)), nanos);
            ZoneOffset off = zone == null || zone.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(zone);
            return Optional.of(OffsetDateTime.of(LocalDateTime.of(d, t), off));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
