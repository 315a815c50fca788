package dev.gitops.api.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.model.ResourceId;
import java.util.List;
import java.util.Objects;

/**
 * The drift of one object: {@link InSync}, {@link Drifted} (with the changed fields and the patch that converges
 * it), {@link Missing} (desired but not in the cluster) or {@link Extra} (owned by us, gone from Git). The display
 * copies of objects carried by reports have server noise removed and Secret values masked; only
 * {@link Drifted#patch()} carries real values, because it is what must be sent to converge.
 */
public sealed interface DriftReport {

    /** The object concerned. */
    ResourceId id();

    /** True unless the object is {@link InSync}. */
    default boolean hasDrift() {
        return !(this instanceof InSync);
    }

    /**
     * The live object matches the desired state.
     *
     * @param id the object
     */
    record InSync(ResourceId id) implements DriftReport {
        /** Validates. */
        public InSync {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * The live object differs from the desired state.
     *
     * @param id the object
     * @param changes the changed fields, in document order
     * @param patchType the kind of {@code patch}
     * @param patch the patch to apply to the live object to converge (ignored fields excluded; real values)
     * @param live the live object as displayed (noise removed, Secret values masked)
     * @param merged the live object after the patch, as displayed
     */
    record Drifted(ResourceId id, List<FieldChange> changes, PatchType patchType, ObjectNode patch, ObjectNode live,
            ObjectNode merged) implements DriftReport {
        /** Validates and copies. */
        public Drifted {
            Objects.requireNonNull(id, "id");
            changes = List.copyOf(changes);
            Objects.requireNonNull(patchType, "patchType");
            patch = patch.deepCopy();
            live = live.deepCopy();
            merged = merged.deepCopy();
        }

        /** A copy of the patch. */
        @Override
        public ObjectNode patch() {
            return patch.deepCopy();
        }

        /** A copy of the displayed live object. */
        @Override
        public ObjectNode live() {
            return live.deepCopy();
        }

        /** A copy of the displayed converged object. */
        @Override
        public ObjectNode merged() {
            return merged.deepCopy();
        }

        /** Names the object and the changed fields, never the patch (it may carry Secret values). */
        @Override
        public String toString() {
            return "Drifted[" + id + ", changes=" + changes.stream().map(FieldChange::pointer).toList()
                    + ", patchType=" + patchType + "]";
        }
    }

    /**
     * The object is desired but does not exist in the cluster.
     *
     * @param id the object
     * @param desired the desired object as displayed (Secret values masked)
     */
    record Missing(ResourceId id, ObjectNode desired) implements DriftReport {
        /** Validates and copies. */
        public Missing {
            Objects.requireNonNull(id, "id");
            desired = desired.deepCopy();
        }

        /** A copy of the displayed desired object. */
        @Override
        public ObjectNode desired() {
            return desired.deepCopy();
        }
    }

    /**
     * The object exists, is owned by us (in the inventory), and is no longer desired: a prune candidate.
     *
     * @param id the object
     * @param live the live object as displayed (noise removed, Secret values masked)
     */
    record Extra(ResourceId id, ObjectNode live) implements DriftReport {
        /** Validates and copies. */
        public Extra {
            Objects.requireNonNull(id, "id");
            live = live.deepCopy();
        }

        /** A copy of the displayed live object. */
        @Override
        public ObjectNode live() {
            return live.deepCopy();
        }
    }
}
