package dev.gitops.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.api.json.GoJson;
import dev.gitops.helm.Chart;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * values.schema.json validation: the JSON Schema (draft 7) keywords charts use — type, required, properties,
 * additionalProperties, items, enum, const, minimum/maximum (exclusive too), minLength/maxLength, pattern,
 * minItems/maxItems, uniqueItems, anyOf/allOf/oneOf/not, $ref to local definitions.
 */
public final class Schema {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Schema() {
    }

    /** Validates each chart's values against its schema; returns Helm's report or "". */
    public static String validateChart(Chart c, Map<String, Object> vals) {
        StringBuilder sb = new StringBuilder();
        validate(c, vals, sb);
        return sb.toString();
    }

    private static void validate(Chart c, Map<String, Object> vals, StringBuilder sb) {
        if (c.schema().isPresent()) {
            try {
                JsonNode schema = JSON.readTree(c.schema().get());
                JsonNode data = JSON.valueToTree(GoData.toJson(vals));
                List<String> errs = new ArrayList<>();
                check(schema, schema, data, "", errs);
                if (!errs.isEmpty()) {
                    errs.sort(null);
                    sb.append(c.name()).append(":\n");
                    for (String e : errs) {
                        sb.append("- ").append(e).append('\n');
                    }
                }
            } catch (java.io.IOException e) {
                sb.append(c.name()).append(":\n- invalid schema: ").append(e.getMessage()).append('\n');
            }
        }
        for (Chart d : c.dependencies()) {
            Object sub = vals.get(d.name());
            @SuppressWarnings("unchecked")
            Map<String, Object> m = sub instanceof Map<?, ?> mm ? (Map<String, Object>) mm : Map.of();
            validate(d, m, sb);
        }
    }

    private static String loc(String path) {
        return path.isEmpty() ? "at ''" : "at '" + path + "'";
    }

    private static String typeOf(JsonNode d) {
        if (d.isNull()) {
            return "null";
        }
        if (d.isBoolean()) {
            return "boolean";
        }
        if (d.isIntegralNumber() || d.isNumber() && d.asDouble() == Math.rint(d.asDouble())) {
            return "integer";
        }
        if (d.isNumber()) {
            return "number";
        }
        if (d.isTextual()) {
            return "string";
        }
        if (d.isArray()) {
            return "array";
        }
        return "object";
    }

    private static boolean typeMatches(String t, JsonNode d) {
        String actual = typeOf(d);
        return t.equals(actual) || t.equals("number") && actual.equals("integer");
    }

