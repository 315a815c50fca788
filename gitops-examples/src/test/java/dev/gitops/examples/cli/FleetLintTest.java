package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The example fleet follows every default policy rule: `gitops lint` on it finds nothing, rendered (the default:
 * every Kustomization built with kustomize, the redis HelmRelease rendered with Helm) and as files.
 */
class FleetLintTest {

    @Test
    void exampleFleetIsLintClean() {
        Path fleet = Path.of("fleet").toAbsolutePath();
        assertTrue(Files.isDirectory(fleet), fleet.toString());
        CliRepos.Run r = CliRepos.run("lint", fleet.toString(), "--fail-on", "info");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("no findings"), r.out());
    }

    @Test
    void exampleFleetIsLintCleanAsFilesAndPerCluster() {
        Path fleet = Path.of("fleet").toAbsolutePath();
        for (String[] args : new String[][] {
                {"lint", fleet.toString(), "--raw", "--fail-on", "info"},
                {"lint", fleet.toString(), "--path", "clusters/staging", "--fail-on", "info"},
                {"lint", fleet.toString(), "--path", "clusters/production", "--fail-on", "info"}}) {
            CliRepos.Run r = CliRepos.run(args);
            assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
            assertTrue(r.out().contains("no findings"), r.out());
        }
    }
}
