package dev.gitops.api.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ReconcileMetrics} in a Micrometer {@link MeterRegistry}, with Flux's names and labels:
 * gauge {@code gotk_reconcile_condition{kind,name,namespace,type,status}} (1 for the current status of each type,
 * 0 for the others), timer {@code gotk.reconcile.duration} (exported by the Prometheus registry as
 * {@code gotk_reconcile_duration_seconds}) with {@code kind,name,namespace}, and gauge
 * {@code gotk_suspend_status{kind,name,namespace}}. Needs micrometer-core on the class path. Thread-safe.
 */
public final class MicrometerMetrics implements ReconcileMetrics {

    private static final List<String> STATUSES = List.of("True", "False", "Unknown", "Deleted");

    private final MeterRegistry registry;
    private final Map<Tags, AtomicInteger> gauges = new ConcurrentHashMap<>();

    private MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Metrics in {@code registry}. */
    public static MicrometerMetrics of(MeterRegistry registry) {
        return new MicrometerMetrics(Objects.requireNonNull(registry, "registry"));
    }

    private AtomicInteger gauge(String name, Tags tags) {
        return gauges.computeIfAbsent(tags.and("__name", name), t -> {
            AtomicInteger v = new AtomicInteger();
            registry.gauge(name, tags, v);
            return v;
        });
    }

    @Override
    public void condition(String kind, String namespace, String name, String type, String status) {
        Tags base = Tags.of("kind", kind, "name", name, "namespace", namespace, "type", type);
        for (String s : STATUSES) {
            gauge("gotk_reconcile_condition", base.and("status", s)).set(s.equals(status) ? 1 : 0);
        }
    }

    @Override
    public void duration(String kind, String namespace, String name, Duration duration) {
        Timer.builder("gotk.reconcile.duration").tags("kind", kind, "name", name, "namespace", namespace)
                .publishPercentileHistogram().register(registry).record(duration);
    }

    @Override
    public void suspended(String kind, String namespace, String name, boolean suspended) {
        gauge("gotk_suspend_status", Tags.of("kind", kind, "name", name, "namespace", namespace))
                .set(suspended ? 1 : 0);
    }
}
