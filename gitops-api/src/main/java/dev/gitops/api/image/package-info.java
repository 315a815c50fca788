/**
 * Flux image policies ({@code image.toolkit.fluxcd.io} ImagePolicy): choosing the latest tag of an image by a
 * {@link dev.gitops.api.image.TagPolicy} (semver, alphabetical, numerical) after an optional
 * {@link dev.gitops.api.image.TagFilter}, with the semantics of fluxcd/image-reflector-controller, and listing
 * tags from OCI registries.
 */
package dev.gitops.api.image;
