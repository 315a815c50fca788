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
import dev.gitops.examples.engine.EngineWiring;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
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
            "Manifests (default): rendered as Flux would apply them, without a cluster. --path (for example"
                    + " clusters/staging) acts as the flux-system Kustomization's path; without --path each path"
                    + " a flux-system Kustomization of the repository names is rendered as a cluster of its own."
                    + " Every Kustomization whose source is the flux-system GitRepository is built with kustomize"
                    + " (Flux overlay fields and postBuild substitution as the engine applies them; substituteFrom"
                    + " objects are read from what the render produced) and every HelmRelease whose chart is in"
                    + " the repository is rendered with Helm. SOPS-encrypted Secrets stay encrypted. Findings on"
                    + " rendered objects name the repository file and line that produced them (the file the"
                    + " object was read from, or the patch file that set the field; for a chart's objects: the"
                    + " HelmRelease) with the object and field. What does not build is reported by"
                    + " render-failed; what cannot be rendered offline (other sources, charts of HelmRepositories"
                    + " unless --remote-charts,"
                    + " substituteFrom/valuesFrom objects that are not in the repository) by render-incomplete;"
                    + " files no render includes are linted as they are.",
            "",
            "--raw: lint the YAML files as they are in Git instead (kustomization.yaml files, the patches they"
                    + " name, Helm chart directories and documents that are not Kubernetes objects are skipped;"
                    + " kustomization namespace:, images: and labels are applied). Library users plug in either"
                    + " as a ManifestSource (dev.gitops.api.policy).",
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

    @Option(names = "--raw", description = "Lint the repository's files as they are instead of rendering each"
            + " Kustomization and HelmRelease.")
    boolean raw;

    @Option(names = "--remote-charts", description = "Also render HelmReleases whose charts come from"
            + " HelmRepositories (HTTP(S) or OCI): the charts are downloaded; repository credentials, which live in"
            + " the cluster, are not used. Default: such releases are reported by render-incomplete.")
    boolean remoteCharts;

    @Option(names = "--list-rules", description = "List the rules, whether the configuration enables them and"
            + " their severities, and exit.")
    boolean listRules;

    private final Optional<ManifestSource> manifests;

    /** The command as the CLI runs it: rendered with the engine's wiring, or the files as they are with --raw. */
    LintCommand() {
        this.manifests = Optional.empty();
    }

    /** The command with another way of obtaining the repository's objects (--raw is then ignored). */
    LintCommand(ManifestSource manifests) {
        this.manifests = Optional.of(manifests);
    }

    private ManifestSource source() {
        if (manifests.isPresent()) {
            return manifests.get();
        }
        if (raw) {
            return ManifestSource.rawYaml();
        }
        // the rendering source asks the builder to track origins, so findings name file and line
        return ManifestSource.rendering().manifestBuilder(EngineWiring.manifestBuilder())
                .chartRenderer(EngineWiring.chartRenderer()).remoteCharts(remoteCharts).build();
    }

    @Override
    public Integer call() {
        ReportFormat fmt = ReportFormat.parse(format);
        Severity threshold = Severity.parse(failOn.toLowerCase(Locale.ROOT));
        PolicyEngine.Builder builder = PolicyEngine.builder()
                .discoverRules(Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : LintCommand.class.getClassLoader())
                .manifestSource(source());
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
