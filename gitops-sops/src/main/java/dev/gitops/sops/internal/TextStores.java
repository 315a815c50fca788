package dev.gitops.sops.internal;

import dev.gitops.api.error.Origin;
import dev.gitops.sops.SopsException;
import dev.gitops.sops.SopsNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dotenv and INI stores. */
public final class TextStores {

    private TextStores() {}

    // ------------------------------------------------------------------ dotenv

    /** Parses dotenv the way sops does: split on \n, first '=', no trimming or quotes, \\n unescaped. */
    public static ParsedFile parseDotenv(byte[] content, Origin origin) {
        String text = new String(content, StandardCharsets.UTF_8);
        List<SopsNode.Item> items = new ArrayList<>();
        Map<String, String> meta = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (line.charAt(0) == '#') {
                items.add(new SopsNode.Comment(line.substring(1)));
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new SopsException.Malformed(origin.at(i + 1, 1), "invalid dotenv input line (no '=')");
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1).replace("\\n", "\n");
            if (key.startsWith("sops_")) {
                meta.put(key.substring(5), value);
            } else {
                items.add(new SopsNode.Entry(key, SopsNode.Str.of(value)));
            }
        }
        Optional<Object> m = meta.isEmpty() ? Optional.empty() : Optional.of(Flatten.unflatten(meta, origin));
        return new ParsedFile(List.of(new SopsNode.Branch(items)), m);
    }

    /** Emits dotenv; nested values are rejected. */
    public static byte[] emitDotenv(SopsNode.Branch b, Map<String, String> flatMeta) {
        StringBuilder sb = new StringBuilder();
        for (SopsNode.Item i : b.items()) {
            if (i instanceof SopsNode.Comment c) {
                sb.append('#').append(c.text()).append('\n');
            } else {
                SopsNode.Entry e = (SopsNode.Entry) i;
                sb.append(e.key()).append('=').append(valToString(e.value(), e.key()).replace("\n", "\\n"))
                        .append('\n');
            }
        }
        for (Map.Entry<String, String> e : flatMeta.entrySet()) {
            sb.append("sops_").append(e.getKey()).append('=').append(e.getValue().replace("\n", "\\n")).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String valToString(SopsNode v, String key) {
        if (v instanceof SopsNode.Str s) {
            return s.text();
        } else if (v instanceof SopsNode.Int i) {
            return Long.toString(i.value());
        } else if (v instanceof SopsNode.Float f) {
            return GoScalars.formatFloat(f.value());
        } else if (v instanceof SopsNode.Bool b) {
            return Boolean.toString(b.value());
        } else if (v instanceof SopsNode.Time t) {
            return GoScalars.formatTime(t.value());
        } else if (v instanceof SopsNode.Bytes by) {
            return new String(by.value(), StandardCharsets.UTF_8);
        } else if (v instanceof SopsNode.Null) {
            return "";
        }
        throw new SopsException.Malformed(Origin.of("<output>").withPointer("/" + key),
                "cannot write a nested value in this format");
    }

    // ------------------------------------------------------------------ INI

    /** Parses INI (gopkg.in/ini.v1 conventions as sops uses them). */
    public static ParsedFile parseIni(byte[] content, Origin origin) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Map<String, List<SopsNode.Item>> sections = new LinkedHashMap<>();
        sections.put("DEFAULT", new ArrayList<>());
        String current = "DEFAULT";
        List<String> pendingComments = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith(";") || line.startsWith("#")) {
                pendingComments.add(line.replaceFirst("^[;#]+ ?", ""));
                continue;
            }
            if (line.startsWith("[")) {
                int close = line.indexOf(']');
                if (close < 0) {
                    throw new SopsException.Malformed(origin.at(i + 1, 1), "unclosed INI section header");
                }
                current = line.substring(1, close).strip();
                List<SopsNode.Item> sec = sections.computeIfAbsent(current, k -> new ArrayList<>());
                for (String c : pendingComments) {
                    sec.add(new SopsNode.Comment(c));
                }
                pendingComments.clear();
                continue;
            }
            int eq = indexOfDelimiter(line);
            if (eq < 0) {
                throw new SopsException.Malformed(origin.at(i + 1, 1), "invalid INI line (no '=' or ':')");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.startsWith("\"\"\"")) {
                StringBuilder v = new StringBuilder(value.substring(3));
                int end = v.indexOf("\"\"\"");
                while (end < 0 && ++i < lines.length) {
                    v.append('\n').append(lines[i]);
                    end = v.indexOf("\"\"\"");
                }
                if (end < 0) {
                    throw new SopsException.Malformed(origin.at(i, 1), "unterminated \"\"\" value");
                }
                value = v.substring(0, end);
            } else if (value.length() >= 2 && ((value.startsWith("\"") && value.endsWith("\""))
                    || (value.startsWith("'") && value.endsWith("'")) || (value.startsWith("`")
                    && value.endsWith("`")))) {
                value = value.substring(1, value.length() - 1);
            }
            List<SopsNode.Item> sec = sections.get(current);
            sec.add(new SopsNode.Entry(key, SopsNode.Str.of(value)));
            for (String c : pendingComments) {
                sec.add(new SopsNode.Comment(c));
            }
            pendingComments.clear();
        }
        Optional<Object> meta = Optional.empty();
        List<SopsNode.Item> top = new ArrayList<>();
        for (Map.Entry<String, List<SopsNode.Item>> e : sections.entrySet()) {
            if (e.getKey().equals("sops")) {
                Map<String, String> flat = new LinkedHashMap<>();
                for (SopsNode.Item it : e.getValue()) {
                    if (it instanceof SopsNode.Entry en) {
                        flat.put(en.key(), ((SopsNode.Str) en.value()).text().replace("\\n", "\n"));
                    }
                }
                meta = Optional.of(Flatten.unflatten(flat, origin));
                continue;
            }
            top.add(new SopsNode.Entry(e.getKey(), new SopsNode.Branch(e.getValue())));
        }
        return new ParsedFile(List.of(new SopsNode.Branch(top)), meta);
    }

    private static int indexOfDelimiter(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        if (colon < 0) {
            return eq;
        }
        return Math.min(eq, colon);
    }

    /** Emits INI: each top-level key is a section; the DEFAULT section is written without header. */
    public static byte[] emitIni(SopsNode.Branch b, Map<String, String> flatMeta) {
        StringBuilder sb = new StringBuilder();
        for (SopsNode.Item i : b.items()) {
            if (!(i instanceof SopsNode.Entry e)) {
                continue;
            }
            if (!(e.value() instanceof SopsNode.Branch sec)) {
                throw new SopsException.Malformed(Origin.of("<output>").withPointer("/" + e.key()),
                        "INI values must be inside sections");
            }
            boolean isDefault = e.key().equals("DEFAULT");
            if (isDefault && sec.items().isEmpty()) {
                continue;
            }
            List<SopsNode.Item> items = sec.items();
            int start = 0;
            while (start < items.size() && items.get(start) instanceof SopsNode.Comment c) {
                sb.append("; ").append(c.text()).append('\n');
                start++;
            }
            if (!isDefault) {
                sb.append('[').append(e.key()).append("]\n");
            }
            List<String> after = new ArrayList<>();
            for (int k = start; k < items.size(); k++) {
                SopsNode.Item it = items.get(k);
                if (it instanceof SopsNode.Comment c) {
                    after.add(c.text());
                    continue;
                }
                SopsNode.Entry en = (SopsNode.Entry) it;
                // comments are stored after their key: write them back above it
                int j = k + 1;
                while (j < items.size() && items.get(j) instanceof SopsNode.Comment c) {
                    sb.append("; ").append(c.text()).append('\n');
                    j++;
                }
                String v = valToString(en.value(), e.key() + "/" + en.key());
                sb.append(en.key()).append(" = ").append(v.contains("\n") ? "\"\"\"" + v + "\"\"\"" : v)
                        .append('\n');
                k = j - 1;
            }
            sb.append('\n');
        }
        if (!flatMeta.isEmpty()) {
            sb.append("[sops]\n");
            for (Map.Entry<String, String> e : flatMeta.entrySet()) {
                sb.append(e.getKey()).append(" = ").append(e.getValue().replace("\n", "\\n")).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
