package dev.gitops.api.diff.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.gitops.api.diff.FieldChange;
import dev.gitops.api.patch.PatchField;
import dev.gitops.api.patch.internal.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Field-level differences between two objects; lists merged by key are matched by key. */
public final class Changes {

    private Changes() {
    }

    /** The changes from {@code before} to {@code after}. */
    public static List<FieldChange> between(JsonNode before, JsonNode after, PatchField root) {
        List<FieldChange> out = new ArrayList<>();
        walk(new StringBuilder(), before, after, root, out);
        return out;
    }

    private static void walk(StringBuilder path, JsonNode b, JsonNode a, PatchField field, List<FieldChange> out) {
        if (Json.equal(b, a)) {
            return;
        }
        if (b.isObject() && a.isObject()) {
            Set<String> seen = new HashSet<>();
            for (Map.Entry<String, JsonNode> e : b.properties()) {
                seen.add(e.getKey());
                int len = path.length();
                append(path, e.getKey());
                PatchField f = field.schema().field(e.getKey()).orElseGet(() -> PatchField.unknown(e.getKey()));
                JsonNode av = a.get(e.getKey());
                if (av == null) {
                    out.add(new FieldChange(path.toString(), FieldChange.Type.REMOVED, e.getValue(),
                            MissingNode.getInstance()));
                } else {
                    walk(path, e.getValue(), av, f, out);
                }
                path.setLength(len);
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                if (!seen.contains(e.getKey())) {
                    int len = path.length();
                    append(path, e.getKey());
                    out.add(new FieldChange(path.toString(), FieldChange.Type.ADDED, MissingNode.getInstance(),
                            e.getValue()));
                    path.setLength(len);
                }
            }
            return;
        }
        if (b.isArray() && a.isArray()) {
            String mk = field.mergeKey();
            PatchField elem = PatchField.of(field.name(), field.schema());
            if (field.merging() && !mk.isEmpty() && allHave(b, mk) && allHave(a, mk)) {
                int before = out.size();
                boolean[] matched = new boolean[a.size()];
                for (int i = 0; i < b.size(); i++) {
                    int j = indexOf(a, mk, b.get(i).get(mk));
                    int len = path.length();
                    path.append('/').append(i);
                    if (j < 0) {
                        out.add(new FieldChange(path.toString(), FieldChange.Type.REMOVED, b.get(i),
                                MissingNode.getInstance()));
                    } else {
                        matched[j] = true;
                        walk(path, b.get(i), a.get(j), elem, out);
                    }
                    path.setLength(len);
                }
                for (int j = 0; j < a.size(); j++) {
                    if (!matched[j]) {
                        int len = path.length();
                        path.append('/').append(j);
                        out.add(new FieldChange(path.toString(), FieldChange.Type.ADDED, MissingNode.getInstance(),
                                a.get(j)));
                        path.setLength(len);
                    }
                }
                if (out.size() == before) {
                    // same elements, other order
                    out.add(new FieldChange(path.toString(), FieldChange.Type.CHANGED, b, a));
                }
                return;
            }
            if (b.size() == a.size() && !field.merging()) {
                for (int i = 0; i < b.size(); i++) {
                    int len = path.length();
                    path.append('/').append(i);
                    walk(path, b.get(i), a.get(i), elem, out);
                    path.setLength(len);
                }
                return;
            }
        }
        out.add(new FieldChange(path.toString(), FieldChange.Type.CHANGED, b, a));
    }

    private static boolean allHave(JsonNode list, String key) {
        for (JsonNode e : list) {
            if (!e.isObject() || !e.has(key)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(JsonNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (Json.equal(list.get(i).get(key), value)) {
                return i;
            }
        }
        return -1;
    }

    /** Appends an escaped pointer token. */
    public static void append(StringBuilder path, String token) {
        path.append('/');
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '~') {
                path.append("~0");
            } else if (c == '/') {
                path.append("~1");
            } else {
                path.append(c);
            }
        }
    }
}
