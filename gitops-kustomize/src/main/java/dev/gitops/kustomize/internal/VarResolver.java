package dev.gitops.kustomize.internal;

/** Resolves legacy vars. */
final class VarResolver {

    private VarResolver() {}

    static void resolve(Accumulator ra) {
        throw new BuildError("vars are not supported yet");
    }
}
