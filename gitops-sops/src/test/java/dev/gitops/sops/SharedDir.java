package dev.gitops.sops;

import java.nio.file.Path;

/** Locates {@code ../shared} for this module's tests (delegates to the gitops-api test-jar's locator). */
public final class SharedDir {
    private SharedDir() {}

    /** {@code shared/<sub>}, or a skipped test. */
    public static Path require(String sub) {
        return dev.gitops.api.testing.SharedConformance.shared(sub);
    }
}
