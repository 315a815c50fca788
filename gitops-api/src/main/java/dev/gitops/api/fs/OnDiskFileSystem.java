package dev.gitops.api.fs;

import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.error.Origin;
import dev.gitops.api.fs.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** A {@link FileSystem} rooted at a directory; symbolic links are followed only while they stay inside the root. */
final class OnDiskFileSystem implements FileSystem {

    private final Path root;
    private final Path realRoot;
    /**
     * True when the root is the file system's own root ({@code /}): no link can lead out of it, so paths need no
     * resolving ({@code realpath(3)} costs a {@code readlink} per path segment; a CLI build roots here).
     */
    private final boolean rootIsTop;

    OnDiskFileSystem(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            this.realRoot = Files.isDirectory(this.root) ? this.root.toRealPath() : this.root;
        } catch (IOException e) {
            throw new GitOpsException("cannot resolve root directory " + this.root, e);
        }
        this.rootIsTop = realRoot.getParent() == null;
    }

    private Path at(String normalized) {
        return normalized.isEmpty() ? root : root.resolve(normalized);
    }

    /**
     * The real path of {@code p} (links resolved), checked to stay inside the root; empty when nothing is there (a
     * dangling link included).
     */
    private java.util.Optional<Path> real(Path p, String normalized) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            // answered without an exception (toRealPath would throw one, stack trace and all)
            return java.util.Optional.empty();
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (NoSuchFileException e) {
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new GitOpsException(Origin.of(normalized), "cannot resolve: " + e.getMessage(), e);
        }
        if (!real.startsWith(realRoot)) {
            throw new InvalidInputException(Origin.of(normalized.isEmpty() ? "." : normalized),
                    "security; file '" + p + "' is not in or below '" + root + "' (a symbolic link leads"
                            + " outside the root)");
        }
        return java.util.Optional.of(real);
    }

    /** The on-disk path of {@code path}, checked to stay inside the root after resolving links. */
    private Path resolve(String path) {
        String n = FsPaths.normalize(path);
        Path p = at(n);
        if (!rootIsTop) {
            real(p, n);
        }
        return p;
    }

    @Override
    public String realPath(String path) {
        String n = FsPaths.normalize(path);
        return real(at(n), n)
                .map(r -> FsPaths.normalize(realRoot.relativize(r).toString().replace(java.io.File.separatorChar, '/')))
                .orElse(n);
    }

    @Override
    public boolean exists(String path) {
        String n = FsPaths.normalize(path);
        Path p = at(n);
        return rootIsTop ? Files.exists(p) : real(p, n).isPresent();
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(resolve(path));
    }

    @Override
    public boolean isFile(String path) {
        // exists and is not a directory; the checks Files offers answer "no" without throwing (kustomize probes
        // three kustomization file names in every directory: most answers are "no")
        Path p = resolve(path);
        return Files.isRegularFile(p) || Files.exists(p) && !Files.isDirectory(p);
    }

    @Override
    public byte[] read(String path) {
        Path p = resolve(path);
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new NotFoundException(Origin.of(FsPaths.normalize(path)), "no such file: " + p);
        } catch (IOException e) {
            if (Files.isDirectory(p)) {
                throw new InvalidInputException(Origin.of(FsPaths.normalize(path)), "is a directory, not a file");
            }
            throw new GitOpsException(Origin.of(FsPaths.normalize(path)), "cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String dir) {
        Path p = resolve(dir);
        if (!Files.isDirectory(p)) {
            throw new NotFoundException(Origin.of(dir.isEmpty() ? "." : dir), "no such directory: " + p);
        }
        try (Stream<Path> s = Files.list(p)) {
            List<String> names = new ArrayList<>();
            s.forEach(c -> names.add(c.getFileName().toString()));
            names.sort(FsPaths0::compareUtf8);
            return names;
        } catch (IOException e) {
            throw new GitOpsException(Origin.of(dir.isEmpty() ? "." : dir), "cannot list: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String path, byte[] content) {
        Path p = resolve(path);
        try {
            AtomicFiles.write(p, content);
        } catch (IOException e) {
            throw new GitOpsException(Origin.of(FsPaths.normalize(path)), "cannot write: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String path) {
        try {
            Files.deleteIfExists(resolve(path));
        } catch (IOException e) {
            throw new GitOpsException(Origin.of(FsPaths.normalize(path)), "cannot delete: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe(String path) {
        String n = FsPaths.normalize(path);
        return n.isEmpty() ? root.toString() : root.resolve(n).toString();
    }

    @Override
    public String toString() {
        return "OnDiskFileSystem[" + root + "]";
    }

    /** Byte-wise UTF-8 order, as Go sorts directory entries. */
    static final class FsPaths0 {
        private FsPaths0() {}

        static int compareUtf8(String a, String b) {
            return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        }
    }
}
