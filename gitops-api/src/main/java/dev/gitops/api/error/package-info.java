/**
 * The library's unchecked exception hierarchy, rooted at {@link dev.gitops.api.error.GitOpsException}. Each module
 * adds its own subtypes; every exception carries an {@link dev.gitops.api.error.Origin} or a
 * {@link dev.gitops.api.model.ResourceId}.
 */
package dev.gitops.api.error;
