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
            "  GITOPS_JAVA_OPTS  extra JVM options for the ./gitops launcher"},
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
        CommandLine cl = new CommandLine(new GitOpsCli());
        cl.setExitCodeExceptionMapper(t -> ERROR);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ERROR;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof GitOpsException || ex instanceof java.io.UncheckedIOException) {
                err.println("error: " + ex.getMessage());
            } else {
                err.println("error: " + ex);
                if (System.getenv("GITOPS_DEBUG") != null) {
                    ex.printStackTrace(err);
                }
            }
            return ERROR;
        });
        return cl;
    }

    /**
     * Runs the tool and exits with its exit code. The library's log goes to stderr at level {@code warn} (results and
     * reports are the commands' own output); {@code GITOPS_LOG_LEVEL=info|debug|trace} turns it up, and a long-running
     * {@code reconcile} logs at {@code info} like a controller.
     */
    public static void main(String[] args) {
        configureLogging(System.getenv("GITOPS_LOG_LEVEL"), args.length > 0 && args[0].equals("reconcile"));
        System.exit(commandLine().execute(args));
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
