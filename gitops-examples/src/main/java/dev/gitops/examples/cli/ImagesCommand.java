package dev.gitops.examples.cli;

import dev.gitops.api.image.ImagePolicy;
import dev.gitops.api.image.ImageRef;
import dev.gitops.api.image.ImageUpdater;
import dev.gitops.api.image.ManifestFiles;
import dev.gitops.api.image.UpdateResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import dev.gitops.api.image.Selection;
import dev.gitops.api.image.TagFilter;
import dev.gitops.api.image.TagPolicy;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gitops images}: Flux image policies and image update automation. */
@Command(name = "images", description = "Select image tags as Flux ImagePolicies do, and update manifests.",
        subcommands = {ImagesCommand.Latest.class, ImagesCommand.Update.class, CommandLine.HelpCommand.class})
final class ImagesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exactly one ordering policy. */
    static final class PolicyChoice {
        @Option(names = "--semver", paramLabel = "RANGE", required = true,
                description = "policy.semver.range, e.g. '>=1.0.0 <2'")
        String semver;

        @Option(names = "--alphabetical", paramLabel = "asc|desc", required = true,
                description = "policy.alphabetical.order")
        String alphabetical;

        @Option(names = "--numerical", paramLabel = "asc|desc", required = true,
                description = "policy.numerical.order")
        String numerical;

        TagPolicy toPolicy() {
            if (semver != null) {
                return TagPolicy.semver(semver);
            } else if (alphabetical != null) {
                return TagPolicy.alphabetical(alphabetical);
            }
            return TagPolicy.numerical(numerical);
        }
    }

    /** {@code gitops images latest}. */
    @Command(name = "latest", description = {
        "Print the tag a Flux ImagePolicy with this policy and filterTags would select from TAGs.",
        "Exit 1 when it selects none (the reason goes to stderr)."})
    static final class Latest implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @ArgGroup(exclusive = true, multiplicity = "1")
        PolicyChoice choice;

        @Option(names = "--filter-pattern", paramLabel = "REGEX", description = "filterTags.pattern (Go RE2 syntax)")
        String filterPattern;

        @Option(names = "--filter-extract", paramLabel = "TEMPLATE",
                description = "filterTags.extract, e.g. '$ts' or '${1}'")
        String filterExtract;

        @Parameters(paramLabel = "TAG", arity = "0..*")
        List<String> tags = List.of();

        @Override
        public Integer call() {
            ImagePolicy.Builder b = ImagePolicy.builder().policy(choice.toPolicy());
            if (filterPattern != null || filterExtract != null) {
                if (filterPattern == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--filter-extract needs --filter-pattern");
                }
                b.filter(TagFilter.of(filterPattern, filterExtract == null ? "" : filterExtract));
            }
            Selection s = b.build().select(tags);
            if (s instanceof Selection.Selected sel) {
                spec.commandLine().getOut().println(sel.latest());
                return GitOpsCli.OK;
            }
            spec.commandLine().getErr().println(((Selection.NotSelected) s).reason());
            return GitOpsCli.DIFFERENT;
        }
    }

    /** {@code gitops images update}. */
    @Command(name = "update", description = {
        "Rewrite image references in DIR as a Flux ImageUpdateAutomation (Setters strategy) in namespace NS would,",
        "given the latest image of each ImagePolicy; print one line per changed field."})
    static final class Update implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR")
        Path dir;

        @Option(names = "--namespace", paramLabel = "NS", required = true,
                description = "the automation's namespace: only markers NS:policy are set")
        String namespace;

        @Option(names = "--policy", paramLabel = "NAME=IMAGE:TAG[@DIGEST]", required = true,
                description = "the latest image of an ImagePolicy (repeatable)")
        Map<String, String> policies;

        @Override
        public Integer call() {
            ImageUpdater.Builder b = ImageUpdater.builder().namespace(namespace);
            policies.forEach((name, ref) -> b.policy(name, ImageRef.parse(ref)));
            UpdateResult r = b.build().update(ManifestFiles.directory(dir));
            PrintWriter out = spec.commandLine().getOut();
            for (UpdateResult.FileChange f : r.files()) {
                for (UpdateResult.Change c : f.changes()) {
                    out.println(f.path() + ":" + c.line() + ": " + c.object() + " " + c.setter() + ": " + c.oldValue()
                            + " -> " + c.newValue());
                }
            }
            for (String p : r.problemFiles()) {
                spec.commandLine().getErr().println("warning: " + p + ": not valid YAML, left alone");
            }
            if (!r.changed()) {
                spec.commandLine().getErr().println("no changes");
            }
            return GitOpsCli.OK;
        }
    }
}
