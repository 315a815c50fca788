/**
 * The engine on a real Kubernetes cluster: {@link dev.gitops.kubernetes.KubernetesClusterApplier} (server-side
 * apply through client-java's unstructured API) and {@link dev.gitops.kubernetes.LeaderElection} (a Lease lock for
 * running several replicas of a service that embeds the engine).
 */
package dev.gitops.kubernetes;
