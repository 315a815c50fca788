package dev.gitops.sops.internal;

import dev.gitops.api.yaml.GoYamlScalars;
import dev.gitops.sops.SopsNode;

/** Scalar text in the manner of yaml.v3's encoder (plain where it round-trips, quoted or literal otherwise). */
final class YamlScalars {

    private YamlScalars() {}

    static String key(String k) {
        StringBuilder sb = new StringBuilder();
        str(sb, k, 0, true);
        return sb.toString();
    }

    static void scalar(StringBuilder sb, SopsNode.Scalar s, int indent) {
        if (s instanceof SopsNode.Str str) {
            str(sb, str.text(), indent, false);
        } else if (s instanceof SopsNode.Int i) {
            sb.append(i.value());
        } else if (s instanceof SopsNode.Float f) {
            sb.append(formatG(f.value()));
        } else if (s instanceof SopsNode.Bool b) {
            sb.append(b.value());
        } else if (s instanceof SopsNode.Time t) {
            sb.append(GoScalars.formatTime(t.value()));
        } else if (s instanceof SopsNode.Bytes b) {
            str(sb, new String(b.value(), java.nio.charset.StandardCharsets.UTF_8), indent, false);
        } else {
            sb.append("null");
        }
    }

    /** yaml.v3 float text: FormatFloat(v, 'g', -1, 64) with .inf/.nan. */
    static String formatG(double v) {
        if (Double.isNaN(v)) {
            return ".nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? ".inf" : "-.inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        java.math.BigDecimal s = GoScalars.shortest(Math.abs(v)).stripTrailingZeros();
        String digits = s.unscaledValue().toString();
        int exp = digits.length() - 1 - s.scale();
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        return sign + s.toPlainString();
    }

    private static boolean plainAllowed(String s) {
        if (s.isEmpty() || s.startsWith(" ") || s.endsWith(" ") || s.startsWith("\t") || s.endsWith("\t")) {
            return false;
        }
        char c = s.charAt(0);
        if ("[]{},#&*!|>'\"%@`".indexOf(c) >= 0) {
            return false;
        }
        if ((c == '-' || c == '?' || c == ':') && (s.length() == 1 || s.charAt(1) == ' ')) {
            return false;
        }
        if (s.contains(": ") || s.contains(" #") || s.endsWith(":") || s.startsWith("---") || s.startsWith("...")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch == 0x7f || ch == '\uFEFF') {
                return false;
            }
        }
        return true;
    }

    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f || ch == '\uFEFF' || ch == '\uFFFD') {
                return false;
            }
        }
        return true;
    }

    static void str(StringBuilder sb, String s, int indent, boolean isKey) {
        // yaml.v3's encoder: plain only when the text reads back as a string and is no YAML 1.1 bool or base-60 float
        if (!GoYamlScalars.isPlainSafe(s, GoYamlScalars.Mode.GO_YAML_V3)) {
            doubleQuoted(sb, s);
            return;
        }
        if (s.contains("\n") && !isKey && printable(s) && !s.startsWith(" ") && !s.contains(" \n")
                && !s.endsWith(" ")) {
            String body = s;
            String chomp;
            if (s.endsWith("\n\n")) {
                chomp = "+";
            } else if (s.endsWith("\n")) {
                chomp = "";
            } else {
                chomp = "-";
            }
            sb.append('|').append(chomp);
            if (body.endsWith("\n")) {
                body = body.substring(0, body.length() - 1);
            }
            for (String line : body.split("\n", -1)) {
                sb.append('\n');
                if (!line.isEmpty()) {
                    sb.append(" ".repeat(indent)).append(line);
                }
            }
            return;
        }
        if (plainAllowed(s)) {
            sb.append(s);
        } else if (printable(s) && !s.contains("\n")) {
            sb.append('\'').append(s.replace("'", "''")).append('\'');
        } else {
            doubleQuoted(sb, s);
        }
    }

    static void doubleQuoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case 0 -> sb.append("\\0");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02X", (int) c));
                    } else if (c == '\uFEFF') {
                        sb.append("\\uFEFF");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