    private static void check(JsonNode root, JsonNode s, JsonNode d, String path, List<String> errs) {
        if (s.isBoolean()) {
            if (!s.asBoolean()) {
                errs.add(loc(path) + ": false schema");
            }
            return;
        }
        if (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            if (ref.startsWith("#")) {
                JsonNode target = root.at(ref.substring(1));
                if (!target.isMissingNode()) {
                    check(root, target, d, path, errs);
                }
            }
            return;
        }
        JsonNode type = s.get("type");
        if (type != null) {
            boolean ok = false;
            List<String> names = new ArrayList<>();
            if (type.isArray()) {
                for (JsonNode t : type) {
                    names.add(t.asText());
                    ok |= typeMatches(t.asText(), d);
                }
            } else {
                names.add(type.asText());
                ok = typeMatches(type.asText(), d);
            }
            if (!ok) {
                errs.add(loc(path) + ": got " + typeOf(d) + ", want " + String.join(" or ", names));
                return;
            }
        }
        if (s.has("enum")) {
            boolean found = false;
            for (JsonNode e : s.get("enum")) {
                found |= e.equals(d);
            }
            if (!found) {
                List<String> vals = new ArrayList<>();
                s.get("enum").forEach(e -> vals.add(e.isTextual() ? "'" + e.asText() + "'" : e.toString()));
                errs.add(loc(path) + ": value must be one of " + String.join(", ", vals));
            }
        }
        if (s.has("const") && !s.get("const").equals(d)) {
            errs.add(loc(path) + ": value must be " + s.get("const"));
        }
        if (d.isNumber()) {
            double v = d.asDouble();
            if (s.has("minimum") && v < s.get("minimum").asDouble()) {
                errs.add(loc(path) + ": minimum: got " + GoJson.formatFloat(v) + ", want "
                        + GoJson.formatFloat(s.get("minimum").asDouble()));
            }
            if (s.has("maximum") && v > s.get("maximum").asDouble()) {
                errs.add(loc(path) + ": maximum: got " + GoJson.formatFloat(v) + ", want "
                        + GoJson.formatFloat(s.get("maximum").asDouble()));
            }
            if (s.has("exclusiveMinimum") && v <= s.get("exclusiveMinimum").asDouble()) {
                errs.add(loc(path) + ": exclusiveMinimum: got " + GoJson.formatFloat(v));
            }
            if (s.has("exclusiveMaximum") && v >= s.get("exclusiveMaximum").asDouble()) {
                errs.add(loc(path) + ": exclusiveMaximum: got " + GoJson.formatFloat(v));
            }
        }
        if (d.isTextual()) {
            String v = d.asText();
            int len = v.codePointCount(0, v.length());
            if (s.has("minLength") && len < s.get("minLength").asInt()) {
                errs.add(loc(path) + ": minLength: got " + len + ", want " + s.get("minLength").asInt());
            }
            if (s.has("maxLength") && len > s.get("maxLength").asInt()) {
                errs.add(loc(path) + ": maxLength: got " + len + ", want " + s.get("maxLength").asInt());
            }
            if (s.has("pattern") && !Pattern.compile(GoRegex.toJava(s.get("pattern").asText())).matcher(v).find()) {
                errs.add(loc(path) + ": '" + v + "' does not match pattern '" + s.get("pattern").asText() + "'");
            }
        }
        if (d.isObject()) {
            if (s.has("required")) {
                List<String> missing = new ArrayList<>();
                for (JsonNode r : s.get("required")) {
                    if (!d.has(r.asText())) {
                        missing.add("'" + r.asText() + "'");
                    }
                }
                if (!missing.isEmpty()) {
                    errs.add(loc(path) + ": missing propert" + (missing.size() == 1 ? "y " : "ies ")
                            + String.join(", ", missing));
                }
            }
            JsonNode props = s.get("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + "/" + e.getKey();
                if (props != null && props.has(e.getKey())) {
                    check(root, props.get(e.getKey()), e.getValue(), p, errs);
                } else if (s.has("additionalProperties")) {
                    JsonNode ap = s.get("additionalProperties");
                    if (ap.isBoolean() && !ap.asBoolean()) {
                        errs.add(loc(path) + ": additional properties '" + e.getKey() + "' not allowed");
                    } else if (ap.isObject()) {
                        check(root, ap, e.getValue(), p, errs);
                    }
                }
            }
        }
        if (d.isArray()) {
            if (s.has("minItems") && d.size() < s.get("minItems").asInt()) {
                errs.add(loc(path) + ": minItems: got " + d.size() + ", want " + s.get("minItems").asInt());
            }
            if (s.has("maxItems") && d.size() > s.get("maxItems").asInt()) {
                errs.add(loc(path) + ": maxItems: got " + d.size() + ", want " + s.get("maxItems").asInt());
            }
            if (s.has("items") && s.get("items").isObject()) {
                for (int i = 0; i < d.size(); i++) {
                    check(root, s.get("items"), d.get(i), path + "/" + i, errs);
                }
            }
        }
        for (String comb : List.of("allOf", "anyOf", "oneOf")) {
            if (!s.has(comb)) {
                continue;
            }
            int ok = 0;
            List<String> sub = new ArrayList<>();
            for (JsonNode alt : s.get(comb)) {
                List<String> e = new ArrayList<>();
                check(root, alt, d, path, e);
                if (e.isEmpty()) {
                    ok++;
                }
                sub.addAll(e);
            }
            int n = s.get(comb).size();
            if (comb.equals("allOf") && ok != n) {
                errs.addAll(sub);
            } else if (comb.equals("anyOf") && ok == 0) {
                errs.add(loc(path) + ": anyOf failed");
            } else if (comb.equals("oneOf") && ok != 1) {
                errs.add(loc(path) + ": oneOf failed");
            }
        }
        if (s.has("not")) {
            List<String> e = new ArrayList<>();
            check(root, s.get("not"), d, path, e);
            if (e.isEmpty()) {
                errs.add(loc(path) + ": not failed");
            }
        }
    }
}
