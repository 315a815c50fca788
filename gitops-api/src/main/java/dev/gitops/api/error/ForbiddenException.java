package dev.gitops.api.error;

import dev.gitops.api.model.ResourceId;

/** HTTP 403 (or 401): the identity used may not perform the operation on the object. */
public class ForbiddenException extends ApplyException {

    /** A refused operation. */
    public ForbiddenException(ResourceId resourceId, int code, String reason, String detail, Throwable cause) {
        super(resourceId, code, reason, detail, cause);
    }
}
