package dev.gitops.api.patch;

import java.util.Objects;
import java.util.Optional;

/**
 * Finds the {@link PatchSchema} of a kind. Implementations: the built-in Kubernetes kinds
 * ({@link KubernetesPatchSchemas#builtIn()}), OpenAPI documents ({@link OpenApiPatchSchemas}), and combinations
 * ({@link #or(PatchSchemaRegistry)}).
 */
@FunctionalInterface
public interface PatchSchemaRegistry {

    /**
     * The schema of a kind.
     *
     * @param apiVersion {@code v1}, {@code apps/v1}, ...
     * @param kind the kind, e.g. {@code Deployment}
     * @return the schema, or empty when this registry does not know the kind
     */
    Optional<PatchSchema> forKind(String apiVersion, String kind);

    /** This registry, falling back to {@code fallback} for kinds it does not know. */
    default PatchSchemaRegistry or(PatchSchemaRegistry fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return (apiVersion, kind) -> {
            Optional<PatchSchema> s = forKind(apiVersion, kind);
            return s.isPresent() ? s : fallback.forKind(apiVersion, kind);
        };
    }

    /** A registry that knows no kind. */
    static PatchSchemaRegistry none() {
        return (apiVersion, kind) -> Optional.empty();
    }
}
