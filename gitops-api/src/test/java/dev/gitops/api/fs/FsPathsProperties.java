package dev.gitops.api.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gitops.api.error.InvalidInputException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link FsPaths#normalize} (whose fast path returns already-normal paths as they are) against a plain model. */
class FsPathsProperties {

    /** The plain definition: split on {@code /}, drop empty and {@code .} segments, {@code ..} pops. */
    private static String model(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String seg : path.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(seg);
            }
        }
        return String.join("/", parts);
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> seg = Arbitraries.oneOf(
                Arbitraries.of("", ".", "..", "...", ".a", "a.", "..b", "a", "b", "apps", "k.yaml"),
                Arbitraries.strings().withChars("ab./").ofMaxLength(4));
        return seg.list().ofMaxSize(6).map(l -> String.join("/", l));
    }

    @Property(tries = 2000)
    void normalizeMatchesTheModel(@ForAll("paths") String path) {
        String expected = model(path);
        if (expected == null) {
            assertThrows(InvalidInputException.class, () -> FsPaths.normalize(path));
        } else {
            assertEquals(expected, FsPaths.normalize(path), path);
            assertEquals(expected, FsPaths.normalize(expected), "normalising is idempotent");
        }
    }

    @Test
    void examples() {
        for (List<String> c : List.of(List.of("", ""), List.of("a/b", "a/b"), List.of("/a/b/", "a/b"),
                List.of("a//b", "a/b"), List.of("./a/./b", "a/b"), List.of("a/../b", "b"), List.of("..a/.b", "..a/.b"))) {
            assertEquals(c.get(1), FsPaths.normalize(c.get(0)), c.get(0));
        }
        assertThrows(InvalidInputException.class, () -> FsPaths.normalize("a/../.."));
    }
}
