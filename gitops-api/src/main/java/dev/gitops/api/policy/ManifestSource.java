package dev.gitops.api.policy;

import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import dev.gitops.api.policy.internal.RawManifestSource;
import java.util.List;

/**
 * How the objects a lint checks are obtained from a repository: the plug point between the repository's files and
 * the rules that check rendered manifests.
 *
 * <p>{@link #rawYaml()} reads the repository's YAML files as they are. A renderer that builds each Flux
 * {@code Kustomization} with kustomize and each {@code HelmRelease} with Helm (so that rules see exactly what will
 * be applied) implements this interface too and is set with {@link PolicyEngine.Builder#manifestSource}. Whatever
 * produces the objects should keep their {@link Resource#originOf(String) origins} so that findings name the file
 * and line to fix.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ManifestSource {

    /**
     * The objects of the repository part at {@code path}.
     *
     * @param repository the repository
     * @param path repository-relative directory ({@code ""} for the whole repository)
     * @throws dev.gitops.api.error.GitOpsException when the part cannot be read or rendered
     */
    List<Resource> manifests(FileSystem repository, String path);

    /**
     * Reads every {@code *.yaml} / {@code *.yml} file under the path as Kubernetes objects, as they are in Git:
     * documents that are not objects (no {@code apiVersion} and {@code kind}) are skipped, and so are kustomize's own
     * files ({@code kustomization.yaml}, components), files a {@code kustomization.yaml} uses as patches, Helm chart
     * directories (they hold templates, not manifests), {@code .sops.yaml} and the policy file. Files that are not
     * valid YAML are skipped with a warning in the log (the {@code yaml-syntax} rule reports them).
     *
     * <p>Where a {@code kustomization.yaml} sets {@code namespace:}, the namespaced objects of the files it includes
     * (directly or through the directories it refers to) get that namespace, as {@code kustomize build} would give
     * them: the outermost kustomization wins, and a file that top-level kustomizations would put in different
     * namespaces keeps its own. Nothing else of kustomize is applied (no patches, prefixes or generators).
     */
    static ManifestSource rawYaml() {
        return RawManifestSource.INSTANCE;
    }
}
