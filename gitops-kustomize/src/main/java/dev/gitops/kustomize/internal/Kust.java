package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.yaml.Yaml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A loaded kustomization file with typed accessors and kustomize's strict field checks. */
final class Kust {

    static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    static final Set<String> FIELDS = Set.of("apiVersion", "kind", "metadata", "openapi", "namePrefix", "nameSuffix",
            "namespace", "commonLabels", "labels", "commonAnnotations", "patchesStrategicMerge", "patchesJson6902",
            "patches", "images", "imageTags", "replacements", "replicas", "vars", "sortOptions", "resources",
            "components", "crds", "bases", "configMapGenerator", "secretGenerator", "helmGlobals", "helmCharts",
            "helmChartInflationGenerator", "generatorOptions", "configurations", "generators", "transformers",
            "validators", "buildMetadata");

    /** kustomization files are read by sigs.k8s.io/yaml: duplicate keys are accepted, the last one wins. */
    private static final Yaml LENIENT = Yaml.builder().lastDuplicateKeyWins(true).build();

    final ObjectNode n;
    final String file;
    final String fileName;

    Kust(ObjectNode n, String file, String fileName) {
        this.n = n;
        this.file = file;
        this.fileName = fileName;
    }

    static Kust load(Loader ldr) {
        String found = null;
        byte[] content = null;
        int matches = 0;
        for (String f : FILE_NAMES) {
            if (ldr.isFile(f)) {
                matches++;
                found = f;
                content = ldr.load(f);
            }
        }
        if (matches == 0) {
            throw new BuildError("unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization'"
                    + " in directory '" + ldr.describe(ldr.root()) + "'");
        }
        if (matches > 1) {
            throw new BuildError("Found multiple kustomization files under: " + ldr.describe(ldr.root()));
        }
        String file = ldr.describe(ldr.resolve(found));
        JsonNode doc;
        try {
            doc = LENIENT.readOne(new String(content, StandardCharsets.UTF_8), file).content();
        } catch (RuntimeException e) {
            throw new BuildError("invalid Kustomization: " + e.getMessage(), e);
        }
        if (doc == null || doc.isNull() || (doc.isObject() && doc.isEmpty())) {
            throw new BuildError("kustomization.yaml is empty");
        }
        if (!doc.isObject()) {
            throw new BuildError(file + ": invalid Kustomization: expected a mapping");
        }
        final byte[] source = content;
        KyamlScalars.yaml11Booleans(doc, () -> KustTarget.text(source));
        ObjectNode o = normalizeFields((ObjectNode) doc, file);
        Kust k = new Kust(o, file, found);
        String kind = Res.text(o.get("kind"));
        String apiVersion = Res.text(o.get("apiVersion"));
        List<String> errs = new ArrayList<>();
        if (!kind.isEmpty() && !kind.equals("Kustomization") && !kind.equals("Component")) {
            errs.add("kind should be Kustomization or Component");
        }
        String required = kind.equals("Component") ? "kustomize.config.k8s.io/v1alpha1"
                : "kustomize.config.k8s.io/v1beta1";
        if (!apiVersion.isEmpty() && !apiVersion.equals(required)) {
            errs.add("apiVersion for " + (kind.isEmpty() ? "Kustomization" : kind) + " should be " + required);
        }
        if (!errs.isEmpty()) {
            throw new BuildError("Failed to read kustomization file under " + ldr.describe(ldr.root()) + ":\n"
                    + String.join("\n", errs));
        }
        return k;
    }

    /** Go's encoding/json matches field names case-insensitively; unknown fields are errors. */
    private static ObjectNode normalizeFields(ObjectNode o, String file) {
        ObjectNode out = o.objectNode();
        for (var it = o.fields(); it.hasNext(); ) {
            var e = it.next();
            String f = e.getKey();
            String canonical = FIELDS.contains(f) ? f : null;
            if (canonical == null) {
                for (String c : FIELDS) {
                    if (c.equalsIgnoreCase(f)) {
                        canonical = c;
                    }
                }
            }
            if (canonical == null) {
                throw new BuildError("invalid Kustomization: json: unknown field \"" + f + "\" (in " + file + ")");
            }
            out.set(canonical, e.getValue());
        }
        return out;
    }

    boolean isComponent() {
        return "Component".equals(Res.text(n.get("kind")));
    }

    String str(String field) {
        JsonNode v = n.get(field);
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw new BuildError("invalid Kustomization: json: cannot unmarshal " + (v.isNumber() ? "number"
                    : v.isBoolean() ? "bool" : v.isArray() ? "array" : "object")
                    + " into Go struct field Kustomization." + field + " of type string (in " + file + ")");
        }
        return Res.text(v);
    }

    List<String> list(String field) {
        return stringList(n.get(field), file + ": " + field);
    }

    JsonNode get(String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v;
    }

    List<JsonNode> nodes(String field) {
        JsonNode v = get(field);
        List<JsonNode> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            throw new BuildError(file + ": field " + field + ": expected a list");
        }
        v.forEach(out::add);
        return out;
    }

    Map<String, String> map(String field) {
        return stringMap(n.get(field), file + ": " + field);
    }

    static List<String> stringList(JsonNode v, String where) {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new BuildError(where + ": expected a list of strings");
        }
        for (JsonNode e : v) {
            if (!e.isValueNode()) {
                throw new BuildError(where + ": expected a list of strings");
            }
            out.add(string(e, where));
        }
        return out;
    }

    static Map<String, String> stringMap(JsonNode v, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw new BuildError(where + ": expected a map of strings");
        }
        for (var it = v.fields(); it.hasNext(); ) {
            var e = it.next();
            out.put(e.getKey(), string(e.getValue(), where + "." + e.getKey()));
        }
        return out;
    }

    /**
     * A string field: kustomization files are read as YAML 1.1 by sigs.k8s.io/yaml, so an unquoted {@code yes},
     * {@code on} or {@code 1.10} is not a string and fails as in kustomize ({@code null} reads as "").
     */
    static String string(JsonNode v, String where) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new BuildError("invalid Kustomization: json: cannot unmarshal " + goJsonType(v)
                    + " into Go value of type string (" + where + "; quote the value)");
        }
        return v.textValue();
    }

    static String goJsonType(JsonNode v) {
        return v.isNumber() ? "number" : v.isBoolean() ? "bool" : v.isArray() ? "array" : "object";
    }

    static void checkFields(JsonNode n, String where, String... allowed) {
        if (n == null || n.isNull()) {
            return;
        }
        if (!n.isObject()) {
            throw new BuildError(where + ": expected a mapping");
        }
        Set<String> a = Set.of(allowed);
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!a.contains(f)) {
                throw new BuildError(where + ": json: unknown field \"" + f + "\"");
            }
        }
    }
}
