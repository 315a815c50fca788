package dev.gitops.api.apply;

import dev.gitops.api.error.ApplyException;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.model.ResourceSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A Kubernetes cluster as the engine sees it: server-side apply, get, list, delete and prune.
 *
 * <p>Semantics follow the Kubernetes API server and Flux's {@code ssa} package:
 * <ul>
 *   <li>{@link #apply} is a server-side apply under {@link ApplyOptions#fieldManager()}: the applied fields become
 *       owned by that manager, fields it owned before and no longer applies are removed (unless another manager
 *       owns them too), and changing a field another manager owns fails with a
 *       {@link dev.gitops.api.error.ConflictException} naming the fields and their managers, unless
 *       {@link ApplyOptions#force()} is set, which takes ownership. A dry run persists nothing.</li>
 *   <li>The result says whether the object was created, configured (its content changed) or unchanged.</li>
 *   <li>{@link #applyAll} applies in {@link ApplyOrder}: CustomResourceDefinitions and Namespaces first; the first
 *       failure stops it.</li>
 *   <li>{@link #prune} deletes only objects listed in the previous inventory and absent from the new one, in reverse
 *       apply order, and skips objects carrying an exclusion such as {@code kustomize.toolkit.fluxcd.io/prune:
 *       disabled}.</li>
 *   <li>A namespaced object without a namespace goes to {@code default}; a cluster-scoped object's namespace is
 *       ignored.</li>
 * </ul>
 *
 * <p>Failures are {@link ApplyException}s carrying the object's id and the API status: conflicts, invalid objects,
 * forbidden operations, missing namespaces or unknown kinds. Implementations are thread-safe.
 */
public interface ClusterApplier {

    /**
     * Server-side applies one object.
     *
     * @throws ApplyException when the cluster refuses it
     */
    ApplyResult apply(Resource resource, ApplyOptions options);

    /** The live object, if it exists (looked up by group, kind, namespace and name; returned in the id's version). */
    Optional<Resource> get(ResourceId id);

    /**
     * The live objects of a kind, sorted by namespace and name.
     *
     * @param apiVersion e.g. {@code apps/v1}
     * @param kind e.g. {@code Deployment}
     * @throws ApplyException when the kind is unknown to the cluster or listing is forbidden
     */
    List<Resource> list(String apiVersion, String kind, ListOptions options);

    /**
     * Deletes one object: {@link Action#DELETED}, or {@link Action#SKIPPED} when it does not exist or
     * {@link DeleteOptions#skipReason(Resource)} protects it.
     *
     * @throws ApplyException when the cluster refuses
     */
    Change delete(ResourceId id, DeleteOptions options);

    /**
     * Applies a set of objects in {@link ApplyOrder} and reports what happened to each.
     *
     * @throws dev.gitops.api.error.InvalidInputException when two resources name the same object
     * @throws ApplyException for the first object the cluster refuses (objects before it stay applied)
     */
    default ChangeSet applyAll(Collection<Resource> resources, ApplyOptions options) {
        List<Resource> sorted = ApplyOrder.sort(ResourceSet.of(resources).resources());
        List<Change> out = new ArrayList<>(sorted.size());
        for (Resource r : sorted) {
            out.add(apply(r, options).change());
        }
        return new ChangeSet(out);
    }

    /** Deletes the objects in reverse apply order. */
    default ChangeSet deleteAll(Collection<ResourceId> ids, DeleteOptions options) {
        List<Change> out = new ArrayList<>(ids.size());
        for (ResourceId id : ApplyOrder.deletionOrder(ids)) {
            out.add(delete(id, options));
        }
        return new ChangeSet(out);
    }

    /**
     * Deletes what {@code previous} owned and {@code current} no longer holds; nothing else is ever touched.
     */
    default ChangeSet prune(Inventory previous, Inventory current, DeleteOptions options) {
        return deleteAll(previous.staleIn(current), options);
    }
}
