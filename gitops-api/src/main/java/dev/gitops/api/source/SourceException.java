package dev.gitops.api.source;

import dev.gitops.api.error.GitOpsException;

/**
 * A source could not be fetched: the remote is unreachable, authentication failed, a reference does not exist or
 * the operation timed out. Messages name the URL (without credentials) and the reference, never a secret.
 */
public class SourceException extends GitOpsException {

    /** A fetch failure. */
    public SourceException(String detail) {
        super(detail);
    }

    /** A fetch failure with its cause. */
    public SourceException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
