package dev.gitops.examples.cli;

import dev.gitops.api.apply.ClusterApplier;
import dev.gitops.api.engine.EventSink;
import dev.gitops.api.engine.Reconciler;
import dev.gitops.examples.engine.EngineWiring;
import dev.gitops.api.apply.ApplyOptions;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.Origin;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The engine set-up shared by {@code build kustomization} and {@code diff kustomization}: an in-memory cluster into
 * which everything but the named Kustomization is reconciled once (it is suspended), so that it is discovered, its
 * {@code dependsOn} and {@code substituteFrom} objects exist, and nothing of it is applied.
 */
final class FluxKustomizations {

    private FluxKustomizations() {
    }

    /** The Kustomization a command works on, and what to seed the in-memory cluster with (a picocli mixin). */
    static final class Target {

        @Parameters(index = "0", paramLabel = "NAME", description = "The Kustomization's name.")
        String name;

        @Option(names = {"-n", "--namespace"}, defaultValue = Reconciler.FLUX_SYSTEM, paramLabel = "NAMESPACE",
                description = "The Kustomization's namespace. Default: ${DEFAULT-VALUE}.")
        String namespace;

        @Option(names = "--cluster-objects", paramLabel = "FILE", description = {
            "Objects (multi-document YAML) to create in the in-memory cluster before the discovery pass, as field "
                    + "manager kubectl: Secrets created out of band such as a sops-age key, or live objects as "
                    + "'reconcile --export' writes them. Their namespaces are created as needed."})
        java.nio.file.Path clusterObjects;

        /** {@link #discovered} for this Kustomization. */
        Reconciler discover(EngineOptions engine) {
            return discovered(engine, namespace, name, clusterObjects);
        }
    }

    /**
     * The reconciler after one pass with {@code namespace/name} suspended; its cluster is in memory, seeded with the
     * objects of {@code seed} (if given) as field manager {@code kubectl}, their namespaces created as needed.
     */
    static Reconciler discovered(EngineOptions engine, String namespace, String name, Path seed) {
        Clock clock = Clock.systemUTC();
        ClusterApplier memory = EngineWiring.cluster(Optional.empty(), clock);
        if (seed != null) {
            String text;
            try {
                text = Files.readString(seed);
            } catch (IOException e) {
                throw new InvalidInputException(Origin.of(seed.toString()), "cannot read the file: "
                        + e.getMessage(), e);
            }
            List<Resource> objects = new ArrayList<>(Resource.readAll(text, seed.toString()));
            Set<String> namespaces = new TreeSet<>();
            for (Resource r : objects) {
                if (!r.namespace().isEmpty()) {
                    namespaces.add(r.namespace());
                }
            }
            for (Resource r : objects) {
                if (r.kind().equals("Namespace") && r.id().group().isEmpty()) {
                    namespaces.remove(r.name());
                }
            }
            ApplyOptions kubectl = ApplyOptions.defaults().withFieldManager("kubectl");
            for (String ns : namespaces) {
                if (memory.get(ResourceId.of("v1", "Namespace", "", ns)).isEmpty()) {
                    objects.add(Resource.readAll("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + ns + "\n",
                            seed.toString()).get(0));
                }
            }
            memory.applyAll(objects, kubectl);
        }
        Reconciler r = EngineWiring.reconciler(EngineWiring.source(engine.source, engine.ref), engine.path, memory,
                EventSink.none(), clock).build();
        r.suspend("Kustomization", namespace, name);
        r.reconcileOnce();
        return r;
    }
}
