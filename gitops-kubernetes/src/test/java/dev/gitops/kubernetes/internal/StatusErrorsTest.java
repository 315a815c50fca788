package dev.gitops.kubernetes.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.ApplyException;
import dev.gitops.api.error.ClusterNotFoundException;
import dev.gitops.api.error.ConflictException;
import dev.gitops.api.error.ForbiddenException;
import dev.gitops.api.error.InvalidObjectException;
import dev.gitops.api.model.ResourceId;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.openapi.models.V1StatusCause;
import io.kubernetes.client.openapi.models.V1StatusDetails;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusErrorsTest {

    private static final ResourceId ID = ResourceId.of("apps/v1", "Deployment", "default", "web");

    /** The status kube-apiserver v1.20.2 answered for a server-side apply conflict (recorded with curl). */
    @Test
    void conflictsNameEachFieldAndManager() {
        V1Status st = new V1Status().code(409).reason("Conflict")
                .message("Apply failed with 2 conflicts: conflicts with \"hpa\" using apps/v1:\n- .spec.replicas\n"
                        + "- .spec.template.spec.containers[name=\"web\"].env[name=\"A\"].value")
                .details(new V1StatusDetails().causes(List.of(
                        new V1StatusCause().reason("FieldManagerConflict").field(".spec.replicas")
                                .message("conflict with \"hpa\" using apps/v1"),
                        new V1StatusCause().reason("FieldManagerConflict")
                                .field(".spec.template.spec.containers[name=\"web\"].env[name=\"A\"].value")
                                .message("conflict with \"hpa\" using apps/v1"))));
        ApplyException e = StatusErrors.toException(ID, "apply", 409, st, null);
        ConflictException c = assertInstanceOf(ConflictException.class, e);
        assertEquals(List.of(new ConflictException.FieldConflict("hpa", ".spec.replicas"),
                new ConflictException.FieldConflict("hpa",
                        ".spec.template.spec.containers[name=\"web\"].env[name=\"A\"].value")), c.conflicts());
        assertEquals(ID, c.resourceId().orElseThrow());
        assertTrue(c.getMessage().startsWith("Deployment/default/web: apply failed: Apply failed with 2 conflicts"),
                c.getMessage());
    }

    @Test
    void statusCodesMapToTypedExceptions() {
        assertInstanceOf(InvalidObjectException.class, StatusErrors.toException(ID, "apply", 422,
                new V1Status().reason("Invalid").message("bad"), null));
        assertInstanceOf(InvalidObjectException.class, StatusErrors.toException(ID, "apply", 400, null, null));
        ApplyException forbidden = StatusErrors.toException(ID, "apply", 403,
                new V1Status().reason("Forbidden").message("nope"), null);
        assertInstanceOf(ForbiddenException.class, forbidden);
        assertEquals("Forbidden", forbidden.reason());
        assertInstanceOf(ForbiddenException.class, StatusErrors.toException(ID, "get", 401, null, null));
        assertInstanceOf(ClusterNotFoundException.class, StatusErrors.toException(ID, "apply", 404,
                new V1Status().reason("NotFound").message("namespaces \"x\" not found"), null));
        ApplyException other = StatusErrors.toException(ID, "apply", 500, null, null);
        assertEquals(ApplyException.class, other.getClass());
        assertEquals(500, other.code());
        assertEquals("Deployment/default/web: apply failed: HTTP 500", other.getMessage());
    }
}
