package dev.gitops.api.error;

import dev.gitops.api.model.ResourceId;

/**
 * HTTP 404 from a cluster: the object's namespace does not exist, or the cluster does not serve the object's kind
 * in its API version ("no matches for kind"). A missing object itself is not an exception: {@code get} returns an
 * empty {@code Optional} and {@code delete} reports it as skipped.
 */
public class ClusterNotFoundException extends ApplyException {

    /** Something the operation needs is missing from the cluster. */
    public ClusterNotFoundException(ResourceId resourceId, String detail) {
        this(resourceId, 404, "NotFound", detail, null);
    }

    /** As {@link #ClusterNotFoundException(ResourceId, String)}, with the API status and a cause (may be null). */
    public ClusterNotFoundException(ResourceId resourceId, int code, String reason, String detail, Throwable cause) {
        super(resourceId, code, reason, detail, cause);
    }
}
