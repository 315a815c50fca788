package dev.gitops.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetches over the git:// protocol from a real {@code git daemon} on 127.0.0.1, shallow. */
class GitDaemonIT {

    @TempDir
    Path tmp;

    @Test
    void fetchesShallowOverGitProtocol() throws Exception {
        Path base = tmp.resolve("srv");
        TestRepo repo = new TestRepo(base.resolve("fleet"));
        repo.commit(Map.of("a.yaml", "a: 1\n"), "one");
        RevCommit two = repo.commit(Map.of("b.yaml", "b: 1\n"), "two");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process daemon;
        try {
            daemon = new ProcessBuilder("git", "daemon", "--export-all", "--reuseaddr", "--listen=127.0.0.1",
                    "--port=" + port, "--base-path=" + base, base.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("git is not installed: " + e.getMessage());
            return;
        }
        try {
            waitForPort(port);
            GitSource git = GitSource.builder().cacheDir(tmp.resolve("cache")).build();
            GitSourceSpec spec = GitSourceSpec.of("git://127.0.0.1:" + port + "/fleet", GitReference.ofBranch("main"));
            FetchResult r = git.fetch(spec);
            assertEquals("main@sha1:" + two.name(), r.artifact().revision());
            assertTrue(r.artifact().files().isFile("a.yaml"));
            assertInstanceOf(FetchResult.Unchanged.class, git.fetch(spec));
            try (var cache = org.eclipse.jgit.api.Git.open(tmp.resolve("cache").toFile().listFiles()[0])) {
                assertTrue(cache.getRepository().getObjectDatabase().getShallowCommits().contains(two),
                        "the branch was fetched with depth 1");
            }
        } finally {
            daemon.destroy();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("git daemon did not start on port " + port);
    }
}
