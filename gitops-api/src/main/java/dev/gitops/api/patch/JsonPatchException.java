package dev.gitops.api.patch;

/**
 * A JSON Patch (RFC 6902) operation that is malformed or fails: names the operation's index in the patch, its
 * {@code op} and its {@code path}.
 */
public class JsonPatchException extends PatchException {

    private final int opIndex;
    private final String op;
    private final String path;

    /** A failure of operation {@code opIndex}. */
    public JsonPatchException(int opIndex, String op, String path, String detail) {
        super(path, "JSON patch operation " + opIndex + " (" + (op.isEmpty() ? "?" : op) + " "
                + (path.isEmpty() ? "\"\"" : path) + "): " + detail);
        this.opIndex = opIndex;
        this.op = op;
        this.path = path;
    }

    /** The 0-based index of the failing operation. */
    public int opIndex() {
        return opIndex;
    }

    /** The failing operation's {@code op}, {@code ""} when missing. */
    public String op() {
        return op;
    }

    /** The failing operation's {@code path}, {@code ""} when missing or the whole document. */
    public String path() {
        return path;
    }
}
