package dev.gitops.api.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Kubernetes label selectors ({@code matchLabels} and {@code matchExpressions}). */
final class LabelSelectors {

    private LabelSelectors() {}

    /**
     * True when the selector selects the labels. A missing or null selector selects nothing; an empty one ({@code {}})
     * selects everything, as in a NetworkPolicy's {@code podSelector}.
     */
    static boolean matches(JsonNode selector, Map<String, String> labels) {
        if (selector == null || !selector.isObject()) {
            return false;
        }
        JsonNode ml = selector.path("matchLabels");
        for (Iterator<Map.Entry<String, JsonNode>> it = ml.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode expr : selector.path("matchExpressions")) {
            String key = expr.path("key").asText("");
            String op = expr.path("operator").asText("");
            Set<String> values = new HashSet<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            String v = labels.get(key);
            boolean ok = switch (op) {
                case "In" -> v != null && values.contains(v);
                case "NotIn" -> v == null || !values.contains(v);
                case "Exists" -> v != null;
                case "DoesNotExist" -> v == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
