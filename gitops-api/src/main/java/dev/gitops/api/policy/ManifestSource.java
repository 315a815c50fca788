package dev.gitops.api.policy;

import dev.gitops.api.engine.ChartRenderer;
import dev.gitops.api.engine.ManifestBuilder;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import dev.gitops.api.policy.internal.RawManifestSource;
import dev.gitops.api.policy.internal.RenderedManifestSource;
import java.util.List;
import java.util.Objects;

/**
 * How the objects a lint checks are obtained from a repository: the plug point between the repository's files and
 * the rules that check rendered manifests.
 *
 * <p>{@link #rawYaml()} reads the repository's YAML files as they are. {@link #rendered(ManifestBuilder,
 * ChartRenderer)} builds each Flux {@code Kustomization} and renders each {@code HelmRelease} as the engine would (so
 * that rules see exactly what will be applied). Either is set with {@link PolicyEngine.Builder#manifestSource}.
 * Whatever produces the objects should keep their {@link Resource#originOf(String) origins} so that findings name
 * the file and line to fix.
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
     * The objects of the repository part at {@code path} and what could not be rendered. The default has no issues;
     * a renderer overrides it so that a part that fails to render is reported (as a finding) instead of failing the
     * whole lint.
     *
     * @throws dev.gitops.api.error.GitOpsException when the repository cannot be read
     */
    default Manifests render(FileSystem repository, String path) {
        return new Manifests(manifests(repository, path), List.of());
    }

    /**
     * What a source produced.
     *
     * @param resources the objects, in the order they were produced
     * @param issues what could not be rendered
     */
    record Manifests(List<Resource> resources, List<RenderIssue> issues) {
        /** Validates and copies. */
        public Manifests {
            resources = List.copyOf(resources);
            issues = List.copyOf(issues);
        }
    }

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
     * namespaces keeps its own. Likewise {@code images:} overrides (new name, tag, digest) are applied to the
     * containers of workloads when every top-level kustomization that includes the file overrides that image, and
     * {@code commonLabels:} / {@code labels:} (with {@code includeTemplates} or {@code includeSelectors}) are added to
     * pod templates and to NetworkPolicy {@code matchLabels} when every one of them sets the label. Nothing else of
     * kustomize is applied (no patches, prefixes or generators).
     */
    static ManifestSource rawYaml() {
        return RawManifestSource.INSTANCE;
    }

    /**
     * Renders what Flux would apply, as the engine ({@link dev.gitops.api.engine.Reconciler}) builds it, without a
     * cluster: see {@link RenderingBuilder}. Charts from Helm repositories are not downloaded.
     *
     * @param manifestBuilder how Kustomization paths are built (gitops-kustomize's {@code KustomizeManifestBuilder};
     *     its {@link ManifestBuilder#trackingOrigins() origin-tracking} variant is used, so findings name file and
     *     line)
     * @param chartRenderer how HelmReleases are rendered (gitops-helm's {@code HelmReleaseRenderer})
     */
    static ManifestSource rendered(ManifestBuilder manifestBuilder, ChartRenderer chartRenderer) {
        return rendering().manifestBuilder(manifestBuilder).chartRenderer(chartRenderer).build();
    }

    /** A builder of a rendering source, with the engine's defaults (plain manifests, no chart renderer). */
    static RenderingBuilder rendering() {
        return new RenderingBuilder();
    }

    /**
     * Builds a {@link ManifestSource} that renders what Flux would apply from a repository, reusing the engine's
     * build steps, without a cluster or (by default) the network:
     *
     * <ol>
     *   <li>The linted path acts as the {@code flux-system} Kustomization's path, as {@code flux bootstrap} sets it
     *       (for example {@code clusters/staging}). For the whole repository ({@code ""}), each path named by a
     *       {@code flux-system} Kustomization in the repository (its {@code gotk-sync.yaml}) is a root, and each
     *       root is rendered as a cluster of its own.</li>
     *   <li>Each Flux Kustomization the roots produce (recursively) whose source is the {@code flux-system}
     *       GitRepository is built with the {@link ManifestBuilder}, with the Flux overlay fields
     *       ({@code targetNamespace}, {@code namePrefix}, {@code patches}, {@code images}, {@code components},
     *       {@code commonMetadata}) and {@code postBuild} substitution exactly as the engine applies them. Variables
     *       from {@code substituteFrom} are read from the ConfigMaps and Secrets the render produced; one that is
     *       not there, or is a SOPS-encrypted Secret, is reported as a {@link RenderIssue.Kind#INCOMPLETE} issue
     *       and the build goes on without its variables.</li>
     *   <li>Each HelmRelease whose chart is in the repository is rendered with the {@link ChartRenderer}, its
     *       {@code valuesFrom} read likewise; its objects are located at the HelmRelease (file and line) and
     *       carry their own {@code ResourceId} and field path. Charts from HelmRepositories are rendered only with
     *       {@link #remoteCharts(boolean)}; otherwise, like sources outside the repository and {@code chartRef}s,
     *       they are reported as incomplete.</li>
     *   <li>SOPS-encrypted Secrets stay encrypted.</li>
     *   <li>A Kustomization that fails to build is a {@link RenderIssue.Kind#FAILED} issue, and its path's files are
     *       linted as they are ({@link #rawYaml()}); repository files under the linted path that no render includes
     *       are linted as they are too.</li>
     * </ol>
     *
     * <p>Objects keep the repository file and line they came from when the builder can track them (the source uses
     * {@link ManifestBuilder#trackingOrigins()}; gitops-kustomize's builder does); otherwise findings on built
     * objects name the object and field only, and the files under the linted path are linted as they are as well.
     *
     * <p>Not thread-safe; the source it builds is.
     */
    final class RenderingBuilder {
        private ManifestBuilder manifestBuilder = ManifestBuilder.plain();
        private ChartRenderer chartRenderer = ChartRenderer.none();
        private boolean remoteCharts;

        private RenderingBuilder() {}

        /** How Kustomization paths are built (default: {@link ManifestBuilder#plain()}). */
        public RenderingBuilder manifestBuilder(ManifestBuilder builder) {
            this.manifestBuilder = Objects.requireNonNull(builder, "manifestBuilder");
            return this;
        }

        /** How HelmReleases are rendered (default: {@link ChartRenderer#none()}, every chart is a failure). */
        public RenderingBuilder chartRenderer(ChartRenderer renderer) {
            this.chartRenderer = Objects.requireNonNull(renderer, "chartRenderer");
            return this;
        }

        /**
         * Whether charts of HelmRepositories are rendered (the chart renderer then downloads them; repository
         * credentials are never available offline). Default false: they are reported as incomplete.
         */
        public RenderingBuilder remoteCharts(boolean render) {
            this.remoteCharts = render;
            return this;
        }

        /** The source. */
        public ManifestSource build() {
            return new RenderedManifestSource(manifestBuilder, chartRenderer, remoteCharts);
        }
    }

    /**
     * The given objects whatever the repository and path (for tests, and for objects rendered elsewhere). The list
     * is copied.
     */
    static ManifestSource of(List<Resource> resources) {
        List<Resource> copy = List.copyOf(resources);
        return (repository, path) -> copy;
    }
}
