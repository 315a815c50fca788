package dev.gitops.api.engine.internal;

import dev.gitops.api.apply.ApplyOptions;
import dev.gitops.api.apply.ApplyOrder;
import dev.gitops.api.apply.Change;
import dev.gitops.api.apply.ChangeSet;
import dev.gitops.api.apply.ClusterApplier;
import dev.gitops.api.apply.DeleteOptions;
import dev.gitops.api.error.ApplyException;
import dev.gitops.api.error.ClusterNotFoundException;
import dev.gitops.api.error.ConflictException;
import dev.gitops.api.error.InvalidObjectException;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.model.ResourceSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How kustomize-controller applies a Kustomization's objects (fluxcd/pkg ssa): in {@link ApplyOrder}, and when the
 * cluster refuses an existing object for what looks like an immutable-field change (an Invalid or Conflict
 * status, or a message saying a field is immutable), the object is deleted and created again if the Kustomization
 * has {@code spec.force: true} or the object (desired or live) carries {@code kustomize.toolkit.fluxcd.io/force:
 * enabled}. Other failures are reported in Flux's wording: {@code Kind/namespace/name dry-run failed (Reason):
 * message}.
 */
public final class KustomizationApply {

    private static final Logger LOG = LoggerFactory.getLogger(KustomizationApply.class);

    /** The label or annotation that forces recreation of one object. */
    public static final String FORCE_KEY = "kustomize.toolkit.fluxcd.io/force";
    private static final Pattern IMMUTABLE = Pattern.compile("(?s).*(is\\simmutable|immutable\\sfield).*");

    private KustomizationApply() {
    }

    /**
     * Applies the objects.
     *
     * @throws ApplyException for the first object that cannot be applied, its detail in Flux's wording (objects
     *     before it stay applied)
     */
    public static ChangeSet applyAll(ClusterApplier cluster, List<Resource> desired, ApplyOptions options,
            boolean force) {
        return applyAll(cluster, desired, options, force, Waiting.none());
    }

    /**
     * How long to wait for a deleted object to disappear before recreating it (an object with finalizers stays
     * until they are removed), as kustomize-controller waits within its timeout.
     *
     * @param clock the clock the deadline is measured with
     * @param sleeper how to wait between polls
     * @param poll the poll interval
     * @param timeout how long to wait at most
     */
    public record Waiting(java.time.Clock clock, dev.gitops.api.engine.Sleeper sleeper, java.time.Duration poll,
            java.time.Duration timeout) {

        /** No waiting: an object still present right after its deletion fails the apply. */
        public static Waiting none() {
            return new Waiting(java.time.Clock.systemUTC(), d -> { }, java.time.Duration.ZERO,
                    java.time.Duration.ZERO);
        }
    }

    /** {@link #applyAll(ClusterApplier, List, ApplyOptions, boolean)}, waiting for deletions as {@code wait} says. */
    public static ChangeSet applyAll(ClusterApplier cluster, List<Resource> desired, ApplyOptions options,
            boolean force, Waiting wait) {
        List<Resource> sorted = ApplyOrder.sort(ResourceSet.of(desired).resources());
        List<Change> out = new ArrayList<>(sorted.size());
        for (Resource r : sorted) {
            out.add(apply(cluster, r, options, force, wait));
        }
        return new ChangeSet(out);
    }

    private static Change apply(ClusterApplier cluster, Resource r, ApplyOptions options, boolean force,
            Waiting wait) {
        try {
            return cluster.apply(r, options).change();
        } catch (ApplyException ex) {
            if (!isImmutableError(ex)) {
                throw flux(r, ex);
            }
            Optional<Resource> live = cluster.get(r.id());
            if (live.isEmpty() || !(force || forced(r) || forced(live.get()))) {
                throw flux(r, ex);
            }
            ResourceId id = live.get().id();
            LOG.info("{} immutable field detected, recreating it", Units.describe(id));
            DeleteOptions del = DeleteOptions.defaults().withExclusions(Map.of())
                    .withImpersonation(options.impersonate());
            try {
                cluster.delete(id, del);
            } catch (ApplyException de) {
                throw new ApplyException(r.id(), de.code(), de.reason(), Units.describe(r.id())
                        + " immutable field detected, failed to delete object: " + strip(de.detail()), de);
            }
            java.time.Instant deadline = wait.clock().instant().plus(wait.timeout());
            Optional<Resource> still = cluster.get(id);
            while (still.isPresent() && wait.clock().instant().isBefore(deadline)) {
                try {
                    wait.sleeper().sleep(wait.poll());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
                still = cluster.get(id);
            }
            if (still.isPresent()) {
                throw new ApplyException(r.id(), 0, "", Units.describe(r.id()) + " immutable field detected, failed "
                        + "to wait for object to be deleted: the object is still terminating (finalizers: "
                        + still.get().content().path("metadata").path("finalizers") + ")", ex);
            }
            try {
                return cluster.apply(r, options).change();
            } catch (ApplyException again) {
                throw flux(r, again);
            }
        }
    }

    /** fluxcd/pkg ssa's IsImmutableError: Conflict or Invalid statuses, or a message about an immutable field. */
    public static boolean isImmutableError(ApplyException e) {
        return e instanceof ConflictException || e instanceof InvalidObjectException || e.code() == 409
                || e.code() == 422 || IMMUTABLE.matcher(e.detail()).matches();
    }

    private static boolean forced(Resource r) {
        return "enabled".equals(r.annotations().get(FORCE_KEY)) || "enabled".equals(r.labels().get(FORCE_KEY));
    }

    /** The failure as kustomize-controller reports it (ssa's DryRunErr). */
    static ApplyException flux(Resource r, ApplyException e) {
        String subject = Units.describe(r.id());
        String detail = strip(e.detail());
        String message;
        if (e instanceof ClusterNotFoundException || e.code() == 404) {
            message = r.namespace().isEmpty() && detail.startsWith("namespaces ")
                    ? subject + " namespace not specified: " + detail : subject + " not found: " + detail;
        } else {
            String reason = e.reason();
            if (e instanceof ConflictException c && !c.conflicts().isEmpty()) {
                reason = "FieldManagerConflict";
            }
            message = subject + " dry-run failed" + (reason.isEmpty() ? "" : " (" + reason + ")") + ": " + detail;
        }
        return new ApplyException(r.id(), e.code(), e.reason(), message, e);
    }

    /** Our appliers prefix the API message with the operation ({@code apply failed: }). */
    private static String strip(String detail) {
        for (String p : List.of("apply failed: ", "delete failed: ")) {
            if (detail.startsWith(p)) {
                return detail.substring(p.length());
            }
        }
        return detail;
    }
}
