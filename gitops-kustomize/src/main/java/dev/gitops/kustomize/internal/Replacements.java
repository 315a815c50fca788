package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gitops.api.yaml.Yaml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** kustomize's ReplacementTransformer. */
final class Replacements {

    private Replacements() {}

    static void apply(KustTarget kt, ResMap m, JsonNode replacements) {
        List<JsonNode> list = new ArrayList<>();
        if (!replacements.isArray()) {
            throw new BuildError(kt.kust.file + ": replacements: expected a list");
        }
        for (JsonNode r : replacements) {
            if (r.has("path")) {
                String path = Res.text(r.get("path"));
                String text = new String(kt.ldr.load(path), StandardCharsets.UTF_8);
                for (JsonNode d : Yaml.defaults().readValues(text, kt.ldr.describe(kt.ldr.resolve(path)))) {
                    if (d.isArray()) {
                        d.forEach(list::add);
                    } else {
                        list.add(d);
                    }
                }
            } else {
                list.add(r);
            }
        }
        for (JsonNode r : list) {
            Kust.checkFields(r, kt.kust.file + ": replacements", "source", "sourceValue", "targets");
            JsonNode source = r.get("source");
            JsonNode sourceValue = r.get("sourceValue");
            JsonNode targets = r.get("targets");
            if ((source == null && sourceValue == null) || targets == null) {
                throw new BuildError("replacements must specify a source and at least one target");
            }
            JsonNode value;
            if (sourceValue != null && source != null) {
                throw new BuildError("value and resource selectors are mutually exclusive");
            }
            if (sourceValue != null) {
                value = TextNode.valueOf(Res.text(sourceValue));
            } else {
                value = sourceValue(m, source);
            }
            for (JsonNode t : targets) {
                applyTarget(m, value, t);
            }
        }
        m.touch();
    }

    private static RId selectorId(JsonNode s) {
        return new RId(new Gvk(Res.text(s.get("group")), Res.text(s.get("version")), Res.text(s.get("kind"))),
                Res.text(s.get("name")), Res.text(s.get("namespace")));
    }

    private static List<RId> ids(Res r) {
        List<RId> ids = new ArrayList<>();
        ids.add(r.curId());
        ids.addAll(r.prevIds());
        return ids;
    }

    static JsonNode sourceValue(ResMap m, JsonNode source) {
        Kust.checkFields(source, "replacements.source", "group", "version", "kind", "name", "namespace",
                "fieldPath", "options");
        RId sel = selectorId(source);
        Res match = null;
        for (Res r : m.list()) {
            for (RId id : ids(r)) {
                if (id.isSelectedBy(sel)) {
                    if (match != null) {
                        throw new BuildError("multiple matches for selector " + sel);
                    }
                    match = r;
                    break;
                }
            }
        }
        if (match == null) {
            throw new BuildError("nothing selected by " + sel);
        }
        String fp = Res.text(source.get("fieldPath"));
        if (fp.isEmpty()) {
            fp = "metadata.name";
        }
        JsonNode v = FieldPath.get(match.node, fp);
        if (v == null || v.isNull() || (v.isContainerNode() && v.isEmpty())) {
            throw new BuildError("fieldPath `" + fp + "` is missing for replacement source " + sel);
        }
        JsonNode opts = source.get("options");
        String delim = opts == null ? "" : Res.text(opts.get("delimiter"));
        if (!delim.isEmpty()) {
            if (!v.isValueNode()) {
                throw new BuildError("delimiter option can only be used with scalar nodes");
            }
            String[] parts = Res.text(v).split(Pattern.quote(delim), -1);
            int idx = opts.path("index").asInt(0);
            if (idx >= parts.length || idx < 0) {
                throw new BuildError("options.index " + idx + " is out of bounds for value " + Res.text(v));
            }
            return TextNode.valueOf(parts[idx]);
        }
        return v.deepCopy();
    }

