package dev.gitops.examples.engine;

import dev.gitops.api.engine.ManifestBuilder;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import dev.gitops.kustomize.Kustomizer;
import dev.gitops.kustomize.LoadRestrictions;
import java.util.List;

/**
 * The engine's {@link ManifestBuilder} backed by gitops-kustomize, configured as kustomize-controller builds: files
 * may be loaded from anywhere in the source artifact ({@code LoadRestrictionsNone}, the artifact being the root),
 * no {@code app.kubernetes.io/managed-by} label, Helm chart inflation off.
 */
public final class KustomizeManifestBuilder implements ManifestBuilder {

    @Override
    public List<Resource> build(FileSystem fs, String path) {
        return Kustomizer.builder().fileSystem(fs).loadRestrictions(LoadRestrictions.NONE).managedByLabel(false)
                .helmEnabled(false).build().build(path).resources();
    }
}
