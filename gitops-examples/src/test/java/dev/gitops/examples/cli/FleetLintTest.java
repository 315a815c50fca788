package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example fleet follows every default policy rule: `gitops lint` on it finds nothing. */
class FleetLintTest {

    @Test
    void exampleFleetIsLintClean() {
        Path fleet = Path.of("fleet").toAbsolutePath();
        assertTrue(Files.isDirectory(fleet), fleet.toString());
        CliRepos.Run r = CliRepos.run("lint", fleet.toString(), "--fail-on", "info");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("no findings"), r.out());
    }
}