    private static void applyTarget(ResMap m, JsonNode value, JsonNode t) {
        Kust.checkFields(t, "replacements.targets", "select", "reject", "fieldPaths", "options");
        JsonNode select = t.get("select");
        if (select == null || select.isNull()) {
            throw new BuildError("target must specify resources to select");
        }
        List<String> fieldPaths = Kust.stringList(t.get("fieldPaths"), "replacements.targets.fieldPaths");
        if (fieldPaths.isEmpty()) {
            fieldPaths = List.of("metadata.name");
        }
        Select.Selector sel = Select.Selector.parse(select);
        List<Select.Selector> rejects = new ArrayList<>();
        JsonNode rj = t.get("reject");
        if (rj != null && rj.isArray()) {
            for (JsonNode x : rj) {
                rejects.add(Select.Selector.parse(x));
            }
        }
        JsonNode options = t.get("options");
        for (Res r : m.list()) {
            if (!annoLabelMatch(r, sel)) {
                continue;
            }
            boolean rejected = false;
            for (Select.Selector x : rejects) {
                boolean hasIdPart = !(x.group() + x.version() + x.kind() + x.name() + x.namespace()).isEmpty();
                if (!x.labelSelector().isEmpty() || !x.annotationSelector().isEmpty()) {
                    if (annoLabelMatch(r, x) && !hasIdPart) {
                        rejected = true;
                    }
                }
                if (hasIdPart) {
                    for (RId id : ids(r)) {
                        if (idMatches(id, x)) {
                            rejected = true;
                        }
                    }
                }
            }
            if (rejected) {
                continue;
            }
            boolean selected = false;
            for (RId id : ids(r)) {
                if (idMatches(id, sel)) {
                    selected = true;
                    break;
                }
            }
            if (selected) {
                for (String fp : fieldPaths) {
                    setAt(r, fp, value, options);
                }
            }
        }
    }

    private static boolean annoLabelMatch(Res r, Select.Selector s) {
        return (s.labelSelector().isEmpty() || Select.matches(Select.parseSelector(s.labelSelector()), r.labels()))
                && (s.annotationSelector().isEmpty()
                || Select.matches(Select.parseSelector(s.annotationSelector()), r.annotations()));
    }

    private static boolean idMatches(RId id, Select.Selector s) {
        return (s.name().isEmpty() || Select.anchor(s.name()).matcher(id.name()).matches())
                && (s.namespace().isEmpty() || Select.anchor(s.namespace()).matcher(id.effectiveNamespace()).matches()
                || Select.anchor(s.namespace()).matcher(id.namespace()).matches())
                && (s.group().isEmpty() || Select.anchor(s.group()).matcher(id.gvk().group()).matches())
                && (s.version().isEmpty() || Select.anchor(s.version()).matcher(id.gvk().version()).matches())
                && (s.kind().isEmpty() || Select.anchor(s.kind()).matcher(id.gvk().kind()).matches());
    }

    private static void setAt(Res r, String fp, JsonNode value, JsonNode options) {
        boolean create = options != null && options.path("create").asBoolean(false);
        List<String> path = FieldPath.split(fp);
        List<Walk.Slot> slots = new ArrayList<>();
        find(r.node, path, 0, create, value, slots, null);
        if (slots.isEmpty()) {
            throw new BuildError(create ? "unable to find or create field \"" + fp + "\" in replacement target"
                    : "unable to find field \"" + fp + "\" in replacement target");
        }
        for (Walk.Slot s : slots) {
            setValue(s, value, options);
        }
    }

