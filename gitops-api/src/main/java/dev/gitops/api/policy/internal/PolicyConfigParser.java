package dev.gitops.api.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.Origin;
import dev.gitops.api.model.Resource;
import dev.gitops.api.policy.PolicyConfig;
import dev.gitops.api.policy.Severity;
import dev.gitops.api.yaml.SourceMap;
import dev.gitops.api.yaml.Yaml;
import dev.gitops.api.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Strict reader of {@code .gitops-policy.yaml}: unknown fields and wrong types are errors with file and line. */
public final class PolicyConfigParser {

    private static final Set<String> TOP = Set.of("ruleSets", "rules", "exemptions");
    private static final Set<String> RULE = Set.of("enabled", "severity", "options");
    private static final Set<String> EXEMPTION = Set.of("rules", "paths", "resources", "reason");

    private final SourceMap sm;
    private final String file;

    private PolicyConfigParser(SourceMap sm, String file) {
        this.sm = sm;
        this.file = file;
    }

    /** Parses a configuration. */
    public static PolicyConfig parse(String yaml, String file) {
        List<YamlDocument> docs = Yaml.defaults().readAll(yaml, file).stream().filter(d -> !d.isEmpty()).toList();
        if (docs.isEmpty()) {
            return new PolicyConfig(Map.of(), Map.of(), List.of(), file);
        }
        if (docs.size() > 1) {
            throw new InvalidInputException(docs.get(1).origin(), "expected one YAML document, got " + docs.size());
        }
        YamlDocument doc = docs.get(0);
        return new PolicyConfigParser(doc.sourceMap(), file).config(doc.content());
    }

    private Origin at(String pointer) {
        return sm.locate(pointer).orElse(Origin.of(file).withPointer(pointer));
    }

    private InvalidInputException error(String pointer, String detail) {
        return new InvalidInputException(at(pointer), detail);
    }

    private void object(JsonNode n, String pointer, String what) {
        if (!n.isObject()) {
            throw error(pointer, "expected a mapping for " + what + ", got " + Resource.describe(n));
        }
    }

    private void knownFields(JsonNode n, String pointer, Set<String> known, String what) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw error(pointer + "/" + escape(k), "unknown field \"" + k + "\" in " + what + " (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private PolicyConfig config(JsonNode root) {
        object(root, "", "the policy configuration");
        knownFields(root, "", TOP, "the policy configuration");
        Map<String, PolicyConfig.Toggle> sets = new LinkedHashMap<>();
        JsonNode rs = root.path("ruleSets");
        if (!rs.isMissingNode() && !rs.isNull()) {
            object(rs, "/ruleSets", "ruleSets");
            for (Iterator<Map.Entry<String, JsonNode>> it = rs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = "/ruleSets/" + escape(e.getKey());
                sets.put(e.getKey(), new PolicyConfig.Toggle(bool(e.getValue(), p), at(p)));
            }
        }
        Map<String, PolicyConfig.RuleConfig> rules = new LinkedHashMap<>();
        JsonNode rn = root.path("rules");
        if (!rn.isMissingNode() && !rn.isNull()) {
            object(rn, "/rules", "rules");
            for (Iterator<Map.Entry<String, JsonNode>> it = rn.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = "/rules/" + escape(e.getKey());
                rules.put(e.getKey(), rule(e.getValue(), p, e.getKey()));
            }
        }
        List<PolicyConfig.Exemption> exemptions = new ArrayList<>();
        JsonNode en = root.path("exemptions");
        if (!en.isMissingNode() && !en.isNull()) {
            if (!en.isArray()) {
                throw error("/exemptions", "expected a sequence of exemptions, got " + Resource.describe(en));
            }
            for (int i = 0; i < en.size(); i++) {
                exemptions.add(exemption(en.get(i), "/exemptions/" + i));
            }
        }
        return new PolicyConfig(sets, rules, exemptions, file);
    }

    private boolean bool(JsonNode n, String pointer) {
        if (!n.isBoolean()) {
            throw error(pointer, "expected true or false, got " + Resource.describe(n));
        }
        return n.booleanValue();
    }

    private PolicyConfig.RuleConfig rule(JsonNode n, String p, String id) {
        object(n, p, "rule " + id);
        knownFields(n, p, RULE, "rule " + id);
        Optional<Boolean> enabled = n.has("enabled") ? Optional.of(bool(n.get("enabled"), p + "/enabled"))
                : Optional.empty();
        Optional<Severity> severity = Optional.empty();
        if (n.has("severity")) {
            JsonNode s = n.get("severity");
            if (!s.isTextual()) {
                throw error(p + "/severity", "expected info, warning or error, got " + Resource.describe(s));
            }
            try {
                severity = Optional.of(Severity.parse(s.textValue()));
            } catch (InvalidInputException e) {
                throw error(p + "/severity", e.detail());
            }
        }
        Map<String, JsonNode> options = new LinkedHashMap<>();
        if (n.has("options")) {
            JsonNode o = n.get("options");
            object(o, p + "/options", "the options of rule " + id);
            o.fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue()));
        }
        return new PolicyConfig.RuleConfig(enabled, severity, options, at(p));
    }

    private PolicyConfig.Exemption exemption(JsonNode n, String p) {
        object(n, p, "an exemption");
        knownFields(n, p, EXEMPTION, "an exemption");
        List<String> rules = strings(n, p, "rules");
        List<String> paths = strings(n, p, "paths");
        List<String> resources = strings(n, p, "resources");
        if (rules.isEmpty()) {
            throw error(p, "an exemption needs \"rules\" (rule ids, or \"*\" for all)");
        }
        if (paths.isEmpty() && resources.isEmpty()) {
            throw error(p, "an exemption needs \"paths\" or \"resources\" to say what it exempts");
        }
        JsonNode r = n.path("reason");
        if (!r.isTextual() || r.textValue().isBlank()) {
            throw error(r.isMissingNode() ? p : p + "/reason", "an exemption needs a \"reason\"");
        }
        return new PolicyConfig.Exemption(rules, paths, resources, r.textValue(), at(p));
    }

    private List<String> strings(JsonNode n, String p, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        String fp = p + "/" + field;
        if (v.isTextual()) {
            return List.of(v.textValue());
        }
        if (!v.isArray()) {
            throw error(fp, "expected a sequence of strings, got " + Resource.describe(v));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual() || e.textValue().isEmpty()) {
                throw error(fp + "/" + i, "expected a non-empty string, got " + Resource.describe(e));
            }
            out.add(e.textValue());
        }
        return out;
    }
}
