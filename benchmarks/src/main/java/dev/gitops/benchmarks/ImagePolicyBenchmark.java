package dev.gitops.benchmarks;

import dev.gitops.api.image.ImagePolicy;
import dev.gitops.api.image.Selection;
import dev.gitops.api.image.TagFilter;
import dev.gitops.api.image.TagPolicy;
import dev.gitops.api.semver.Constraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Selecting the latest of 10,000 tags as a Flux ImagePolicy with a filterTags pattern: the per-reconcile cost of
 * image-reflector-controller's policy step for a busy repository. Target: under 2 ms warm.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ImagePolicyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ImagePolicyBenchmark {

    List<String> tags;
    ImagePolicy semverWithFilter;
    ImagePolicy numericalWithExtract;
    Constraint constraint;

    /** 10,000 tags a CI pipeline would push: releases, candidates, branch builds and a few odd ones. */
    @Setup
    public void setup() {
        Random r = new Random(42);
        tags = new ArrayList<>(10_000);
        while (tags.size() < 10_000) {
            int kind = r.nextInt(10);
            String v = r.nextInt(4) + "." + r.nextInt(30) + "." + r.nextInt(50);
            switch (kind) {
                case 0, 1, 2 -> tags.add("v" + v);
                case 3 -> tags.add(v + "-rc." + r.nextInt(10));
                case 4, 5, 6 -> tags.add("main-" + Long.toHexString(r.nextLong() & 0xfffffffL) + "-"
                        + (1_700_000_000 + r.nextInt(10_000_000)));
                case 7 -> tags.add("pr-" + r.nextInt(5000) + "-" + Long.toHexString(r.nextLong() & 0xffffffL));
                case 8 -> tags.add(v);
                default -> tags.add(r.nextBoolean() ? "latest" : "sha-" + Long.toHexString(r.nextLong()));
            }
        }
        semverWithFilter = ImagePolicy.builder()
                .policy(TagPolicy.semver(">=1.0.0 <3.0.0"))
                .filter(TagFilter.of("^v?(?P<version>[0-9]+\\.[0-9]+\\.[0-9]+(?:-rc\\.[0-9]+)?)$", "$version"))
                .build();
        numericalWithExtract = ImagePolicy.builder()
                .policy(TagPolicy.numerical("asc"))
                .filter(TagFilter.of("^main-[a-f0-9]+-(?P<ts>[0-9]+)", "$ts"))
                .build();
        constraint = Constraint.parse(">=1.0.0 <3.0.0");
    }

    /** semver range over tags filtered and extracted by a named group. */
    @Benchmark
    public Selection semverWithFilterTags() {
        return semverWithFilter.select(tags);
    }

    /** numerical order over timestamps extracted from branch builds. */
    @Benchmark
    public Selection numericalWithExtract() {
        return numericalWithExtract.select(tags);
    }

    /** the constraint alone over the raw tags (parse + check), for reference. */
    @Benchmark
    public Object constraintLatestOnly() {
        return constraint.latest(tags);
    }
}
