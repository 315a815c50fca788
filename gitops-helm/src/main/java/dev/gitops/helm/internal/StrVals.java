package dev.gitops.helm.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helm's {@code strvals} parser: {@code --set}, {@code --set-string}, {@code --set-json} and {@code --set-file}. */
public final class StrVals {

    /** How values are read. */
    public enum Mode { TYPED, STRING, JSON, FILE }

    private static final int MAX_INDEX = 65536;
    private static final int MAX_NESTED = 30;

    private final String s;
    private int pos;
    private final Mode mode;
    private final java.util.function.Function<String, String> fileReader;

    private StrVals(String s, Mode mode, java.util.function.Function<String, String> fileReader) {
        this.s = s;
        this.mode = mode;
        this.fileReader = fileReader;
    }

    /** Parses {@code s} into {@code data}; {@code fileReader} reads --set-file paths. */
    public static void parseInto(String s, Map<String, Object> data, Mode mode,
            java.util.function.Function<String, String> fileReader) {
        StrVals p = new StrVals(s, mode, fileReader);
        while (true) {
            boolean more = p.key(data, 0);
            if (!more) {
                return;
            }
        }
    }

    private static final class Eof extends RuntimeException {
        Eof() {
            super(null, null, false, false);
        }
    }

    private static final class Stop {
        String text;
        int last; // -1 at EOF
    }

