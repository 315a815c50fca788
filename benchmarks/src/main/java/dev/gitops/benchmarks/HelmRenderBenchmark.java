package dev.gitops.benchmarks;

import dev.gitops.api.fs.FileSystem;
import dev.gitops.helm.Chart;
import dev.gitops.helm.ChartLoader;
import dev.gitops.helm.ChartRenderer;
import dev.gitops.helm.RenderRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
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
 * Renders a large generated chart (a library-style helpers file, {@value #COMPONENTS} components with Deployment,
 * Service, ConfigMap and HPA each, big values) in-process, from a loaded chart and from files. Compare with
 * {@code helm template} on the same chart: {@code java -cp benchmarks.jar dev.gitops.benchmarks.HelmRenderBenchmark
 * /tmp/bigchart} writes it to disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HelmRenderBenchmark {

    static final int COMPONENTS = 40;

    private FileSystem fs;
    private Chart chart;
    private ChartRenderer renderer;

    /** The chart's files. */
    static Map<String, byte[]> files() {
        Map<String, byte[]> f = new TreeMap<>();
        f.put("Chart.yaml", "apiVersion: v2\nname: big\nversion: 1.0.0\nappVersion: \"3.1\"\n".getBytes());
        StringBuilder values = new StringBuilder("global:\n  registry: registry.example.com\ncomponents:\n");
        for (int i = 0; i < COMPONENTS; i++) {
            values.append("  c").append(i).append(":\n    enabled: true\n    replicas: ").append(i % 5 + 1)
                    .append("\n    image: app").append(i).append("\n    port: ").append(8000 + i)
                    .append("\n    env:\n");
            for (int e = 0; e < 10; e++) {
                values.append("      VAR_").append(e).append(": \"value-").append(i).append('-').append(e)
                        .append("\"\n");
            }
            values.append("    resources:\n      limits: {cpu: 500m, memory: 256Mi}\n"
                    + "      requests: {cpu: 100m, memory: 128Mi}\n");
        }
        f.put("values.yaml", values.toString().getBytes(StandardCharsets.UTF_8));
        f.put("templates/_helpers.tpl", ("""
                {{- define "big.labels" -}}
                app.kubernetes.io/name: {{ .name }}
                app.kubernetes.io/instance: {{ .root.Release.Name }}
                helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | trunc 63 }}
                app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
                {{- end }}
                {{- define "big.fullname" -}}
                {{ printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" }}
                {{- end }}
                """).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < COMPONENTS; i++) {
            f.put("templates/c" + i + ".yaml", ("""
                    {{- $c := .Values.components.cNUM }}
                    {{- $ctx := dict "name" "cNUM" "root" $ }}
                    {{- if $c.enabled }}
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: {{ include "big.fullname" $ctx }}
                      labels: {{- include "big.labels" $ctx | nindent 4 }}
                    spec:
                      replicas: {{ $c.replicas }}
                      template:
                        metadata:
                          annotations:
                            checksum: {{ toYaml $c | sha256sum }}
                        spec:
                          containers:
                            - name: main
                              image: "{{ .Values.global.registry }}/{{ $c.image }}:{{ .Chart.AppVersion }}"
                              env:
                              {{- range $k, $v := $c.env }}
                                - name: {{ $k }}
                                  value: {{ $v | quote }}
                              {{- end }}
                              resources: {{- toYaml $c.resources | nindent 16 }}
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: {{ include "big.fullname" $ctx }}
                    spec:
                      ports:
                        - port: {{ $c.port }}
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: {{ include "big.fullname" $ctx }}-env
                    data:
                    {{- toYaml $c.env | nindent 2 }}
                    {{- end }}
                    """).replace("NUM", Integer.toString(i)).getBytes(StandardCharsets.UTF_8));
        }
        return f;
    }

    @Setup
    public void setup() {
        Map<String, byte[]> prefixed = new TreeMap<>();
        files().forEach((k, v) -> prefixed.put("big/" + k, v));
        fs = FileSystem.inMemory(prefixed);
        chart = ChartLoader.load(fs, "big");
        renderer = ChartRenderer.builder().build();
    }

    /** Render a loaded chart. */
    @Benchmark
    public String render() {
        return renderer.render(chart, RenderRequest.of("rel")).toHelmTemplateOutput();
    }

    /** Load from files and render: what {@code helm template} does end to end, minus process start. */
    @Benchmark
    public String loadAndRender() {
        return renderer.render(ChartLoader.load(fs, "big"), RenderRequest.of("rel")).toHelmTemplateOutput();
    }

    /** Writes the benchmark chart to a directory, for timing {@code helm template} on it. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        for (Map.Entry<String, byte[]> e : files().entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
    }
}
