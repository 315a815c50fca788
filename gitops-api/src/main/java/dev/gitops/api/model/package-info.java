/**
 * The resource model: {@link dev.gitops.api.model.ResourceId}, the immutable {@link dev.gitops.api.model.Resource}
 * and {@link dev.gitops.api.model.ResourceSet}.
 */
package dev.gitops.api.model;
