package dev.gitops.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.diff.DriftDetector;
import dev.gitops.api.diff.DriftReport;
import dev.gitops.api.diff.IgnoreRule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Drift detection throughput: 10,000 desired/live Deployment pairs, 5% of them drifted (image changed), the live
 * side carrying what an API server adds (status, managedFields, resourceVersion, defaults such as
 * {@code protocol: TCP}, {@code imagePullPolicy}, quantities in canonical form, the last-applied annotation).
 * The score is pairs per second on one thread; the target is at least 20,000.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DriftDiffBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DriftDiffBenchmark {

    static final int PAIRS = 10_000;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final List<ObjectNode> desired = new ArrayList<>(PAIRS);
    private final List<ObjectNode> live = new ArrayList<>(PAIRS);
    private DriftDetector detector;

    /** Builds the pairs. */
    @Setup
    public void setup() {
        detector = DriftDetector.builder().ignore(IgnoreRule.fieldManager("kube-controller-manager")).build();
        for (int i = 0; i < PAIRS; i++) {
            ObjectNode d = deployment(i, "1.0." + (i % 7), false);
            ObjectNode l = deployment(i, i % 20 == 0 ? "0.9.0" : "1.0." + (i % 7), true);
            ((ObjectNode) l.get("metadata")).putObject("annotations")
                    .put("kubectl.kubernetes.io/last-applied-configuration", d.toString());
            desired.add(d);
            live.add(l);
        }
    }

    static ObjectNode deployment(int i, String version, boolean server) {
        ObjectNode o = F.objectNode();
        o.put("apiVersion", "apps/v1");
        o.put("kind", "Deployment");
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", "app-" + i);
        meta.put("namespace", "ns-" + (i % 50));
        meta.putObject("labels").put("app", "app-" + i).put("team", "t" + (i % 9));
        ObjectNode spec = o.putObject("spec");
        spec.put("replicas", server ? 4 : 2);
        spec.putObject("selector").putObject("matchLabels").put("app", "app-" + i);
        ObjectNode tmeta = spec.putObject("template").putObject("metadata");
        tmeta.putObject("labels").put("app", "app-" + i);
        ObjectNode pod = ((ObjectNode) spec.get("template")).putObject("spec");
        ArrayNode containers = pod.putArray("containers");
        ObjectNode c = containers.addObject();
        c.put("name", "app");
        c.put("image", "registry.example.com/app-" + i + ":" + version);
        ObjectNode port = c.putArray("ports").addObject();
        port.put("containerPort", 8080);
        port.put("name", "http");
        ArrayNode env = c.putArray("env");
        env.addObject().put("name", "MODE").put("value", "prod");
        env.addObject().put("name", "INDEX").put("value", Integer.toString(i));
        ObjectNode res = c.putObject("resources");
        res.putObject("requests").put("cpu", server ? "100m" : "0.1").put("memory", server ? "128Mi" : "128Mi");
        res.putObject("limits").put("cpu", "1").put("memory", server ? "1Gi" : "1024Mi");
        c.putArray("volumeMounts").addObject().put("name", "config").put("mountPath", "/etc/app");
        pod.putArray("volumes").addObject().put("name", "config").putObject("configMap").put("name", "cfg-" + i);
        if (server) {
            meta.put("uid", "00000000-0000-4000-8000-" + String.format("%012d", i));
            meta.put("resourceVersion", Integer.toString(1000 + i));
            meta.put("generation", 2);
            meta.put("creationTimestamp", "2026-01-01T00:00:00Z");
            ObjectNode mf = meta.putArray("managedFields").addObject();
            mf.put("manager", "kube-controller-manager");
            mf.put("operation", "Update");
            mf.put("subresource", "scale");
            mf.putObject("fieldsV1").putObject("f:spec").putObject("f:replicas");
            spec.put("revisionHistoryLimit", 10);
            spec.put("progressDeadlineSeconds", 600);
            ObjectNode strategy = spec.putObject("strategy");
            strategy.put("type", "RollingUpdate");
            strategy.putObject("rollingUpdate").put("maxSurge", "25%").put("maxUnavailable", "25%");
            tmeta.putNull("creationTimestamp");
            port.put("protocol", "TCP");
            c.put("imagePullPolicy", "IfNotPresent");
            c.put("terminationMessagePath", "/dev/termination-log");
            c.put("terminationMessagePolicy", "File");
            ((ObjectNode) pod.get("volumes").get(0).get("configMap")).put("defaultMode", 420);
            pod.put("dnsPolicy", "ClusterFirst");
            pod.put("restartPolicy", "Always");
            pod.put("schedulerName", "default-scheduler");
            pod.putObject("securityContext");
            pod.put("terminationGracePeriodSeconds", 30);
            ObjectNode status = o.putObject("status");
            status.put("replicas", 4).put("readyReplicas", 4).put("observedGeneration", 2);
        }
        return o;
    }

    /** Diffs all pairs; the score is pairs per second. */
    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public void diffAllPairs(Blackhole bh) {
        for (int i = 0; i < PAIRS; i++) {
            bh.consume(detector.diff(desired.get(i), live.get(i)));
        }
    }

    /**
     * Throughput per CPU-second of the measuring thread, which stays meaningful on a machine shared with other
     * work (JMH's wall-clock score does not): {@code java -cp benchmarks/target/benchmarks.jar
     * dev.gitops.benchmarks.DriftDiffBenchmark [rounds]}.
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        DriftDiffBenchmark b = new DriftDiffBenchmark();
        b.setup();
        for (int r = 0; r < rounds; r++) {
            long cpu = mx.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            int drifted = b.driftedCount();
            cpu = mx.getCurrentThreadCpuTime() - cpu;
            wall = System.nanoTime() - wall;
            System.out.printf("round %d: %d drifted, %.0f pairs/s per CPU-second, %.0f pairs/s wall%n", r + 1,
                    drifted, PAIRS / (cpu / 1e9), PAIRS / (wall / 1e9));
        }
    }

    /** Sanity check used by tests and by hand: how many pairs drift (500 expected). */
    public int driftedCount() {
        int n = 0;
        for (int i = 0; i < PAIRS; i++) {
            if (detector.diff(desired.get(i), live.get(i)) instanceof DriftReport.Drifted) {
                n++;
            }
        }
        return n;
    }
}
