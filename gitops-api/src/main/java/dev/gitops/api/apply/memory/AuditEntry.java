package dev.gitops.api.apply.memory;

import dev.gitops.api.model.ResourceId;
import java.util.Objects;

/**
 * One write request the {@link InMemoryCluster} received: what, on which object, as which user.
 *
 * @param verb the request's verb
 * @param object the object (namespace defaulted)
 * @param user the impersonated user, {@code ""} for the cluster admin
 * @param dryRun whether it was a dry run
 */
public record AuditEntry(Authorizer.Verb verb, ResourceId object, String user, boolean dryRun) {

    /** Validates the components. */
    public AuditEntry {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(user, "user");
    }
}
