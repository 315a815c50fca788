package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** The ReplacementTransformer. */
final class Replacements {

    private Replacements() {}

    static void apply(KustTarget kt, ResMap m, JsonNode replacements) {
        throw new BuildError("replacements are not supported yet");
    }
}
