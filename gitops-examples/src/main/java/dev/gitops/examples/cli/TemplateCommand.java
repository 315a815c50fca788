package dev.gitops.examples.cli;

import dev.gitops.api.fs.FileSystem;
import dev.gitops.helm.Chart;
import dev.gitops.helm.ChartLoader;
import dev.gitops.helm.ChartRenderer;
import dev.gitops.helm.HelmValues;
import dev.gitops.helm.RenderRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gitops template RELEASE CHART}: renders a chart locally, printing what {@code helm template} prints. */
@Command(name = "template", description = "Render a Helm chart locally and print the manifests, as helm template does.")
final class TemplateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RELEASE", description = "Release name.")
    String release;

    @Parameters(index = "1", paramLabel = "CHART", description = "Chart directory or .tgz archive.")
    Path chart;

    @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "Namespace (default: default).")
    String namespace;

    @Option(names = {"-f", "--values"}, paramLabel = "FILE", description = "Values file (repeatable).")
    List<Path> valueFiles = new ArrayList<>();

    @Option(names = "--set", paramLabel = "K=V", description = "Set values (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--set-string", paramLabel = "K=V", description = "Set string values (repeatable).")
    List<String> setStrings = new ArrayList<>();

    @Option(names = "--set-json", paramLabel = "K=JSON", description = "Set JSON values (repeatable).")
    List<String> setJsons = new ArrayList<>();

    @Option(names = "--set-file", paramLabel = "K=PATH", description = "Set values from files (repeatable).")
    List<String> setFiles = new ArrayList<>();

    @Option(names = "--kube-version", paramLabel = "V", description = "Kubernetes version (default v1.35.0).")
    String kubeVersion;

    @Option(names = {"-a", "--api-versions"}, paramLabel = "V", description = "Extra API versions (repeatable).")
    List<String> apiVersions = new ArrayList<>();

    @Option(names = "--include-crds", description = "Include the chart's CRDs in the output.")
    boolean includeCrds;

    @Option(names = "--skip-tests", description = "Leave out test hooks.")
    boolean skipTests;

    @Option(names = "--skip-schema-validation", description = "Do not validate values against values.schema.json.")
    boolean skipSchemaValidation;

    @Override
    public Integer call() throws Exception {
        HelmValues values = HelmValues.builder();
        for (Path f : valueFiles) {
            values.file(Files.readString(f), f.toString());
        }
        setJsons.forEach(values::setJson);
        sets.forEach(values::set);
        setStrings.forEach(values::setString);
        for (String s : setFiles) {
            values.setFile(s, p -> {
                try {
                    return Files.readString(Path.of(p));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        ChartRenderer.Builder rb = ChartRenderer.builder().skipSchemaValidation(skipSchemaValidation);
        if (kubeVersion != null) {
            rb.kubeVersion(kubeVersion);
        }
        apiVersions.forEach(rb::apiVersion);
        Path abs = chart.toAbsolutePath().normalize();
        Chart c = ChartLoader.load(FileSystem.onDisk(abs.getParent()), abs.getFileName().toString());
        RenderRequest req = RenderRequest.of(release).withNamespace(namespace).withValues(values.build())
                .withIncludeCrds(includeCrds).withSkipTests(skipTests);
        spec.commandLine().getOut().print(rb.build().render(c, req).toHelmTemplateOutput());
        spec.commandLine().getOut().flush();
        return GitOpsCli.OK;
    }
}
