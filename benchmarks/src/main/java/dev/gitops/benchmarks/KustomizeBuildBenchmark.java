package dev.gitops.benchmarks;

import dev.gitops.api.fs.FileSystem;
import dev.gitops.kustomize.BuildResult;
import dev.gitops.kustomize.Kustomizer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process build of the production aggregate overlay of an N-app fleet ({@link KustomizeFleet}), from an
 * in-memory file system, including YAML output. Compare with {@code benchmarks/compare-kustomize.sh N}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class KustomizeBuildBenchmark {

    @Param({"25", "50", "100", "200"})
    public int apps;

    private Kustomizer kustomizer;

    @Setup
    public void setup() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        KustomizeFleet.files(apps).forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
        kustomizer = Kustomizer.builder().fileSystem(FileSystem.inMemory(files)).build();
    }

    @Benchmark
    public String buildProductionFleet() {
        BuildResult r = kustomizer.build("clusters/production");
        return r.toYaml();
    }
}
