package dev.gitops.kustomize.internal;

import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.fs.FsPaths;
import java.util.ArrayList;
import java.util.List;

/** Loads files relative to a kustomization root, enforcing the load restrictor and detecting cycles. */
public final class Loader {

    final FileSystem fs;
    final String root;
    final boolean rootOnly;
    private final List<String> visited;
    /** The root with links resolved, once per loader (benign race: computed at most once per thread). */
    private volatile String realRoot;

    public Loader(FileSystem fs, String root, boolean rootOnly) {
        this(fs, FsPaths.normalize(root), rootOnly, new ArrayList<>());
    }

    private Loader(FileSystem fs, String root, boolean rootOnly, List<String> visited) {
        this.fs = fs;
        this.root = root;
        this.rootOnly = rootOnly;
        this.visited = visited;
        this.visited.add(root);
    }

    public String root() {
        return root;
    }

    public String describe(String path) {
        return fs.describe(path);
    }

    String resolve(String path) {
        if (path.startsWith("/")) {
            return FsPaths.normalize(path);
        }
        try {
            return FsPaths.join(root, path);
        } catch (RuntimeException e) {
            throw new BuildError("security; file '" + path + "' is not in or below '" + fs.describe(root) + "'");
        }
    }

    public boolean isFile(String path) {
        String p = resolveQuiet(path);
        return p != null && fs.isFile(p);
    }

    public boolean isDir(String path) {
        String p = resolveQuiet(path);
        return p != null && fs.isDirectory(p);
    }

    private String resolveQuiet(String path) {
        try {
            return resolve(path);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public byte[] load(String path) {
        String p = resolve(path);
        if (rootOnly && (!FsPaths.isWithin(p, root) || !FsPaths.isWithin(fs.realPath(p), realRoot()))) {
            // a symbolic link may not lead out of the kustomization root either
            throw new BuildError("security; file '" + fs.describe(p) + "' is not in or below '"
                    + fs.describe(root) + "'");
        }
        if (!fs.isFile(p)) {
            throw new BuildError("open " + fs.describe(p) + ": no such file or directory");
        }
        try {
            return fs.read(p);
        } catch (RuntimeException e) {
            throw new BuildError(e.getMessage(), e);
        }
    }

    private String realRoot() {
        String r = realRoot;
        if (r == null) {
            r = fs.realPath(root);
            realRoot = r;
        }
        return r;
    }

    /** A loader for a sub-directory (a base or component), with kustomize's cycle check. */
    public Loader child(String path) {
        String p = resolve(path);
        if (!fs.isDirectory(p)) {
            throw new BuildError("must build at directory: not a valid directory: '" + fs.describe(p) + "'");
        }
        for (String v : visited) {
            if (FsPaths.isWithin(v, p)) {
                throw new BuildError("cycle detected: candidate root '" + fs.describe(p)
                        + "' contains visited root '" + fs.describe(v) + "'");
            }
        }
        return new Loader(fs, p, rootOnly, new ArrayList<>(visited));
    }
}
