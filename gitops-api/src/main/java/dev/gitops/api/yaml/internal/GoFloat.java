package dev.gitops.api.yaml.internal;

import java.math.BigDecimal;

/** Go's float formatting, as {@code encoding/json} and go-yaml v2 print float64 values. */
public final class GoFloat {

    private GoFloat() {}

    /** Shortest decimal digits and decimal-point position of a finite, non-zero double. */
    private record Digits(String digits, int dp) {}

    private static Digits digits(double d) {
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String unscaled = bd.unscaledValue().toString();
        // value = unscaled * 10^-scale; dp = number of digits before the decimal point
        int dp = unscaled.length() - bd.scale();
        return new Digits(unscaled, dp);
    }

    /** {@code strconv.FormatFloat(f, 'g', -1, 64)} with go-yaml's {@code .inf}/{@code .nan} spellings. */
    public static String formatYaml(double f) {
        if (Double.isNaN(f)) {
            return ".nan";
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? ".inf" : "-.inf";
        }
        return formatG(f);
    }

    /** {@code strconv.FormatFloat(f, 'g', -1, 64)}. */
    public static String formatG(double f) {
        if (f == 0) {
            return (1 / f < 0) ? "-0" : "0";
        }
        Digits dg = digits(f);
        int exp = dg.dp - 1;
        String sign = f < 0 ? "-" : "";
        // shortest formatting decides with precision 6: %e below 1e-4 and from 1e6 up
        if (exp < -4 || exp >= 6) {
            return sign + formatE(dg, exp);
        }
        return sign + formatF(dg);
    }

    private static String formatE(Digits dg, int exp) {
        StringBuilder sb = new StringBuilder();
        sb.append(dg.digits.charAt(0));
        if (dg.digits.length() > 1) {
            sb.append('.').append(dg.digits, 1, dg.digits.length());
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) {
            sb.append('0');
        }
        sb.append(a);
        return sb.toString();
    }

    private static String formatF(Digits dg) {
        String d = dg.digits;
        int dp = dg.dp;
        StringBuilder sb = new StringBuilder();
        if (dp <= 0) {
            sb.append("0.");
            for (int i = 0; i < -dp; i++) {
                sb.append('0');
            }
            sb.append(d);
        } else if (dp >= d.length()) {
            sb.append(d);
            for (int i = d.length(); i < dp; i++) {
                sb.append('0');
            }
        } else {
            sb.append(d, 0, dp).append('.').append(d, dp, d.length());
        }
        return sb.toString();
    }

    /**
     * What {@code encoding/json} prints for a float64: {@code 'f'} format for 1e-6 &lt;= |f| &lt; 1e21, else
     * {@code 'e'} with a one-digit exponent kept short ({@code 1e-7}).
     */
    public static String formatJson(double f) {
        if (f == 0) {
            return (1 / f < 0) ? "-0" : "0";
        }
        double abs = Math.abs(f);
        String sign = f < 0 ? "-" : "";
        Digits dg = digits(f);
        if (abs < 1e-6 || abs >= 1e21) {
            String e = formatE(dg, dg.dp - 1);
            int n = e.length();
            if (n >= 4 && e.charAt(n - 4) == 'e' && e.charAt(n - 3) == '-' && e.charAt(n - 2) == '0') {
                e = e.substring(0, n - 2) + e.charAt(n - 1);
            }
            return sign + e;
        }
        return sign + formatF(dg);
    }
}
