package dev.gitops.api.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.engine.internal.Envsubst;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.flux.Kustomization;
import dev.gitops.api.model.Resource;
import dev.gitops.api.yaml.Yaml;
import dev.gitops.api.yaml.YamlDocument;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Flux's {@code postBuild} variable substitution, as kustomize-controller applies it to each built object:
 *
 * <ul>
 *   <li>variables come from {@code substituteFrom} in order (a later ConfigMap or Secret overrides an earlier one;
 *       a missing {@code optional} one is skipped), then from the inline {@code substitute}, which wins; every
 *       newline is removed from values;</li>
 *   <li>when there are no variables at all, nothing is substituted (not even defaults);</li>
 *   <li>every variable name must match {@code ^[_[:alpha:]][_[:alpha:][:digit:]]*$};</li>
 *   <li>an object labelled or annotated {@code kustomize.toolkit.fluxcd.io/substitute: disabled} is left alone;</li>
 *   <li>the object is printed as YAML, expanded with {@link Envsubst}'s grammar ({@code ${var}},
 *       {@code ${var:=default}}, {@code $${var}} for a literal), and parsed again, so {@code ${replicas:=2}}
 *       becomes the number 2;</li>
 *   <li>an undefined variable without a default becomes empty, unless {@link #strict()} (Flux's
 *       {@code StrictPostBuildSubstitutions} feature gate).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param variables the resolved variables (name to value)
 * @param strict fail on undefined variables without a default
 */
public record PostBuildSubstitution(Map<String, String> variables, boolean strict) {

    /** The label and annotation that turn substitution off for one object. */
    public static final String DISABLE_KEY = "kustomize.toolkit.fluxcd.io/substitute";

    private static final Pattern NAME = Pattern.compile("^[_\\p{Alpha}][_\\p{Alpha}\\p{Digit}]*$");

    /** Validates and copies. */
    public PostBuildSubstitution {
        variables = Collections.unmodifiableMap(new TreeMap<>(variables));
        for (String k : variables.keySet()) {
            if (!NAME.matcher(k).matches()) {
                throw new InvalidInputException("'" + k + "' var name is invalid, must match "
                        + "'^[_[:alpha:]][_[:alpha:][:digit:]]*$'");
            }
        }
    }

    /**
     * Resolves a Kustomization's variables. {@code lookup} finds a ConfigMap or Secret by kind and name in the
     * Kustomization's namespace.
     *
     * @throws NotFoundException when a non-optional ConfigMap or Secret is missing
     */
    public static PostBuildSubstitution resolve(Kustomization.PostBuild postBuild, boolean strict,
            BiFunction<String, String, Optional<Resource>> lookup) {
        Map<String, String> vars = new TreeMap<>();
        for (Kustomization.SubstituteReference ref : postBuild.substituteFrom()) {
            Optional<Resource> r = lookup.apply(ref.kind(), ref.name());
            if (r.isEmpty()) {
                if (ref.optional()) {
                    continue;
                }
                throw new NotFoundException("substitute from '" + ref.kind() + "/" + ref.name() + "' error: "
                        + ref.kind().toLowerCase(java.util.Locale.ROOT) + "s \"" + ref.name() + "\" not found");
            }
            JsonNode data = r.get().content().path("data");
            boolean secret = ref.kind().equals("Secret");
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String v = e.getValue().asText();
                if (secret) {
                    v = new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
                }
                vars.put(e.getKey(), v.replace("\n", ""));
            }
            if (secret) {
                // stringData of a Secret applied from Git is merged into data by the API server
                for (Iterator<Map.Entry<String, JsonNode>> it = r.get().content().path("stringData").fields();
                        it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    vars.put(e.getKey(), e.getValue().asText().replace("\n", ""));
                }
            }
        }
        postBuild.substitute().forEach((k, v) -> vars.put(k, v.replace("\n", "")));
        return new PostBuildSubstitution(vars, strict);
    }

    /** Substitution with the given variables, not strict. */
    public static PostBuildSubstitution of(Map<String, String> variables) {
        return new PostBuildSubstitution(variables, false);
    }

    /** True when the object opted out with the label or annotation. */
    public static boolean isDisabled(Resource r) {
        return "disabled".equals(r.labels().get(DISABLE_KEY)) || "disabled".equals(r.annotations().get(DISABLE_KEY));
    }

    /**
     * Substitutes one object.
     *
     * @throws InvalidInputException for a malformed reference, an undefined variable in strict mode, or output
     *     that is no longer valid YAML
     */
    public Resource apply(Resource r) {
        Objects.requireNonNull(r, "r");
        if (isDisabled(r) || variables.isEmpty()) {
            return r;
        }
        String yaml = r.toYaml();
        if (!yaml.contains("${")) {
            if (!yaml.contains("$$") && !yaml.contains("\\\\") && !yaml.contains("\\/")) {
                return r;
            }
        }
        String out;
        try {
            out = Envsubst.eval(yaml, variables::get, strict);
        } catch (Envsubst.BadSubstitution | Envsubst.Unset e) {
            throw new InvalidInputException(r.id(), "variable substitution failed: " + e.getMessage());
        }
        if (out.equals(yaml)) {
            return r;
        }
        List<YamlDocument> docs;
        try {
            docs = Yaml.defaults().readAll(out, r.origin().map(o -> o.file()).orElse("-"));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(r.id(), "YAMLToJSON: the substituted object is not valid YAML: "
                    + e.detail());
        }
        if (docs.size() != 1 || !docs.get(0).content().isObject()) {
            throw new InvalidInputException(r.id(), "YAMLToJSON: the substituted object is not a single mapping");
        }
        ObjectNode content = (ObjectNode) docs.get(0).content();
        return Resource.of(content, r.sourceMap());
    }

    /** Substitutes every object, in order. */
    public List<Resource> apply(List<Resource> resources) {
        return resources.stream().map(this::apply).toList();
    }
}
