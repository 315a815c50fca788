package dev.gitops.examples.cli;

import dev.gitops.api.error.GitOpsException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gitops} command-line tool: a thin layer over the SDK's entry types.
 *
 * <p>Exit codes: 0 success, 1 "differences found" (or "nothing selected") where a command compares or selects,
 * 2 usage and input errors. Results go to stdout, messages to stderr.
 */
@Command(
        name = "gitops",
        mixinStandardHelpOptions = true,
        // every subcommand answers -h/--help and -V/--version like the top command
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = VersionCommand.Provider.class,
        description = "A GitOps engine on the JVM: build, render, decrypt, diff and reconcile Git repositories.",
        footer = {"", "Environment:",
            "  GITOPS_LOG_LEVEL  library log level on stderr: warn (default), info, debug;",
            "                    reconcile logs at info unless this is set",
            "  GITOPS_DEBUG      set to print stack traces of unexpected errors",
            "  GITOPS_JAVA_OPTS  extra JVM options for the ./gitops launcher",
            "  GITOPS_JAVA       the java binary ./gitops runs (default: a JDK >= 25 when",
            "                    one is installed, else java on the PATH)"},
        subcommands = {
            DemoCommand.class,
            ReconcileCommand.class,
            GetCommand.class,
            BuildCommand.class,
            TemplateCommand.class,
            HelmCommand.class,
            DiffCommand.class,
            LintCommand.class,
            SopsCommand.class,
            AgeCommand.class,
            ImagesCommand.class,
            SemverCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class GitOpsCli implements Runnable {

    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for "differences found" or "nothing matched". */
    public static final int DIFFERENT = 1;
    /** Exit code for usage and input errors. */
    public static final int ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with the library's exit-code and error conventions. */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new GitOpsCli()));
    }

    /**
     * The command line for one run of the tool with these arguments. When the first argument names a subcommand
     * (other than {@code help}), only that subcommand's model is built: picocli builds the model of every listed
     * subcommand up front by reflection, which is a third of a short command's start-up. Everything else (no
     * arguments, options, {@code help}, unknown names) gets the full command line of {@link #commandLine()}.
     */
    static CommandLine commandLine(String... args) {
        if (args.length > 0 && !args[0].startsWith("-") && !args[0].equals("help")) {
            for (Class<?> sub : GitOpsCli.class.getAnnotation(Command.class).subcommands()) {
                Command c = sub.getAnnotation(Command.class);
                if (c != null && (c.name().equals(args[0]) || java.util.Arrays.asList(c.aliases()).contains(args[0]))) {
                    CommandLine cl = new CommandLine(new SingleCommandRoot());
                    cl.addSubcommand(new CommandLine(sub));
                    return configure(cl);
                }
            }
        }
        return commandLine();
    }

    /**
     * Whether the arguments are {@code build} and at most a directory (no options, no argument file, not the
     * {@code kustomization} subcommand): the most frequent and most start-up-sensitive run, which then skips
     * picocli altogether. The result is the same as through picocli; SingleCommandRootTest compares them.
     */
    static boolean isPlainBuild(String... args) {
        if (args.length == 0 || args.length > 2 || !args[0].equals("build")) {
            return false;
        }
        if (args.length == 1) {
            return true;
        }
        String a = args[1];
        // constants, not the annotation: reading it would load and initialise picocli (tens of ms)
        return !a.isEmpty() && !a.startsWith("-") && !a.startsWith("@") && !a.equals(BuildKustomizationCommand.NAME)
                && !a.equals(BuildKustomizationCommand.ALIAS);
    }

    /** {@code gitops build DIR} without picocli, with the error conventions of {@link #commandLine()}. */
    static int runPlainBuild(String dir, PrintWriter out, PrintWriter err) {
        try {
            return BuildCommand.runPlain(dir, out, err);
        } catch (RuntimeException ex) {
            return reportExecutionError(ex, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** As picocli makes its writers (the encoding of the stream, else the default charset). */
    private static PrintWriter newWriter(java.io.OutputStream stream, String encodingProperty) {
        java.nio.charset.Charset cs = java.nio.charset.Charset.defaultCharset();
        String enc = System.getProperty(encodingProperty);
        if (enc != null) {
            try {
                cs = java.nio.charset.Charset.forName("cp65001".equalsIgnoreCase(enc) ? "UTF-8" : enc);
            } catch (RuntimeException e) {
                // keep the default charset, as picocli does
            }
        }
        return new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, cs)), true);
    }

    private static int reportExecutionError(Exception ex, PrintWriter err) {
        if (ex instanceof GitOpsException || ex instanceof java.io.UncheckedIOException) {
            err.println("error: " + ex.getMessage());
        } else {
            err.println("error: " + ex);
            if (System.getenv("GITOPS_DEBUG") != null) {
                ex.printStackTrace(err);
            }
        }
        return ERROR;
    }

    private static CommandLine configure(CommandLine cl) {
        cl.setExitCodeExceptionMapper(t -> ERROR);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ERROR;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
                reportExecutionError(ex, commandLine.getErr()));
        return cl;
    }

    /**
     * Runs the tool and exits with its exit code. The library's log goes to stderr at level {@code warn} (results and
     * reports are the commands' own output); {@code GITOPS_LOG_LEVEL=info|debug|trace} turns it up, and a long-running
     * {@code reconcile} logs at {@code info} like a controller.
     */
    public static void main(String[] args) {
        configureLogging(System.getenv("GITOPS_LOG_LEVEL"), args.length > 0 && args[0].equals("reconcile"));
        long main = System.nanoTime();
        long model = main;
        int rc;
        if (isPlainBuild(args)) {
            rc = runPlainBuild(args.length == 2 ? args[1] : ".",
                    newWriter(System.out, "sun.stdout.encoding"), newWriter(System.err, "sun.stderr.encoding"));
        } else {
            CommandLine cl = commandLine(args);
            model = System.nanoTime();
            rc = cl.execute(args);
        }
        if (Boolean.getBoolean("gitops.timing")) {
            // -Dgitops.timing=true: where a run's time goes (JVM start to main, command line model, execution)
            long done = System.nanoTime();
            long toMain = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
                    - (System.nanoTime() - main) / 1_000_000;
            System.err.printf("gitops timing: JVM start to main %d ms, command line %d ms, execution %d ms%n",
                    toMain, (model - main) / 1_000_000, (done - model) / 1_000_000);
        }
        System.exit(rc);
    }

    /**
     * The top command as {@link GitOpsCli} declares it, minus the subcommands list: the root of a run that names its
     * subcommand. SingleCommandRootTest checks that its attributes stay those of GitOpsCli.
     */
    @Command(
            name = "gitops",
            mixinStandardHelpOptions = true,
            scope = CommandLine.ScopeType.INHERIT,
            versionProvider = VersionCommand.Provider.class,
            description = "A GitOps engine on the JVM: build, render, decrypt, diff and reconcile Git repositories.",
            footer = {"", "Environment:",
                "  GITOPS_LOG_LEVEL  library log level on stderr: warn (default), info, debug;",
                "                    reconcile logs at info unless this is set",
                "  GITOPS_DEBUG      set to print stack traces of unexpected errors",
                "  GITOPS_JAVA_OPTS  extra JVM options for the ./gitops launcher",
                "  GITOPS_JAVA       the java binary ./gitops runs (default: a JDK >= 25 when",
                "                    one is installed, else java on the PATH)"})
    static final class SingleCommandRoot implements Runnable {
        @Override
        public void run() {
            // never selected: a subcommand is always named
        }
    }

    /** Sets slf4j-simple's defaults before the first logger exists; explicit {@code -D} settings win. */
    static void configureLogging(String level, boolean controller) {
        String chosen = level != null && !level.isBlank() ? level.strip() : controller ? "info" : "warn";
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", chosen);
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    }
}
