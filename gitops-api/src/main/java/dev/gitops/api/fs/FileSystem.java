package dev.gitops.api.fs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The file system every loader reads through: a tree of files and directories addressed by relative,
 * {@code /}-separated paths ({@code ""} is the root). Paths are normalised with {@link FsPaths#normalize(String)};
 * a path that climbs above the root is rejected. Implementations never follow a symbolic link out of the root.
 *
 * <p>Implementations: {@link #onDisk(Path)} (rooted at a directory) and {@link #inMemory(Map)} (for tests and
 * generated content). Contract tests for implementations live in the gitops-api test-jar
 * ({@code FileSystemContract}).
 */
public interface FileSystem {

    /** True when a file or directory exists at {@code path}. */
    boolean exists(String path);

    /** True when {@code path} is a directory (the root always is). */
    boolean isDirectory(String path);

    /** True when {@code path} is a regular file. */
    default boolean isFile(String path) {
        return exists(path) && !isDirectory(path);
    }

    /**
     * The bytes of a file.
     *
     * @throws dev.gitops.api.error.NotFoundException when there is no such file
     */
    byte[] read(String path);

    /** The content of a UTF-8 file. */
    default String readString(String path) {
        return new String(read(path), StandardCharsets.UTF_8);
    }

    /**
     * The names of a directory's entries, sorted by their UTF-8 bytes (Go's order).
     *
     * @throws dev.gitops.api.error.NotFoundException when there is no such directory
     */
    List<String> list(String dir);

    /**
     * Writes a file, creating parent directories; replaces an existing file atomically where the implementation can.
     */
    void write(String path, byte[] content);

    /** Deletes a file; does nothing when there is none. */
    void delete(String path);

    /**
     * The path a file is really at once symbolic links are resolved (relative to the root, normalised), for loaders
     * that restrict where files may come from (kustomize's {@code LoadRestrictionsRootOnly} applies to link targets
     * too). The default, for implementations without links, is the normalised path itself; so is the answer for a
     * path that does not exist.
     */
    default String realPath(String path) {
        return FsPaths.normalize(path);
    }

    /** How to name {@code path} to a person (an absolute path on disk, the relative path in memory). */
    String describe(String path);

    /** A file system rooted at a directory on disk. */
    static FileSystem onDisk(Path root) {
        return new OnDiskFileSystem(root);
    }

    /** A file system in memory, holding copies of the given files (path to content). */
    static FileSystem inMemory(Map<String, byte[]> files) {
        return new InMemoryFileSystem(files);
    }

    /**
     * A read-only in-memory file system holding copies of the given files (the files of an artifact, say); writes
     * fail with an error naming {@code what}.
     */
    static FileSystem readOnly(Map<String, byte[]> files, String what) {
        return new InMemoryFileSystem(files, what);
    }

    /** An empty in-memory file system. */
    static FileSystem inMemory() {
        return new InMemoryFileSystem(Map.of());
    }
}
