package dev.gitops.helm;

import java.util.Objects;

/**
 * A chart fetched from a repository.
 *
 * @param chart the loaded chart
 * @param version the version that satisfied the constraint
 * @param url where the archive came from ({@code https://…/web-1.2.3.tgz} or {@code oci://host/path/web:1.2.3})
 * @param digest the archive's {@code sha256:} digest
 */
public record DownloadedChart(Chart chart, String version, String url, String digest) {

    /** Validates. */
    public DownloadedChart {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(digest, "digest");
    }
}
