package dev.gitops.api.flux;

import dev.gitops.api.model.ResourceId;

/** A Flux custom resource read from Git into a typed record. */
public sealed interface FluxObject permits GitRepository, OCIRepository, HelmRepository, Kustomization, HelmRelease,
        ImageRepository, ImagePolicy, ImageUpdateAutomation {

    /** The {@code apiVersion} the object was written with. */
    String apiVersion();

    /** The metadata. */
    FluxMeta meta();

    /** The kind. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** True when {@code spec.suspend} is set. */
    boolean suspended();

    /** The object's identity. */
    default ResourceId id() {
        return ResourceId.of(apiVersion(), kind(), meta().namespace(), meta().name());
    }
}
