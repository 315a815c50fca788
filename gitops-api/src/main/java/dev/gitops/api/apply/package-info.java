/**
 * The cluster applier SPI: {@link dev.gitops.api.apply.ClusterApplier} (server-side apply, get, list, delete,
 * prune by {@link dev.gitops.api.apply.Inventory}), its options and results as values
 * ({@link dev.gitops.api.apply.ChangeSet}), the apply order and {@link dev.gitops.api.apply.LabelSelector}.
 * The embedded implementation is {@link dev.gitops.api.apply.memory.InMemoryCluster}; gitops-kubernetes provides
 * one on a real API server.
 */
package dev.gitops.api.apply;
