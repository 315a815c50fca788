package dev.gitops.kustomize;

/** Output ordering when the kustomization has no {@code sortOptions}. */
public enum Reorder {
    /** kustomize's legacy kind-based order (the CLI default). */
    LEGACY,
    /** Accumulation order (FIFO). */
    NONE
}
