/**
 * {@link dev.gitops.api.apply.memory.InMemoryCluster}: the embedded {@link dev.gitops.api.apply.ClusterApplier} with
 * server-side apply, managed fields and simulated controllers ({@link dev.gitops.api.apply.memory.ReadinessSimulator}).
 */
package dev.gitops.api.apply.memory;
