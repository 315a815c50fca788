/**
 * JSON exactly as Go's {@code encoding/json} writes it. {@link dev.gitops.api.json.GoJson} is the one encoder the
 * library uses wherever a real tool's output depends on Go's bytes: kustomize's generator name hashes, Helm's
 * {@code toJson} family, the SOPS JSON store and Kubernetes patch bodies.
 */
package dev.gitops.api.json;
