package dev.gitops.api.source.internal;

import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.fs.FsPaths;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The files of an artifact: a read-only in-memory file system ({@link FileSystem#readOnly}) that also exposes its
 * sorted entries for digests and includes. Thread-safe (immutable).
 */
public final class Snapshot implements FileSystem {

    private final NavigableMap<String, byte[]> files;
    private final FileSystem view;

    private Snapshot(NavigableMap<String, byte[]> files) {
        this.files = files;
        this.view = FileSystem.readOnly(files, "an artifact");
    }

    /** Takes ownership of a sorted map of normalised paths; the caller must not modify it afterwards. */
    public static Snapshot of(NavigableMap<String, byte[]> files) {
        return new Snapshot(Collections.unmodifiableNavigableMap(files));
    }

    /** Copies every file of another file system. */
    public static Snapshot copyOf(FileSystem fs) {
        NavigableMap<String, byte[]> m = new TreeMap<>();
        copy(fs, "", m);
        return of(m);
    }

    private static void copy(FileSystem fs, String dir, NavigableMap<String, byte[]> out) {
        for (String name : fs.list(dir)) {
            String p = FsPaths.join(dir, name);
            if (fs.isDirectory(p)) {
                copy(fs, p, out);
            } else {
                out.put(p, fs.read(p));
            }
        }
    }

    /** The files (unmodifiable; the arrays must not be modified). */
    public NavigableMap<String, byte[]> entries() {
        return files;
    }

    @Override
    public boolean exists(String path) {
        return view.exists(path);
    }

    @Override
    public boolean isDirectory(String path) {
        return view.isDirectory(path);
    }

    @Override
    public byte[] read(String path) {
        return view.read(path);
    }

    @Override
    public List<String> list(String dir) {
        return view.list(dir);
    }

    @Override
    public void write(String path, byte[] content) {
        view.write(path, content);
    }

    @Override
    public void delete(String path) {
        view.delete(path);
    }

    @Override
    public String describe(String path) {
        return view.describe(path);
    }
}
