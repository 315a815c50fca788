package dev.gitops.api.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A Git repository on disk for tests, written with JGit. */
final class TestRepo implements AutoCloseable {

    final Path dir;
    final Git git;

    TestRepo(Path dir) throws Exception {
        this.dir = dir;
        this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    RevCommit commit(Map<String, String> files, String message) throws Exception {
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            if (e.getValue() == null) {
                Files.deleteIfExists(p);
                git.rm().addFilepattern(e.getKey()).call();
                continue;
            }
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            git.add().addFilepattern(e.getKey()).call();
        }
        PersonIdent who = new PersonIdent("Test", "test@example.com", java.time.Instant.parse("2026-01-01T00:00:00Z"),
                java.time.ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    void tag(String name, boolean annotated) throws Exception {
        git.tag().setName(name).setAnnotated(annotated).setSigned(false).setMessage(annotated ? name : null).call();
    }

    void branch(String name) throws Exception {
        git.branchCreate().setName(name).call();
    }

    void checkout(String name) throws Exception {
        git.checkout().setName(name).call();
    }

    String url() {
        return dir.toUri().toString();
    }

    @Override
    public void close() throws IOException {
        git.close();
    }
}
