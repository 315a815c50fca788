package dev.gitops.api.apply.memory;

import dev.gitops.api.model.ResourceId;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether the {@link InMemoryCluster} lets a request through, standing in for the API server's RBAC
 * authorizer so that tests can check how impersonation ({@code spec.serviceAccountName}) is used. Requests made
 * without impersonation act as the cluster admin and are always allowed; the authorizer sees only impersonated
 * ones. An apply asks for {@link Verb#GET} then {@link Verb#PATCH}, a delete for {@link Verb#GET} then
 * {@link Verb#DELETE} (appliers read the live object first, as Flux does). A denied request fails with a
 * {@link dev.gitops.api.error.ForbiddenException} carrying the API server's message ({@code configmaps "x" is
 * forbidden: User "..." cannot get resource "configmaps" in API group "" in the namespace "apps"}).
 */
@FunctionalInterface
public interface Authorizer {

    /** The verbs the in-memory cluster asks about. */
    enum Verb {
        /** Reading one object (appliers read the live object before applying or deleting it, as Flux does). */
        GET("get"),
        /** Server-side apply (a PATCH request, also when it creates the object). */
        PATCH("patch"),
        /** Deleting an object. */
        DELETE("delete");

        private final String apiName;

        Verb(String apiName) {
            this.apiName = apiName;
        }

        /** The RBAC verb. */
        public String apiName() {
            return apiName;
        }
    }

    /**
     * True when {@code user} may perform {@code verb} on the object.
     *
     * @param user the impersonated user, e.g. {@code system:serviceaccount:apps:deployer}
     * @param verb what the request does
     * @param object the object (namespace defaulted)
     */
    boolean allows(String user, Verb verb, ResourceId object);

    /** Allows everything (the default). */
    static Authorizer allowAll() {
        return (user, verb, object) -> true;
    }

    /** Allows impersonated users only in the given namespaces (cluster-scoped objects are denied). */
    static Authorizer namespaces(Set<String> namespaces) {
        Set<String> allowed = Set.copyOf(Objects.requireNonNull(namespaces, "namespaces"));
        return (user, verb, object) -> !object.namespace().isEmpty() && allowed.contains(object.namespace());
    }
}
