package dev.gitops.examples.cli;

import dev.gitops.api.semver.Constraint;
import dev.gitops.api.semver.SemVer;
import dev.gitops.api.semver.SemVerException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gitops semver}: Masterminds/semver v3 constraints as Flux and Helm read them. */
@Command(name = "semver", description = "Check versions against semver constraints (Masterminds/semver v3, as Flux and Helm).",
        subcommands = {SemverCommand.Check.class, SemverCommand.Latest.class, CommandLine.HelpCommand.class})
final class SemverCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code gitops semver check}. */
    @Command(name = "check", description = {
        "Print, for each VERSION, whether it satisfies CONSTRAINT: true, false or error: <reason>.",
        "Exit 0 when all satisfy, 1 when some do not, 2 when a version or the constraint is invalid."})
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--include-prerelease", description = "Consider prerelease versions in every group.")
        boolean includePrerelease;

        @Parameters(index = "0", paramLabel = "CONSTRAINT", description = "e.g. '>=1.2 <2 || ^3.0.0-0'")
        String constraint;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "VERSION")
        List<String> versions;

        @Override
        public Integer call() {
            Constraint c = Constraint.parse(constraint).withIncludePrerelease(includePrerelease);
            PrintWriter out = spec.commandLine().getOut();
            int rc = GitOpsCli.OK;
            for (String v : versions) {
                try {
                    boolean ok = c.matches(SemVer.parse(v));
                    out.println(ok);
                    if (!ok && rc == GitOpsCli.OK) {
                        rc = GitOpsCli.DIFFERENT;
                    }
                } catch (SemVerException e) {
                    out.println("error: " + e.getMessage());
                    rc = GitOpsCli.ERROR;
                }
            }
            return rc;
        }
    }

    /** {@code gitops semver latest}. */
    @Command(name = "latest", description = {
        "Print the greatest TAG that is a version satisfying CONSTRAINT (tags that are no versions are skipped).",
        "Exit 1 when none does."})
    static final class Latest implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--include-prerelease", description = "Consider prerelease versions in every group.")
        boolean includePrerelease;

        @Parameters(index = "0", paramLabel = "CONSTRAINT")
        String constraint;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "TAG")
        List<String> tags = List.of();

        @Override
        public Integer call() {
            Constraint c = Constraint.parse(constraint).withIncludePrerelease(includePrerelease);
            Optional<SemVer> best = c.latest(tags);
            if (best.isEmpty()) {
                spec.commandLine().getErr().println("no tag satisfies " + constraint);
                return GitOpsCli.DIFFERENT;
            }
            spec.commandLine().getOut().println(best.get().original());
            return GitOpsCli.OK;
        }
    }
}
