package dev.gitops.api.patch;

import java.util.Optional;

/**
 * What a strategic merge patch needs to know about one object type: for each field name, how the field is patched
 * (see {@link PatchField}). A schema is a tree: the {@link PatchField#schema()} of a field describes the field's
 * value (for a list, its elements).
 *
 * <p>Implementations are data, not code: the built-in Kubernetes kinds ({@link KubernetesPatchSchemas}), OpenAPI
 * documents ({@link OpenApiPatchSchemas}) and the JSON form used by the conformance suite
 * ({@link TablePatchSchemas}). Implementations must be immutable and thread-safe.
 *
 * <p>A <em>strict</em> schema knows all fields of its type: a field it does not list may be added, replaced or
 * removed wholesale, but a patch that has to recurse into it fails with {@code unable to find api field}, as the
 * Kubernetes implementation does. A lenient schema treats unlisted fields as maps merged key by key and atomic
 * lists, which is what JSON merge patch does.
 */
public interface PatchSchema {

    /** The field's patch metadata, or empty when this schema does not list it. */
    Optional<PatchField> field(String name);

    /** True when fields missing from this schema are errors once a patch must recurse into them. */
    default boolean strict() {
        return false;
    }

    /** A name for messages, e.g. {@code io.k8s.api.core.v1.PodSpec} or {@code PodSpec}. */
    String typeName();

    /**
     * The metadata to use for a field, applying the strictness rule: the listed field, or for a lenient schema an
     * unconstrained field.
     *
     * @throws PatchException when the schema is strict and does not list the field
     */
    default PatchField require(String name) {
        Optional<PatchField> f = field(name);
        if (f.isPresent()) {
            return f.get();
        }
        if (strict()) {
            throw new PatchException("unable to find api field \"" + name + "\" in " + typeName());
        }
        return PatchField.unknown(name);
    }

    /** A lenient schema without any field metadata: maps merge key by key, every list is atomic. */
    static PatchSchema empty() {
        return EmptySchema.LENIENT;
    }

    /** A strict schema with no fields: anything below it is opaque (e.g. {@code runtime.RawExtension}). */
    static PatchSchema opaque(String typeName) {
        return new EmptySchema(typeName, true);
    }
}

/** The schema without fields. */
record EmptySchema(String typeName, boolean strict) implements PatchSchema {
    static final EmptySchema LENIENT = new EmptySchema("unstructured", false);

    @Override
    public Optional<PatchField> field(String name) {
        return Optional.empty();
    }
}
