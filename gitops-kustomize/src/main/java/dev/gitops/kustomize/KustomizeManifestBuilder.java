package dev.gitops.kustomize;

import dev.gitops.api.engine.ManifestBuilder;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import java.util.List;
import java.util.Objects;

/**
 * The engine's {@link ManifestBuilder} plug point backed by {@link Kustomizer}: each Kustomization path is built
 * exactly as {@code kustomize build} would build it, as kustomize-controller does. Immutable and thread-safe.
 */
public final class KustomizeManifestBuilder implements ManifestBuilder {

    private final LoadRestrictions loadRestrictions;
    private final boolean trackOrigins;

    private KustomizeManifestBuilder(LoadRestrictions loadRestrictions, boolean trackOrigins) {
        this.loadRestrictions = Objects.requireNonNull(loadRestrictions, "loadRestrictions");
        this.trackOrigins = trackOrigins;
    }

    /**
     * The builder kustomize-controller uses: nothing may be loaded from outside the source artifact, which the
     * engine hands over as the file system (so {@code ../base} references between directories of one repository
     * work, as they do in Flux).
     */
    public static KustomizeManifestBuilder create() {
        return new KustomizeManifestBuilder(LoadRestrictions.NONE, false);
    }

    /** A builder with explicit load restrictions. */
    public static KustomizeManifestBuilder withLoadRestrictions(LoadRestrictions restrictions) {
        return new KustomizeManifestBuilder(restrictions, false);
    }

    /**
     * The same builder, with objects that keep where their fields come from ({@link Kustomizer.Builder#trackOrigins}):
     * what the policy linter's rendering source needs to name file and line.
     */
    @Override
    public KustomizeManifestBuilder trackingOrigins() {
        return new KustomizeManifestBuilder(loadRestrictions, true);
    }

    @Override
    public List<Resource> build(FileSystem fs, String path) {
        return Kustomizer.builder().fileSystem(fs).loadRestrictions(loadRestrictions).trackOrigins(trackOrigins)
                .build().build(path).resources();
    }
}
