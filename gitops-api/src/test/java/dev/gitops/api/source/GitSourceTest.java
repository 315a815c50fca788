package dev.gitops.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.GitOpsException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceTest {

    @TempDir
    Path tmp;

    TestRepo repo;
    GitSource git;
    RevCommit first;

    @BeforeEach
    void setUp() throws Exception {
        repo = new TestRepo(tmp.resolve("repo"));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("clusters/staging/apps.yaml", "kind: Kustomization\n");
        files.put("apps/web/deploy.yaml", "kind: Deployment\n");
        files.put("apps/web/logo.png", "png");
        files.put(".github/workflows/ci.yaml", "on: push\n");
        files.put(".sops.yaml", "creation_rules: []\n");
        files.put("apps/.sops.yaml", "creation_rules: []\n");
        files.put("README.md", "readme\n");
        first = repo.commit(files, "first");
        git = GitSource.builder().cacheDir(tmp.resolve("cache"))
                .clock(Clock.fixed(Instant.parse("2026-02-02T00:00:00Z"), ZoneOffset.UTC)).build();
    }

    private Artifact fetch(GitReference ref) {
        return git.fetch(GitSourceSpec.of(repo.url(), ref)).artifact();
    }

    @Test
    void branchRevisionAndDefaultExcludes() {
        Artifact a = fetch(GitReference.ofBranch("main"));
        assertEquals("main@sha1:" + first.name(), a.revision());
        assertTrue(a.files().isFile("apps/web/deploy.yaml"));
        assertTrue(a.files().isFile("README.md"));
        assertFalse(a.files().exists("apps/web/logo.png"), "*.png is a default exclude");
        assertFalse(a.files().exists(".github"), ".github/ is a default exclude");
        assertFalse(a.files().exists(".sops.yaml"));
        assertFalse(a.files().exists("apps/.sops.yaml"), "**/.sops.yaml");
        assertTrue(a.digest().matches("sha256:[0-9a-f]{64}"));
        assertEquals(Instant.parse("2026-02-02T00:00:00Z"), a.lastUpdateTime());
        assertThrows(GitOpsException.class, () -> a.files().write("x", new byte[0]));
    }

    @Test
    void unchangedRevisionIsNotRebuilt() throws Exception {
        GitSourceSpec spec = GitSourceSpec.of(repo.url(), GitReference.ofBranch("main"));
        FetchResult r1 = git.fetch(spec);
        assertInstanceOf(FetchResult.Fetched.class, r1);
        FetchResult r2 = git.fetch(spec);
        assertInstanceOf(FetchResult.Unchanged.class, r2);
        assertTrue(r1.artifact() == r2.artifact());
        RevCommit second = repo.commit(Map.of("apps/web/deploy.yaml", "kind: Deployment\nv: 2\n"), "second");
        FetchResult r3 = git.fetch(spec);
        assertTrue(r3.changed());
        assertEquals("main@sha1:" + second.name(), r3.artifact().revision());
        assertNotEquals(r1.artifact().digest(), r3.artifact().digest());
    }

    @Test
    void tagsAnnotatedAndLightweightPeelToTheCommit() throws Exception {
        repo.tag("v1.0.0", true);
        RevCommit second = repo.commit(Map.of("a.yaml", "a: 1\n"), "second");
        repo.tag("v1.1.0", false);
        repo.commit(Map.of("a.yaml", "a: 2\n"), "third");
        repo.tag("v2.0.0-rc.1", true);
        assertEquals("v1.0.0@sha1:" + first.name(), fetch(GitReference.ofTag("v1.0.0")).revision());
        assertEquals("v1.1.0@sha1:" + second.name(), fetch(GitReference.ofTag("v1.1.0")).revision());
        assertEquals("v1.1.0@sha1:" + second.name(), fetch(GitReference.ofSemver(">=1.0.0")).revision(),
                "pre-releases are excluded by a constraint without one");
        assertEquals("v1.0.0@sha1:" + first.name(), fetch(GitReference.ofSemver("~1.0")).revision());
        SourceException e = assertThrows(SourceException.class, () -> fetch(GitReference.ofSemver(">=3")));
        assertTrue(e.getMessage().contains("no match found for semver: >=3"), e.getMessage());
    }

    @Test
    void precedenceNameOverSemverOverTagOverBranch() throws Exception {
        repo.tag("v1.0.0", false);
        repo.branch("feature");
        RevCommit second = repo.commit(Map.of("a.yaml", "a: 1\n"), "second");
        GitReference all = new GitReference("feature", "v1.0.0", "", "refs/heads/main", "");
        assertEquals("refs/heads/main@sha1:" + second.name(), fetch(all).revision());
        assertEquals("v1.0.0@sha1:" + first.name(),
                fetch(new GitReference("main", "v1.0.0", "", "", "")).revision());
        assertEquals("feature@sha1:" + first.name(), fetch(GitReference.ofBranch("feature")).revision());
    }

    @Test
    void commitWithAndWithoutBranch() throws Exception {
        RevCommit second = repo.commit(Map.of("a.yaml", "a: 1\n"), "second");
        Artifact a = fetch(GitReference.ofCommit(first.name(), ""));
        assertEquals("sha1:" + first.name(), a.revision());
        assertFalse(a.files().exists("a.yaml"));
        Artifact b = fetch(GitReference.ofCommit(second.name(), "main"));
        assertEquals("main@sha1:" + second.name(), b.revision());
        assertTrue(b.files().exists("a.yaml"));
        assertThrows(SourceException.class,
                () -> fetch(GitReference.ofCommit("0123456789012345678901234567890123456789", "")));
    }

    @Test
    void defaultBranchIsMaster() {
        SourceException e = assertThrows(SourceException.class,
                () -> fetch(new GitReference("", "", "", "", "")));
        assertTrue(e.getMessage().contains("couldn't find remote ref \"refs/heads/master\""), e.getMessage());
    }

    @Test
    void sourceIgnoreFilesAndSpecIgnore() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(".sourceignore", "docs/\n*.md\n");
        files.put("docs/x.yaml", "x: 1\n");
        files.put("apps/.sourceignore", "secret.yaml\n!keep.png\n");
        files.put("apps/secret.yaml", "s: 1\n");
        files.put("apps/keep.png", "png\n");
        files.put("secret.yaml", "root: 1\n");
        repo.commit(files, "ignore");
        GitSourceSpec spec = GitSourceSpec.of(repo.url(), GitReference.ofBranch("main")).withIgnore("clusters/\n");
        Artifact a = git.fetch(spec).artifact();
        assertFalse(a.files().exists("docs"));
        assertFalse(a.files().exists("README.md"));
        assertFalse(a.files().exists("apps/secret.yaml"));
        assertTrue(a.files().exists("secret.yaml"), "apps/.sourceignore is scoped to apps/");
        assertTrue(a.files().exists("apps/keep.png"), "a negation re-includes a default exclude");
        assertFalse(a.files().exists("clusters"), "spec.ignore is applied");
        assertTrue(a.files().exists(".sourceignore"));
        assertEquals(List.of(".sourceignore", "apps", "secret.yaml"), a.files().list(""));
    }

    @Test
    void missingBranchAndRepository() {
        SourceException e = assertThrows(SourceException.class, () -> fetch(GitReference.ofBranch("nope")));
        assertTrue(e.getMessage().contains("couldn't find remote ref \"refs/heads/nope\""), e.getMessage());
        assertThrows(GitOpsException.class, () -> git.fetch(GitSourceSpec.of(tmp.resolve("none").toUri().toString(),
                GitReference.ofBranch("main"))));
    }

    @Test
    void includeCopiesFilesUnderToPath() {
        Artifact a = fetch(GitReference.ofBranch("main"));
        Artifact other = Artifact.of("v1@sha1:abc", Map.of("deploy/x.yaml", "x".getBytes(), "y.yaml", "y".getBytes()),
                Instant.EPOCH);
        Artifact merged = a.include(other, "deploy", "vendor/x");
        assertTrue(merged.files().isFile("vendor/x/x.yaml"));
        assertFalse(merged.files().exists("vendor/x/y.yaml"));
        assertEquals(a.revision(), merged.revision());
        assertNotEquals(a.digest(), merged.digest());
    }

    @Test
    void credentialsNeverPrinted() {
        GitCredentials c = GitCredentials.fromSecretData(Map.of("username", "u".getBytes(), "password",
                "hunter2".getBytes()));
        assertInstanceOf(GitCredentials.Basic.class, c);
        assertFalse(c.toString().contains("hunter2"));
        assertInstanceOf(GitCredentials.Bearer.class, GitCredentials.fromSecretData(Map.of("bearerToken",
                "t".getBytes())));
        assertEquals("https://user@example.com/x.git", GitSourceSpec.redact("https://user:pw@example.com/x.git"));
    }
}
