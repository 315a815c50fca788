package dev.gitops.api.apply;

import dev.gitops.api.error.InvalidInputException;
import java.util.Objects;

/**
 * User names for impersonation, as Flux's controllers impersonate a Kustomization's or HelmRelease's
 * {@code spec.serviceAccountName}: the service account {@code name} in namespace {@code ns} is the user
 * {@code system:serviceaccount:<ns>:<name>}, sent to the API server as the {@code Impersonate-User} header.
 */
public final class Impersonation {

    /** The prefix of service-account user names. */
    public static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    private Impersonation() {
    }

    /**
     * The user name of a service account.
     *
     * @throws InvalidInputException when the namespace or name is empty or contains {@code :}
     */
    public static String serviceAccount(String namespace, String name) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (namespace.isEmpty() || name.isEmpty() || namespace.contains(":") || name.contains(":")) {
            throw new InvalidInputException("invalid service account '" + namespace + "/" + name + "'");
        }
        return SERVICE_ACCOUNT_PREFIX + namespace + ":" + name;
    }

    /**
     * The user a Flux object's {@code spec.serviceAccountName} stands for: {@code ""} (no impersonation) when the
     * name is empty, else the service account of that name in the object's namespace, as kustomize-controller and
     * helm-controller impersonate it.
     */
    public static String forServiceAccountName(String objectNamespace, String serviceAccountName) {
        Objects.requireNonNull(serviceAccountName, "serviceAccountName");
        return serviceAccountName.isEmpty() ? "" : serviceAccount(objectNamespace, serviceAccountName);
    }

    /** Checks an impersonated user name ({@code ""} means none). */
    static void validate(String user) {
        Objects.requireNonNull(user, "impersonate");
        if (!user.isEmpty() && (!user.strip().equals(user) || user.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("impersonated user must not have surrounding blanks or control "
                    + "characters");
        }
    }
}
