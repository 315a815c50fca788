package dev.gitops.api.oci;

import dev.gitops.api.error.GitOpsException;

/**
 * A registry or HTTP server that cannot be reached, refuses access, or answers something that is not what the
 * protocol promises. Messages name the URL (never credentials or tokens).
 */
public class OciException extends GitOpsException {

    /** A failure. */
    public OciException(String detail) {
        super(detail);
    }

    /** A failure with a cause. */
    public OciException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
