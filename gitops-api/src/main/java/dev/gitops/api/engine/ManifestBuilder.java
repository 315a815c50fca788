package dev.gitops.api.engine;

import dev.gitops.api.engine.internal.PlainManifestBuilder;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import java.util.List;

/**
 * Builds the manifests of one directory of a source, as {@code kustomize build} would: the plug point through which
 * the reconciler reaches gitops-kustomize. The reconciler has already written the Flux overlay (a generated
 * {@code kustomization.yaml} for a plain directory, and {@code namespace}, {@code namePrefix}, {@code nameSuffix},
 * {@code patches}, {@code images}, {@code components} from the Flux Kustomization) into {@code fs}, so an
 * implementation only builds {@code path}.
 *
 * <p>Implementations must be thread-safe and must not read outside {@code fs}.
 */
@FunctionalInterface
public interface ManifestBuilder {

    /**
     * The objects of {@code path} in output order.
     *
     * @throws dev.gitops.api.error.GitOpsException when the build fails (with file and line where known)
     */
    List<Resource> build(FileSystem fs, String path);

    /**
     * This builder with objects that keep the file and line each field comes from (their {@link Resource#sourceMap()
     * source maps}), where the builder can track them: what the policy linter needs to name file and line. The
     * default returns {@code this} (no tracking; objects keep whatever origins the build gives them).
     */
    default ManifestBuilder trackingOrigins() {
        return this;
    }

    /**
     * The built-in builder for plain manifests: kustomization files with only {@code resources} (files and
     * directories, recursively) and {@code namespace}. Any other kustomize feature fails with a message naming the
     * field; wire gitops-kustomize's builder for those.
     */
    static ManifestBuilder plain() {
        return new PlainManifestBuilder();
    }
}
