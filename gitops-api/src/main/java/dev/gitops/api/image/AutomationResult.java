package dev.gitops.api.image;

import java.util.Objects;

/** The outcome of one {@link ImageUpdateAutomation} run: nothing to commit, or a pushed commit. */
public sealed interface AutomationResult permits AutomationResult.NoChange, AutomationResult.Pushed {

    /**
     * No file changed, so nothing was committed or pushed.
     *
     * @param revision the commit the update ran on
     */
    record NoChange(String revision) implements AutomationResult {
        /** Validates the component. */
        public NoChange {
            Objects.requireNonNull(revision, "revision");
        }
    }

    /**
     * A commit was made and pushed.
     *
     * @param branch the branch pushed to
     * @param commit the new commit id
     * @param message the commit message
     * @param update what the setters changed
     */
    record Pushed(String branch, String commit, String message, UpdateResult update) implements AutomationResult {
        /** Validates the components. */
        public Pushed {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(commit, "commit");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(update, "update");
        }
    }
}
