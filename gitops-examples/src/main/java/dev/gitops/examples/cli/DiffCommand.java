package dev.gitops.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.diff.DriftDetector;
import dev.gitops.api.diff.DriftOutput;
import dev.gitops.api.diff.DriftReport;
import dev.gitops.api.diff.IgnoreRule;
import dev.gitops.api.diff.ResourceSelector;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.Origin;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gitops diff}: compares desired objects with live ones (each a multi-document YAML file, matched by
 * group, kind, namespace and name) and prints the drift as a unified diff (like {@code kubectl diff}) or JSON.
 * Exit code 0 when everything is in sync, 1 when drift is found, 2 on errors.
 */
@Command(name = "diff", description = {
    "Show the drift between desired objects (from Git) and live objects (from the cluster).",
    "Objects only in --live are reported as extra (prune candidates); objects only in --desired as missing.",
    "'diff kustomization NAME --source ... --path ...' shows what applying a Flux Kustomization would change "
            + "(like 'flux diff kustomization').",
    "Exit code: 0 in sync, 1 drift found, 2 error."}, subcommands = DiffKustomizationCommand.class)
final class DiffCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--desired", paramLabel = "FILE",
            description = "Desired objects (multi-document YAML).")
    Path desired;

    @Option(names = "--live", paramLabel = "FILE",
            description = "Live objects (multi-document YAML, e.g. from 'kubectl get -o yaml').")
    Path live;

    @Option(names = "--last-applied", paramLabel = "FILE",
            description = "Last-applied configurations (multi-document YAML); default: the live objects' "
                    + "kubectl.kubernetes.io/last-applied-configuration annotation.")
    Path lastApplied;

    @Option(names = "--ignore", paramLabel = "POINTER",
            description = {"Ignore a field by JSON pointer ('*' matches any key or index), for all objects or, as "
                + "SELECTOR=POINTER, for some: Kind, Kind/name or group/Kind/name ('*' globs in names), e.g. "
                + "apps/Deployment/web=/spec/replicas. Repeatable."})
    List<String> ignore = new ArrayList<>();

    @Option(names = "--ignore-manager", paramLabel = "NAME",
            description = "Ignore the fields a field manager owns (e.g. kube-controller-manager). Repeatable.")
    List<String> ignoreManagers = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "unified",
            description = "Output format: unified or json (default: ${DEFAULT-VALUE}).")
    String output;

    @Override
    public Integer call() {
        // checked here, not by picocli, so that 'diff kustomization' does not need them
        if (desired == null || live == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option"
                    + (desired == null && live == null ? "s: '--desired=FILE', '--live=FILE'"
                    : desired == null ? ": '--desired=FILE'" : ": '--live=FILE'"));
        }
        if (!output.equals("unified") && !output.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--output must be 'unified' or 'json', not '" + output + "'");
        }
        DriftDetector.Builder b = DriftDetector.builder();
        for (String p : ignore) {
            b.ignore(ignoreRule(p));
        }
        for (String m : ignoreManagers) {
            b.ignore(IgnoreRule.fieldManager(m));
        }
        DriftDetector detector = b.build();

        List<Resource> desiredObjects = read(desired);
        List<Resource> liveObjects = read(live);
        Map<ResourceId, JsonNode> last = new HashMap<>();
        if (lastApplied != null) {
            for (Resource r : read(lastApplied)) {
                last.put(r.id(), r.content());
            }
        }
        Set<ResourceId> owned = new HashSet<>();
        List<JsonNode> liveNodes = new ArrayList<>();
        for (Resource r : liveObjects) {
            owned.add(r.id());
            liveNodes.add(r.content());
        }
        List<JsonNode> desiredNodes = new ArrayList<>();
        for (Resource r : desiredObjects) {
            desiredNodes.add(r.content());
        }
        List<DriftReport> reports = detector.compare(desiredNodes, liveNodes, last, owned);
        String text = output.equals("json") ? DriftOutput.json(reports) : DriftOutput.unified(reports);
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return reports.stream().anyMatch(DriftReport::hasDrift) ? GitOpsCli.DIFFERENT : GitOpsCli.OK;
    }

    /** {@code POINTER} or {@code SELECTOR=POINTER} (selector: Kind, Kind/name, group/Kind, group/Kind/name). */
    static IgnoreRule ignoreRule(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0 || spec.startsWith("/")) {
            return IgnoreRule.pointer(spec);
        }
        String[] parts = spec.substring(0, eq).split("/", -1);
        String group = "";
        String kind;
        String name = "";
        int k = 0;
        if (parts.length > 1 && !parts[0].isEmpty() && !Character.isUpperCase(parts[0].charAt(0))) {
            group = parts[0];
            k = 1;
        }
        kind = parts.length > k ? parts[k] : "";
        if (parts.length > k + 1) {
            name = parts[k + 1];
        }
        if (kind.isEmpty() || !Character.isUpperCase(kind.charAt(0)) || parts.length > k + 2) {
            throw new InvalidInputException("--ignore " + spec
                    + ": the selector must be Kind, Kind/name, group/Kind or group/Kind/name");
        }
        return IgnoreRule.pointer(spec.substring(eq + 1))
                .forObjects(ResourceSelector.kind(group, kind).named(name));
    }

    private static List<Resource> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidInputException(Origin.of(file.toString()), "cannot read the file: " + e.getMessage(), e);
        }
        List<Resource> out = new ArrayList<>();
        for (Resource r : Resource.readAll(text, file.toString())) {
            // 'kubectl get -o yaml' prints several objects as a v1 List
            if (r.kind().equals("List") && r.apiVersion().equals("v1")) {
                for (JsonNode item : r.content().path("items")) {
                    if (!item.isObject()) {
                        throw new InvalidInputException(Origin.of(file.toString()).withPointer("/items"),
                                "expected a list of objects");
                    }
                    out.add(Resource.of((com.fasterxml.jackson.databind.node.ObjectNode) item));
                }
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
