package dev.gitops.helm;

import dev.gitops.api.engine.ChartRenderer.ChartRequest;
import dev.gitops.api.engine.ChartRenderer.ChartSource;
import dev.gitops.api.engine.ChartRenderer.Rendered;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.oci.RegistryAuth;
import dev.gitops.api.source.OciCredentials;
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
 * {@code chart: ./charts/x}) or from a HelmRepository: an HTTP(S) chart repository ({@code index.yaml}) or an OCI
 * registry ({@code type: oci}, {@code oci://} URL), fetched through a {@link ChartDownloader}. Repository Secrets
 * give basic-auth {@code username}/{@code password} or, for OCI, a {@code .dockerconfigjson}.
 */
public final class HelmReleaseRenderer implements dev.gitops.api.engine.ChartRenderer {

    private final ChartRenderer renderer;
    private final ChartDownloader downloader;

    private HelmReleaseRenderer(ChartRenderer renderer, ChartDownloader downloader) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.downloader = Objects.requireNonNull(downloader, "downloader");
    }

    /** A renderer with Helm's defaults (Kubernetes v1.35.0 capabilities) and a default {@link ChartDownloader}. */
    public static HelmReleaseRenderer create() {
        return new HelmReleaseRenderer(ChartRenderer.builder().build(), ChartDownloader.builder().build());
    }

    /** A renderer around a configured {@link ChartRenderer}. */
    public static HelmReleaseRenderer of(ChartRenderer renderer) {
        return new HelmReleaseRenderer(renderer, ChartDownloader.builder().build());
    }

    /** A renderer around a configured {@link ChartRenderer} and {@link ChartDownloader} (transport, cache). */
    public static HelmReleaseRenderer of(ChartRenderer renderer, ChartDownloader downloader) {
        return new HelmReleaseRenderer(renderer, downloader);
    }

    @Override
    public Rendered render(ChartRequest request) {
        Chart chart;
        HelmValues values = HelmValues.builder();
        if (request.chart() instanceof ChartSource.Repository repo) {
            chart = downloader.download(reference(repo)).chart();
        } else {
            ChartSource.InArtifact artifact = (ChartSource.InArtifact) request.chart();
            chart = ChartLoader.load(artifact.files(), artifact.path());
            for (String file : artifact.valuesFiles()) {
                // Flux resolves valuesFiles from the root of the source, not from the chart
                String path = FsPaths.normalize(file);
                values = values.file(artifact.files().readString(path), path);
            }
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

    /** The chart reference of a HelmRepository chart (type oci means an {@code oci://} URL). */
    static ChartReference reference(ChartSource.Repository repo) {
        RegistryAuth auth = RegistryAuth.anonymous();
        if (!repo.credentials().isEmpty()) {
            if (repo.url().startsWith("oci://")) {
                auth = OciCredentials.fromSecretData(repo.credentials(), "HelmRepository secretRef");
            } else {
                auth = OciCredentials.basicAuth(repo.credentials()).map(RegistryAuth::always)
                        .orElse(RegistryAuth.anonymous());
            }
        }
        return new ChartReference(repo.url(), repo.chart(), repo.version(), auth, repo.passCredentials(),
                repo.insecure());
    }
}
