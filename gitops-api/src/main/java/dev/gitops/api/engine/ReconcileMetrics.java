package dev.gitops.api.engine;

import java.time.Duration;

/**
 * Receives the engine's metrics, named as Flux exports them: {@code gotk_reconcile_condition},
 * {@code gotk_reconcile_duration_seconds}, {@code gotk_suspend_status}. {@link MicrometerMetrics} records them in
 * a Micrometer registry (Micrometer is an optional dependency). Implementations are thread-safe.
 */
public interface ReconcileMetrics {

    /** The object's current condition (Flux exports 1 for the current status and 0 for the others). */
    void condition(String kind, String namespace, String name, String type, String status);

    /** One reconcile took {@code duration}. */
    void duration(String kind, String namespace, String name, Duration duration);

    /** Whether the object is suspended. */
    void suspended(String kind, String namespace, String name, boolean suspended);

    /** Records nothing. */
    static ReconcileMetrics none() {
        return new ReconcileMetrics() {
            @Override
            public void condition(String kind, String namespace, String name, String type, String status) {
            }

            @Override
            public void duration(String kind, String namespace, String name, Duration duration) {
            }

            @Override
            public void suspended(String kind, String namespace, String name, boolean suspended) {
            }
        };
    }
}
