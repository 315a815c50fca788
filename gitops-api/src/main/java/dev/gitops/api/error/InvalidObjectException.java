package dev.gitops.api.error;

import dev.gitops.api.model.ResourceId;

/** HTTP 422 (or 400): the cluster rejected the object as invalid (bad name, failed validation, immutable field). */
public class InvalidObjectException extends ApplyException {

    /** An invalid object. */
    public InvalidObjectException(ResourceId resourceId, String detail) {
        this(resourceId, 422, "Invalid", detail, null);
    }

    /** An invalid object with the API status code, reason and cause (may be null). */
    public InvalidObjectException(ResourceId resourceId, int code, String reason, String detail, Throwable cause) {
        super(resourceId, code, reason, detail, cause);
    }
}
