package dev.gitops.api.apply;

/** What an apply, delete or prune did to one object (Flux's {@code ssa} actions). */
public enum Action {
    /** The object did not exist and was created. */
    CREATED("created"),
    /** The object existed and was changed. */
    CONFIGURED("configured"),
    /** The object existed and applying it changed nothing. */
    UNCHANGED("unchanged"),
    /** The object was deleted (or, for objects with finalizers, marked for deletion). */
    DELETED("deleted"),
    /** The object was left alone: prune disabled, not owned by us, or already gone. */
    SKIPPED("skipped");

    private final String label;

    Action(String label) {
        this.label = label;
    }

    /** The lower-case word Flux prints ({@code created}, {@code configured}, ...). */
    public String label() {
        return label;
    }

    /** True for actions that changed the cluster (or would have, in a dry run). */
    public boolean isChange() {
        return this == CREATED || this == CONFIGURED || this == DELETED;
    }
}
