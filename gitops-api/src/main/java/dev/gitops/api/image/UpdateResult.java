package dev.gitops.api.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an {@link ImageUpdater} changed: per file (in path order) the fields it set, and the files that carried
 * the marker token but did not parse as YAML (left alone, as Flux does).
 *
 * @param files the changed files, in path order
 * @param problemFiles files that contain the marker token but could not be parsed
 */
public record UpdateResult(List<FileChange> files, List<String> problemFiles) {

    /** Copies the lists. */
    public UpdateResult {
        files = List.copyOf(files);
        problemFiles = List.copyOf(problemFiles);
    }

    /** Whether any file changed. */
    public boolean changed() {
        return !files.isEmpty();
    }

    /** Every change, de-duplicated as Flux's {@code Result.Changes()} (same old, new and setter), in file order. */
    public List<Change> changes() {
        Set<String> seen = new LinkedHashSet<>();
        List<Change> out = new ArrayList<>();
        for (FileChange f : files) {
            for (Change c : f.changes()) {
                if (seen.add(c.oldValue() + "\u0000" + c.newValue() + "\u0000" + c.setter())) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** Changes by object, across files, as Flux's {@code Result.Objects()}. */
    public Map<ObjectRef, List<Change>> objects() {
        Map<ObjectRef, List<Change>> out = new LinkedHashMap<>();
        for (FileChange f : files) {
            for (Change c : f.changes()) {
                out.computeIfAbsent(c.object(), k -> new ArrayList<>()).add(c);
            }
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }

    /**
     * One changed file.
     *
     * @param path the file, relative to the tree root
     * @param changes the fields set in it, in document order
     */
    public record FileChange(String path, List<Change> changes) {
        /** Validates and copies. */
        public FileChange {
            Objects.requireNonNull(path, "path");
            changes = List.copyOf(changes);
        }
    }

    /**
     * One field set by a marker.
     *
     * @param object the object the field belongs to
     * @param setter the marker's setter name ({@code ns:policy}, {@code ns:policy:tag}, ...)
     * @param oldValue the value before
     * @param newValue the value after
     * @param image the image of the policy the setter belongs to
     * @param line the 1-based line of the field in the original file
     */
    public record Change(ObjectRef object, String setter, String oldValue, String newValue, ImageRef image, int line) {
        /** Validates the components. */
        public Change {
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(setter, "setter");
            Objects.requireNonNull(oldValue, "oldValue");
            Objects.requireNonNull(newValue, "newValue");
            Objects.requireNonNull(image, "image");
        }
    }
}
