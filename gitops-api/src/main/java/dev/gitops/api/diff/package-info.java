/**
 * Drift detection: {@link dev.gitops.api.diff.DriftDetector} compares desired, last-applied and live objects and
 * produces a {@link dev.gitops.api.diff.DriftReport} per object, with field-level
 * {@link dev.gitops.api.diff.FieldChange}s and the patch that converges the object;
 * {@link dev.gitops.api.diff.DriftOutput} renders reports as a {@code kubectl diff}-like unified diff or JSON.
 */
package dev.gitops.api.diff;
