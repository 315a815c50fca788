/**
 * The Flux object model: typed, validated records for the Flux custom resources found in Git
 * ({@link dev.gitops.api.flux.Kustomization}, {@link dev.gitops.api.flux.HelmRelease},
 * {@link dev.gitops.api.flux.GitRepository}, …), read strictly by {@link dev.gitops.api.flux.FluxObjects}.
 */
package dev.gitops.api.flux;
