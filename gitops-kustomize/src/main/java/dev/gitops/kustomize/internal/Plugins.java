package dev.gitops.kustomize.internal;

/** Builtin plugin configurations named in transformers:/generators:/validators:. */
final class Plugins {

    private Plugins() {}

    static ResMap generate(KustTarget kt, Res cfg) {
        throw new BuildError("generator plugin " + cfg.apiVersion() + "/" + cfg.kind() + " is not supported yet");
    }

    static void transform(KustTarget kt, Accumulator ra, Res cfg) {
        throw new BuildError("transformer plugin " + cfg.apiVersion() + "/" + cfg.kind() + " is not supported yet");
    }
}
