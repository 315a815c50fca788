package dev.gitops.api.apply;

import java.util.Objects;

/**
 * How to apply.
 *
 * @param fieldManager the server-side apply field manager that will own the applied fields
 * @param force take ownership of fields other managers own instead of failing with a conflict
 * @param dryRun compute the result without persisting it ({@code dryRun=All})
 */
public record ApplyOptions(String fieldManager, boolean force, boolean dryRun) {

    /** The field manager used when none is given. */
    public static final String DEFAULT_FIELD_MANAGER = "gitops-java";

    /** Validates the field manager (non-empty, at most 128 characters, as the API server requires). */
    public ApplyOptions {
        Objects.requireNonNull(fieldManager, "fieldManager");
        if (fieldManager.isEmpty() || fieldManager.length() > 128) {
            throw new IllegalArgumentException("fieldManager must be 1 to 128 characters");
        }
    }

    /** Field manager {@value #DEFAULT_FIELD_MANAGER}, no force, no dry run. */
    public static ApplyOptions defaults() {
        return new ApplyOptions(DEFAULT_FIELD_MANAGER, false, false);
    }

    /** These options with another field manager. */
    public ApplyOptions withFieldManager(String manager) {
        return new ApplyOptions(manager, force, dryRun);
    }

    /** These options with force on or off. */
    public ApplyOptions withForce(boolean f) {
        return new ApplyOptions(fieldManager, f, dryRun);
    }

    /** These options with dry run on or off. */
    public ApplyOptions withDryRun(boolean d) {
        return new ApplyOptions(fieldManager, force, d);
    }
}
