package dev.gitops.api.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gitops.api.error.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnDiskFileSystemTest extends FileSystemContract {

    @TempDir
    Path tmp;

    @Override
    protected FileSystem create(Map<String, byte[]> files) {
        Path root = tmp.resolve("root" + System.nanoTime());
        try {
            Files.createDirectories(root);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path p = root.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return FileSystem.onDisk(root);
    }

    @Test
    void symbolicLinksMayNotLeaveTheRoot() throws IOException {
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "s3cr3t");
        Path root = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(root.resolve("inside.txt"), "ok");
        Files.createSymbolicLink(root.resolve("escape.txt"), outside);
        Files.createSymbolicLink(root.resolve("ok-link.txt"), root.resolve("inside.txt"));
        FileSystem fs = FileSystem.onDisk(root);
        assertEquals("ok", fs.readString("ok-link.txt"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> fs.read("escape.txt"));
        assertEquals(false, e.getMessage().contains("s3cr3t"));
    }

    @Test
    void realPathResolvesLinksInsideTheRoot() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("repo2"));
        Files.createDirectories(root.resolve("app"));
        Files.writeString(root.resolve("shared.yaml"), "x");
        Files.createSymbolicLink(root.resolve("app/link.yaml"), root.resolve("shared.yaml"));
        FileSystem fs = FileSystem.onDisk(root);
        assertEquals("shared.yaml", fs.realPath("app/link.yaml"));
        assertEquals("shared.yaml", fs.realPath("app/../shared.yaml"));
        assertEquals("app/missing.yaml", fs.realPath("app/missing.yaml"));
        assertEquals("shared.yaml", FileSystem.inMemory(Map.of("shared.yaml", new byte[0])).realPath("./shared.yaml"));
    }
}
