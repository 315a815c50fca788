package dev.gitops.kustomize;

import dev.gitops.api.model.Resource;
import java.util.List;
import java.util.Objects;

/**
 * The output of a build: resources in kustomize's output order and the warnings kustomize prints on stderr.
 *
 * @param resources the built resources
 * @param warnings deprecation and other warnings, in the order kustomize prints them
 */
public record BuildResult(List<Resource> resources, List<String> warnings) {

    /** Validates and copies. */
    public BuildResult {
        resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    }

    /** The resources as {@code kubectl kustomize} prints them (documents separated by {@code ---}). */
    public String toYaml() {
        StringBuilder sb = new StringBuilder(512 * Math.max(1, resources.size()));
        boolean first = true;
        for (Resource r : resources) {
            if (!first) {
                sb.append("---\n");
            }
            first = false;
            sb.append(r.toYaml());
        }
        return sb.toString();
    }
}
