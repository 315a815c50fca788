package dev.gitops.api.error;

import dev.gitops.api.model.ResourceId;
import java.util.Objects;
import java.util.Optional;

/**
 * The root of the library's one unchecked exception hierarchy. Every failure names where it happened: an
 * {@link Origin} (file, line, field path) when it comes from a file, or the {@link ResourceId} of the object
 * concerned, or both.
 *
 * <p>The message is {@code <where>: <detail>}, for example
 * {@code apps/base/web/deployment.yaml:14 /spec/replicas: expected an integer, got "three"}. Messages never contain
 * secret values; code that handles secrets must say which key failed, not what it held.
 */
public class GitOpsException extends RuntimeException {

    private final transient Origin origin;
    private final transient ResourceId resourceId;
    private final String detail;

    /** A failure with a detail message only. */
    public GitOpsException(String detail) {
        this(detail, null, null, null);
    }

    /** A failure with a detail message and a cause. */
    public GitOpsException(String detail, Throwable cause) {
        this(detail, null, null, cause);
    }

    /** A failure at a place in a file. */
    public GitOpsException(Origin origin, String detail) {
        this(detail, Objects.requireNonNull(origin, "origin"), null, null);
    }

    /** A failure at a place in a file, with a cause. */
    public GitOpsException(Origin origin, String detail, Throwable cause) {
        this(detail, Objects.requireNonNull(origin, "origin"), null, cause);
    }

    /** A failure concerning one object. */
    public GitOpsException(ResourceId resourceId, String detail) {
        this(detail, null, Objects.requireNonNull(resourceId, "resourceId"), null);
    }

    /** A failure concerning one object, with a cause. */
    public GitOpsException(ResourceId resourceId, String detail, Throwable cause) {
        this(detail, null, Objects.requireNonNull(resourceId, "resourceId"), cause);
    }

    /** The general form; {@code origin}, {@code resourceId} and {@code cause} may be null. */
    protected GitOpsException(String detail, Origin origin, ResourceId resourceId, Throwable cause) {
        super(format(detail, origin, resourceId), cause);
        this.detail = Objects.requireNonNull(detail, "detail");
        this.origin = origin;
        this.resourceId = resourceId;
    }

    private static String format(String detail, Origin origin, ResourceId id) {
        StringBuilder sb = new StringBuilder();
        if (origin != null) {
            sb.append(origin);
        }
        if (id != null) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(id);
        }
        if (sb.length() > 0) {
            sb.append(": ");
        }
        return sb.append(detail).toString();
    }

    /** The message without the location prefix. */
    public String detail() {
        return detail;
    }

    /** Where in a file the failure is, when it comes from a file. */
    public Optional<Origin> origin() {
        return Optional.ofNullable(origin);
    }

    /** The object concerned, when there is one. */
    public Optional<ResourceId> resourceId() {
        return Optional.ofNullable(resourceId);
    }
}
