package dev.gitops.api.image;

import dev.gitops.api.image.internal.DirectoryManifestFiles;
import dev.gitops.api.image.internal.InMemoryManifestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files an {@link ImageUpdater} reads and rewrites: a tree of regular files named by relative paths with
 * {@code /} separators. A small plug point so that updates run on a directory, a Git work tree or memory.
 *
 * <p>Implementations need not be thread-safe; an updater uses one tree from one thread.
 */
public interface ManifestFiles {

    /** Every regular file, as relative paths with {@code /} separators, in sorted order. */
    List<String> list();

    /** The bytes of a file listed by {@link #list()}. */
    byte[] read(String path);

    /** Replaces the bytes of an existing file. */
    void write(String path, byte[] content);

    /**
     * The files under a directory. Symbolic links are not followed (neither to directories nor to files), so that
     * nothing outside {@code root} is read or written; I/O failures surface as
     * {@link java.io.UncheckedIOException}.
     */
    static ManifestFiles directory(Path root) {
        return new DirectoryManifestFiles(root);
    }

    /**
     * Files held in memory: a copy of {@code files} (relative path to content) that {@link #write} updates; see
     * {@link #snapshot(ManifestFiles)} to read the result.
     */
    static ManifestFiles inMemory(Map<String, byte[]> files) {
        return new InMemoryManifestFiles(files);
    }

    /** The current content of every file of a tree, as an immutable sorted map. */
    static Map<String, byte[]> snapshot(ManifestFiles files) {
        java.util.TreeMap<String, byte[]> out = new java.util.TreeMap<>();
        for (String p : files.list()) {
            out.put(p, files.read(p));
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
