package dev.gitops.api.image;

import dev.gitops.api.error.GitOpsException;

/** A registry that cannot be reached, refuses access or answers something that is not the distribution API. */
public final class RegistryException extends GitOpsException {

    /** A failure. */
    public RegistryException(String detail) {
        super(detail);
    }

    /** A failure with a cause. */
    public RegistryException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
