/** Kustomize v5 builds in pure Java: {@link dev.gitops.kustomize.Kustomizer}. */
package dev.gitops.kustomize;
