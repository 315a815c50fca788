package dev.gitops.api.patch;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one field is patched: its strategy, merge key and list type, and the schema of its value (for lists, of
 * their elements). Mirrors Kubernetes' {@code patchStrategy} / {@code patchMergeKey} struct tags and the OpenAPI
 * extensions {@code x-kubernetes-patch-strategy}, {@code x-kubernetes-patch-merge-key},
 * {@code x-kubernetes-list-type} and {@code x-kubernetes-list-map-keys}.
 *
 * @param name the JSON field name
 * @param strategy how the value is combined with the existing one
 * @param retainKeys whether the {@code retainKeys} strategy applies (keys missing from {@code $retainKeys} are
 *     cleared)
 * @param mergeKey the merge key of a list merged by key, {@code ""} when there is none
 * @param listType the declared list type, {@link ListType#UNSPECIFIED} when not declared or not a list
 * @param listMapKeys the keys of a {@link ListType#MAP} list (may be empty)
 * @param schema the schema of the value (of each element for a list)
 * @param known false for a field the schema does not list (only for lenient schemas)
 */
public record PatchField(String name, Strategy strategy, boolean retainKeys, String mergeKey, ListType listType,
        List<String> listMapKeys, PatchSchema schema, boolean known) {

    /** The patch strategy of a field. */
    public enum Strategy {
        /** No strategy declared: maps merge recursively, lists are replaced whole (atomic). */
        DEFAULT,
        /** Lists are merged (by merge key for lists of maps, as a set for lists of primitives). */
        MERGE,
        /** The whole value is replaced. */
        REPLACE
    }

    /** The list type of a field ({@code x-kubernetes-list-type}). */
    public enum ListType {
        /** Not a list, or nothing declared. */
        UNSPECIFIED,
        /** Replaced as a whole. */
        ATOMIC,
        /** A set of primitives. */
        SET,
        /** A list of maps identified by {@code listMapKeys}. */
        MAP
    }

    /** Validates and copies. */
    public PatchField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(mergeKey, "mergeKey");
        Objects.requireNonNull(listType, "listType");
        listMapKeys = Objects.requireNonNull(listMapKeys, "listMapKeys").isEmpty() ? List.of()
                : List.copyOf(listMapKeys);
        Objects.requireNonNull(schema, "schema");
    }

    /** A field not described by any schema: default strategy, lenient empty schema below it. */
    public static PatchField unknown(String name) {
        return new PatchField(name, Strategy.DEFAULT, false, "", ListType.UNSPECIFIED, List.of(),
                PatchSchema.empty(), false);
    }

    /** A field with the default strategy whose value is described by {@code schema}. */
    public static PatchField of(String name, PatchSchema schema) {
        return new PatchField(name, Strategy.DEFAULT, false, "", ListType.UNSPECIFIED, List.of(), schema, true);
    }

    /** The merge key, when there is one. */
    public Optional<String> mergeKeyIfAny() {
        return mergeKey.isEmpty() ? Optional.empty() : Optional.of(mergeKey);
    }

    /** True when the strategy is {@link Strategy#MERGE}. */
    public boolean merging() {
        return strategy == Strategy.MERGE;
    }
}
