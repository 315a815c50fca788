package dev.gitops.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import picocli.CommandLine;

/** Test helpers: a Git repository from a fixture directory, and an in-process CLI run. */
final class CliRepos {

    private CliRepos() {
    }

    static Path repoFrom(String fixture, Path dir) throws Exception {
        Path src = Path.of(CliRepos.class.getResource(fixture).toURI());
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path dst = dir.resolve(src.relativize(p).toString());
                Files.createDirectories(dst.getParent());
                Files.copy(p, dst);
            }
        }
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("t", "t@example.com", Instant.parse("2026-01-01T00:00:00Z"),
                    ZoneOffset.UTC);
            git.commit().setMessage("fixture").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        return dir;
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = GitOpsCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
