package dev.gitops.api.image;

import java.util.Objects;

/**
 * The object a changed field belongs to, read from its YAML document ({@code apiVersion}, {@code kind},
 * {@code metadata.namespace}, {@code metadata.name}); parts the document lacks are {@code ""}.
 *
 * @param apiVersion the API version
 * @param kind the kind
 * @param namespace the namespace
 * @param name the name
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {
    /** Validates the components. */
    public ObjectRef {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** {@code kind/namespace/name} (namespace left out when empty). */
    @Override
    public String toString() {
        return kind + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
