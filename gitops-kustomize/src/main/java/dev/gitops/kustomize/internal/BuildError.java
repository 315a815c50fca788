package dev.gitops.kustomize.internal;

/** A build failure inside the engine; the public API wraps it into a typed exception. */
public final class BuildError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BuildError(String message) {
        super(message);
    }

    public BuildError(String message, Throwable cause) {
        super(message, cause);
    }

    /** Prefixes the message, like Go's errors.WrapPrefixf. */
    public static BuildError wrap(String prefix, RuntimeException e) {
        return new BuildError(prefix + ": " + e.getMessage(), e);
    }
}
