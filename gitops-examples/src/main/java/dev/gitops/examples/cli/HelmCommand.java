package dev.gitops.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.yaml.Yaml;
import dev.gitops.helm.HelmReleaseValues;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gitops helm ...}: Helm-related tools. */
@Command(name = "helm", description = "Helm tools.", subcommands = {HelmCommand.ValuesDiff.class})
final class HelmCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code gitops helm values-diff A.yaml B.yaml}: the effective values of the HelmRelease in each file (with the
     * ConfigMaps and Secrets in the same file resolving valuesFrom) and the paths where they differ; Secret-sourced
     * values are masked. Exit 1 when they differ.
     */
    @Command(name = "values-diff", description = "Show the effective HelmRelease values that differ between two "
            + "environments (Secret-sourced values masked).")
    static final class ValuesDiff implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "LEFT", description = "File with a HelmRelease (and its ConfigMaps/Secrets).")
        Path left;

        @Parameters(index = "1", paramLabel = "RIGHT", description = "File with a HelmRelease (and its ConfigMaps/Secrets).")
        Path right;

        @Override
        public Integer call() throws Exception {
            HelmReleaseValues.Effective l = effective(left);
            HelmReleaseValues.Effective r = effective(right);
            List<HelmReleaseValues.Difference> diffs = HelmReleaseValues.diff(l, r);
            PrintWriter out = spec.commandLine().getOut();
            for (HelmReleaseValues.Difference d : diffs) {
                out.println(d.path() + ": " + d.left().orElse("<absent>") + " -> " + d.right().orElse("<absent>"));
            }
            out.flush();
            return diffs.isEmpty() ? GitOpsCli.OK : GitOpsCli.DIFFERENT;
        }

        private static HelmReleaseValues.Effective effective(Path file) throws Exception {
            List<JsonNode> docs = Yaml.defaults().readValues(Files.readString(file), file.toString());
            JsonNode hr = null;
            for (JsonNode d : docs) {
                if ("HelmRelease".equals(d.path("kind").asText())) {
                    hr = d;
                    break;
                }
            }
            if (hr == null) {
                throw new InvalidInputException(file + ": no HelmRelease found");
            }
            return HelmReleaseValues.compose(hr, HelmReleaseValues.Objects.of(docs));
        }
    }
}
