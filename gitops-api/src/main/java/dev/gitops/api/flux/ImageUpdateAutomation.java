package dev.gitops.api.flux;

import dev.gitops.api.source.GitReference;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code image.toolkit.fluxcd.io/v1beta2 ImageUpdateAutomation} ({@code v1} read too).
 *
 * @param apiVersion the apiVersion as written
 * @param meta metadata
 * @param spec the spec
 */
public record ImageUpdateAutomation(String apiVersion, FluxMeta meta, Spec spec) implements FluxObject {

    /** Validates. */
    public ImageUpdateAutomation {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public boolean suspended() {
        return spec.suspend();
    }

    /**
     * The spec.
     *
     * @param sourceRef the GitRepository
     * @param checkoutRef {@code git.checkout.ref}; all fields empty when unset (the GitRepository's ref is used)
     * @param authorName commit author name
     * @param authorEmail commit author email
     * @param messageTemplate Go template of the commit message, {@code ""} for the default
     * @param pushBranch branch to push to, {@code ""} for the checkout branch
     * @param pushRefspec refspec to push, {@code ""} for none
     * @param interval run interval
     * @param updatePath path under which markers are updated ({@code ""} for the root)
     * @param updateStrategy {@code Setters}
     * @param suspend suspended
     */
    public record Spec(NamespacedRef sourceRef, GitReference checkoutRef, String authorName, String authorEmail,
            String messageTemplate, String pushBranch, String pushRefspec, Duration interval, String updatePath,
            String updateStrategy, boolean suspend) {
        /** Validates. */
        public Spec {
            Objects.requireNonNull(sourceRef, "sourceRef");
            Objects.requireNonNull(checkoutRef, "checkoutRef");
            Objects.requireNonNull(authorName, "authorName");
            Objects.requireNonNull(authorEmail, "authorEmail");
            Objects.requireNonNull(messageTemplate, "messageTemplate");
            Objects.requireNonNull(pushBranch, "pushBranch");
            Objects.requireNonNull(pushRefspec, "pushRefspec");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(updatePath, "updatePath");
            Objects.requireNonNull(updateStrategy, "updateStrategy");
        }

        /** The checkout reference when one is set. */
        public Optional<GitReference> checkout() {
            GitReference r = checkoutRef;
            boolean empty = r.branch().isEmpty() && r.tag().isEmpty() && r.semver().isEmpty() && r.name().isEmpty()
                    && r.commit().isEmpty();
            return empty ? Optional.empty() : Optional.of(r);
        }
    }
}
