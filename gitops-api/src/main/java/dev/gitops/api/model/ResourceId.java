package dev.gitops.api.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * The identity of a Kubernetes object: API group, version, kind, namespace and name. The core group is
 * {@code ""}; cluster-scoped objects (and objects whose namespace is not yet known) have namespace {@code ""}.
 *
 * <p>Equality includes the version. Use {@link #sameObject(ResourceId)} to compare ignoring it, as the API server
 * does (a {@code apps/v1} and a {@code apps/v1beta2} Deployment of the same name are one object).
 *
 * <p>{@link #toString()} prints {@code Kind/namespace/name} (or {@code Kind/name}), the form Flux uses in messages.
 * Natural order: group, kind, namespace, name, version.
 *
 * @param group API group, {@code ""} for the core group
 * @param version API version, e.g. {@code v1}
 * @param kind kind, never empty
 * @param namespace namespace, {@code ""} when cluster-scoped or unset
 * @param name object name; may be {@code ""} for nameless inputs such as patches without a name
 */
public record ResourceId(String group, String version, String kind, String namespace, String name)
        implements Comparable<ResourceId> {

    private static final Comparator<ResourceId> ORDER = Comparator.comparing(ResourceId::group)
            .thenComparing(ResourceId::kind)
            .thenComparing(ResourceId::namespace)
            .thenComparing(ResourceId::name)
            .thenComparing(ResourceId::version);

    /** Validates the components. */
    public ResourceId {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (kind.isEmpty()) {
            throw new IllegalArgumentException("kind must not be empty");
        }
    }

    /**
     * Builds an id from an {@code apiVersion} string ({@code v1}, {@code apps/v1}), kind, namespace and name.
     */
    public static ResourceId of(String apiVersion, String kind, String namespace, String name) {
        Objects.requireNonNull(apiVersion, "apiVersion");
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        return new ResourceId(group, version, kind, namespace, name);
    }

    /** {@code group/version}, or just {@code version} for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** True when both name the same object, ignoring the API version. */
    public boolean sameObject(ResourceId other) {
        return group.equals(other.group) && kind.equals(other.kind) && namespace.equals(other.namespace)
                && name.equals(other.name);
    }

    /** The same object in another namespace. */
    public ResourceId withNamespace(String newNamespace) {
        return new ResourceId(group, version, kind, newNamespace, name);
    }

    /** The same object under another name. */
    public ResourceId withName(String newName) {
        return new ResourceId(group, version, kind, namespace, newName);
    }

    @Override
    public int compareTo(ResourceId o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }
}
