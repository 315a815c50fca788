/**
 * The GitOps engine: {@link dev.gitops.api.engine.Reconciler} reconciles a Git repository laid out for Flux into a
 * cluster with the semantics of Flux's kustomize and helm controllers: {@code dependsOn} ordering
 * ({@link dev.gitops.api.engine.DependencyGraph}), {@code postBuild} substitution
 * ({@link dev.gitops.api.engine.PostBuildSubstitution}), kstatus health ({@link dev.gitops.api.engine.Health}),
 * conditions ({@link dev.gitops.api.engine.ObjectStatus}), events ({@link dev.gitops.api.engine.EventSink}) and
 * metrics ({@link dev.gitops.api.engine.ReconcileMetrics}).
 *
 * <p>Plug points, each a small interface with a default: {@link dev.gitops.api.engine.ManifestBuilder} (kustomize
 * builds; default: plain manifests), {@link dev.gitops.api.engine.Decryptor} (SOPS),
 * {@link dev.gitops.api.engine.ChartRenderer} (Helm), and the cluster
 * ({@link dev.gitops.api.apply.ClusterApplier}).
 */
package dev.gitops.api.engine;
