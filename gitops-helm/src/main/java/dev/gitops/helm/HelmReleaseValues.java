package dev.gitops.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.yaml.Yaml;
import dev.gitops.helm.internal.Coalesce;
import dev.gitops.helm.internal.GoData;
import dev.gitops.helm.internal.StrVals;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The effective values of a Flux {@code HelmRelease} ({@code helm.toolkit.fluxcd.io/v2}): each {@code valuesFrom}
 * reference in order (ConfigMap or Secret, {@code valuesKey} defaulting to {@code values.yaml}, {@code targetPath}
 * set as a string with commas escaped, {@code optional} ignoring a missing object), then the inline
 * {@code spec.values} merged last, as helm-controller does. Paths whose value came from a Secret are remembered so
 * that diffs can mask them.
 */
public final class HelmReleaseValues {

    /** Where ConfigMaps and Secrets are looked up: kind ({@code ConfigMap}/{@code Secret}), namespace, name. */
    @FunctionalInterface
    public interface Objects {
        /** The object's data (Secret data already base64-decoded), if it exists. */
        Optional<Map<String, String>> data(String kind, String namespace, String name);

        /** A lookup over Kubernetes documents (ConfigMaps and Secrets, {@code data} and {@code stringData}). */
        static Objects of(List<JsonNode> documents) {
            Map<String, Map<String, String>> m = new LinkedHashMap<>();
            for (JsonNode d : documents) {
                String kind = d.path("kind").asText();
                if (!kind.equals("ConfigMap") && !kind.equals("Secret")) {
                    continue;
                }
                String key = kind + "/" + d.path("metadata").path("namespace").asText("") + "/"
                        + d.path("metadata").path("name").asText();
                Map<String, String> data = new LinkedHashMap<>();
                d.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), kind.equals("Secret")
                        ? new String(Base64.getMimeDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)
                        : e.getValue().asText()));
                d.path("stringData").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
                m.put(key, data);
            }
            return (kind, ns, name) -> Optional.ofNullable(m.get(kind + "/" + ns + "/" + name));
        }
    }

    /**
     * The composed values.
     *
     * @param values the effective values
     * @param secretPaths dotted paths (and their prefixes' subtrees) whose values came from Secrets
     */
    public record Effective(Map<String, Object> values, Set<String> secretPaths) {
        /** Copies. */
        @SuppressWarnings("unchecked")
        public Effective {
            values = Collections.unmodifiableMap((Map<String, Object>) GoData.deepCopy(values));
            secretPaths = Set.copyOf(secretPaths);
        }
    }

    private HelmReleaseValues() {
    }

    /**
     * Composes the values of a HelmRelease document.
     *
     * @throws NotFoundException when a non-optional reference is missing
     * @throws InvalidInputException when a referenced key is missing or does not hold a YAML map
     */
    @SuppressWarnings("unchecked")
    public static Effective compose(JsonNode helmRelease, Objects objects) {
        String ns = helmRelease.path("metadata").path("namespace").asText("");
        JsonNode spec = helmRelease.path("spec");
        Map<String, Object> result = new LinkedHashMap<>();
        Set<String> secretPaths = new LinkedHashSet<>();
        for (JsonNode ref : spec.path("valuesFrom")) {
            String kind = ref.path("kind").asText();
            String name = ref.path("name").asText();
            String key = ref.path("valuesKey").asText("values.yaml");
            String targetPath = ref.path("targetPath").asText("");
            boolean optional = ref.path("optional").asBoolean(false);
            if (!kind.equals("ConfigMap") && !kind.equals("Secret")) {
                throw new InvalidInputException("unsupported ValuesReference kind '" + kind + "'");
            }
            Optional<Map<String, String>> data = objects.data(kind, ns, name);
            if (data.isEmpty()) {
                if (optional) {
                    continue;
                }
                throw new NotFoundException("could not find " + kind + " '" + ns + "/" + name + "'");
            }
            String value = data.get().get(key);
            if (value == null) {
                throw new InvalidInputException("missing key '" + key + "' in " + kind + " '" + ns + "/" + name + "'");
            }
            Map<String, Object> before = (Map<String, Object>) GoData.deepCopy(result);
            if (!targetPath.isEmpty()) {
                try {
                    StrVals.parseInto(targetPath + "=" + value.replace(",", "\\,"), result, StrVals.Mode.STRING,
                            null);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("unable to replace value at path '" + targetPath + "' with "
                            + kind + " '" + ns + "/" + name + "': " + e.getMessage());
                }
            } else {
                Object n = dev.gitops.helm.internal.YamlV2.read(value, kind + "/" + ns + "/" + name + "/" + key);
                if (n == null) {
                    continue;
                }
                if (!(n instanceof Map)) {
                    throw new InvalidInputException("unable to read values from key '" + key + "' in " + kind + " '"
                            + ns + "/" + name + "': not a YAML map");
                }
                result = Coalesce.mergeMaps(result, (Map<String, Object>) n);
            }
            if (kind.equals("Secret")) {
                collectChanged("", before, result, secretPaths);
            }
        }
        if (spec.has("values") && spec.get("values").isObject()) {
            result = Coalesce.mergeMaps(result, (Map<String, Object>) GoData.fromJson(spec.get("values")));
        }
        return new Effective(result, secretPaths);
    }

    private static void collectChanged(String prefix, Object before, Object after, Set<String> out) {
        if (after instanceof Map<?, ?> am) {
            Map<?, ?> bm = before instanceof Map<?, ?> m ? m : Map.of();
            for (Map.Entry<?, ?> e : am.entrySet()) {
                String p = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
                collectChanged(p, bm.get(e.getKey()), e.getValue(), out);
            }
            return;
        }
        if (!GoData.deepEqual(before, after)) {
            out.add(prefix);
        }
    }

    /** One difference between two sets of effective values. */
    public record Difference(String path, Optional<String> left, Optional<String> right) {
    }

    /** Flattened differences (leaf paths in key order); values from Secrets on either side are shown as ***. */
    public static List<Difference> diff(Effective left, Effective right) {
        TreeMap<String, Object> l = new TreeMap<>();
        TreeMap<String, Object> r = new TreeMap<>();
        flatten("", left.values(), l);
        flatten("", right.values(), r);
        Set<String> keys = new java.util.TreeSet<>(l.keySet());
        keys.addAll(r.keySet());
        List<Difference> out = new ArrayList<>();
        for (String k : keys) {
            boolean inL = l.containsKey(k);
            boolean inR = r.containsKey(k);
            if (inL && inR && GoData.deepEqual(l.get(k), r.get(k))) {
                continue;
            }
            out.add(new Difference(k, inL ? Optional.of(show(k, l.get(k), left)) : Optional.empty(),
                    inR ? Optional.of(show(k, r.get(k), right)) : Optional.empty()));
        }
        return out;
    }

    private static String show(String path, Object v, Effective e) {
        if (e.secretPaths().contains(path)) {
            return "***";
        }
        return GoData.strval(json(v));
    }

    private static String json(Object v) {
        return dev.gitops.api.json.GoJson.builder().escapeHtml(false).build().marshal(v);
    }

    private static void flatten(String prefix, Object v, Map<String, Object> out) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(), e.getValue(), out);
            }
            return;
        }
        out.put(prefix, v);
    }
}
