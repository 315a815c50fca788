package dev.gitops.api.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import java.util.List;
import java.util.Objects;

/**
 * Renders a HelmRelease's chart to manifests ({@code helm template} semantics): the plug point through which the
 * reconciler reaches gitops-helm. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ChartRenderer {

    /**
     * The rendered objects, hooks excluded, in Helm's install order.
     *
     * @throws dev.gitops.api.error.GitOpsException when the chart cannot be loaded or rendered
     */
    Rendered render(ChartRequest request);

    /**
     * A rendering.
     *
     * @param resources the objects (CRDs of the chart's {@code crds/} directories first, then the templates), hooks
     *     excluded
     * @param chartName the chart's name
     * @param chartVersion the chart's version
     * @param appVersion the chart's appVersion, {@code ""} when unset or not known
     * @param hooks the hook objects (annotated {@code helm.sh/hook}) in Helm's order; the engine runs the
     *     {@code test} hooks when {@code spec.test.enable} is set
     */
    record Rendered(List<Resource> resources, String chartName, String chartVersion, String appVersion,
            List<Resource> hooks) {
        /** Validates and copies. */
        public Rendered {
            resources = List.copyOf(resources);
            Objects.requireNonNull(chartName, "chartName");
            Objects.requireNonNull(chartVersion, "chartVersion");
            Objects.requireNonNull(appVersion, "appVersion");
            hooks = List.copyOf(hooks);
        }

        /** A rendering without hooks and appVersion. */
        public Rendered(List<Resource> resources, String chartName, String chartVersion) {
            this(resources, chartName, chartVersion, "", List.of());
        }
    }

    /**
     * What to render.
     *
     * @param releaseName the release name
     * @param namespace the release namespace
     * @param chart where the chart is
     * @param values the merged values (valuesFrom, then inline values)
     */
    record ChartRequest(String releaseName, String namespace, ChartSource chart, ObjectNode values) {
        /** Validates and copies. */
        public ChartRequest {
            Objects.requireNonNull(releaseName, "releaseName");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(chart, "chart");
            values = values.deepCopy();
        }

        @Override
        public ObjectNode values() {
            return values.deepCopy();
        }
    }

    /** Where a chart comes from. */
    sealed interface ChartSource {
        /**
         * A chart directory inside a source artifact ({@code chart: ./charts/x} with a GitRepository).
         *
         * @param files the artifact's files
         * @param path the chart directory
         * @param valuesFiles extra values files in the artifact, merged in order before the release's values
         */
        record InArtifact(FileSystem files, String path, List<String> valuesFiles) implements ChartSource {
            /** Validates and copies. */
            public InArtifact {
                Objects.requireNonNull(files, "files");
                Objects.requireNonNull(path, "path");
                valuesFiles = List.copyOf(valuesFiles);
            }
        }

        /**
         * A chart in a Helm repository (index over HTTP(S)) or an OCI registry.
         *
         * @param url the repository URL ({@code https://…} or {@code oci://…})
         * @param chart the chart name
         * @param version a semver constraint
         * @param credentials the data of the repository's Secret, empty for none ({@code username}/{@code password},
         *     or {@code .dockerconfigjson} for OCI)
         * @param passCredentials send the credentials to chart hosts other than the repository's
         * @param insecure plain HTTP for an OCI registry ({@code spec.insecure})
         */
        record Repository(String url, String chart, String version, java.util.Map<String, byte[]> credentials,
                boolean passCredentials, boolean insecure) implements ChartSource {
            /** Validates and copies. */
            public Repository {
                Objects.requireNonNull(url, "url");
                Objects.requireNonNull(chart, "chart");
                Objects.requireNonNull(version, "version");
                credentials = java.util.Map.copyOf(credentials);
            }

            /** A repository without passCredentials and insecure. */
            public Repository(String url, String chart, String version, java.util.Map<String, byte[]> credentials) {
                this(url, chart, version, credentials, false, false);
            }

            @Override
            public String toString() {
                return "Repository[" + url + ", " + chart + "@" + version + "]";
            }
        }
    }

    /** A renderer that refuses: HelmReleases need gitops-helm wired in. */
    static ChartRenderer none() {
        return request -> {
            throw new dev.gitops.api.error.GitOpsException("no ChartRenderer is configured (wire gitops-helm) to "
                    + "render release " + request.namespace() + "/" + request.releaseName());
        };
    }
}
