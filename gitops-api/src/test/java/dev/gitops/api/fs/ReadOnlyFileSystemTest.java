package dev.gitops.api.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.GitOpsException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadOnlyFileSystemTest {

    @Test
    void readsLikeTheInMemoryFileSystemAndRefusesWrites() {
        Map<String, byte[]> files = new HashMap<>();
        files.put("./a/b.yaml", "b".getBytes(StandardCharsets.UTF_8));
        files.put("a/Z.yaml", "z".getBytes(StandardCharsets.UTF_8));
        FileSystem fs = FileSystem.readOnly(files, "an artifact");
        files.clear();
        assertEquals("b", fs.readString("a/b.yaml"));
        assertEquals(List.of("Z.yaml", "b.yaml"), fs.list("a"));
        assertEquals(FileSystem.inMemory(Map.of("a/b.yaml", new byte[0], "a/Z.yaml", new byte[0])).list("a"),
                fs.list("a"));
        GitOpsException e = assertThrows(GitOpsException.class, () -> fs.write("a/c.yaml", new byte[0]));
        assertTrue(e.getMessage().contains("an artifact is read-only"), e.getMessage());
        assertThrows(GitOpsException.class, () -> fs.delete("a/b.yaml"));
        assertTrue(fs.exists("a/b.yaml"));
    }
}
