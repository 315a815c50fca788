package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImagesCommandTest {

    @Test
    void semverPolicy() {
        CliRun r = CliRun.run("images", "latest", "--semver", "1.0.x", "1.0.0", "1.0.0.1", "1.0.1", "1.2.0", "v1.0.2");
        assertEquals("v1.0.2\n", r.out());
        assertEquals(GitOpsCli.OK, r.exit());
    }

    @Test
    void alphabeticalAndNumerical() {
        assertEquals("zesty\n", CliRun.run("images", "latest", "--alphabetical", "asc", "xenial", "zesty", "bionic")
                .out());
        assertEquals("bionic\n", CliRun.run("images", "latest", "--alphabetical", "DESC", "xenial", "zesty",
                "bionic").out());
        assertEquals("-78\n", CliRun.run("images", "latest", "--numerical", "desc", "5", "-8", "-78", "25").out());
        CliRun bad = CliRun.run("images", "latest", "--numerical", "asc", "0", "1a");
        assertEquals(GitOpsCli.DIFFERENT, bad.exit());
        assertEquals("failed to parse invalid numeric value '1a'\n", bad.err());
    }

    @Test
    void filterAndExtract() {
        CliRun r = CliRun.run("images", "latest", "--numerical", "asc", "--filter-pattern",
                "^main-[a-f0-9]+-(?P<ts>[0-9]+)", "--filter-extract", "$ts",
                "main-abc1234-1700000003", "main-def5678-1700000009", "pr-12-1800000000", "latest");
        assertEquals("main-def5678-1700000009\n", r.out());
    }

    @Test
    void nothingSelectedExitsOne() {
        CliRun r = CliRun.run("images", "latest", "--semver", ">=2", "1.0.0");
        assertEquals(GitOpsCli.DIFFERENT, r.exit());
        assertEquals("unable to determine latest version from provided list\n", r.err());
        assertEquals(GitOpsCli.DIFFERENT, CliRun.run("images", "latest", "--alphabetical", "asc").exit());
    }

    @Test
    void usageErrors() {
        CliRun both = CliRun.run("images", "latest", "--semver", "1", "--numerical", "asc", "1");
        assertEquals(GitOpsCli.ERROR, both.exit());
        assertTrue(both.err().startsWith("error: "));
        assertEquals(GitOpsCli.ERROR, CliRun.run("images", "latest", "1").exit());
        CliRun order = CliRun.run("images", "latest", "--numerical", "up", "1");
        assertEquals(GitOpsCli.ERROR, order.exit());
        assertEquals("error: invalid order argument provided: 'UP', must be one of: ASC, DESC\n", order.err());
        CliRun re = CliRun.run("images", "latest", "--alphabetical", "asc", "--filter-pattern", "(a", "a");
        assertEquals(GitOpsCli.ERROR, re.exit());
        assertTrue(re.err().startsWith("error: invalid regular expression pattern '(a'"), re.err());
        assertEquals(GitOpsCli.ERROR, CliRun.run("images", "latest", "--alphabetical", "asc",
                "--filter-extract", "$1", "a").exit());
    }

    @Test
    void updateRewritesFilesInPlace(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("app/deploy.yaml");
        java.nio.file.Files.createDirectories(f.getParent());
        String before = "kind: Deployment\r\nmetadata:\r\n  name: app\r\nspec:\r\n"
                + "  image: ghcr.io/x/app:1.0.0 # {\"$imagepolicy\": \"flux-system:app\"}\r\n"
                + "  tag: 1.0.0 # {\"$imagepolicy\": \"flux-system:app:tag\"}\r\n";
        java.nio.file.Files.writeString(f, before);
        CliRun r = CliRun.run("images", "update", dir.toString(), "--namespace", "flux-system",
                "--policy", "app=ghcr.io/x/app:1.1", "--policy", "other=ghcr.io/x/other:2.0.0");
        assertEquals(GitOpsCli.OK, r.exit(), r.err());
        assertEquals("app/deploy.yaml:5: Deployment/app flux-system:app: ghcr.io/x/app:1.0.0 -> ghcr.io/x/app:1.1\n"
                + "app/deploy.yaml:6: Deployment/app flux-system:app:tag: 1.0.0 -> 1.1\n", r.out());
        assertEquals(before.replace("app:1.0.0", "app:1.1").replace("tag: 1.0.0", "tag: \"1.1\""),
                java.nio.file.Files.readString(f));
        CliRun again = CliRun.run("images", "update", dir.toString(), "--namespace", "flux-system",
                "--policy", "app=ghcr.io/x/app:1.1");
        assertEquals("", again.out());
        assertEquals("no changes\n", again.err());
        CliRun bad = CliRun.run("images", "update", dir.toString(), "--namespace", "flux-system",
                "--policy", "app=ghcr.io/x/app");
        assertEquals(GitOpsCli.ERROR, bad.exit());
        assertTrue(bad.err().startsWith("error: image reference \"ghcr.io/x/app\" has no tag"), bad.err());
    }
}
