package dev.gitops.api.patch;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.Origin;

/**
 * A patch that cannot be created or applied: a malformed directive, a list element without its merge key, a field
 * the schema does not know, a JSON Patch operation that fails. The message names the JSON pointer of the field
 * concerned when it is known; it never contains field values of Secrets.
 */
public class PatchException extends InvalidInputException {

    private final String pointer;

    /** A failure without a known location. */
    public PatchException(String detail) {
        super(detail);
        this.pointer = "";
    }

    /** A failure at a JSON pointer inside the document or patch. */
    public PatchException(String pointer, String detail) {
        super(pointer.isEmpty() ? detail : pointer + ": " + detail);
        this.pointer = pointer;
    }

    /** A failure at a place in a file. */
    public PatchException(Origin origin, String detail) {
        super(origin, detail);
        this.pointer = origin.pointer();
    }

    /** The JSON pointer of the field concerned, {@code ""} when unknown or the whole document. */
    public String pointer() {
        return pointer;
    }
}
