package dev.gitops.helm.internal;

import static dev.gitops.api.template.ParamType.ANY;
import static dev.gitops.api.template.ParamType.STRING;

import dev.gitops.api.template.GoObject;
import dev.gitops.api.template.TemplateFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Sprig's date functions with Go's reference-time layouts. */
final class Dates {

    private Dates() {
    }

    /** Go's time.Time. */
    record GoTime(ZonedDateTime t) implements GoObject {
        @Override
        public String goTypeName() {
            return "time.Time";
        }

        @Override
        public boolean hasMethod(String name) {
            return switch (name) {
                case "Unix", "Year", "Format", "UTC", "String", "Day", "Hour", "Minute", "Second", "YearDay" -> true;
                default -> false;
            };
        }

        @Override
        public Object callMethod(String name, List<Object> args) {
            return switch (name) {
                case "Unix" -> t.toEpochSecond();
                case "Year" -> t.getYear();
                case "Day" -> t.getDayOfMonth();
                case "Hour" -> t.getHour();
                case "Minute" -> t.getMinute();
                case "Second" -> t.getSecond();
                case "YearDay" -> t.getDayOfYear();
                case "Format" -> format((String) args.get(0), t);
                case "UTC" -> new GoTime(t.withZoneSameInstant(ZoneOffset.UTC));
                default -> goString();
            };
        }

        @Override
        public String goString() {
            return format("2006-01-02 15:04:05.999999999 -0700 MST", t);
        }
    }

    static void register(Map<String, TemplateFunction> m, Clock clock) {
        m.put("now", TemplateFunction.of((c, a) -> new GoTime(ZonedDateTime.now(clock))));
        TemplateFunction date = TemplateFunction.of(
                (c, a) -> format((String) a[0], toTime(a[1], clock).withZoneSameInstant(clock.getZone())), STRING,
                ANY);
        m.put("date", date);
        TemplateFunction inZone = TemplateFunction.of(
                (c, a) -> format((String) a[0], toTime(a[1], clock).withZoneSameInstant(zone((String) a[2], clock))),
                STRING, ANY, STRING);
        m.put("dateInZone", inZone);
        m.put("date_in_zone", inZone);
        m.put("htmlDate", TemplateFunction.of(
                (c, a) -> format("2006-01-02", toTime(a[0], clock).withZoneSameInstant(clock.getZone())), ANY));
        m.put("htmlDateInZone", TemplateFunction.of(
                (c, a) -> format("2006-01-02", toTime(a[0], clock).withZoneSameInstant(zone((String) a[1], clock))),
                ANY, STRING));
        m.put("unixEpoch", TemplateFunction.of((c, a) -> Long.toString(toTime(a[0], clock).toEpochSecond()), ANY));
        TemplateFunction modify = TemplateFunction.of((c, a) -> {
            GoTime t = (GoTime) a[1];
            try {
                return new GoTime(t.t().plus(parseDuration((String) a[0])));
            } catch (IllegalArgumentException e) {
                return t;
            }
        }, STRING, ANY);
        m.put("dateModify", modify);
        m.put("date_modify", modify);
        m.put("mustDateModify", TemplateFunction.of(
                (c, a) -> new GoTime(((GoTime) a[1]).t().plus(parseDuration((String) a[0]))), STRING, ANY));
        m.put("ago", TemplateFunction.of((c, a) -> durationString(
                Duration.between(toTime(a[0], clock).toInstant(), clock.instant()).withNanos(0)), ANY));
        m.put("duration", TemplateFunction.of(
                (c, a) -> durationString(Duration.ofSeconds(GoData.toInt64(a[0]))), ANY));
        m.put("durationRound", TemplateFunction.of((c, a) -> durationRound(a[0], clock), ANY));
        m.put("toDate", TemplateFunction.of((c, a) -> parse((String) a[0], (String) a[1], clock), STRING, STRING));
        m.put("mustToDate", TemplateFunction.of((c, a) -> parse((String) a[0], (String) a[1], clock), STRING,
                STRING));
    }

