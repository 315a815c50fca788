package dev.gitops.api.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.apply.ApplyOptions;
import dev.gitops.api.apply.ClusterApplier;
import dev.gitops.api.diff.DriftDetector;
import dev.gitops.api.diff.DriftReport;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What applying a {@link KustomizationBuild} would change in a cluster, as {@code flux diff kustomization} shows:
 * each existing object is server-side applied as a dry run (as kustomize-controller, forcing ownership) and the
 * result compared with the live object; objects that do not exist are {@link DriftReport.Missing} (to be created);
 * objects in the build's inventory that the build no longer has are {@link DriftReport.Extra} (to be pruned) when
 * the Kustomization prunes and the object is not protected by {@code kustomize.toolkit.fluxcd.io/prune: disabled}.
 * Secret values are masked by the {@link DriftDetector} in every displayed object. Nothing is persisted.
 */
public final class KustomizationDiff {

    private static final String PRUNE_ANNOTATION = "kustomize.toolkit.fluxcd.io/prune";

    private KustomizationDiff() {
    }

    /**
     * Compares a build with a cluster; the reports follow the build's order, prune candidates last.
     *
     * @throws dev.gitops.api.error.ApplyException when the cluster refuses a dry-run apply
     */
    public static List<DriftReport> compare(KustomizationBuild build, ClusterApplier cluster,
            DriftDetector detector) {
        ApplyOptions dryRun = ApplyOptions.defaults().withFieldManager(Reconciler.KUSTOMIZE_MANAGER).withForce(true)
                .withDryRun(true);
        List<DriftReport> out = new ArrayList<>();
        Set<String> desired = new HashSet<>();
        for (Resource r : build.objects()) {
            desired.add(key(r.id()));
            Optional<Resource> live = cluster.get(r.id());
            if (live.isEmpty()) {
                out.add(detector.missing(r.content()));
                continue;
            }
            Resource after = cluster.apply(r, dryRun).object();
            JsonNode liveNode = live.get().content();
            out.add(detector.diff(after.content(), liveNode, liveNode));
        }
        if (build.prune()) {
            for (ResourceId id : build.inventory()) {
                if (desired.contains(key(id))) {
                    continue;
                }
                Optional<Resource> live = cluster.get(id);
                if (live.isPresent() && !"disabled".equals(live.get().annotations().get(PRUNE_ANNOTATION))) {
                    out.add(detector.extra(live.get().content()));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The inventory kustomize-controller records in a live Kustomization's {@code status.inventory.entries}
     * (each {@code id} is {@code <namespace>_<name>_<group>_<kind>}, {@code v} the version); empty when absent.
     *
     * @throws dev.gitops.api.error.InvalidInputException when an entry is malformed
     */
    public static List<ResourceId> inventoryFromStatus(Resource kustomization) {
        List<ResourceId> out = new ArrayList<>();
        for (JsonNode entry : kustomization.content().path("status").path("inventory").path("entries")) {
            String id = entry.path("id").asText();
            String[] p = id.split("_", -1);
            if (p.length != 4 || p[1].isEmpty() || p[3].isEmpty()) {
                throw new dev.gitops.api.error.InvalidInputException("Kustomization " + kustomization.namespace()
                        + "/" + kustomization.name() + ": malformed inventory entry id '" + id + "'");
            }
            String v = entry.path("v").asText("v1");
            out.add(ResourceId.of(p[2].isEmpty() ? v : p[2] + "/" + v, p[3], p[0], p[1]));
        }
        return List.copyOf(out);
    }

    private static String key(ResourceId id) {
        return id.group() + "/" + id.kind() + "/" + id.namespace() + "/" + id.name();
    }
}
