package dev.gitops.api.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link FileSystem} implementation must meet. Implementations elsewhere extend this class (it
 * ships in the gitops-api test-jar) and supply {@link #create(Map)}.
 */
public abstract class FileSystemContract {

    /** A file system holding exactly these files. */
    protected abstract FileSystem create(Map<String, byte[]> files);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsFilesAndListsDirectoriesInGoOrder() {
        FileSystem fs = create(Map.of("apps/base/b.yaml", b("b"), "apps/base/a.yaml", b("a"), "apps/base/Z.yaml",
                b("z"), "apps/overlays/prod/k.yaml", b("k"), "top.txt", b("t")));
        assertEquals("a", fs.readString("apps/base/a.yaml"));
        assertEquals("a", fs.readString("./apps/x/../base/a.yaml"));
        assertEquals(List.of("Z.yaml", "a.yaml", "b.yaml"), fs.list("apps/base"));
        assertEquals(List.of("apps", "top.txt"), fs.list(""));
        assertTrue(fs.isDirectory("apps/overlays"));
        assertTrue(fs.isDirectory(""));
        assertTrue(fs.isFile("top.txt"));
        assertFalse(fs.isFile("apps"));
        assertFalse(fs.exists("nope"));
    }

    @Test
    void missingFilesAndDirectoriesAreNotFound() {
        FileSystem fs = create(Map.of("a/b.yaml", b("x")));
        assertThrows(NotFoundException.class, () -> fs.read("a/c.yaml"));
        assertThrows(NotFoundException.class, () -> fs.list("x"));
        assertThrows(InvalidInputException.class, () -> fs.read("a"));
    }

    @Test
    void pathsAboveTheRootAreRejected() {
        FileSystem fs = create(Map.of("a/b.yaml", b("x")));
        assertThrows(InvalidInputException.class, () -> fs.read("../etc/passwd"));
        assertThrows(InvalidInputException.class, () -> fs.read("a/../../b"));
    }

    @Test
    void writesReplaceAndDeleteRemoves() {
        FileSystem fs = create(Map.of("a/b.yaml", b("x")));
        fs.write("a/b.yaml", b("y"));
        fs.write("n/e/w.txt", b("new"));
        assertArrayEquals(b("y"), fs.read("a/b.yaml"));
        assertEquals("new", fs.readString("n/e/w.txt"));
        fs.delete("a/b.yaml");
        assertFalse(fs.exists("a/b.yaml"));
        fs.delete("a/b.yaml");
    }

    @Test
    void readReturnsACopy() {
        FileSystem fs = create(Map.of("f", b("abc")));
        byte[] got = fs.read("f");
        got[0] = 'X';
        assertEquals("abc", fs.readString("f"));
    }
}
