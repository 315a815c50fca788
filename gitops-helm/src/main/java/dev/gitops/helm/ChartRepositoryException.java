package dev.gitops.helm;

/**
 * A chart that cannot be fetched from a chart repository or OCI registry: the repository cannot be reached or
 * refuses access, no version matches the constraint, the archive does not have the digest the index or manifest
 * promises. The message names the URL, the chart and the version constraint (never credentials).
 */
public final class ChartRepositoryException extends HelmException {

    private final String url;
    private final String chart;
    private final String constraint;

    /** A failure. */
    public ChartRepositoryException(String url, String chart, String constraint, String message) {
        super(message);
        this.url = url;
        this.chart = chart;
        this.constraint = constraint;
    }

    /** A failure with its cause. */
    public ChartRepositoryException(String url, String chart, String constraint, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
        this.chart = chart;
        this.constraint = constraint;
    }

    /** The repository URL ({@code https://…} or {@code oci://…}). */
    public String url() {
        return url;
    }

    /** The chart name. */
    public String chart() {
        return chart;
    }

    /** The version constraint ({@code ""} for the latest). */
    public String constraint() {
        return constraint;
    }
}
