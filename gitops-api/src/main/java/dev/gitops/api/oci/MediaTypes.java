package dev.gitops.api.oci;

import java.util.List;

/** Media types of OCI and Docker manifests, Helm charts and Flux artifacts. */
public final class MediaTypes {

    /** OCI image manifest. */
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** OCI image index. */
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** Docker image manifest, schema 2. */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** Docker manifest list. */
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** OCI empty config ({@code {}}). */
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    /** Helm chart config (Chart.yaml as JSON). */
    public static final String HELM_CONFIG = "application/vnd.cncf.helm.config.v1+json";
    /** Helm chart content (the packaged {@code .tgz}). */
    public static final String HELM_CHART_CONTENT = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    /** Helm chart provenance file. */
    public static final String HELM_PROVENANCE = "application/vnd.cncf.helm.chart.provenance.v1.prov";
    /** Flux artifact config ({@code flux push artifact}). */
    public static final String FLUX_CONFIG = "application/vnd.cncf.flux.config.v1+json";
    /** Flux artifact content ({@code flux push artifact}): a gzip tarball. */
    public static final String FLUX_CONTENT = "application/vnd.cncf.flux.content.v1.tar+gzip";

    /** The manifest media types a client accepts, in preference order. */
    public static final List<String> MANIFESTS = List.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST,
            DOCKER_MANIFEST_LIST);

    private MediaTypes() {
    }

    /** True for an index / manifest list. */
    public static boolean isIndex(String mediaType) {
        return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
    }
}
