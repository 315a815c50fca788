package dev.gitops.api.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The outcome of creating a three-way patch: the patch, or a conflict between the change we want to make and a
 * change someone made on the live object since we last applied (only reported when overwriting is not allowed).
 */
public sealed interface ThreeWayPatch {

    /**
     * The patch that converges the live object on the desired state.
     *
     * @param patch the patch (a defensive copy)
     */
    record Created(ObjectNode patch) implements ThreeWayPatch {
        /** Copies. */
        public Created {
            patch = Objects.requireNonNull(patch, "patch").deepCopy();
        }

        /** A copy of the patch. */
        @Override
        public ObjectNode patch() {
            return patch.deepCopy();
        }

        /** True when the patch changes nothing. */
        public boolean isEmpty() {
            return patch.isEmpty();
        }
    }

    /**
     * The desired change conflicts with a change made on the live object.
     *
     * @param patch the patch that would have been applied
     * @param liveChanges the changes from last-applied to live that it conflicts with
     */
    record Conflict(ObjectNode patch, ObjectNode liveChanges) implements ThreeWayPatch {
        /** Copies. */
        public Conflict {
            patch = Objects.requireNonNull(patch, "patch").deepCopy();
            liveChanges = Objects.requireNonNull(liveChanges, "liveChanges").deepCopy();
        }

        /** A copy of the patch. */
        @Override
        public ObjectNode patch() {
            return patch.deepCopy();
        }

        /** A copy of the live changes. */
        @Override
        public ObjectNode liveChanges() {
            return liveChanges.deepCopy();
        }
    }
}
