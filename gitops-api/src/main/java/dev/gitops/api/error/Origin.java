package dev.gitops.api.error;

import java.util.Objects;

/**
 * Where a value came from: a file (as the user named it, usually relative to a source root), a 1-based line and
 * column (0 when unknown), and a JSON pointer to the field inside the document ({@code ""} for the whole document).
 *
 * <p>Printed as {@code file:line /field/path}, the form every error message of the library uses.
 *
 * @param file the file name or path, never empty
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param pointer RFC 6901 JSON pointer to the field, {@code ""} for the document itself
 */
public record Origin(String file, int line, int column, String pointer) {

    /** Validates the components. */
    public Origin {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pointer, "pointer");
        if (file.isEmpty()) {
            throw new IllegalArgumentException("file must not be empty");
        }
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0");
        }
        if (!pointer.isEmpty() && pointer.charAt(0) != '/') {
            throw new IllegalArgumentException("pointer must be empty or start with '/': " + pointer);
        }
    }

    /** An origin naming only a file. */
    public static Origin of(String file) {
        return new Origin(file, 0, 0, "");
    }

    /** An origin naming a file and a position. */
    public static Origin of(String file, int line, int column) {
        return new Origin(file, line, column, "");
    }

    /** The same file and position, pointing at another field. */
    public Origin withPointer(String newPointer) {
        return new Origin(file, line, column, newPointer);
    }

    /** The same file and field, at another position. */
    public Origin at(int newLine, int newColumn) {
        return new Origin(file, newLine, newColumn, pointer);
    }

    /** {@code file:line /pointer}, leaving out what is unknown. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (!pointer.isEmpty()) {
            sb.append(' ').append(pointer);
        }
        return sb.toString();
    }
}
