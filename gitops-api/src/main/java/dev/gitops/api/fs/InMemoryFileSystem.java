package dev.gitops.api.fs;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.error.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link FileSystem} in memory; directories exist implicitly above files. Thread-safe. Read-only instances (the
 * files of an artifact) refuse writes.
 */
final class InMemoryFileSystem implements FileSystem {

    private final NavigableMap<String, byte[]> files = new ConcurrentSkipListMap<>();
    private final String readOnlyWhat;

    InMemoryFileSystem(Map<String, byte[]> initial) {
        this.readOnlyWhat = null;
        initial.forEach((k, v) -> write(k, v));
    }

    /** A read-only copy of {@code initial}; {@code what} names it in the error a write gets. */
    InMemoryFileSystem(Map<String, byte[]> initial, String what) {
        initial.forEach((k, v) -> files.put(FsPaths.normalize(k), v.clone()));
        this.readOnlyWhat = java.util.Objects.requireNonNull(what, "what");
    }

    private void checkWritable(String verb, String path) {
        if (readOnlyWhat != null) {
            throw new dev.gitops.api.error.GitOpsException(readOnlyWhat + " is read-only: cannot " + verb + " "
                    + path);
        }
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
        List<String> names = new ArrayList<>();
        for (String k : files.tailMap(prefix, true).keySet()) {
            if (!k.startsWith(prefix)) {
                break;
            }
            String rest = k.substring(prefix.length());
            int slash = rest.indexOf('/');
            String name = slash < 0 ? rest : rest.substring(0, slash);
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        names.sort(OnDiskFileSystem.FsPaths0::compareUtf8);
        return names;
    }

    @Override
    public void write(String path, byte[] content) {
        checkWritable("write", path);
        String n = FsPaths.normalize(path);
        if (n.isEmpty() || isDirectory(n)) {
            throw new InvalidInputException(Origin.of(n.isEmpty() ? "." : n), "is a directory, not a file");
        }
        files.put(n, content.clone());
    }

    @Override
    public void delete(String path) {
        checkWritable("delete", path);
        files.remove(FsPaths.normalize(path));
    }

    @Override
    public String describe(String path) {
        String n = FsPaths.normalize(path);
        return n.isEmpty() ? "." : n;
    }

    @Override
    public String toString() {
        return "InMemoryFileSystem[" + files.size() + " files]";
    }
}
