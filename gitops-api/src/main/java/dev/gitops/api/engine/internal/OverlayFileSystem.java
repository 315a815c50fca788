package dev.gitops.api.engine.internal;

import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.fs.FsPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** A writable layer over a read-only file system: the engine writes generated kustomization files here. */
public final class OverlayFileSystem implements FileSystem {

    private final FileSystem base;
    private final FileSystem upper = FileSystem.inMemory();
    private final Map<String, Boolean> written = new ConcurrentHashMap<>();

    /** A layer over {@code base}. */
    public OverlayFileSystem(FileSystem base) {
        this.base = base;
    }

    @Override
    public boolean exists(String path) {
        return upper.exists(path) || base.exists(path);
    }

    @Override
    public boolean isDirectory(String path) {
        return upper.isDirectory(path) || base.isDirectory(path);
    }

    @Override
    public boolean isFile(String path) {
        return upper.isFile(path) || (!upper.exists(path) && base.isFile(path));
    }

    @Override
    public byte[] read(String path) {
        String n = FsPaths.normalize(path);
        return written.containsKey(n) ? upper.read(n) : base.read(n);
    }

    @Override
    public List<String> list(String dir) {
        TreeSet<String> names = new TreeSet<>();
        boolean any = false;
        if (base.isDirectory(dir)) {
            names.addAll(base.list(dir));
            any = true;
        }
        if (upper.isDirectory(dir) && upper.exists(dir)) {
            try {
                names.addAll(upper.list(dir));
                any = true;
            } catch (RuntimeException e) {
                // not in the upper layer
            }
        }
        if (!any) {
            return base.list(dir);
        }
        return new ArrayList<>(names);
    }

    @Override
    public void write(String path, byte[] content) {
        String n = FsPaths.normalize(path);
        upper.write(n, content);
        written.put(n, Boolean.TRUE);
    }

    @Override
    public void delete(String path) {
        throw new UnsupportedOperationException("delete is not supported on an overlay");
    }

    @Override
    public String describe(String path) {
        return base.describe(path);
    }
}
