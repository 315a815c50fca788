/**
 * A small OCI distribution client ({@link dev.gitops.api.oci.OciClient}): references, tag lists, manifests (OCI and
 * Docker media types), blobs verified against their digests, the anonymous / basic / bearer-token authentication
 * flow, and pushes. Helm charts in OCI registries and Flux OCIRepository sources are built on it. The HTTP transport
 * ({@link dev.gitops.api.oci.HttpTransport}) and the content cache ({@link dev.gitops.api.oci.ContentCache}) are
 * plug points with in-memory implementations.
 */
package dev.gitops.api.oci;