    private static void find(JsonNode n, List<String> path, int i, boolean create, JsonNode value,
            List<Walk.Slot> out, Walk.Slot slot) {
        if (i == path.size()) {
            out.add(slot);
            return;
        }
        String seg = path.get(i);
        boolean last = i == path.size() - 1;
        if (seg.startsWith("[") && seg.endsWith("]")) {
            if (!(n instanceof ArrayNode a)) {
                return;
            }
            String inner = seg.substring(1, seg.length() - 1);
            int eq = inner.indexOf('=');
            if (eq < 0) {
                try {
                    int idx = Integer.parseInt(inner);
                    if (idx >= 0 && idx < a.size()) {
                        find(a.get(idx), path, i + 1, create, value, out, Walk.elementSlot(a, idx));
                    }
                } catch (NumberFormatException e) {
                    // not an index
                }
                return;
            }
            String k = inner.substring(0, eq);
            String v = inner.substring(eq + 1);
            boolean found = false;
            for (int j = 0; j < a.size(); j++) {
                JsonNode e = a.get(j);
                if (e.isObject() && v.equals(Res.text(e.get(k)))) {
                    found = true;
                    find(e, path, i + 1, create, value, out, Walk.elementSlot(a, j));
                }
            }
            if (!found && create) {
                ObjectNode e = a.addObject();
                e.put(k, v);
                find(e, path, i + 1, create, value, out, Walk.elementSlot(a, a.size() - 1));
            }
            return;
        }
        if (seg.matches("\\d+") && n instanceof ArrayNode a) {
            int idx = Integer.parseInt(seg);
            if (idx < a.size()) {
                find(a.get(idx), path, i + 1, create, value, out, Walk.elementSlot(a, idx));
            }
            return;
        }
        if (seg.equals("*") && n instanceof ArrayNode a) {
            for (int j = 0; j < a.size(); j++) {
                find(a.get(j), path, i + 1, create, value, out, Walk.elementSlot(a, j));
            }
            return;
        }
        if (!(n instanceof ObjectNode o)) {
            return;
        }
        JsonNode child = o.get(seg);
        if (child == null || child.isNull()) {
            if (!create) {
                return;
            }
            if (last) {
                // a created scalar has no tag yet: it takes the source value with its type
                child = value.isObject() ? o.objectNode() : value.isArray() ? o.arrayNode()
                        : com.fasterxml.jackson.databind.node.NullNode.getInstance();
            } else {
                child = path.get(i + 1).startsWith("[") ? o.arrayNode() : o.objectNode();
            }
            o.set(seg, child);
        }
        find(child, path, i + 1, create, value, out, Walk.fieldSlot(o, seg));
    }

    private static void setValue(Walk.Slot slot, JsonNode value, JsonNode options) {
        JsonNode target = slot.get();
        String delim = options == null ? "" : Res.text(options.get("delimiter"));
        JsonNode v = value.deepCopy();
        if (!delim.isEmpty()) {
            if (target == null || !target.isValueNode()) {
                throw new BuildError("delimiter option can only be used with scalar nodes");
            }
            List<String> tv = new ArrayList<>(List.of(Res.text(target).split(Pattern.quote(delim), -1)));
            int idx = options.path("index").asInt(0);
            String s = Res.text(value);
            if (idx < 0) {
                tv.add(0, s);
            } else if (idx >= tv.size()) {
                tv.add(s);
            } else {
                tv.set(idx, s);
            }
            v = TextNode.valueOf(String.join(delim, tv));
        }
        if (target != null && target.isValueNode() && !target.isNull() && v.isValueNode()) {
            slot.set(retag(target, Res.text(v)));
        } else {
            slot.set(v);
        }
    }

    /** kustomize keeps the target scalar's tag and replaces only its text. */
    private static JsonNode retag(JsonNode target, String text) {
        if (target.isTextual()) {
            return TextNode.valueOf(text);
        }
        if (target.isIntegralNumber()) {
            try {
                return LongNode.valueOf(Long.parseLong(text)).canConvertToInt()
                        ? com.fasterxml.jackson.databind.node.IntNode.valueOf(Integer.parseInt(text))
                        : LongNode.valueOf(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return TextNode.valueOf(text);
            }
        }
        if (target.isBoolean() && (text.equals("true") || text.equals("false"))) {
            return BooleanNode.valueOf(Boolean.parseBoolean(text));
        }
        if (target.isFloatingPointNumber()) {
            try {
                return DoubleNode.valueOf(Double.parseDouble(text));
            } catch (NumberFormatException e) {
                return TextNode.valueOf(text);
            }
        }
        return TextNode.valueOf(text);
    }
}
