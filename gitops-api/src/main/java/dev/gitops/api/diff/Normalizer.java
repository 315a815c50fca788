package dev.gitops.api.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.model.ResourceId;

/**
 * A user normalisation applied to the desired, last-applied and live objects before they are compared (after the
 * built-in ones), e.g. to drop a field a mutating webhook injects, or to canonicalise a value. Receives a private
 * copy that it may change in place; returns the object to use. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Normalizer {

    /** Which copy is being normalised. */
    enum Side { DESIRED, LAST_APPLIED, LIVE }

    /**
     * Normalises one object.
     *
     * @param id the object
     * @param side which of the three documents this is
     * @param object a private copy
     * @return the normalised object (usually {@code object} itself)
     */
    ObjectNode normalize(ResourceId id, Side side, ObjectNode object);
}
