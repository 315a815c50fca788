package dev.gitops.api.policy;

import dev.gitops.api.error.Origin;
import dev.gitops.api.model.ResourceId;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a finding is: a repository file with a 1-based line and column (0 when unknown), the JSON pointer of the field
 * concerned, and the object concerned when the finding is about one. Rendered objects that were not read from a file
 * have no file ({@code ""}); their finding names the {@link ResourceId} and the pointer instead.
 *
 * <p>Printed as {@code file:line /pointer} or {@code Kind/namespace/name /pointer}.
 *
 * @param file repository-relative path of the file, {@code ""} when unknown
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param pointer RFC 6901 JSON pointer of the field inside the object, {@code ""} for the object or file itself
 * @param resource the object concerned, if any
 */
public record Location(String file, int line, int column, String pointer, Optional<ResourceId> resource) {

    /** Validates the components. */
    public Location {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(resource, "resource");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0");
        }
        if (!pointer.isEmpty() && pointer.charAt(0) != '/') {
            throw new IllegalArgumentException("pointer must be empty or start with '/': " + pointer);
        }
        if (file.isEmpty() && resource.isEmpty()) {
            throw new IllegalArgumentException("a location needs a file or a resource");
        }
    }

    /** A location in a file, about no particular object (a directory or file of the repository). */
    public static Location ofFile(String file) {
        return new Location(file, 0, 0, "", Optional.empty());
    }

    /** A location in a file at an origin (file, line, column, pointer). */
    public static Location of(Origin origin) {
        return new Location(fileOf(origin), origin.line(), origin.column(), origin.pointer(), Optional.empty());
    }

    /** A location of a field of an object read from a file ({@code origin}) or rendered ({@code origin} "-"). */
    public static Location of(ResourceId id, Origin origin) {
        return new Location(fileOf(origin), origin.line(), origin.column(), origin.pointer(), Optional.of(id));
    }

    private static String fileOf(Origin origin) {
        return "-".equals(origin.file()) ? "" : origin.file();
    }

    /** The file, if known. */
    public Optional<String> fileName() {
        return file.isEmpty() ? Optional.empty() : Optional.of(file);
    }

    /** As an {@link Origin}, when the file is known. */
    public Optional<Origin> origin() {
        return file.isEmpty() ? Optional.empty() : Optional.of(new Origin(file, line, column, pointer));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (!file.isEmpty()) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line);
            }
        } else {
            sb.append(resource.orElseThrow());
        }
        if (!pointer.isEmpty()) {
            sb.append(' ').append(pointer);
        }
        return sb.toString();
    }
}
