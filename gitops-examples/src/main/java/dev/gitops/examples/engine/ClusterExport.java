package dev.gitops.examples.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.apply.memory.InMemoryCluster;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.yaml.Yaml;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every object an in-memory cluster holds, without server-populated fields ({@code status}, {@code managedFields},
 * {@code resourceVersion}, {@code uid}, {@code generation}, {@code creationTimestamp}), sorted by group, kind,
 * namespace and name, as multi-document YAML. Objects the engine created for itself (labelled
 * {@code gitops.dev/bootstrap}: the flux-system Namespace and the Flux CRDs) and the namespaces the cluster starts
 * with are left out.
 */
public final class ClusterExport {

    private ClusterExport() {
    }

    /** The export. */
    public static String export(InMemoryCluster cluster) {
        List<Resource> objects = new ArrayList<>();
        for (Resource r : cluster.objects()) {
            if (r.labels().containsKey("gitops.dev/bootstrap")) {
                continue;
            }
            if (r.kind().equals("Namespace") && r.id().group().isEmpty() && (r.name().equals("default")
                    || r.name().startsWith("kube-")) && !r.labels().containsKey("kustomize.toolkit.fluxcd.io/name")) {
                continue;
            }
            objects.add(r);
        }
        objects.sort(Comparator.comparing((Resource r) -> r.id().group()).thenComparing(r -> r.id().kind())
                .thenComparing(r -> r.id().namespace()).thenComparing(r -> r.id().name()));
        List<ObjectNode> docs = new ArrayList<>();
        for (Resource r : objects) {
            ObjectNode c = r.content();
            c.remove("status");
            ObjectNode meta = c.with("metadata");
            for (String f : List.of("managedFields", "resourceVersion", "uid", "generation", "creationTimestamp")) {
                meta.remove(f);
            }
            docs.add(c);
        }
        return Yaml.defaults().writeAll(docs);
    }

    /** {@code Kind/namespace/name}. */
    public static String describe(ResourceId id) {
        return id.kind() + "/" + (id.namespace().isEmpty() ? "" : id.namespace() + "/") + id.name();
    }
}
