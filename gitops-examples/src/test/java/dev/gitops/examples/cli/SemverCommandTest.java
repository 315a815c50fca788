package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SemverCommandTest {

    @Test
    void checkPrintsOneLinePerVersion() {
        CliRun r = CliRun.run("semver", "check", ">=1.2, <2 || ^3", "1.2", "v1.9.9", "2.0.0", "3.1.0", "nope");
        assertEquals("true\ntrue\nfalse\ntrue\nerror: invalid semantic version: \"nope\"\n", r.out());
        assertEquals(GitOpsCli.ERROR, r.exit());
    }

    @Test
    void checkExitCodes() {
        assertEquals(GitOpsCli.OK, CliRun.run("semver", "check", "~1.2", "1.2.9").exit());
        CliRun r = CliRun.run("semver", "check", "~1.2", "1.3.0", "1.2.0");
        assertEquals("false\ntrue\n", r.out());
        assertEquals(GitOpsCli.DIFFERENT, r.exit());
    }

    @Test
    void prereleaseRuleAndFlag() {
        assertEquals("false\n", CliRun.run("semver", "check", ">=1.0.0", "1.5.0-rc.1").out());
        assertEquals("true\n", CliRun.run("semver", "check", "--include-prerelease", ">=1.0.0", "1.5.0-rc.1").out());
        assertEquals("true\n", CliRun.run("semver", "check", ">=1.0.0-0", "1.5.0-rc.1").out());
    }

    @Test
    void invalidConstraintIsAUsageError() {
        CliRun r = CliRun.run("semver", "check", ">= bar", "1.0.0");
        assertEquals(GitOpsCli.ERROR, r.exit());
        assertEquals("error: improper constraint: \">= bar\"\n", r.err());
    }

    @Test
    void latest() {
        CliRun r = CliRun.run("semver", "latest", "^1", "v1.0.0", "1.4", "v1.10.2", "2.0.0", "latest");
        assertEquals("v1.10.2\n", r.out());
        assertEquals(GitOpsCli.OK, r.exit());
        CliRun none = CliRun.run("semver", "latest", ">5", "1.0.0");
        assertEquals(GitOpsCli.DIFFERENT, none.exit());
        assertEquals("", none.out());
        assertTrue(none.err().contains("no tag satisfies"));
    }
}
