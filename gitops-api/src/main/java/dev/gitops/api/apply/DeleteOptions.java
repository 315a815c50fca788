package dev.gitops.api.apply;

import dev.gitops.api.model.Resource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to delete and prune.
 *
 * @param propagation how the cluster deletes dependents
 * @param dryRun report what would be deleted without deleting ({@code dryRun=All})
 * @param exclusions objects carrying any of these labels or annotations (key and value) are skipped; by default
 *     Flux's {@code kustomize.toolkit.fluxcd.io/prune: disabled}
 * @param inclusions when non-empty, only objects carrying all of these labels are deleted; the rest are skipped as
 *     not ours (guards against deleting objects another tool took over)
 * @param impersonate the user the request is made as ({@code Impersonate-User}), e.g.
 *     {@code system:serviceaccount:apps:deployer}; {@code ""} to act as the applier's own identity
 */
public record DeleteOptions(Propagation propagation, boolean dryRun, Map<String, String> exclusions,
        Map<String, String> inclusions, String impersonate) {

    /** The annotation (or label) key Flux uses to protect objects from pruning. */
    public static final String PRUNE_ANNOTATION = "kustomize.toolkit.fluxcd.io/prune";
    /** The value of {@link #PRUNE_ANNOTATION} that disables pruning. */
    public static final String PRUNE_DISABLED = "disabled";

    /** Deletion propagation policies of the Kubernetes API. */
    public enum Propagation {
        /** Delete the object now, its dependents in the background (the API default for most kinds). */
        BACKGROUND("Background"),
        /** Delete dependents first, then the object. */
        FOREGROUND("Foreground"),
        /** Leave dependents behind. */
        ORPHAN("Orphan");

        private final String apiValue;

        Propagation(String apiValue) {
            this.apiValue = apiValue;
        }

        /** The value of {@code DeleteOptions.propagationPolicy} in the Kubernetes API. */
        public String apiValue() {
            return apiValue;
        }
    }

    /** Copies the maps. */
    public DeleteOptions {
        Objects.requireNonNull(propagation, "propagation");
        exclusions = Map.copyOf(Objects.requireNonNull(exclusions, "exclusions"));
        inclusions = Map.copyOf(Objects.requireNonNull(inclusions, "inclusions"));
        Impersonation.validate(impersonate);
    }

    /** Options acting as the applier's own identity. */
    public DeleteOptions(Propagation propagation, boolean dryRun, Map<String, String> exclusions,
            Map<String, String> inclusions) {
        this(propagation, dryRun, exclusions, inclusions, "");
    }

    /** Background propagation, no dry run, skipping objects annotated {@code kustomize.toolkit.fluxcd.io/prune: disabled}. */
    public static DeleteOptions defaults() {
        return new DeleteOptions(Propagation.BACKGROUND, false, Map.of(PRUNE_ANNOTATION, PRUNE_DISABLED), Map.of(),
                "");
    }

    /** These options with dry run on or off. */
    public DeleteOptions withDryRun(boolean d) {
        return new DeleteOptions(propagation, d, exclusions, inclusions, impersonate);
    }

    /** These options with another propagation policy. */
    public DeleteOptions withPropagation(Propagation p) {
        return new DeleteOptions(p, dryRun, exclusions, inclusions, impersonate);
    }

    /** These options requiring the given owner labels on every deleted object. */
    public DeleteOptions withInclusions(Map<String, String> labels) {
        return new DeleteOptions(propagation, dryRun, exclusions, labels, impersonate);
    }

    /** These options with other exclusions. */
    public DeleteOptions withExclusions(Map<String, String> keys) {
        return new DeleteOptions(propagation, dryRun, keys, inclusions, impersonate);
    }

    /** These options acting as {@code user} ({@code ""} for none). */
    public DeleteOptions withImpersonation(String user) {
        return new DeleteOptions(propagation, dryRun, exclusions, inclusions, user);
    }

    /** The impersonated user, when there is one. */
    public Optional<String> impersonatedUser() {
        return impersonate.isEmpty() ? Optional.empty() : Optional.of(impersonate);
    }

    /**
     * Why a live object must not be deleted under these options: it carries an exclusion (label or annotation), or
     * lacks one of the required inclusion labels. Empty when it may be deleted.
     */
    public Optional<String> skipReason(Resource live) {
        Map<String, String> labels = live.labels();
        Map<String, String> annotations = live.annotations();
        for (Map.Entry<String, String> e : exclusions.entrySet()) {
            if (e.getValue().equals(annotations.get(e.getKey())) || e.getValue().equals(labels.get(e.getKey()))) {
                return Optional.of(e.getKey().equals(PRUNE_ANNOTATION) && e.getValue().equals(PRUNE_DISABLED)
                        ? "prune disabled" : "excluded by " + e.getKey() + "=" + e.getValue());
            }
        }
        for (Map.Entry<String, String> e : inclusions.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return Optional.of("not owned: label " + e.getKey() + " is not " + e.getValue());
            }
        }
        return Optional.empty();
    }
}
