package dev.gitops.api.json;

import dev.gitops.api.error.GitOpsException;

/**
 * A value Go's {@code encoding/json} refuses to encode (NaN and the infinities). The message is Go's:
 * {@code json: unsupported value: NaN}.
 */
public final class UnsupportedJsonValueException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /** A failure with Go's message. */
    public UnsupportedJsonValueException(String detail) {
        super(detail);
    }
}
