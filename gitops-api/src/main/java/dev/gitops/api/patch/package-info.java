/**
 * Patch engines shared by kustomize and the drift diff.
 *
 * <ul>
 *   <li>{@link dev.gitops.api.patch.StrategicMergePatch}: Kubernetes strategic merge patch (apply, two-way and
 *       three-way creation with conflict detection), driven by a {@link dev.gitops.api.patch.PatchSchema};</li>
 *   <li>{@link dev.gitops.api.patch.JsonMergePatch}: RFC 7386 merge patch, minimal two-way and Kubernetes'
 *       three-way creation;</li>
 *   <li>{@link dev.gitops.api.patch.JsonPatch}: RFC 6902 operations with typed errors.</li>
 * </ul>
 *
 * <p>Schemas are data: {@link dev.gitops.api.patch.KubernetesPatchSchemas} (built-in kinds),
 * {@link dev.gitops.api.patch.OpenApiPatchSchemas} (OpenAPI v2/v3 with the {@code x-kubernetes-*} extensions) and
 * {@link dev.gitops.api.patch.TablePatchSchemas} (the conformance suite's table form).
 */
package dev.gitops.api.patch;
