package dev.gitops.api.image.internal;

import dev.gitops.api.yaml.GoYamlScalars;
import java.io.StringReader;
import java.util.Iterator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * How kyaml decides that a setter value must be quoted ({@code yaml.IsValueNonString}: would go-yaml v2, a YAML
 * 1.1 parser, read the text as something other than a string?) and how go-yaml writes a scalar in a given
 * style. The scalar typing is {@link GoYamlScalars} in go-yaml v2 mode. Not API.
 */
public final class Yaml11 {

    private Yaml11() {}

    /** kyaml's {@code IsValueNonString}: empty and multi-line values are never "non-string". */
    public static boolean isNonString(String value) {
        if (value.isEmpty() || value.contains("\n")) {
            return false;
        }
        Node n;
        try {
            LoaderOptions o = new LoaderOptions();
            Iterator<Node> it = new Yaml(o).composeAll(new StringReader(value)).iterator();
            if (!it.hasNext()) {
                return true; // only comments: nil
            }
            n = it.next();
            if (n == null) {
                return true;
            }
            if (it.hasNext()) {
                return false; // go-yaml v2 Unmarshal fails on several documents
            }
        } catch (RuntimeException e) {
            return false; // does not parse: kyaml says "not a non-string"
        }
        if (!(n instanceof ScalarNode s)) {
            return true; // a mapping or sequence
        }
        if (value.startsWith("!")) {
            return !value.startsWith("!!str");
        }
        if (s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
            return false;
        }
        return resolvesToNonString(s.getValue());
    }

    /** go-yaml v2's {@code resolve} of an untagged plain scalar, decoded into {@code interface{}}. */
    static boolean resolvesToNonString(String in) {
        // timestamps are kept as strings when decoding into interface{}
        GoYamlScalars.Scalar r = GoYamlScalars.resolve(in, GoYamlScalars.Mode.GO_YAML_V2);
        return !(r instanceof GoYamlScalars.Str || r instanceof GoYamlScalars.Timestamp);
    }

    /** Whether go-yaml would write {@code v} as a plain scalar in block context (conservatively). */
    public static boolean plainSafe(String v) {
        if (v.isEmpty() || v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' ') {
            return false;
        }
        char c = v.charAt(0);
        if ("#,[]{}&*!|>'\"%@`".indexOf(c) >= 0) {
            return false;
        }
        if ((c == '-' || c == '?' || c == ':') && (v.length() == 1 || v.charAt(1) == ' ')) {
            return false;
        }
        if (v.contains(": ") || v.contains(" #") || v.endsWith(":") || v.startsWith("---") || v.startsWith("...")) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch < ' ' || ch == 0x7f || ch == 0xFEFF || (ch >= 0x80 && ch < 0xA0)) {
                return false;
            }
        }
        return true;
    }

    /** go-yaml's double-quoted form. */
    public static String doubleQuoted(String v) {
        StringBuilder sb = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case 0 -> sb.append("\\0");
                default -> {
                    if (ch < ' ' || ch == 0x7f) {
                        sb.append(String.format("\\x%02X", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** go-yaml's single-quoted form ({@code '} doubled); only for single-line values. */
    public static String singleQuoted(String v) {
        return "'" + v.replace("'", "''") + "'";
    }
}
