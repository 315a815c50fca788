package dev.gitops.api.source;

import java.util.Objects;

/** The outcome of {@link GitSource#fetch(GitSourceSpec)}: a new artifact, or the cached one when nothing changed. */
public sealed interface FetchResult {

    /** The artifact, new or unchanged. */
    Artifact artifact();

    /** True when the remote revision moved (or this is the first fetch) and a new artifact was built. */
    boolean changed();

    /**
     * A new artifact was built.
     *
     * @param artifact the artifact
     */
    record Fetched(Artifact artifact) implements FetchResult {
        /** Validates. */
        public Fetched {
            Objects.requireNonNull(artifact, "artifact");
        }

        @Override
        public boolean changed() {
            return true;
        }
    }

    /**
     * The remote still points at the revision of the cached artifact; nothing was downloaded.
     *
     * @param artifact the cached artifact
     */
    record Unchanged(Artifact artifact) implements FetchResult {
        /** Validates. */
        public Unchanged {
            Objects.requireNonNull(artifact, "artifact");
        }

        @Override
        public boolean changed() {
            return false;
        }
    }
}
