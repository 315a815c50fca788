package dev.gitops.helm.internal;

import static dev.gitops.api.template.ParamType.ANY;
import static dev.gitops.api.template.ParamType.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.api.json.GoJson;
import dev.gitops.api.json.UnsupportedJsonValueException;
import dev.gitops.api.template.FunctionContext;
import dev.gitops.api.template.MissingKey;
import dev.gitops.api.template.TemplateFunction;
import dev.gitops.api.template.Templates;
import dev.gitops.api.yaml.Yaml;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Helm's template function map: Sprig (without env/expandenv) plus Helm's own functions. */
public final class HelmFunctions {

    /** Helm wraps messages of required/fail so that its error cleanup can find them. */
    public static final String WARN_START = "HELM_ERR_START";
    public static final String WARN_END = "HELM_ERR_END";
    static final int RECURSION_MAX = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private HelmFunctions() {
    }

    /**
     * The function map. {@code includeDepth} counts nested includes per template name for one render (Helm's
     * recursion guard), so a fresh map is made per render.
     */
    public static Map<String, TemplateFunction> create(Random random, Clock clock, boolean strict) {
        return create(Sprig.functions(random, clock), strict);
    }

    /** The function map over a prebuilt Sprig map (Sprig's functions are stateless and can be shared). */
    public static Map<String, TemplateFunction> create(Map<String, TemplateFunction> sprig, boolean strict) {
        Map<String, TemplateFunction> m = new LinkedHashMap<>(sprig);
        Map<String, Integer> included = new HashMap<>();
        m.put("toYaml", TemplateFunction.of((c, a) -> toYaml(a[0]), ANY));
        m.put("mustToYaml", TemplateFunction.of((c, a) -> toYaml(a[0]), ANY));
        m.put("toYamlPretty", TemplateFunction.of((c, a) -> toYaml(a[0]), ANY));
        m.put("fromYaml", TemplateFunction.of((c, a) -> fromYaml((String) a[0]), STRING));
        m.put("fromYamlArray", TemplateFunction.of((c, a) -> fromYamlArray((String) a[0]), STRING));
        m.put("toJson", TemplateFunction.of((c, a) -> {
            try {
                return GoJson.standard().marshal(a[0]);
            } catch (UnsupportedJsonValueException e) {
                return "";
            }
        }, ANY));
        m.put("fromJson", TemplateFunction.of((c, a) -> fromJson((String) a[0]), STRING));
        m.put("fromJsonArray", TemplateFunction.of((c, a) -> fromJsonArray((String) a[0]), STRING));
        m.put("mustFromJson", TemplateFunction.of((c, a) -> {
            JsonNode n = JSON.readTree((String) a[0]);
            return GoData.fromJson(n);
        }, STRING));
        m.put("toToml", TemplateFunction.of((c, a) -> Toml.encode(a[0]), ANY));
        m.put("include", TemplateFunction.of((c, a) -> include(c, (String) a[0], a[1], included), STRING, ANY));
        m.put("tpl", TemplateFunction.of((c, a) -> tpl(c, (String) a[0], a[1], strict), STRING, ANY));
        m.put("required", TemplateFunction.of((c, a) -> {
            if (a[1] == null || "".equals(a[1])) {
                throw new IllegalStateException(WARN_START + a[0] + WARN_END);
            }
            return a[1];
        }, STRING, ANY));
        m.put("fail", TemplateFunction.of((c, a) -> {
            throw new IllegalStateException(WARN_START + a[0] + WARN_END);
        }, STRING));
        m.put("lookup", TemplateFunction.of((c, a) -> new LinkedHashMap<String, Object>(), STRING, STRING, STRING,
                STRING));
        return m;
    }

    static String include(FunctionContext c, String name, Object data, Map<String, Integer> included) {
        Integer v = included.get(name);
        if (v != null) {
            if (v > RECURSION_MAX) {
                throw new IllegalStateException("rendering template has a nested reference name: " + name
                        + ": unable to execute template");
            }
            included.put(name, v + 1);
        } else {
            included.put(name, 1);
        }
        try {
            return c.templates().render(name, data);
        } finally {
            included.merge(name, -1, Integer::sum);
        }
    }

    static String tpl(FunctionContext c, String text, Object vals, boolean strict) {
        Templates parent = c.templates().withMissingKey(strict ? MissingKey.ERROR : MissingKey.ZERO);
        String name = parent.name();
        String out;
        try {
            out = parent.renderNew(name, text, vals);
        } catch (dev.gitops.api.template.TemplateException e) {
            if (!e.getMessage().contains(": executing \"")) {
                throw new IllegalStateException("cannot parse template " + dev.gitops.api.template.GoFmt.sprintf(
                        "%q", text) + ": " + e.getMessage(), e);
            }
            throw new IllegalStateException("error during tpl function execution for "
                    + dev.gitops.api.template.GoFmt.sprintf("%q", text) + ": " + e.getMessage(), e);
        }
        return out.replace("<no value>", "");
    }

    /** Helm's toYaml: sigs.k8s.io/yaml Marshal, trailing newline trimmed. */
    public static String toYaml(Object v) {
        String s = Yaml.defaults().write(GoData.toJson(v));
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    static Map<String, Object> fromYaml(String s) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            Object n = YamlV2.read(s, "fromYaml");
            if (n == null) {
                return m;
            }
            if (!(n instanceof Map)) {
                m.put("Error", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
                        + (n instanceof List ? "array" : n instanceof String ? "string" : n instanceof Boolean
                                ? "bool" : "number") + " into Go value of type map[string]interface {}");
                return m;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) n;
            return r;
        } catch (RuntimeException e) {
            m.put("Error", e.getMessage());
            return m;
        }
    }

    static List<Object> fromYamlArray(String s) {
        try {
            Object n = YamlV2.read(s, "fromYamlArray");
            if (n == null) {
                return new ArrayList<>();
            }
            if (!(n instanceof List)) {
                return new ArrayList<>(List.of("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
                        + (n instanceof Map ? "object" : n instanceof String ? "string" : n instanceof Boolean
                                ? "bool" : "number") + " into Go value of type []interface {}"));
            }
            @SuppressWarnings("unchecked")
            List<Object> r = (List<Object>) n;
            return r;
        } catch (RuntimeException e) {
            return new ArrayList<>(List.of(e.getMessage()));
        }
    }

    static Map<String, Object> fromJson(String s) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            JsonNode n = JSON.readTree(s);
            if (n == null || !n.isObject()) {
                m.put("Error", "json: cannot unmarshal " + (n == null ? "null" : jsonKind(n))
                        + " into Go value of type map[string]interface {}");
                return m;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) GoData.fromJson(n);
            return r;
        } catch (Exception e) {
            m.put("Error", e.getMessage());
            return m;
        }
    }

    static List<Object> fromJsonArray(String s) {
        try {
            JsonNode n = JSON.readTree(s);
            if (n == null || !n.isArray()) {
                return new ArrayList<>(List.of("json: cannot unmarshal " + (n == null ? "null" : jsonKind(n))
                        + " into Go value of type []interface {}"));
            }
            @SuppressWarnings("unchecked")
            List<Object> r = (List<Object>) GoData.fromJson(n);
            return r;
        } catch (Exception e) {
            return new ArrayList<>(List.of(e.getMessage()));
        }
    }

    private static String jsonKind(JsonNode n) {
        if (n.isArray()) {
            return "array";
        }
        if (n.isObject()) {
            return "object";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isBoolean()) {
            return "bool";
        }
        return "string";
    }
}
