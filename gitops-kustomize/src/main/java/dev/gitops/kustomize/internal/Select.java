package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** kustomize's patch/replacement target selectors (regex on gvk/name/namespace, label and annotation selectors). */
final class Select {

    private Select() {}

    record Selector(String group, String version, String kind, String name, String namespace,
            String labelSelector, String annotationSelector) {

        static Selector parse(JsonNode t) {
            Kust.checkFields(t, "target", "group", "version", "kind", "name", "namespace", "labelSelector",
                    "annotationSelector");
            return new Selector(Res.text(t.get("group")), Res.text(t.get("version")), Res.text(t.get("kind")),
                    Res.text(t.get("name")), Res.text(t.get("namespace")), Res.text(t.get("labelSelector")),
                    Res.text(t.get("annotationSelector")));
        }
    }

    static Pattern anchor(String s) {
        try {
            return Pattern.compile("^(?:" + s + ")$");
        } catch (PatternSyntaxException e) {
            throw new BuildError("invalid regex '" + s + "' in selector: " + e.getDescription(), e);
        }
    }

    static List<Res> select(ResMap m, JsonNode target) {
        return select(m, Selector.parse(target));
    }

    static List<Res> select(ResMap m, Selector s) {
        Pattern name = s.name.isEmpty() ? null : anchor(s.name);
        Pattern ns = s.namespace.isEmpty() ? null : anchor(s.namespace);
        Pattern g = s.group.isEmpty() ? null : anchor(s.group);
        Pattern v = s.version.isEmpty() ? null : anchor(s.version);
        Pattern k = s.kind.isEmpty() ? null : anchor(s.kind);
        List<Req> labels = s.labelSelector.isEmpty() ? null : parseSelector(s.labelSelector);
        List<Req> annos = s.annotationSelector.isEmpty() ? null : parseSelector(s.annotationSelector);
        List<Res> out = new ArrayList<>();
        for (Res r : m.list()) {
            RId cur = r.curId();
            RId org = r.orgId();
            if (ns != null && !ns.matcher(org.effectiveNamespace()).matches()
                    && !ns.matcher(cur.effectiveNamespace()).matches()) {
                continue;
            }
            if (name != null && !name.matcher(org.name()).matches() && !name.matcher(cur.name()).matches()) {
                continue;
            }
            Gvk gvk = r.gvk();
            if ((g != null && !g.matcher(gvk.group()).matches()) || (v != null && !v.matcher(gvk.version()).matches())
                    || (k != null && !k.matcher(gvk.kind()).matches())) {
                continue;
            }
            if (labels != null && !matches(labels, r.labels())) {
                continue;
            }
            if (annos != null && !matches(annos, r.annotations())) {
                continue;
            }
            out.add(r);
        }
        return out;
    }

    record Req(String key, String op, Set<String> values) {}

    static boolean matches(List<Req> reqs, Map<String, String> labels) {
        for (Req q : reqs) {
            String v = labels.get(q.key);
            boolean ok = switch (q.op) {
                case "exists" -> labels.containsKey(q.key);
                case "!" -> !labels.containsKey(q.key);
                case "=", "==", "in" -> v != null && q.values.contains(v);
                case "!=", "notin" -> v == null || !q.values.contains(v);
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A Kubernetes label selector string. */
    static List<Req> parseSelector(String s) {
        List<Req> out = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        for (String p : parts) {
            p = p.trim();
            if (p.isEmpty()) {
                continue;
            }
            var in = Pattern.compile("^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$").matcher(p);
            if (in.matches()) {
                Set<String> vals = new HashSet<>();
                for (String x : in.group(3).split(",")) {
                    vals.add(x.trim());
                }
                out.add(new Req(in.group(1), in.group(2), vals));
            } else if (p.startsWith("!")) {
                out.add(new Req(p.substring(1).trim(), "!", Set.of()));
            } else if (p.contains("!=")) {
                int i = p.indexOf("!=");
                out.add(new Req(p.substring(0, i).trim(), "!=", Set.of(p.substring(i + 2).trim())));
            } else if (p.contains("==")) {
                int i = p.indexOf("==");
                out.add(new Req(p.substring(0, i).trim(), "==", Set.of(p.substring(i + 2).trim())));
            } else if (p.contains("=")) {
                int i = p.indexOf('=');
                out.add(new Req(p.substring(0, i).trim(), "=", new HashSet<>(Arrays.asList(p.substring(i + 1)
                        .trim()))));
            } else {
                out.add(new Req(p, "exists", Set.of()));
            }
        }
        return out;
    }
}