    private Stop runesUntil(String stops) {
        StringBuilder sb = new StringBuilder();
        Stop st = new Stop();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '\\') {
                if (pos >= s.length()) {
                    st.text = sb.toString();
                    st.last = -1;
                    return st;
                }
                sb.append(s.charAt(pos++));
                continue;
            }
            if (stops.indexOf(c) >= 0) {
                st.text = sb.toString();
                st.last = c;
                return st;
            }
            sb.append(c);
        }
        st.text = sb.toString();
        st.last = -1;
        return st;
    }

    /** Returns true when more input follows. */
    @SuppressWarnings("unchecked")
    private boolean key(Map<String, Object> data, int nested) {
        Stop k = runesUntil("=[,.");
        if (k.last == -1) {
            if (k.text.isEmpty()) {
                return false;
            }
            throw new IllegalArgumentException("key \"" + k.text + "\" has no value");
        }
        switch (k.last) {
            case '[' -> {
                int i = keyIndex();
                List<Object> list = data.get(k.text) instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
                boolean more = listItem(list, i, nested);
                data.put(k.text, list);
                return more;
            }
            case '=' -> {
                if (mode == Mode.JSON) {
                    Stop v = runesUntilJsonEnd();
                    try {
                        data.put(k.text, GoData.fromJson(new ObjectMapper().readTree(v.text)));
                    } catch (java.io.IOException e) {
                        throw new IllegalArgumentException("failed to parse json value for key \"" + k.text + "\": "
                                + e.getMessage());
                    }
                    return v.last != -1;
                }
                if (mode != Mode.FILE && pos < s.length() && s.charAt(pos) == '{') {
                    pos++;
                    List<Object> list = new ArrayList<>();
                    while (true) {
                        Stop v = runesUntil(",}");
                        if (v.last == -1) {
                            throw new IllegalArgumentException("list must terminate with '}'");
                        }
                        if (v.last == '}') {
                            if (pos < s.length() && s.charAt(pos) == ',') {
                                pos++;
                            }
                            list.add(typed(v.text));
                            data.put(k.text, list);
                            return pos < s.length();
                        }
                        list.add(typed(v.text));
                    }
                }
                if (pos >= s.length()) {
                    data.put(k.text, "");
                    return false;
                }
                Stop v = runesUntil(",");
                data.put(k.text, value(v.text));
                return v.last != -1;
            }
            case ',' -> {
                data.put(k.text, "");
                throw new IllegalArgumentException("key \"" + k.text + "\" has no value (cannot end with ,)");
            }
            default -> {
                if (nested + 1 > MAX_NESTED) {
                    throw new IllegalArgumentException("value name nested level is greater than maximum supported "
                            + "nested level of " + MAX_NESTED);
                }
                Map<String, Object> inner = data.get(k.text) instanceof Map<?, ?> m
                        ? (Map<String, Object>) m : new LinkedHashMap<>();
                boolean more = key(inner, nested + 1);
                if (inner.isEmpty()) {
                    throw new IllegalArgumentException("key map \"" + k.text + "\" has no value");
                }
                data.put(k.text, inner);
                return more;
            }
        }
    }

    private Stop runesUntilJsonEnd() {
        int depth = 0;
        boolean inString = false;
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (inString) {
                if (c == '\\') {
                    pos++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                Stop st = new Stop();
                st.text = s.substring(start, pos);
                st.last = ',';
                pos++;
                return st;
            }
            pos++;
        }
        Stop st = new Stop();
        st.text = s.substring(start);
        st.last = -1;
        return st;
    }

    private int keyIndex() {
        Stop v = runesUntil("]");
        if (v.last == -1) {
            throw new IllegalArgumentException("error parsing index: EOF");
        }
        int i;
        try {
            i = Integer.parseInt(v.text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("error parsing index: strconv.Atoi: parsing \"" + v.text
                    + "\": invalid syntax");
        }
        if (i < 0 || i > MAX_INDEX) {
            throw new IllegalArgumentException("error parsing index: index of " + i + " is out of range");
        }
        return i;
    }

    @SuppressWarnings("unchecked")
    private boolean listItem(List<Object> list, int i, int nested) {
        while (list.size() <= i) {
            list.add(null);
        }
        if (pos >= s.length()) {
            throw new IllegalArgumentException("error parsing index: unexpected end");
        }
        char c = s.charAt(pos++);
        switch (c) {
            case '=' -> {
                if (pos < s.length() && s.charAt(pos) == '{' && mode != Mode.FILE && mode != Mode.JSON) {
                    pos++;
                    List<Object> inner = new ArrayList<>();
                    while (true) {
                        Stop v = runesUntil(",}");
                        if (v.last == -1) {
                            throw new IllegalArgumentException("list must terminate with '}'");
                        }
                        inner.add(typed(v.text));
                        if (v.last == '}') {
                            if (pos < s.length() && s.charAt(pos) == ',') {
                                pos++;
                            }
                            list.set(i, inner);
                            return pos < s.length();
                        }
                    }
                }
                Stop v = mode == Mode.JSON ? runesUntilJsonEnd() : runesUntil(",");
                if (mode == Mode.JSON) {
                    try {
                        list.set(i, GoData.fromJson(new ObjectMapper().readTree(v.text)));
                    } catch (java.io.IOException e) {
                        throw new IllegalArgumentException("failed to parse json value: " + e.getMessage());
                    }
                } else {
                    list.set(i, value(v.text));
                }
                return v.last != -1;
            }
            case '[' -> {
                int j = keyIndex();
                List<Object> inner = list.get(i) instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
                boolean more = listItem(inner, j, nested);
                list.set(i, inner);
                return more;
            }
            case '.' -> {
                Map<String, Object> inner = list.get(i) instanceof Map<?, ?> m ? (Map<String, Object>) m
                        : new LinkedHashMap<>();
                boolean more = key(inner, nested + 1);
                list.set(i, inner);
                return more;
            }
            default -> throw new IllegalArgumentException("parse error: unexpected token " + c);
        }
    }

    private Object value(String v) {
        if (mode == Mode.FILE) {
            return fileReader.apply(v);
        }
        return typed(v);
    }

    private Object typed(String v) {
        if (mode == Mode.STRING) {
            return v;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        if (v.equalsIgnoreCase("null")) {
            return null;
        }
        if (v.equals("0")) {
            return 0L;
        }
        if (!v.isEmpty() && v.charAt(0) != '0') {
            try {
                String t = v.startsWith("+") ? v.substring(1) : v;
                if (t.matches("-?\\d+")) {
                    return Long.parseLong(t);
                }
            } catch (NumberFormatException e) {
                return v;
            }
        }
        return v;
    }
}
