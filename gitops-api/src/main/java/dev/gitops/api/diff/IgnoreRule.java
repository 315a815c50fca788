package dev.gitops.api.diff;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.model.ResourceId;
import java.util.Objects;

/**
 * A difference to ignore, in the manner of Argo CD's {@code ignoreDifferences}: a field given by JSON pointer, or
 * every field owned by a field manager (from the live object's {@code metadata.managedFields}, the classic case being
 * {@code spec.replicas} owned by the HorizontalPodAutoscaler's manager). Each rule applies to the objects its
 * {@link ResourceSelector} matches. Ignored fields are neither reported nor patched.
 */
public sealed interface IgnoreRule {

    /** Which objects the rule applies to. */
    ResourceSelector selector();

    /** True when the rule applies to the object. */
    default boolean appliesTo(ResourceId id) {
        return selector().matches(id);
    }

    /**
     * Ignore a field by RFC 6901 JSON pointer; a {@code *} segment matches every key or list index
     * ({@code /spec/template/spec/containers/}{@code *}{@code /image}).
     *
     * @throws InvalidInputException when the pointer does not start with {@code /}
     */
    static IgnoreRule pointer(String pointer) {
        return new Pointer(ResourceSelector.any(), pointer);
    }

    /** Ignore every field the named field manager owns on the live object. */
    static IgnoreRule fieldManager(String manager) {
        return new FieldManager(ResourceSelector.any(), manager);
    }

    /** The same rule restricted to the selected objects. */
    IgnoreRule forObjects(ResourceSelector selector);

    /**
     * Ignore a field by JSON pointer.
     *
     * @param selector the objects
     * @param pointer the field ({@code *} segments match any key or index)
     */
    record Pointer(ResourceSelector selector, String pointer) implements IgnoreRule {
        /** Validates. */
        public Pointer {
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(pointer, "pointer");
            if (pointer.isEmpty() || pointer.charAt(0) != '/') {
                throw new InvalidInputException("ignore rule: a JSON pointer must start with '/': \"" + pointer
                        + "\"");
            }
            if (pointer.equals("/")) {
                throw new InvalidInputException("ignore rule: cannot ignore the whole object");
            }
        }

        @Override
        public IgnoreRule forObjects(ResourceSelector newSelector) {
            return new Pointer(newSelector, pointer);
        }
    }

    /**
     * Ignore the fields owned by a field manager.
     *
     * @param selector the objects
     * @param manager the manager name as recorded in {@code managedFields} (e.g. {@code kube-controller-manager})
     */
    record FieldManager(ResourceSelector selector, String manager) implements IgnoreRule {
        /** Validates. */
        public FieldManager {
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(manager, "manager");
            if (manager.isEmpty()) {
                throw new InvalidInputException("ignore rule: the field manager name must not be empty");
            }
        }

        @Override
        public IgnoreRule forObjects(ResourceSelector newSelector) {
            return new FieldManager(newSelector, manager);
        }
    }
}
