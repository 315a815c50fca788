package dev.gitops.api.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.apply.LabelSelector;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Flux's {@code kustomize.Selector} (group, version, kind, name, namespace as anchored regular expressions). */
public final class Selectors {

    private Selectors() {
    }

    /**
     * A selector; {@code null} patterns match everything.
     *
     * @param group group pattern
     * @param version version pattern
     * @param kind kind pattern
     * @param name name pattern
     * @param namespace namespace pattern
     * @param labels label selector
     * @param annotations annotation selector (label selector syntax over annotations)
     */
    public record Selector(Pattern group, Pattern version, Pattern kind, Pattern name, Pattern namespace,
            LabelSelector labels, LabelSelector annotations) {

        /** Matches everything. */
        public static final Selector ANY = new Selector(null, null, null, null, null, LabelSelector.everything(),
                LabelSelector.everything());

        /** True when the object matches. */
        public boolean matches(Resource r) {
            ResourceId id = r.id();
            return m(group, id.group()) && m(version, id.version()) && m(kind, id.kind()) && m(name, id.name())
                    && m(namespace, id.namespace()) && labels.matches(r.labels())
                    && annotations.matches(r.annotations());
        }

        private static boolean m(Pattern p, String v) {
            return p == null || p.matcher(v).matches();
        }
    }

    private static final Set<String> KEYS = Set.of("group", "version", "kind", "name", "namespace",
            "labelSelector", "annotationSelector");

    /** Reads a selector written at {@code field}. */
    public static Selector selector(ResourceId owner, String field, JsonNode n) {
        if (!n.isObject()) {
            throw invalid(owner, field, "expected a mapping");
        }
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw invalid(owner, field + "." + k, "field not declared in schema");
            }
        }
        try {
            return new Selector(p(owner, field, "group", n), p(owner, field, "version", n), p(owner, field, "kind", n),
                    p(owner, field, "name", n), p(owner, field, "namespace", n),
                    LabelSelector.parse(n.path("labelSelector").asText("")),
                    LabelSelector.parse(n.path("annotationSelector").asText("")));
        } catch (GitOpsException e) {
            throw invalid(owner, field, e.getMessage());
        }
    }

    private static Pattern p(ResourceId owner, String field, String key, JsonNode n) {
        String v = n.path(key).asText("");
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile("^(?:" + v + ")$");
        } catch (PatternSyntaxException e) {
            throw invalid(owner, field + "." + key, "invalid regular expression \"" + v + "\": "
                    + e.getDescription());
        }
    }

    private static InvalidInputException invalid(ResourceId owner, String field, String detail) {
        return new InvalidInputException(owner, field + ": " + detail);
    }
}
