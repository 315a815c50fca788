package dev.gitops.api.flux;

import java.util.Map;
import java.util.Objects;

/**
 * The metadata of a Flux object that the engine uses.
 *
 * @param name {@code metadata.name}
 * @param namespace {@code metadata.namespace}, {@code ""} when unset
 * @param labels labels
 * @param annotations annotations
 */
public record FluxMeta(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {

    /** Validates and copies. */
    public FluxMeta {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** A name and namespace without labels or annotations. */
    public static FluxMeta of(String namespace, String name) {
        return new FluxMeta(name, namespace, Map.of(), Map.of());
    }

    /** {@code namespace/name}. */
    public String key() {
        return namespace + "/" + name;
    }
}
