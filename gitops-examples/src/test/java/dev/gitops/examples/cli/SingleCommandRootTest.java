package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * main() builds only the subcommand it runs ({@link GitOpsCli#commandLine(String...)}): the tool must behave exactly
 * as with the full command line.
 */
class SingleCommandRootTest {

    @Test
    void rootDeclaresWhatGitOpsCliDeclaresExceptTheSubcommands() throws Exception {
        Command full = GitOpsCli.class.getAnnotation(Command.class);
        Command single = GitOpsCli.SingleCommandRoot.class.getAnnotation(Command.class);
        for (Method m : Command.class.getDeclaredMethods()) {
            if (m.getName().equals("subcommands")) {
                continue;
            }
            assertEquals(show(m.invoke(full)), show(m.invoke(single)), "@Command " + m.getName());
        }
        assertEquals(0, single.subcommands().length);
    }

    @Test
    void namingASubcommandBuildsOnlyThatOne() {
        CommandLine cl = GitOpsCli.commandLine("build", "dir");
        assertEquals(List.of("build"), new ArrayList<>(cl.getSubcommands().keySet()));
        assertEquals(List.of("kustomization", "ks"), new ArrayList<>(cl.getSubcommands().get("build")
                .getSubcommands().keySet()));
        // aliases select their command too; anything else gets the full tool
        assertTrue(GitOpsCli.commandLine("help", "build").getSubcommands().size() > 10);
        assertTrue(GitOpsCli.commandLine("--help").getSubcommands().size() > 10);
        assertTrue(GitOpsCli.commandLine("no-such-command").getSubcommands().size() > 10);
        assertTrue(GitOpsCli.commandLine().getSubcommands().size() > 10);
        assertNotSame(GitOpsCli.commandLine("build"), GitOpsCli.commandLine("build"));
    }

    @Test
    void everyCommandPathBehavesAsWithTheFullCommandLine() {
        List<List<String>> paths = new ArrayList<>();
        collect(GitOpsCli.commandLine(), new ArrayList<>(), paths);
        assertTrue(paths.size() > 15, paths.toString());
        for (List<String> path : paths) {
            for (String extra : new String[] {"--help", "-V", "--no-such-option"}) {
                List<String> args = new ArrayList<>(path);
                args.add(extra);
                String[] a = args.toArray(String[]::new);
                assertEquals(run(GitOpsCli.commandLine(), a), run(GitOpsCli.commandLine(a), a), String.join(" ", a));
            }
        }
    }

    @Test
    void errorsAndExitCodesAreTheSame() {
        for (String[] a : new String[][] {
                {"build", "--reorder", "bogus", "."},
                {"build", "/no/such/dir"},
                {"semver", "check", ">=1.0.0", "1.2.3", "0.1"},
                {"version"}}) {
            assertEquals(run(GitOpsCli.commandLine(), a), run(GitOpsCli.commandLine(a), a), String.join(" ", a));
        }
    }

    @Test
    void plainBuildsSkipPicocliWithTheSameResult(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path ok = tmp.resolve("ok");
        java.nio.file.Files.createDirectories(ok);
        java.nio.file.Files.writeString(ok.resolve("kustomization.yaml"), "commonLabels:\n  a: b\n"
                + "configMapGenerator:\n- name: c\n  literals:\n  - k=v\n");
        java.nio.file.Path bad = tmp.resolve("bad");
        java.nio.file.Files.createDirectories(bad);
        java.nio.file.Files.writeString(bad.resolve("kustomization.yaml"), "resources:\n- missing.yaml\n");
        java.nio.file.Path broken = tmp.resolve("broken");
        java.nio.file.Files.createDirectories(broken);
        java.nio.file.Files.writeString(broken.resolve("kustomization.yaml"), "resources: [\n");
        String fleet = java.nio.file.Paths.get("fleet/apps/overlays/staging").toAbsolutePath().toString();
        for (String dir : new String[] {ok.toString(), bad.toString(), broken.toString(), tmp.toString(),
                tmp.resolve("none").toString(), fleet}) {
            String[] a = {"build", dir};
            assertTrue(GitOpsCli.isPlainBuild(a), dir);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int rc = GitOpsCli.runPlainBuild(dir, new PrintWriter(out), new PrintWriter(err));
            assertEquals(run(GitOpsCli.commandLine(), a), "exit " + rc + "\n--- out\n" + out + "--- err\n" + err, dir);
        }
        assertTrue(GitOpsCli.isPlainBuild("build"));
        // isPlainBuild knows the subcommand's names as constants: they must stay all of its names
        picocli.CommandLine.Command sub = BuildKustomizationCommand.class.getAnnotation(picocli.CommandLine.Command.class);
        assertEquals(java.util.List.of(BuildKustomizationCommand.NAME, BuildKustomizationCommand.ALIAS),
                java.util.stream.Stream.concat(java.util.stream.Stream.of(sub.name()),
                        java.util.Arrays.stream(sub.aliases())).toList());
        for (String[] a : new String[][] {{"build", "--help"}, {"build", "-h"}, {"build", "@args"}, {"build", ""},
                {"build", "kustomization"}, {"build", "ks"}, {"build", "dir", "--reorder", "none"}, {"diff", "x"},
                {}, {"Build", "x"}}) {
            assertEquals(false, GitOpsCli.isPlainBuild(a), String.join(" ", a));
        }
    }

    private static String run(CommandLine cl, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute(args);
        return "exit " + rc + "\n--- out\n" + out + "--- err\n" + err;
    }

    private static String show(Object v) {
        if (v instanceof Object[] arr) {
            return java.util.Arrays.deepToString(arr);
        }
        return String.valueOf(v);
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        for (var e : cl.getSubcommands().entrySet()) {
            String name = e.getKey();
            if (name.equals("help")) {
                continue;
            }
            List<String> p = new ArrayList<>(path);
            p.add(name); // aliases too: main() selects by alias as well
            out.add(p);
            collect(e.getValue(), p, out);
        }
    }
}
