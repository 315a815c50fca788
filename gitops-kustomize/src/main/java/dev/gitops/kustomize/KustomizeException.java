package dev.gitops.kustomize;

import dev.gitops.api.error.InvalidInputException;

/** A kustomize build failed: the message names the kustomization file and field where kustomize's does. */
public class KustomizeException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** A failure with a message. */
    public KustomizeException(String detail) {
        super(detail);
    }

    /** A failure with a message and a cause. */
    public KustomizeException(String detail, Throwable cause) {
        super(detail);
    }
}
