package dev.gitops.api.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Locates {@code ../shared/conformance}: the system property {@code gitops.shared.dir}, then relative paths. */
public final class SharedConformance {

    private SharedConformance() {}

    /** The shared directory, if present. */
    public static Optional<Path> sharedDir() {
        String prop = System.getProperty("gitops.shared.dir");
        if (prop != null && Files.isDirectory(Paths.get(prop, "conformance"))) {
            return Optional.of(Paths.get(prop).toAbsolutePath().normalize());
        }
        for (String rel : new String[] {"../shared", "../../shared", "../../../shared"}) {
            Path p = Paths.get(rel);
            if (Files.isDirectory(p.resolve("conformance"))) {
                return Optional.of(p.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /** {@code shared/conformance/<name>}, or skips the calling test with a clear message when it is absent. */
    public static Path require(String name) {
        Optional<Path> dir = sharedDir().map(p -> p.resolve("conformance").resolve(name));
        Assumptions.assumeTrue(dir.isPresent() && Files.isDirectory(dir.get()),
                "shared conformance folder '" + name + "' not found (expected ../shared/conformance/" + name
                        + " beside the repository, or -Dgitops.shared.dir=...); skipping");
        return dir.get();
    }
}
