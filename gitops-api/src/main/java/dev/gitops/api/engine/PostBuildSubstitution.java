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
import dev.gitops.api.yaml.internal.QuotedText;
import com.fasterxml.jackson.databind.node.TextNode;
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
 *       {@code ${var:=default}}, {@code $${var}} for a literal), and parsed again as Flux does with
 *       {@code sigs.k8s.io/yaml} (go-yaml v2's YAML 1.1 typing, then JSON): an unquoted {@code ${replicas:=2}}
 *       becomes the number 2, {@code yes}/{@code on} become {@code true} and {@code no}/{@code off}
 *       {@code false}, {@code 0755} becomes 493 (octal), integers beyond 64 bits become floats, floats with an
 *       integral value become integers ({@code 1.0} is 1; this applies to every object of a Kustomization with
 *       variables, substituted or not, as in Flux), {@code .inf}/{@code .nan} fail; quoted values stay strings.
 *       One difference remains: a string that is unquoted in Git and reads as a YAML 1.1 boolean
 *       ({@code enabled: yes} where the schema wants a string) stays a string here, where Flux, which prints it
 *       back unquoted, turns it into {@code true};</li>
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

    /** How Flux reads the substituted text: sigs.k8s.io/yaml (go-yaml v2 typing, then JSON). */
    private static final Yaml REPARSE = Yaml.builder().yamlToJsonTyping(true).lastDuplicateKeyWins(true).build();

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
        r = substituteQuoted(r);
        String yaml = r.toYaml();
        if (!yaml.contains("${")) {
            if (!yaml.contains("$$") && !yaml.contains("\\\\") && !yaml.contains("\\/")) {
                // nothing to expand, but Flux still sends the object through YAMLToJSON
                return jsonRoundTrip(r);
            }
        }
        String out;
        try {
            out = Envsubst.eval(yaml, variables::get, strict);
        } catch (Envsubst.BadSubstitution | Envsubst.Unset e) {
            throw new InvalidInputException(r.id(), "variable substitution failed: " + e.getMessage());
        }
        if (out.equals(yaml)) {
            return jsonRoundTrip(r);
        }
        List<YamlDocument> docs;
        try {
            docs = REPARSE.readAll(out, r.origin().map(o -> o.file()).orElse("-"));
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

    /**
     * Strings quoted in their file (marked {@link QuotedText}) stay quoted in Flux's text substitution, so they
     * stay strings: they are substituted here, value by value, and their {@code $} escaped for the text pass.
     */
    private Resource substituteQuoted(Resource r) {
        ObjectNode c = r.content();
        if (!substituteQuoted(c, r)) {
            return r;
        }
        return Resource.of(c, r.sourceMap());
    }

    private boolean substituteQuoted(JsonNode n, Resource r) {
        boolean changed = false;
        if (n instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                if (e.getValue() instanceof QuotedText q) {
                    e.setValue(TextNode.valueOf(escape(expand(q.textValue(), r))));
                    changed = true;
                } else {
                    changed |= substituteQuoted(e.getValue(), r);
                }
            }
        } else if (n instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) instanceof QuotedText q) {
                    a.set(i, TextNode.valueOf(escape(expand(q.textValue(), r))));
                    changed = true;
                } else {
                    changed |= substituteQuoted(a.get(i), r);
                }
            }
        }
        return changed;
    }

    private String expand(String text, Resource r) {
        try {
            return Envsubst.eval(text, variables::get, strict);
        } catch (Envsubst.BadSubstitution | Envsubst.Unset e) {
            throw new InvalidInputException(r.id(), "variable substitution failed: " + e.getMessage());
        }
    }

    /** Protects an expanded value from the text pass, which turns {@code $$} into {@code $}. */
    private static String escape(String s) {
        return s.replace("$", "$$");
    }

    /**
     * What {@code sigs.k8s.io/yaml.YAMLToJSON} and a JSON decode do to an object that was printed as YAML without
     * ambiguous plain strings (our writer quotes them): floats with integral values become integers, NaN and
     * infinities are refused.
     */
    private static Resource jsonRoundTrip(Resource r) {
        if (!hasIntegralOrSpecialFloat(r.content())) {
            return r;
        }
        ObjectNode c = r.content();
        convertFloats(c, r);
        return Resource.of(c, r.sourceMap());
    }

    private static boolean hasIntegralOrSpecialFloat(JsonNode n) {
        if (n.isFloatingPointNumber()) {
            double d = n.doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) || d == Math.rint(d);
        }
        if (n.isBigDecimal()) {
            return true;
        }
        for (JsonNode c : n) {
            if (hasIntegralOrSpecialFloat(c)) {
                return true;
            }
        }
        return false;
    }

    private static void convertFloats(JsonNode n, Resource r) {
        if (n instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                JsonNode v = e.getValue();
                if (v.isFloatingPointNumber()) {
                    e.setValue(integral(v, r));
                } else {
                    convertFloats(v, r);
                }
            }
        } else if (n instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (v.isFloatingPointNumber()) {
                    a.set(i, integral(v, r));
                } else {
                    convertFloats(v, r);
                }
            }
        }
    }

    private static JsonNode integral(JsonNode v, Resource r) {
        double d = v.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new InvalidInputException(r.id(), "YAMLToJSON: json: unsupported value: "
                    + (Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf"));
        }
        if (d != Math.rint(d) || Math.abs(d) >= 1e21) {
            return v;
        }
        java.math.BigInteger i = new java.math.BigDecimal(d).toBigIntegerExact();
        if (i.bitLength() < 64) {
            long l = i.longValue();
            return l == (int) l ? com.fasterxml.jackson.databind.node.IntNode.valueOf((int) l)
                    : com.fasterxml.jackson.databind.node.LongNode.valueOf(l);
        }
        if (i.signum() > 0 && i.bitLength() <= 64) {
            return com.fasterxml.jackson.databind.node.BigIntegerNode.valueOf(i);
        }
        return v;
    }

    /** Substitutes every object, in order. */
    public List<Resource> apply(List<Resource> resources) {
        return resources.stream().map(this::apply).toList();
    }
}
