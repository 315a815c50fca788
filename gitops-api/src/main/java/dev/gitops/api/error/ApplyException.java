package dev.gitops.api.error;

import dev.gitops.api.model.ResourceId;
import java.util.Objects;

/**
 * A cluster refused or failed an operation on one object (apply, get, list, delete). Carries the object's
 * {@link ResourceId} and, when the failure came from a Kubernetes API server (or an implementation imitating one),
 * the HTTP status code and the API status reason ({@code Conflict}, {@code Invalid}, {@code Forbidden},
 * {@code NotFound}, ...).
 *
 * <p>Subtypes name the reasons callers act on: {@link ConflictException}, {@link InvalidObjectException},
 * {@link ForbiddenException}, {@link ClusterNotFoundException}.
 */
public class ApplyException extends GitOpsException {

    private final int code;
    private final String reason;

    /**
     * A failure concerning one object.
     *
     * @param resourceId the object
     * @param code the HTTP status code, 0 when there is none
     * @param reason the Kubernetes status reason, {@code ""} when there is none
     * @param detail what went wrong
     */
    public ApplyException(ResourceId resourceId, int code, String reason, String detail) {
        this(resourceId, code, reason, detail, null);
    }

    /** As {@link #ApplyException(ResourceId, int, String, String)}, with a cause (may be null). */
    public ApplyException(ResourceId resourceId, int code, String reason, String detail, Throwable cause) {
        super(detail, null, Objects.requireNonNull(resourceId, "resourceId"), cause);
        this.code = code;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The HTTP status code of the API response, 0 when the failure did not come from an API response. */
    public int code() {
        return code;
    }

    /** The Kubernetes status reason ({@code Conflict}, {@code Invalid}, ...), {@code ""} when unknown. */
    public String reason() {
        return reason;
    }
}
