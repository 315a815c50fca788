package dev.gitops.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the gitops CLI in-process and captures its output. */
record CliRun(int exit, String out, String err) {

    static CliRun run(String... args) {
        CommandLine cl = GitOpsCli.commandLine(args); // as main() runs it
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute(args);
        return new CliRun(rc, out.toString(), err.toString());
    }
}
