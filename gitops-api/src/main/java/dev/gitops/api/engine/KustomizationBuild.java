package dev.gitops.api.engine;

import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.yaml.Yaml;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The objects one Flux Kustomization would apply for a source revision, rendered but not applied: what
 * {@code flux build kustomization} prints and what {@code flux diff kustomization} compares with the cluster.
 * Obtained from {@link Reconciler#buildKustomization}; compared with a cluster by
 * {@link Reconciler#diffKustomization} or {@link KustomizationDiff#compare}.
 *
 * @param kustomization the Kustomization
 * @param revision the source revision the objects were built from ({@code main@sha1:...})
 * @param objects the objects, sorted by group, kind, namespace and name
 * @param inventory the objects the Kustomization last applied in this engine (empty if it never applied), which
 *     the prune of the next apply compares with {@code objects}
 * @param prune whether the Kustomization prunes ({@code spec.prune})
 */
public record KustomizationBuild(ResourceId kustomization, String revision, List<Resource> objects,
        List<ResourceId> inventory, boolean prune) {

    /** Orders objects by group, kind, namespace, name (the order of {@code objects}). */
    public static final Comparator<ResourceId> ORDER = Comparator.comparing(ResourceId::group)
            .thenComparing(ResourceId::kind).thenComparing(ResourceId::namespace).thenComparing(ResourceId::name);

    /** Validates, sorts and copies. */
    public KustomizationBuild {
        Objects.requireNonNull(kustomization, "kustomization");
        Objects.requireNonNull(revision, "revision");
        objects = objects.stream().sorted(Comparator.comparing(Resource::id, ORDER)).toList();
        inventory = List.copyOf(inventory);
    }

    /** What to do with SOPS-encrypted Secrets while building. */
    public enum Secrets {
        /** Leave them encrypted, with their {@code sops} metadata, as they are in Git. */
        ENCRYPTED,
        /**
         * Mask them as {@code flux build kustomization} prints them: a Secret encrypted as a whole loses its
         * {@code sops} metadata and every value becomes {@code **SOPS**} (base64-encoded under {@code data});
         * single SOPS-encrypted values are replaced by the encoded mask. Nothing is decrypted.
         */
        MASKED,
        /** Decrypt them with the Kustomization's {@code decryption} settings, as kustomize-controller applies them. */
        DECRYPTED
    }

    /** The objects as sorted multi-document YAML . */
    public String toYaml() {
        return Yaml.defaults().writeAll(objects.stream().map(Resource::content).toList());
    }
}
