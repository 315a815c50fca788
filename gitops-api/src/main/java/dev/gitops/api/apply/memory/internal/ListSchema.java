package dev.gitops.api.apply.memory.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How server-side apply treats lists and nested objects of the built-in kinds: associative lists (merged item by
 * item on their key fields), sets (merged by value) and atomic lists (replaced whole), plus the objects that are
 * atomic ({@code LabelSelector}s). Lists not in the table are atomic, as for a CRD without list-type markers.
 */
public final class ListSchema {

    /** The list types of the Kubernetes OpenAPI ({@code x-kubernetes-list-type}). */
    public enum Type {
        /** Replaced as a whole. */
        ATOMIC,
        /** A set of scalars, merged by value. */
        SET,
        /** An associative list of objects, merged by key fields. */
        MAP
    }

    /**
     * A list's type and key fields.
     *
     * @param type the list type
     * @param keys the key fields of a {@link Type#MAP} list
     * @param defaults values the API server defaults into key fields (e.g. {@code protocol: TCP} for ports)
     */
    public record Spec(Type type, List<String> keys, Map<String, String> defaults) {
    }

    private static final Spec ATOMIC = new Spec(Type.ATOMIC, List.of(), Map.of());
    private static final Spec SET = new Spec(Type.SET, List.of(), Map.of());
    private static final Map<String, Spec> BY_NAME = Map.ofEntries(
            Map.entry("containers", map("name")),
            Map.entry("initContainers", map("name")),
            Map.entry("ephemeralContainers", map("name")),
            Map.entry("env", map("name")),
            Map.entry("volumes", map("name")),
            Map.entry("volumeMounts", map("mountPath")),
            Map.entry("volumeDevices", map("devicePath")),
            Map.entry("imagePullSecrets", map("name")),
            Map.entry("conditions", map("type")),
            Map.entry("ownerReferences", map("uid")),
            Map.entry("hostAliases", map("ip")),
            Map.entry("topologySpreadConstraints", map("topologyKey", "whenUnsatisfiable")),
            Map.entry("finalizers", SET));
    private static final Set<String> ATOMIC_OBJECTS = Set.of("selector", "labelSelector", "namespaceSelector");

    private ListSchema() {
    }

    private static Spec map(String... keys) {
        return new Spec(Type.MAP, List.of(keys), Map.of());
    }

    /**
     * The type of the list at a path, given the field names from the root ({@code "[]"} marks a list item).
     */
    public static Spec listAt(List<String> names) {
        String name = names.get(names.size() - 1);
        if (name.equals("ports")) {
            String parent = names.size() >= 3 ? names.get(names.size() - 3) : "";
            if (parent.equals("containers") || parent.equals("initContainers") || parent.equals("ephemeralContainers")) {
                return new Spec(Type.MAP, List.of("containerPort", "protocol"), Map.of("protocol", "TCP"));
            }
            if (names.size() == 2 && names.get(0).equals("spec")) {
                return new Spec(Type.MAP, List.of("port", "protocol"), Map.of("protocol", "TCP"));
            }
            return ATOMIC;
        }
        if (name.equals("finalizers") && names.size() != 2) {
            return ATOMIC;
        }
        Spec s = BY_NAME.get(name);
        return s == null ? ATOMIC : s;
    }

    /**
     * True when the object at a path is atomic (replaced whole, owned as one field): label selectors
     * ({@code matchLabels}/{@code matchExpressions}); a Service's plain {@code selector} map is granular.
     */
    public static boolean atomicObject(List<String> names, com.fasterxml.jackson.databind.JsonNode value) {
        return !names.isEmpty() && ATOMIC_OBJECTS.contains(names.get(names.size() - 1)) && value != null
                && (value.has("matchLabels") || value.has("matchExpressions"));
    }
}
