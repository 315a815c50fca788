package dev.gitops.examples.quickstart;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.diff.DriftDetector;
import dev.gitops.api.diff.DriftReport;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.image.ImagePolicy;
import dev.gitops.api.image.Selection;
import dev.gitops.api.image.TagPolicy;
import dev.gitops.api.model.Resource;
import dev.gitops.api.yaml.Yaml;
import dev.gitops.kustomize.Kustomizer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The README's API tour, as a program that compiles and runs: build an overlay, pick an image tag, detect drift.
 * Run with the path of a repository laid out like the example fleet (default {@code gitops-examples/fleet}).
 */
public final class QuickStart {

    private QuickStart() {}

    /** Runs the tour, printing to {@code out}. */
    public static void run(Path fleet, PrintStream out) {
        // Build an overlay exactly as kustomize does
        Kustomizer kustomizer = Kustomizer.builder()
                .fileSystem(FileSystem.onDisk(fleet))
                .build();
        List<Resource> resources = kustomizer.build("apps/overlays/staging").resources();
        out.print(Yaml.defaults().writeAll(resources.stream().map(Resource::content).toList()));

        // Pick the newest tag a Flux ImagePolicy would select
        Selection latest = ImagePolicy.builder()
                .policy(TagPolicy.semver(">=1.0.0 <2.0.0"))
                .build()
                .select(List.of("1.0.0", "1.4.2", "2.0.0-rc.1", "1.10.0"));
        out.println("# latest: " + latest.tag().orElse("none"));

        // Three-way drift: desired (Git), last applied, live (cluster)
        Resource desired = resources.stream().filter(r -> r.kind().equals("Deployment")).findFirst().orElseThrow();
        ObjectNode live = desired.content();
        live.with("spec").put("replicas", 5);
        DriftReport report = DriftDetector.builder().build().diff(desired, desired, Resource.of(live));
        out.println("# drift: " + report);
    }

    /** Entry point: {@code QuickStart [FLEET_DIR]}. */
    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "gitops-examples/fleet"), System.out);
    }
}
