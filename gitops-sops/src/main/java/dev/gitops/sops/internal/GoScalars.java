package dev.gitops.sops.internal;

import dev.gitops.api.yaml.GoYamlScalars;
import dev.gitops.sops.SopsNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go semantics sops depends on: yaml.v3 scalar typing (from {@link GoYamlScalars}), FormatFloat('f', -1), time text. */
public final class GoScalars {

    private GoScalars() {}

    /** yaml.v3 resolution of an untagged plain scalar ({@link GoYamlScalars}, go-yaml v3 mode), as sops types it. */
    public static SopsNode.Scalar resolvePlain(String s) {
        GoYamlScalars.Scalar r = GoYamlScalars.resolve(s, GoYamlScalars.Mode.GO_YAML_V3);
        if (r instanceof GoYamlScalars.Null) {
            return SopsNode.Null.INSTANCE;
        }
        if (r instanceof GoYamlScalars.Bool b) {
            return new SopsNode.Bool(b.value());
        }
        if (r instanceof GoYamlScalars.Int i) {
            // uint64 range: yaml.v3 yields a uint64, which sops hashes as a number; keep it as float text
            return i.isInt64() ? new SopsNode.Int(i.value().longValue()) : new SopsNode.Float(i.value().doubleValue());
        }
        if (r instanceof GoYamlScalars.Float f) {
            return new SopsNode.Float(f.value());
        }
        if (r instanceof GoYamlScalars.Timestamp t) {
            return new SopsNode.Time(t.value());
        }
        return SopsNode.Str.of(s);
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
