package dev.gitops.api.flux;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go {@code time.Duration} strings as Flux APIs accept them ({@code 10m}, {@code 1h30m}, {@code 500ms}). */
public final class GoDuration {

    private static final Pattern FULL = Pattern.compile("([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException when the text is not a Go duration
     */
    public static Duration parse(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (!FULL.matcher(text).matches()) {
            throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
        }
        Matcher m = PART.matcher(text);
        java.math.BigDecimal nanos = java.math.BigDecimal.ZERO;
        while (m.find()) {
            java.math.BigDecimal v = new java.math.BigDecimal(m.group(1));
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(v.multiply(java.math.BigDecimal.valueOf(unit)));
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** Formats as Go's {@code Duration.String()} does ({@code 1h0m0s}, {@code 1m30s}, {@code 500ms}, {@code 0s}). */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (nanos < 0) {
            sb.append('-');
            nanos = -nanos;
        }
        if (nanos < 1_000_000_000L) {
            if (nanos < 1_000L) {
                return sb.append(nanos).append("ns").toString();
            }
            if (nanos < 1_000_000L) {
                return sb.append(trim(nanos / 1e3)).append("µs").toString();
            }
            return sb.append(trim(nanos / 1e6)).append("ms").toString();
        }
        long h = nanos / 3_600_000_000_000L;
        long rest = nanos % 3_600_000_000_000L;
        long m = rest / 60_000_000_000L;
        long sn = rest % 60_000_000_000L;
        if (h > 0) {
            sb.append(h).append('h').append(m).append('m');
        } else if (m > 0) {
            sb.append(m).append('m');
        }
        return sb.append(trim(sn / 1e9)).append('s').toString();
    }

    private static String trim(double v) {
        String s = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return s;
    }
}
