package dev.gitops.benchmarks;

import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import dev.gitops.api.policy.LintReport;
import dev.gitops.api.policy.ManifestSource;
import dev.gitops.api.policy.PolicyEngine;
import dev.gitops.helm.HelmReleaseRenderer;
import dev.gitops.kustomize.KustomizeManifestBuilder;
import dev.gitops.kustomize.Kustomizer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Linting a generated fleet ({@link PolicyFleet}, 200 apps: 1 800 objects in 1 602 files by default) with every
 * built-in rule.
 *
 * <ul>
 *   <li>{@code lintRepository}: what {@code gitops lint DIR} does: walk, parse every YAML file, run the rules;
 *   <li>{@code lintRendered}: the rules alone, on objects already rendered (as after a kustomize build);
 *   <li>{@code readManifests}: walking and parsing alone, the baseline the rules add to;
 *   <li>{@code lintRenderedFleet}: what {@code gitops lint DIR --path clusters/prod} does by default: render the
 *       cluster as Flux would (the root and each of the 200 Flux Kustomizations built with gitops-kustomize) and
 *       run the rules on the result and the files;
 *   <li>{@code buildFleet}: the in-process kustomize build of the aggregate overlay of the same 200 apps, the
 *       build the rendered lint is compared with.
 * </ul>
 *
 * Compare with {@code kubectl kustomize} of the same fleet ({@code PolicyFleet.main} writes it to disk).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PolicyLintBenchmark {

    @Param({"200"})
    int apps;

    private FileSystem repo;
    private List<Resource> rendered;
    private PolicyEngine engine;
    private PolicyEngine renderingEngine;

    @Setup(Level.Trial)
    public void setUp() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        PolicyFleet.files(apps).forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
        repo = FileSystem.inMemory(files);
        rendered = ManifestSource.rawYaml().manifests(repo, "");
        engine = PolicyEngine.defaults();
        LintReport r = engine.lint(repo, "");
        if (!r.findings().isEmpty()) {
            throw new IllegalStateException("the generated fleet should be clean: " + r.findings().get(0));
        }
        renderingEngine = PolicyEngine.builder().manifestSource(ManifestSource.rendered(
                KustomizeManifestBuilder.create().trackingOrigins(), HelmReleaseRenderer.create())).build();
        LintReport rr = renderingEngine.lint(repo, "clusters/prod");
        if (!rr.findings().isEmpty()) {
            throw new IllegalStateException("the rendered fleet should be clean: " + rr.findings().get(0));
        }
    }

    @Benchmark
    public LintReport lintRenderedFleet() {
        return renderingEngine.lint(repo, "clusters/prod");
    }

    @Benchmark
    public List<Resource> buildFleet() {
        return Kustomizer.builder().fileSystem(repo).build().build("apps/overlays/prod").resources();
    }

    @Benchmark
    public LintReport lintRepository() {
        return engine.lint(repo, "");
    }

    @Benchmark
    public LintReport lintRendered() {
        return engine.lint(repo, "", rendered);
    }

    @Benchmark
    public List<Resource> readManifests() {
        return ManifestSource.rawYaml().manifests(repo, "");
    }
}
