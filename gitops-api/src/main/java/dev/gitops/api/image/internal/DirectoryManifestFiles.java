package dev.gitops.api.image.internal;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.image.ManifestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** {@link ManifestFiles} on a directory, without following symbolic links. Not API. */
public final class DirectoryManifestFiles implements ManifestFiles {

    private final Path root;

    /** The files under {@code root}. */
    public DirectoryManifestFiles(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        if (!Files.isDirectory(this.root, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotFoundException("not a directory: " + root);
        }
    }

    static String checkRelative(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\")
                || List.of(path.split("/", -1)).stream().anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
            throw new InvalidInputException("not a clean relative path: " + path);
        }
        return path;
    }

    @Override
    public List<String> list() {
        List<String> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.getFileName() != null && dir.getFileName().toString().equals(".git")
                            && !dir.equals(root) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        out.add(root.relativize(file).toString().replace(java.io.File.separatorChar, '/'));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + root, e);
        }
        Collections.sort(out);
        return out;
    }

    private Path resolve(String path) {
        Path p = root.resolve(checkRelative(path)).normalize();
        if (!p.startsWith(root)) {
            throw new InvalidInputException("path escapes the root: " + path);
        }
        for (Path q = p; !q.equals(root); q = q.getParent()) {
            if (Files.isSymbolicLink(q)) {
                throw new InvalidInputException("path goes through a symbolic link: " + path);
            }
        }
        return p;
    }

    @Override
    public byte[] read(String path) {
        try {
            return Files.readAllBytes(resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }

    @Override
    public void write(String path, byte[] content) {
        Path p = resolve(path);
        try {
            Files.write(p, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
    }
}
