package dev.gitops.kubernetes.internal;

import dev.gitops.api.error.ApplyException;
import dev.gitops.api.error.ClusterNotFoundException;
import dev.gitops.api.error.ConflictException;
import dev.gitops.api.error.ConflictException.FieldConflict;
import dev.gitops.api.error.ForbiddenException;
import dev.gitops.api.error.InvalidObjectException;
import dev.gitops.api.model.ResourceId;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.openapi.models.V1StatusCause;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps API status responses to the library's typed exceptions. */
public final class StatusErrors {

    private static final Pattern CONFLICT_MANAGER = Pattern.compile("conflict with \"([^\"]*)\"");

    private StatusErrors() {
    }

    /** The exception for a failed response. */
    public static ApplyException toException(ResourceId id, String operation, int code, V1Status status,
            Throwable cause) {
        String reason = status != null && status.getReason() != null ? status.getReason() : "";
        String message = status != null && status.getMessage() != null ? status.getMessage()
                : "HTTP " + code + (reason.isEmpty() ? "" : " " + reason);
        String detail = operation + " failed: " + message;
        return switch (code) {
            case 409 -> new ConflictException(id, detail, conflicts(status), cause);
            case 400, 422 -> new InvalidObjectException(id, code, reason.isEmpty() ? "Invalid" : reason, detail,
                    cause);
            case 401, 403 -> new ForbiddenException(id, code, reason.isEmpty() ? "Forbidden" : reason, detail, cause);
            case 404 -> new ClusterNotFoundException(id, code, reason.isEmpty() ? "NotFound" : reason, detail, cause);
            default -> new ApplyException(id, code, reason, detail, cause);
        };
    }

    private static List<FieldConflict> conflicts(V1Status status) {
        List<FieldConflict> out = new ArrayList<>();
        if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
            return out;
        }
        for (V1StatusCause c : status.getDetails().getCauses()) {
            if (!"FieldManagerConflict".equals(c.getReason()) || c.getMessage() == null) {
                continue;
            }
            Matcher m = CONFLICT_MANAGER.matcher(c.getMessage());
            out.add(new FieldConflict(m.find() ? m.group(1) : "", c.getField() == null ? "" : c.getField()));
        }
        return out;
    }
}
