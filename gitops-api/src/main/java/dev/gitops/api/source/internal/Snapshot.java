package dev.gitops.api.source.internal;

import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.error.Origin;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.fs.FsPaths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A read-only in-memory file system: the files of an artifact. Thread-safe (immutable). */
public final class Snapshot implements FileSystem {

    private final NavigableMap<String, byte[]> files;

    private Snapshot(NavigableMap<String, byte[]> files) {
        this.files = files;
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
        String n = FsPaths.normalize(path);
        return files.containsKey(n) || isDirectory(n);
    }

    @Override
    public boolean isDirectory(String path) {
        String n = FsPaths.normalize(path);
        if (n.isEmpty()) {
            return true;
        }
        String prefix = n + "/";
        String next = files.ceilingKey(prefix);
        return next != null && next.startsWith(prefix);
    }

    @Override
    public byte[] read(String path) {
        String n = FsPaths.normalize(path);
        byte[] b = files.get(n);
        if (b == null) {
            if (isDirectory(n)) {
                throw new InvalidInputException(Origin.of(n.isEmpty() ? "." : n), "is a directory, not a file");
            }
            throw new NotFoundException(Origin.of(n.isEmpty() ? "." : n), "no such file: " + n);
        }
        return b.clone();
    }

    @Override
    public List<String> list(String dir) {
        String n = FsPaths.normalize(dir);
        if (!isDirectory(n)) {
            throw new NotFoundException(Origin.of(n.isEmpty() ? "." : n), "no such directory: " + n);
        }
        String prefix = n.isEmpty() ? "" : n + "/";
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (String k : files.tailMap(prefix, true).keySet()) {
            if (!k.startsWith(prefix)) {
                break;
            }
            String rest = k.substring(prefix.length());
            int slash = rest.indexOf('/');
            String name = slash < 0 ? rest : rest.substring(0, slash);
            names.add(name);
        }
        return new ArrayList<>(names);
    }

    @Override
    public void write(String path, byte[] content) {
        throw new GitOpsException("an artifact is read-only: cannot write " + path);
    }

    @Override
    public void delete(String path) {
        throw new GitOpsException("an artifact is read-only: cannot delete " + path);
    }

    @Override
    public String describe(String path) {
        return FsPaths.normalize(path);
    }
}
