package dev.gitops.examples.engine;

import dev.gitops.api.engine.ChartRenderer;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.model.Resource;
import dev.gitops.api.yaml.Yaml;
import dev.gitops.helm.Chart;
import dev.gitops.helm.ChartLoader;
import dev.gitops.helm.HelmValues;
import dev.gitops.helm.RenderRequest;
import dev.gitops.helm.RenderedRelease;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's {@link ChartRenderer} backed by gitops-helm: loads a chart from a source artifact, merges
 * {@code chart.spec.valuesFiles} and the release's values as helm-controller does, and renders it like
 * {@code helm install} (CRDs from {@code crds/} first, then the manifests; hooks are not applied).
 * Charts from HelmRepositories are not fetched yet.
 */
public final class HelmChartRenderer implements ChartRenderer {

    private final dev.gitops.helm.ChartRenderer renderer = dev.gitops.helm.ChartRenderer.builder().build();

    @Override
    public Rendered render(ChartRequest request) {
        if (!(request.chart() instanceof ChartSource.InArtifact src)) {
            throw new GitOpsException("charts from a HelmRepository (" + request.chart() + ") are not fetched by "
                    + "this build yet; keep the chart in a GitRepository");
        }
        Chart chart = ChartLoader.load(src.files(), src.path());
        HelmValues values = HelmValues.builder();
        for (String f : src.valuesFiles()) {
            String p = FsPaths.normalize(f);
            values.file(src.files().readString(p), p);
        }
        values.file(Yaml.defaults().write(request.values()), "values");
        RenderedRelease out = renderer.render(chart, RenderRequest.of(request.releaseName())
                .withNamespace(request.namespace()).withValues(values.build()).withIncludeCrds(true));
        List<Resource> resources = new ArrayList<>();
        for (RenderedRelease.Manifest m : out.crds()) {
            resources.addAll(Resource.readAll(m.content(), m.source()));
        }
        for (RenderedRelease.Manifest m : out.manifests()) {
            resources.addAll(Resource.readAll(m.content(), m.source()));
        }
        return new Rendered(resources, chart.name(), chart.version());
    }
}