    private static ZoneId zone(String z, Clock clock) {
        if (z.equals("Local")) {
            return clock.getZone();
        }
        if (z.equals("UTC") || z.isEmpty()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(z);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    static ZonedDateTime toTime(Object d, Clock clock) {
        if (d instanceof GoTime g) {
            return g.t();
        }
        if (d instanceof Integer || d instanceof Long) {
            return Instant.ofEpochSecond(((Number) d).longValue()).atZone(clock.getZone());
        }
        return ZonedDateTime.now(clock);
    }

    static Object parse(String layout, String value, Clock clock) {
        // common layouts only: translate to java.time patterns
        String p = layout.replace("2006", "uuuu").replace("01", "MM").replace("02", "dd").replace("15", "HH")
                .replace("04", "mm").replace("05", "ss").replace("Z07:00", "XXX").replace("-0700", "xx")
                .replace("MST", "zzz").replace("Jan", "MMM").replace("Mon", "EEE");
        try {
            java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern(p, Locale.ENGLISH)
                    .withZone(clock.getZone());
            return new GoTime(ZonedDateTime.parse(value, f));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("parsing time " + dev.gitops.api.template.GoFmt.sprintf("%q", value)
                    + " as " + dev.gitops.api.template.GoFmt.sprintf("%q", layout) + ": cannot parse");
        }
    }

    /** Go's time.ParseDuration. */
    static Duration parseDuration(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([+-]?)((?:\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h))+")
                .matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("time: invalid duration " + s);
        }
        boolean neg = s.startsWith("-");
        java.util.regex.Matcher part = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)")
                .matcher(s);
        double nanos = 0;
        while (part.find()) {
            double v = Double.parseDouble(part.group(1));
            nanos += v * switch (part.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
        }
        return Duration.ofNanos((long) (neg ? -nanos : nanos));
    }

    /** Go's Duration.String for whole-second and sub-second durations. */
    static String durationString(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        boolean neg = nanos < 0;
        long u = Math.abs(nanos);
        StringBuilder sb = new StringBuilder();
        if (u < 1_000_000_000L) {
            String unit;
            long div;
            if (u < 1000) {
                return (neg ? "-" : "") + u + "ns";
            } else if (u < 1_000_000) {
                unit = "µs";
                div = 1000;
            } else {
                unit = "ms";
                div = 1_000_000;
            }
            sb.append(fraction(u, div)).append(unit);
        } else {
            long secsN = u;
            long h = secsN / 3_600_000_000_000L;
            secsN -= h * 3_600_000_000_000L;
            long mnt = secsN / 60_000_000_000L;
            secsN -= mnt * 60_000_000_000L;
            if (h > 0) {
                sb.append(h).append('h');
            }
            if (h > 0 || mnt > 0) {
                sb.append(mnt).append('m');
            }
            sb.append(fraction(secsN, 1_000_000_000L)).append('s');
        }
        return (neg ? "-" : "") + sb;
    }

    private static String fraction(long v, long div) {
        long whole = v / div;
        long frac = v % div;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String f = String.format("%0" + Long.toString(div).length() + "d", frac).substring(1);
        f = f.replaceAll("0+$", "");
        return whole + "." + f;
    }

    static String durationRound(Object d, Clock clock) {
        long secs;
        if (d instanceof String s) {
            try {
                secs = parseDuration(s).getSeconds();
            } catch (IllegalArgumentException e) {
                secs = 0;
            }
        } else if (d instanceof GoTime t) {
            secs = Duration.between(t.t().toInstant(), clock.instant()).getSeconds();
        } else {
            secs = GoData.toInt64(d) / 1_000_000_000L;
        }
        long u = Math.abs(secs);
        String sign = secs < 0 ? "-" : "";
        long year = 365 * 86400L;
        long month = 30 * 86400L;
        if (u > year) {
            return sign + u / year + "y";
        } else if (u > month) {
            return sign + u / month + "mo";
        } else if (u > 86400) {
            return sign + u / 86400 + "d";
        } else if (u > 3600) {
            return sign + u / 3600 + "h";
        } else if (u > 60) {
            return sign + u / 60 + "m";
        } else if (u > 0) {
            return sign + u + "s";
        }
        return "0s";
    }

    /** Go's time.Format with its reference-time layout. */
    static String format(String layout, ZonedDateTime t) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            String rest = layout.substring(i);
            if (rest.startsWith("2006")) {
                sb.append(String.format("%04d", t.getYear()));
                i += 4;
            } else if (rest.startsWith("January")) {
                sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                i += 7;
            } else if (rest.startsWith("Jan")) {
                sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                i += 3;
            } else if (rest.startsWith("Monday")) {
                sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                i += 6;
            } else if (rest.startsWith("Mon")) {
                sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                i += 3;
            } else if (rest.startsWith("MST")) {
                String z = t.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                sb.append(t.getOffset().getTotalSeconds() == 0 && t.getZone() instanceof ZoneOffset ? "UTC" : z);
                i += 3;
            } else if (rest.startsWith("Z07:00") || rest.startsWith("-07:00") || rest.startsWith("Z0700")
                    || rest.startsWith("-0700") || rest.startsWith("-07")) {
                boolean z = rest.charAt(0) == 'Z';
                boolean colon = rest.startsWith("Z07:00") || rest.startsWith("-07:00");
                int len = rest.startsWith("Z07:00") || rest.startsWith("-07:00") ? 6
                        : rest.startsWith("Z0700") || rest.startsWith("-0700") ? 5 : 3;
                int off = t.getOffset().getTotalSeconds();
                if (z && off == 0) {
                    sb.append('Z');
                } else {
                    sb.append(off < 0 ? '-' : '+');
                    int a = Math.abs(off) / 60;
                    sb.append(String.format("%02d", a / 60));
                    if (len > 3) {
                        if (colon) {
                            sb.append(':');
                        }
                        sb.append(String.format("%02d", a % 60));
                    }
                }
                i += len;
            } else if (rest.startsWith("01")) {
                sb.append(String.format("%02d", t.getMonthValue()));
                i += 2;
            } else if (rest.startsWith("02")) {
                sb.append(String.format("%02d", t.getDayOfMonth()));
                i += 2;
            } else if (rest.startsWith("_2")) {
                sb.append(String.format("%2d", t.getDayOfMonth()));
                i += 2;
            } else if (rest.startsWith("06")) {
                sb.append(String.format("%02d", t.getYear() % 100));
                i += 2;
            } else if (rest.startsWith("15")) {
                sb.append(String.format("%02d", t.getHour()));
                i += 2;
            } else if (rest.startsWith("03")) {
                sb.append(String.format("%02d", t.getHour() % 12 == 0 ? 12 : t.getHour() % 12));
                i += 2;
            } else if (rest.startsWith("04")) {
                sb.append(String.format("%02d", t.getMinute()));
                i += 2;
            } else if (rest.startsWith("05")) {
                sb.append(String.format("%02d", t.getSecond()));
                i += 2;
            } else if (rest.startsWith("PM")) {
                sb.append(t.getHour() >= 12 ? "PM" : "AM");
                i += 2;
            } else if (rest.startsWith("pm")) {
                sb.append(t.getHour() >= 12 ? "pm" : "am");
                i += 2;
            } else if (rest.matches("^[.,](0+|9+).*")) {
                int j = 1;
                char d = rest.charAt(1);
                while (j < rest.length() && rest.charAt(j) == d) {
                    j++;
                }
                int digits = j - 1;
                String nanos = String.format("%09d", t.getNano()).substring(0, Math.min(9, digits));
                if (d == '9') {
                    nanos = nanos.replaceAll("0+$", "");
                    if (!nanos.isEmpty()) {
                        sb.append(rest.charAt(0)).append(nanos);
                    }
                } else {
                    sb.append(rest.charAt(0)).append(nanos);
                }
                i += j;
            } else if (rest.startsWith("1")) {
                sb.append(t.getMonthValue());
                i += 1;
            } else if (rest.startsWith("2")) {
                sb.append(t.getDayOfMonth());
                i += 1;
            } else if (rest.startsWith("3")) {
                sb.append(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
                i += 1;
            } else if (rest.startsWith("4")) {
                sb.append(t.getMinute());
                i += 1;
            } else if (rest.startsWith("5")) {
                sb.append(t.getSecond());
                i += 1;
            } else {
                sb.append(layout.charAt(i));
                i++;
            }
        }
        return sb.toString();
    }
}
