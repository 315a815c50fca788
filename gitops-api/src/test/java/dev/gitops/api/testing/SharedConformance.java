package dev.gitops.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates {@code ../shared} (the conformance vectors and specs beside the repository) for every module's tests: the
 * system property {@code gitops.shared.dir} (surefire sets it), then {@code ../shared} and {@code ../../shared}
 * relative to the working directory. Tests that need it are skipped with a clear message when it is absent. Ships
 * in the gitops-api test-jar.
 */
public final class SharedConformance {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedConformance() {}

    /** The shared directory, if present. */
    public static Optional<Path> sharedDir() {
        String prop = System.getProperty("gitops.shared.dir");
        for (String c : new String[] {prop, "../shared", "../../shared", "../../../shared"}) {
            if (c != null && !c.isBlank() && Files.isDirectory(Paths.get(c, "conformance"))) {
                return Optional.of(Paths.get(c).toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /** {@code shared/<sub>} (a file or directory), or skips the calling test with a clear message. */
    public static Path shared(String sub) {
        Optional<Path> p = sharedDir().map(d -> d.resolve(sub)).filter(Files::exists);
        if (p.isEmpty()) {
            String msg = "shared/" + sub + " not found (expected ../shared beside the repository, or"
                    + " -Dgitops.shared.dir=...); skipping";
            // surefire does not print why a test factory was aborted: say it where the build log shows it
            System.err.println("[SKIPPED] " + msg);
            Assumptions.abort(msg);
        }
        return p.get();
    }

    /** {@code shared/conformance/<name>} ({@code name} may have several segments), or a skipped test. */
    public static Path require(String name) {
        return shared("conformance/" + name);
    }

    /** Reads {@code conformance/<name>/<file>} as JSON. */
    public static JsonNode json(String name, String file) {
        return readJson(require(name).resolve(file));
    }

    /** Reads a JSON file. */
    public static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A short label for a vector: its upstream source file and line when it records them. */
    public static String where(JsonNode vector) {
        JsonNode src = vector.path("source");
        return src.isMissingNode() ? "" : " [" + src.path("file").asText() + ":" + src.path("line").asText() + "]";
    }
}
