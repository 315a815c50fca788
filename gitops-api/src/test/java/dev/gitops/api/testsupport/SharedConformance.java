package dev.gitops.api.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared conformance vectors ({@code ../shared/conformance}): the system property
 * {@code gitops.shared.dir} (set by surefire), else {@code ../shared} or {@code ../../shared} from the working
 * directory. Tests are skipped (not failed) with a clear message when the vectors are absent.
 */
public final class SharedConformance {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedConformance() {}

    /** The directory {@code conformance/<name>}, or a skipped test. */
    public static Path dir(String name) {
        String prop = System.getProperty("gitops.shared.dir");
        Path[] candidates = {
            prop == null ? null : Paths.get(prop), Paths.get("../shared"), Paths.get("../../shared"),
        };
        for (Path c : candidates) {
            if (c != null && Files.isDirectory(c.resolve("conformance").resolve(name))) {
                return c.resolve("conformance").resolve(name);
            }
        }
        Assumptions.abort("conformance vectors conformance/" + name + " not found (set -Dgitops.shared.dir)");
        throw new AssertionError("unreachable");
    }

    /** Reads {@code conformance/<name>/<file>} as JSON. */
    public static JsonNode json(String name, String file) {
        try {
            return JSON.readTree(dir(name).resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A short label for a vector: its source file and line when present. */
    public static String where(JsonNode vector) {
        JsonNode src = vector.path("source");
        return src.isMissingNode() ? "" : " [" + src.path("file").asText() + ":" + src.path("line").asText() + "]";
    }
}
