package dev.gitops.api.engine;

import dev.gitops.api.apply.ChangeSet;
import dev.gitops.api.model.ResourceId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one reconcile pass: the status of every known Flux object and what each apply changed.
 *
 * @param sources GitRepositories (the root {@code flux-system} first), HelmRepositories, OCIRepositories
 * @param kustomizations Kustomizations, the root first, then by namespace and name
 * @param helmReleases HelmReleases by namespace and name
 * @param changes what each Kustomization or HelmRelease applied or pruned in this pass
 * @param drift the drift found in this pass, by the Flux object that owns the drifted objects (HelmReleases with
 *     {@code driftDetection.mode} {@code warn} or {@code enabled}; drift is reported before it is corrected)
 */
public record ReconcileReport(List<ObjectStatus> sources, List<ObjectStatus> kustomizations,
        List<ObjectStatus> helmReleases, Map<ResourceId, ChangeSet> changes, Map<ResourceId, List<Drift>> drift) {

    /** A report without drift. */
    public ReconcileReport(List<ObjectStatus> sources, List<ObjectStatus> kustomizations,
            List<ObjectStatus> helmReleases, Map<ResourceId, ChangeSet> changes) {
        this(sources, kustomizations, helmReleases, changes, Map.of());
    }

    /** Copies. */
    public ReconcileReport {
        sources = List.copyOf(sources);
        kustomizations = List.copyOf(kustomizations);
        helmReleases = List.copyOf(helmReleases);
        changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
        Map<ResourceId, List<Drift>> d = new LinkedHashMap<>();
        drift.forEach((k, v) -> d.put(k, List.copyOf(v)));
        drift = Collections.unmodifiableMap(d);
    }

    /** True when every Kustomization and HelmRelease that is not suspended is Ready. */
    public boolean allReady() {
        return notReady().isEmpty();
    }

    /** The Kustomizations and HelmReleases that are not Ready (suspended ones excluded). */
    public List<ObjectStatus> notReady() {
        return java.util.stream.Stream.concat(kustomizations.stream(), helmReleases.stream())
                .filter(s -> !s.suspended() && !s.ready()).toList();
    }
}
