package dev.gitops.kustomize.internal;

/** Legacy {@code crds:} field: OpenAPI definitions that declare name references in custom kinds. */
final class Crds {

    private Crds() {}

    static void load(Loader ldr, String path, TConfig config) {
        ldr.load(path);
    }
}
