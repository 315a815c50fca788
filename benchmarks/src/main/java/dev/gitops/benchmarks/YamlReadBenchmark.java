package dev.gitops.benchmarks;

import dev.gitops.api.yaml.Yaml;
import dev.gitops.api.yaml.YamlDocument;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
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
 * Reading every YAML file of an N-app fleet ({@link KustomizeFleet}): {@code Yaml.readAll} (the fast block-YAML
 * reader, falling back to SnakeYAML outside its subset) against the SnakeYAML composer alone (reached reflectively:
 * it is package-private).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class YamlReadBenchmark {

    @Param({"200"})
    public int apps;

    private final List<String> names = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private Constructor<?> composer;
    private Method readAll;

    @Setup
    public void setup() throws ReflectiveOperationException {
        for (Map.Entry<String, String> e : KustomizeFleet.files(apps).entrySet()) {
            if (e.getKey().endsWith(".yaml") || e.getKey().endsWith(".yml")) {
                names.add(e.getKey());
                texts.add(e.getValue());
            }
        }
        Class<?> c = Class.forName("dev.gitops.api.yaml.YamlComposer");
        composer = c.getDeclaredConstructor(String.class, String.class, int.class, int.class, boolean.class,
                boolean.class);
        composer.setAccessible(true);
        readAll = c.getDeclaredMethod("readAll");
        readAll.setAccessible(true);
    }

    @Benchmark
    public int yamlReadAll() {
        int docs = 0;
        Yaml yaml = Yaml.defaults();
        for (int i = 0; i < texts.size(); i++) {
            docs += yaml.readAll(texts.get(i), names.get(i)).size();
        }
        return docs;
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public int snakeYamlComposer() throws ReflectiveOperationException {
        int docs = 0;
        for (int i = 0; i < texts.size(); i++) {
            Object c = composer.newInstance(texts.get(i), names.get(i), 1_000_000, 10_000, false, false);
            docs += ((List<YamlDocument>) readAll.invoke(c)).size();
        }
        return docs;
    }
}
