package dev.gitops.sops.internal;

import dev.gitops.sops.SopsNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go semantics sops depends on: yaml.v3 scalar resolution, FormatFloat('f', -1), time text, ParseInt base 0. */
public final class GoScalars {

    private GoScalars() {}

    private static final Pattern YAML_FLOAT =
            Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern DOT_FLOAT = Pattern.compile("\\.[0-9]+([eE][-+]?[0-9]+)?");
    private static final Pattern TS = Pattern.compile(
            "([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
                    + "(?:([Tt ])([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\\.([0-9]+))?"
                    + "(Z|[+-][0-9]{2}:[0-9]{2})?)?");

    /** yaml.v3 resolution of an untagged plain scalar. */
    public static SopsNode.Scalar resolvePlain(String s) {
        switch (s) {
            case "true", "True", "TRUE":
                return new SopsNode.Bool(true);
            case "false", "False", "FALSE":
                return new SopsNode.Bool(false);
            case "", "~", "null", "Null", "NULL":
                return SopsNode.Null.INSTANCE;
            case ".nan", ".NaN", ".NAN":
                return new SopsNode.Float(Double.NaN);
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
                return new SopsNode.Float(Double.POSITIVE_INFINITY);
            case "-.inf", "-.Inf", "-.INF":
                return new SopsNode.Float(Double.NEGATIVE_INFINITY);
            case "-0", "-0.0":
                return new SopsNode.Float(-0.0);
            default:
                break;
        }
        char c = s.charAt(0);
        if (c == '.') {
            if (DOT_FLOAT.matcher(s).matches()) {
                return new SopsNode.Float(Double.parseDouble(s));
            }
            return SopsNode.Str.of(s);
        }
        if ((c >= '0' && c <= '9') || c == '+' || c == '-') {
            Optional<OffsetDateTime> t = parseTimestamp(s);
            if (t.isPresent()) {
                return new SopsNode.Time(t.get());
            }
            String plain = s.replace("_", "");
            Optional<BigInteger> i = parseGoInt(plain);
            if (i.isPresent()) {
                BigInteger v = i.get();
                if (v.bitLength() < 64) {
                    return new SopsNode.Int(v.longValue());
                }
                // uint64 range: yaml.v3 yields a uint64, which sops hashes as a number; keep it exact as float text
                return new SopsNode.Float(v.doubleValue());
            }
            if (YAML_FLOAT.matcher(plain).matches()) {
                return new SopsNode.Float(Double.parseDouble(plain));
            }
        }
        return SopsNode.Str.of(s);
    }

    /** Go {@code strconv.ParseInt(s, 0, 64)} / {@code ParseUint}, on text without underscores. */
    public static Optional<BigInteger> parseGoInt(String s) {
        if (s.isEmpty()) {
            return Optional.empty();
        }
        boolean neg = false;
        int i = 0;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        String body = s.substring(i);
        int radix = 10;
        if (body.length() > 1 && body.charAt(0) == '0') {
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
            if (Character.digit(body.charAt(k), radix) < 0) {
                return Optional.empty();
            }
        }
        BigInteger v = new BigInteger(body, radix);
        if (neg) {
            v = v.negate();
        }
        if (v.compareTo(BigInteger.valueOf(Long.MIN_VALUE)) < 0
                || v.compareTo(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)) > 0) {
            return Optional.empty();
        }
        if (neg && v.compareTo(BigInteger.valueOf(Long.MIN_VALUE)) < 0) {
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /** yaml.v3 {@code parseTimestamp}. */
    public static Optional<OffsetDateTime> parseTimestamp(String s) {
        Matcher m = TS.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            if (m.group(4) == null) {
                return Optional.of(OffsetDateTime.of(d, LocalTime.MIDNIGHT, ZoneOffset.UTC));
            }
            boolean space = m.group(4).equals(" ");
            String zone = m.group(9);
            if (space == (zone != null)) {
                return Optional.empty(); // "T" needs a zone, " " must not have one
            }
            int nanos = 0;
            if (m.group(8) != null) {
                String f = m.group(8);
                if (f.length() > 9) {
                    return Optional.empty();
                }
                nanos = Integer.parseInt((f + "000000000").substring(0, 9));
            }
            LocalTime t = LocalTime.of(Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                    Integer.parseInt(m.group(7)), nanos);
            ZoneOffset off = zone == null || zone.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(zone);
            return Optional.of(OffsetDateTime.of(LocalDateTime.of(d, t), off));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Go {@code time.Time.MarshalText}: RFC 3339 with nanoseconds (trailing zeros removed), Z for UTC. */
    public static String formatTime(OffsetDateTime t) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond()));
        if (t.getNano() != 0) {
            String f = String.format("%09d", t.getNano());
            sb.append('.').append(f.replaceAll("0+$", ""));
        }
        sb.append(offset(t.getOffset()));
        return sb.toString();
    }

    /** RFC 3339 without fraction (Go {@code time.RFC3339}). */
    public static String formatRfc3339(OffsetDateTime t) {
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond()) + offset(t.getOffset());
    }

    private static String offset(ZoneOffset o) {
        if (o.getTotalSeconds() == 0) {
            return "Z";
        }
        int s = Math.abs(o.getTotalSeconds());
        return (o.getTotalSeconds() < 0 ? "-" : "+") + String.format("%02d:%02d", s / 3600, (s / 60) % 60);
    }

    /** Go {@code time.Parse(time.RFC3339, s)}. */
    public static Optional<OffsetDateTime> parseRfc3339(String s) {
        Matcher m = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})"
                + "(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})").matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int nanos = 0;
            if (m.group(7) != null) {
                String f = m.group(7).substring(1);
                nanos = Integer.parseInt((f + "000000000").substring(0, 9));
            }
            ZoneOffset off = m.group(8).equalsIgnoreCase("Z") ? ZoneOffset.UTC : ZoneOffset.of(m.group(8));
            return Optional.of(OffsetDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), nanos, off));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Go {@code strconv.FormatFloat(v, 'f', -1, 64)}. */
    public static String formatFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        return shortest(v).toPlainString();
    }

    /** The shortest decimal that round-trips to {@code v} (the closest one of that length). */
    public static BigDecimal shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == v) {
                BigDecimal s = r.stripTrailingZeros();
                return s.scale() < 0 ? s.setScale(0) : s;
            }
        }
        return exact;
    }

    /** sops {@code ToBytes}: the bytes a leaf contributes to the MAC. */
    public static byte[] macBytes(SopsNode.Scalar s) {
        if (s instanceof SopsNode.Str str) {
            return str.bytes();
        } else if (s instanceof SopsNode.Int i) {
            return ascii(Long.toString(i.value()));
        } else if (s instanceof SopsNode.Float f) {
            return ascii(formatFloat(f.value()));
        } else if (s instanceof SopsNode.Bool b) {
            return ascii(b.value() ? "True" : "False");
        } else if (s instanceof SopsNode.Time t) {
            return ascii(formatTime(t.value()));
        } else if (s instanceof SopsNode.Bytes b) {
            return b.value();
        }
        throw new IllegalArgumentException("null has no MAC bytes");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
