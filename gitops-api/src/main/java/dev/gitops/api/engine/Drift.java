package dev.gitops.api.engine;

import dev.gitops.api.model.ResourceId;
import java.util.List;
import java.util.Objects;

/**
 * How a live object differs from what its Kustomization or HelmRelease last applied, field by field, as the
 * three-way {@link dev.gitops.api.diff.DriftDetector} sees it (desired, live, and what the controller's field
 * manager owns). Values of Secrets are never shown: they appear as Flux masks them ({@code ***},
 * {@code *** (before)}, {@code *** (after)}).
 *
 * @param owner the Flux object that applies it
 * @param object the drifted object
 * @param fields the differing fields
 */
public record Drift(ResourceId owner, ResourceId object, List<Field> fields) {

    /** Validates and copies. */
    public Drift {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(object, "object");
        fields = List.copyOf(fields);
    }

    /**
     * One field.
     *
     * @param path a JSON pointer
     * @param live the live value as YAML flow text ({@code <absent>} when missing)
     * @param desired the desired value ({@code <absent>} when the apply removes it)
     */
    public record Field(String path, String live, String desired) {
        /** Validates. */
        public Field {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(live, "live");
            Objects.requireNonNull(desired, "desired");
        }
    }
}
