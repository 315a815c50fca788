package dev.gitops.api.error;

import dev.gitops.api.model.ResourceId;

/**
 * Input that cannot be accepted: malformed YAML, a field of the wrong type, an unknown field, a value out of range.
 * The command-line tool maps it to exit code 2.
 */
public class InvalidInputException extends GitOpsException {

    /** Bad input at a place in a file. */
    public InvalidInputException(Origin origin, String detail) {
        super(origin, detail);
    }

    /** Bad input at a place in a file, with a cause. */
    public InvalidInputException(Origin origin, String detail, Throwable cause) {
        super(origin, detail, cause);
    }

    /** Bad input without a file (for example a value passed through the API). */
    public InvalidInputException(String detail) {
        super(detail);
    }

    /** Bad input in one object. */
    public InvalidInputException(ResourceId resourceId, String detail) {
        super(resourceId, detail);
    }

    /** The general form; any of the location arguments and the cause may be null. */
    protected InvalidInputException(String detail, Origin origin, ResourceId resourceId, Throwable cause) {
        super(detail, origin, resourceId, cause);
    }
}
