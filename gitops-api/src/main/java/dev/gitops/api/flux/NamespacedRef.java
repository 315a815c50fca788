package dev.gitops.api.flux;

import java.util.Objects;

/**
 * A reference to another object by kind, name and optional namespace ({@code sourceRef}, {@code dependsOn},
 * {@code imageRepositoryRef}, {@code substituteFrom}, {@code healthChecks}).
 *
 * @param apiVersion {@code apiVersion}, {@code ""} when unset
 * @param kind {@code kind}, {@code ""} when the context implies it
 * @param name {@code name}
 * @param namespace {@code namespace}, {@code ""} for the referring object's namespace
 */
public record NamespacedRef(String apiVersion, String kind, String name, String namespace) {

    /** Validates. */
    public NamespacedRef {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
    }

    /** A reference by kind and name. */
    public static NamespacedRef of(String kind, String name) {
        return new NamespacedRef("", kind, name, "");
    }

    /** The namespace, or {@code defaultNamespace} when unset. */
    public String namespaceOr(String defaultNamespace) {
        return namespace.isEmpty() ? defaultNamespace : namespace;
    }

    @Override
    public String toString() {
        return (kind.isEmpty() ? "" : kind + "/") + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
