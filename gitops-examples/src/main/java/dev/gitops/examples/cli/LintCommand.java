package dev.gitops.examples.cli;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.policy.LintReport;
import dev.gitops.api.policy.ManifestSource;
import dev.gitops.api.policy.PolicyConfig;
import dev.gitops.api.policy.PolicyEngine;
import dev.gitops.api.policy.PolicyRule;
import dev.gitops.api.policy.ReportFormat;
import dev.gitops.api.policy.RuleInfo;
import dev.gitops.api.policy.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gitops lint DIR}: check a GitOps repository against the policy rules. */
@Command(
        name = "lint",
        versionProvider = VersionCommand.Provider.class,
        description = {
            "Check a GitOps repository against policy rules: workload requirements, namespaces, secrets, RBAC,"
                    + " Flux objects, repository layout and (opt-in) naming.",
            "",
            "Rules, rule sets, severities and exemptions come from .gitops-policy.yaml at the repository root"
                    + " (or --config). Objects exempt themselves with the annotations"
                    + " gitops.dev/exempt: rule-id[,rule-id] and gitops.dev/exempt-reason.",
            "",
            "Manifests: the repository's *.yaml/*.yml files are read as they are in Git (kustomization.yaml files,"
                    + " the patches they name, Helm chart directories and documents that are not Kubernetes objects"
                    + " are skipped; kustomization namespace:, images: and labels are applied); Kustomizations and"
                    + " HelmReleases are not rendered yet. Rendering plugs in as a ManifestSource (package"
                    + " dev.gitops.api.policy, set with PolicyEngine.Builder#manifestSource).",
        },
        footer = {
            "",
            "Exit codes: 0 no finding at or above --fail-on, 1 such findings, 2 usage, configuration or input"
                    + " errors.",
        })
final class LintCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The repository's root directory.", arity = "0..1")
    Path dir;

    @Option(names = "--path", paramLabel = "P", defaultValue = "",
            description = "Lint only this directory of the repository (relative to DIR), e.g. clusters/staging.")
    String path;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: text (grouped by file), json or sarif (SARIF 2.1.0). Default: text.")
    String format;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error",
            description = "Exit with 1 when a finding at or above this severity exists: info, warning or error."
                    + " Default: error.")
    String failOn;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Policy configuration to use instead of DIR/.gitops-policy.yaml.")
    Path config;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--list-rules", description = "List the rules, whether the configuration enables them and"
            + " their severities, and exit.")
    boolean listRules;

    private final ManifestSource manifests;

    /** The command as the CLI runs it: manifests read from the repository's YAML files. */
    LintCommand() {
        // Hook for rendering: replace with a ManifestSource that builds each Flux Kustomization (Kustomizer) and
        // HelmRelease (ChartRenderer) so that the rules see what will be applied.
        this(ManifestSource.rawYaml());
    }

    /** The command with another way of obtaining the repository's objects. */
    LintCommand(ManifestSource manifests) {
        this.manifests = manifests;
    }

    @Override
    public Integer call() {
        ReportFormat fmt = ReportFormat.parse(format);
        Severity threshold = Severity.parse(failOn.toLowerCase(Locale.ROOT));
        PolicyEngine.Builder builder = PolicyEngine.builder()
                .discoverRules(Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : LintCommand.class.getClassLoader())
                .manifestSource(manifests);
        if (config != null) {
            builder.config(PolicyConfig.parse(read(config), config.toString()));
        }
        PolicyEngine engine = builder.build();
        PrintWriter out = spec.commandLine().getOut();
        if (listRules) {
            return listRules(engine, out);
        }
        if (dir == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'DIR'");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("not a directory: " + dir);
        }
        LintReport report = engine.lint(FileSystem.onDisk(dir), path);
        String rendered = fmt.render(report);
        if (output != null) {
            try {
                Files.writeString(output, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
            }
            spec.commandLine().getErr().println(summary(report));
        } else {
            out.print(rendered);
            out.flush();
        }
        return report.passes(threshold) ? GitOpsCli.OK : GitOpsCli.DIFFERENT;
    }

    private int listRules(PolicyEngine engine, PrintWriter out) {
        PolicyConfig cfg = config != null ? PolicyConfig.parse(read(config), config.toString())
                : dir != null ? PolicyConfig.load(FileSystem.onDisk(dir)) : PolicyConfig.defaults();
        Set<String> enabled = engine.enabledRules(cfg).stream().map(RuleInfo::id).collect(Collectors.toSet());
        for (PolicyRule r : engine.rules()) {
            RuleInfo info = engine.enabledRules(cfg).stream().filter(i -> i.id().equals(r.id())).findFirst()
                    .orElse(RuleInfo.of(r, r.defaultSeverity()));
            out.printf("%-28s %-11s %-8s %-4s %s%n", r.id(), r.ruleSet(), info.severity().id(),
                    enabled.contains(r.id()) ? "on" : "off", r.rationale());
        }
        out.flush();
        return GitOpsCli.OK;
    }

    private static String summary(LintReport report) {
        var c = report.counts();
        return c.get(Severity.ERROR) + " error(s), " + c.get(Severity.WARNING) + " warning(s), "
                + c.get(Severity.INFO) + " info";
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + p + ": " + e.getMessage());
        }
    }
}
