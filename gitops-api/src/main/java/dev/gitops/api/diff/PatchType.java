package dev.gitops.api.diff;

/** The kind of patch a drift report carries, with its HTTP media type. */
public enum PatchType {
    /** A Kubernetes strategic merge patch (kinds with a patch schema). */
    STRATEGIC_MERGE("application/strategic-merge-patch+json"),
    /** An RFC 7386 JSON merge patch (custom resources and other kinds without a schema). */
    JSON_MERGE("application/merge-patch+json");

    private final String mediaType;

    PatchType(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The {@code Content-Type} of a PATCH request carrying this patch. */
    public String mediaType() {
        return mediaType;
    }
}
