package dev.gitops.examples.cli;

import dev.gitops.api.apply.ClusterApplier;
import dev.gitops.api.engine.EventSink;
import dev.gitops.api.engine.Reconciler;
import dev.gitops.examples.engine.EngineWiring;
import java.time.Clock;
import java.util.Optional;

/**
 * The engine set-up shared by {@code build kustomization} and {@code diff kustomization}: an in-memory cluster into
 * which everything but the named Kustomization is reconciled once (it is suspended), so that it is discovered, its
 * {@code dependsOn} and {@code substituteFrom} objects exist, and nothing of it is applied.
 */
final class FluxKustomizations {

    private FluxKustomizations() {
    }

    /** The reconciler after one pass with {@code namespace/name} suspended; its cluster is in memory. */
    static Reconciler discovered(EngineOptions engine, String namespace, String name) {
        Clock clock = Clock.systemUTC();
        ClusterApplier memory = EngineWiring.cluster(Optional.empty(), clock);
        Reconciler r = EngineWiring.reconciler(EngineWiring.source(engine.source, engine.ref), engine.path, memory,
                EventSink.none(), clock).build();
        r.suspend("Kustomization", namespace, name);
        r.reconcileOnce();
        return r;
    }
}
