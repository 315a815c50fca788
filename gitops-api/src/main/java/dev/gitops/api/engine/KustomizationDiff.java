package dev.gitops.api.engine;

import com.fasterxml.jackson.databind.JsonNode;
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
 * What applying a {@link KustomizationBuild} would change in a cluster, as {@code flux diff kustomization} shows,
 * computed with the three-way {@link DriftDetector} and without writing anything (not even a dry run, so it
 * works with read-only access): each built object is compared with its live counterpart and with what
 * kustomize-controller last applied to it, read from the live object's {@code metadata.managedFields} (the fields
 * field manager {@code kustomize-controller} owns by server-side apply). Fields the controller applied before and
 * the build no longer has are reported as removed; fields only other managers own are not drift. Objects that do
 * not exist are {@link DriftReport.Missing} (to be created); objects in the build's inventory that the build no
 * longer has are {@link DriftReport.Extra} (to be pruned) when the Kustomization prunes and the object is not
 * protected by {@code kustomize.toolkit.fluxcd.io/prune: disabled}. Objects annotated or labelled
 * {@code kustomize.toolkit.fluxcd.io/reconcile: disabled} or {@code kustomize.toolkit.fluxcd.io/ssa: ignore} are
 * left out, as Flux skips them. Secret values are masked by the {@link DriftDetector} (use
 * {@link DriftDetector.Builder#fluxSecretMasks(boolean)} for Flux's {@code *** (before)} / {@code *** (after)}).
 *
 * <p>Not covered by a three-way comparison: an apply the API server would refuse (an immutable field changed)
 * shows as drift here, where {@code flux diff} reports the dry-run error.
 */
public final class KustomizationDiff {

    private static final String PRUNE_ANNOTATION = "kustomize.toolkit.fluxcd.io/prune";

    private KustomizationDiff() {
    }

    /**
     * Compares a build with a cluster; the reports follow the build's order, prune candidates last.
     *
     * @throws dev.gitops.api.error.ApplyException when the cluster refuses to read an object
     */
    public static List<DriftReport> compare(KustomizationBuild build, ClusterApplier cluster,
            DriftDetector detector) {
        List<DriftReport> out = new ArrayList<>();
        Set<String> desired = new HashSet<>();
        for (Resource r : build.objects()) {
            desired.add(key(r.id()));
            if (skipped(r)) {
                continue;
            }
            Optional<Resource> live = cluster.get(r.id());
            if (live.isEmpty()) {
                out.add(detector.missing(r.content()));
                continue;
            }
            if (skipped(live.get())) {
                continue;
            }
            JsonNode liveNode = live.get().content();
            out.add(detector.diff(dev.gitops.api.engine.internal.Units.withLiveNamespace(r, live.get()), DriftDetector.lastAppliedBy(liveNode,
                    Reconciler.KUSTOMIZE_MANAGER), liveNode));
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

    /** Flux's exclusions: {@code reconcile: disabled} and {@code ssa: ignore} (label or annotation). */
    static boolean skipped(Resource r) {
        return "disabled".equals(meta(r, "kustomize.toolkit.fluxcd.io/reconcile"))
                || "ignore".equals(meta(r, "kustomize.toolkit.fluxcd.io/ssa"))
                || "Ignore".equals(meta(r, "kustomize.toolkit.fluxcd.io/ssa"));
    }

    private static String meta(Resource r, String key) {
        String a = r.annotations().get(key);
        return a != null ? a : r.labels().getOrDefault(key, "");
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
