package dev.gitops.sops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Locates /work/shared (the conformance vectors) as the guide says. */
public final class SharedDir {
    private SharedDir() {}

    /** The shared dir, or a skipped test. */
    public static Path require(String sub) {
        Optional<Path> p = find(sub);
        Assumptions.assumeTrue(p.isPresent(), "shared conformance directory not found: " + sub
                + " (set -Dgitops.shared.dir)");
        return p.get();
    }

    static Optional<Path> find(String sub) {
        String prop = System.getProperty("gitops.shared.dir");
        for (String c : new String[] {prop, "../shared", "../../shared", "/work/shared"}) {
            if (c == null) {
                continue;
            }
            Path p = Paths.get(c).resolve(sub);
            if (Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
