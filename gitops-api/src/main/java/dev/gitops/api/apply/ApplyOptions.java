package dev.gitops.api.apply;

import java.util.Objects;
import java.util.Optional;

/**
 * How to apply.
 *
 * @param fieldManager the server-side apply field manager that will own the applied fields
 * @param force take ownership of fields other managers own instead of failing with a conflict
 * @param dryRun compute the result without persisting it ({@code dryRun=All})
 * @param impersonate the user the request is made as ({@code Impersonate-User}), e.g.
 *     {@code system:serviceaccount:apps:deployer} for a Kustomization's {@code spec.serviceAccountName};
 *     {@code ""} to act as the applier's own identity
 */
public record ApplyOptions(String fieldManager, boolean force, boolean dryRun, String impersonate) {

    /** The field manager used when none is given. */
    public static final String DEFAULT_FIELD_MANAGER = "gitops-java";

    /**
     * Validates the field manager (non-empty, at most 128 characters, as the API server requires) and the
     * impersonated user (empty, or without surrounding blanks and control characters).
     */
    public ApplyOptions {
        Objects.requireNonNull(fieldManager, "fieldManager");
        if (fieldManager.isEmpty() || fieldManager.length() > 128) {
            throw new IllegalArgumentException("fieldManager must be 1 to 128 characters");
        }
        Impersonation.validate(impersonate);
    }

    /** Options acting as the applier's own identity. */
    public ApplyOptions(String fieldManager, boolean force, boolean dryRun) {
        this(fieldManager, force, dryRun, "");
    }

    /** Field manager {@value #DEFAULT_FIELD_MANAGER}, no force, no dry run, no impersonation. */
    public static ApplyOptions defaults() {
        return new ApplyOptions(DEFAULT_FIELD_MANAGER, false, false, "");
    }

    /** These options with another field manager. */
    public ApplyOptions withFieldManager(String manager) {
        return new ApplyOptions(manager, force, dryRun, impersonate);
    }

    /** These options with force on or off. */
    public ApplyOptions withForce(boolean f) {
        return new ApplyOptions(fieldManager, f, dryRun, impersonate);
    }

    /** These options with dry run on or off. */
    public ApplyOptions withDryRun(boolean d) {
        return new ApplyOptions(fieldManager, force, d, impersonate);
    }

    /**
     * These options acting as {@code user} ({@code ""} for none); see
     * {@link Impersonation#serviceAccount(String, String)}.
     */
    public ApplyOptions withImpersonation(String user) {
        return new ApplyOptions(fieldManager, force, dryRun, user);
    }

    /** The impersonated user, when there is one. */
    public Optional<String> impersonatedUser() {
        return impersonate.isEmpty() ? Optional.empty() : Optional.of(impersonate);
    }
}
