package dev.gitops.api.image;

import java.util.Objects;
import java.util.Optional;

/** What an {@link ImagePolicy} selects from a list of tags: a tag, or nothing and why. */
public sealed interface Selection permits Selection.Selected, Selection.NotSelected {

    /** The selected tag, if any. */
    Optional<String> tag();

    /**
     * A tag was selected.
     *
     * @param latest the original tag (as listed by the registry, before any extraction)
     */
    record Selected(String latest) implements Selection {
        /** Validates the component. */
        public Selected {
            Objects.requireNonNull(latest, "latest");
        }

        @Override
        public Optional<String> tag() {
            return Optional.of(latest);
        }
    }

    /**
     * No tag was selected; {@code reason} is Flux's message (for example
     * {@code unable to determine latest version from provided list}).
     *
     * @param reason why nothing was selected
     */
    record NotSelected(String reason) implements Selection {
        /** Validates the component. */
        public NotSelected {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<String> tag() {
            return Optional.empty();
        }
    }
}
