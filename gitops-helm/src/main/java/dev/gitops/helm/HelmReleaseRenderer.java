package dev.gitops.helm;

import dev.gitops.api.engine.ChartRenderer.ChartRequest;
import dev.gitops.api.engine.ChartRenderer.ChartSource;
import dev.gitops.api.engine.ChartRenderer.Rendered;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.model.Resource;
import dev.gitops.api.yaml.Yaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's {@link dev.gitops.api.engine.ChartRenderer} plug point backed by the pure-Java Helm renderer: a
 * HelmRelease's chart is rendered as helm-controller renders it ({@code helm template} semantics, CRDs from
 * {@code crds/} first, hooks handed over separately so the engine can run the {@code test} hooks). Immutable and thread-safe.
 *
 * <p>Charts are taken from a source artifact ({@code chart.spec.sourceRef} a GitRepository with
 * {@code chart: ./charts/x}). Charts from HelmRepository and OCI sources are reported as not supported yet.
 */
public final class HelmReleaseRenderer implements dev.gitops.api.engine.ChartRenderer {

    private final ChartRenderer renderer;

    private HelmReleaseRenderer(ChartRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /** A renderer with Helm's defaults (Kubernetes v1.35.0 capabilities). */
    public static HelmReleaseRenderer create() {
        return new HelmReleaseRenderer(ChartRenderer.builder().build());
    }

    /** A renderer around a configured {@link ChartRenderer}. */
    public static HelmReleaseRenderer of(ChartRenderer renderer) {
        return new HelmReleaseRenderer(renderer);
    }

    @Override
    public Rendered render(ChartRequest request) {
        if (!(request.chart() instanceof ChartSource.InArtifact artifact)) {
            throw new GitOpsException("HelmRelease " + request.namespace() + "/" + request.releaseName()
                    + ": charts from " + request.chart() + " are not supported yet; take the chart from a"
                    + " GitRepository path (chart.spec.sourceRef kind GitRepository, chart: ./charts/NAME)");
        }
        Chart chart = ChartLoader.load(artifact.files(), artifact.path());
        HelmValues values = HelmValues.builder();
        for (String file : artifact.valuesFiles()) {
            // Flux resolves valuesFiles from the root of the source, not from the chart
            String path = FsPaths.normalize(file);
            values = values.file(artifact.files().readString(path), path);
        }
        if (request.values().size() > 0) {
            values = values.file(Yaml.defaults().write(request.values()), "HelmRelease spec.values");
        }
        Map<String, Object> merged = values.build();
        RenderedRelease release = renderer.render(chart,
                RenderRequest.of(request.releaseName()).withNamespace(request.namespace()).withValues(merged)
                        .withIncludeCrds(true).withSkipTests(false));
        List<Resource> resources = new ArrayList<>();
        for (RenderedRelease.Manifest m : release.crds()) {
            resources.addAll(Resource.readAll(m.content(), m.source()));
        }
        for (RenderedRelease.Manifest m : release.manifests()) {
            resources.addAll(Resource.readAll(m.content(), m.source()));
        }
        List<Resource> hooks = new ArrayList<>();
        for (RenderedRelease.Manifest m : release.hooks()) {
            hooks.addAll(Resource.readAll(m.content(), m.source()));
        }
        Object appVersion = chart.metadata().get("appVersion");
        return new Rendered(resources, chart.name(), chart.version(), appVersion == null ? "" : appVersion.toString(),
                hooks);
    }
}
