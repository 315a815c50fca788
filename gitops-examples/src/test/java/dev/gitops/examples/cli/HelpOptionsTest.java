package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command of the tool answers --help (usage on stdout, exit 0), however deep it is nested. */
class HelpOptionsTest {

    @Test
    void everyCommandAnswersHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(GitOpsCli.commandLine(), new ArrayList<>(), paths);
        assertTrue(paths.size() > 15, paths.toString());
        for (List<String> path : paths) {
            StringWriter out = new StringWriter();
            CommandLine cl = GitOpsCli.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(new StringWriter()));
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            assertEquals(0, cl.execute(args.toArray(String[]::new)), "gitops " + String.join(" ", args));
            assertTrue(out.toString().startsWith("Usage: gitops " + String.join(" ", path)), out.toString());
        }
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        for (var e : cl.getSubcommands().entrySet()) {
            String name = e.getKey();
            if (name.equals("help") || !name.equals(e.getValue().getCommandName())) {
                continue; // the help command itself, and aliases
            }
            List<String> p = new ArrayList<>(path);
            p.add(name);
            out.add(p);
            collect(e.getValue(), p, out);
        }
    }
}
