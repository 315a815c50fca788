package dev.gitops.api.flux;

import java.util.Objects;

/**
 * {@code image.toolkit.fluxcd.io/v1beta2 ImagePolicy} ({@code v1} read too).
 *
 * @param apiVersion the apiVersion as written
 * @param meta metadata
 * @param spec the spec
 */
public record ImagePolicy(String apiVersion, FluxMeta meta, Spec spec) implements FluxObject {

    /** Validates. */
    public ImagePolicy {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public boolean suspended() {
        return false;
    }

    /**
     * The spec.
     *
     * @param imageRepositoryRef the ImageRepository
     * @param policy how to choose a tag
     * @param filterPattern {@code filterTags.pattern}, {@code ""} for all tags
     * @param filterExtract {@code filterTags.extract}, {@code ""} for the whole tag
     * @param digestReflectionPolicy {@code Never}, {@code IfNotPresent} or {@code Always}
     */
    public record Spec(NamespacedRef imageRepositoryRef, Policy policy, String filterPattern, String filterExtract,
            String digestReflectionPolicy) {
        /** Validates. */
        public Spec {
            Objects.requireNonNull(imageRepositoryRef, "imageRepositoryRef");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(filterPattern, "filterPattern");
            Objects.requireNonNull(filterExtract, "filterExtract");
            Objects.requireNonNull(digestReflectionPolicy, "digestReflectionPolicy");
        }
    }

    /** {@code spec.policy}: exactly one of semver, alphabetical, numerical. */
    public sealed interface Policy {
        /**
         * {@code semver.range}.
         *
         * @param range a Masterminds constraint
         */
        record SemVer(String range) implements Policy {
            /** Validates. */
            public SemVer {
                Objects.requireNonNull(range, "range");
            }
        }

        /**
         * {@code alphabetical.order}.
         *
         * @param order {@code asc} or {@code desc}
         */
        record Alphabetical(String order) implements Policy {
            /** Validates. */
            public Alphabetical {
                Objects.requireNonNull(order, "order");
            }
        }

        /**
         * {@code numerical.order}.
         *
         * @param order {@code asc} or {@code desc}
         */
        record Numerical(String order) implements Policy {
            /** Validates. */
            public Numerical {
                Objects.requireNonNull(order, "order");
            }
        }
    }
}
