package dev.gitops.api.engine;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One Helm release record of a HelmRelease, as helm-controller v2 keeps them in {@code status.history}: the newest
 * first, truncated to the releases that still matter (back to the last good one, at most {@code maxHistory}).
 *
 * @param name the release name
 * @param namespace the release namespace
 * @param version the release revision (1 for the first install, +1 for each upgrade or rollback)
 * @param status Helm's status: {@code deployed}, {@code superseded}, {@code failed} or {@code uninstalled}
 * @param action the release action that produced it: {@code install}, {@code upgrade} or {@code rollback}
 * @param chartName the chart's name
 * @param chartVersion the chart's version
 * @param appVersion the chart's appVersion, {@code ""} when not known
 * @param configDigest {@code sha256:} digest of the values (canonical JSON, as {@code chartutil.DigestValues})
 * @param digest {@code sha256:} digest of the release (chart, values and manifest)
 * @param firstDeployed when the release's first revision was deployed
 * @param lastDeployed when this revision was deployed (or attempted)
 * @param deleted when it was uninstalled ({@link Instant#EPOCH} when not)
 * @param tested whether the Helm tests ran against this revision
 * @param testHooks test hook name to phase ({@code Succeeded} or {@code Failed}), empty when untested
 */
public record HelmReleaseSnapshot(String name, String namespace, int version, String status, String action,
        String chartName, String chartVersion, String appVersion, String configDigest, String digest,
        Instant firstDeployed, Instant lastDeployed, Instant deleted, boolean tested, Map<String, String> testHooks) {

    /** Helm's status of the current release. */
    public static final String DEPLOYED = "deployed";
    /** Helm's status of a release replaced by a newer one. */
    public static final String SUPERSEDED = "superseded";
    /** Helm's status of a failed release. */
    public static final String FAILED = "failed";
    /** Helm's status of an uninstalled release. */
    public static final String UNINSTALLED = "uninstalled";

    /** Validates and copies. */
    public HelmReleaseSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(chartName, "chartName");
        Objects.requireNonNull(chartVersion, "chartVersion");
        Objects.requireNonNull(appVersion, "appVersion");
        Objects.requireNonNull(configDigest, "configDigest");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(firstDeployed, "firstDeployed");
        Objects.requireNonNull(lastDeployed, "lastDeployed");
        Objects.requireNonNull(deleted, "deleted");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
        testHooks = java.util.Collections.unmodifiableMap(new TreeMap<>(testHooks));
    }

    /** {@code namespace/name.vN}, as helm-controller prints a release. */
    public String fullReleaseName() {
        return namespace + "/" + name + ".v" + version;
    }

    /** {@code chart@version}. */
    public String versionedChartName() {
        return chartName + "@" + chartVersion;
    }

    /** When it was uninstalled. */
    public Optional<Instant> deletedAt() {
        return deleted.equals(Instant.EPOCH) ? Optional.empty() : Optional.of(deleted);
    }

    /** True when a test hook failed. */
    public boolean hasFailedTest() {
        return testHooks.containsValue("Failed");
    }

    /** This record with another status. */
    public HelmReleaseSnapshot withStatus(String newStatus) {
        return new HelmReleaseSnapshot(name, namespace, version, newStatus, action, chartName, chartVersion,
                appVersion, configDigest, digest, firstDeployed, lastDeployed, deleted, tested, testHooks);
    }

    /** This record uninstalled at {@code when}. */
    public HelmReleaseSnapshot uninstalled(Instant when) {
        return new HelmReleaseSnapshot(name, namespace, version, UNINSTALLED, action, chartName, chartVersion,
                appVersion, configDigest, digest, firstDeployed, lastDeployed, when, tested, testHooks);
    }

    /** This record with the test results. */
    public HelmReleaseSnapshot withTests(Map<String, String> hooks) {
        return new HelmReleaseSnapshot(name, namespace, version, status, action, chartName, chartVersion,
                appVersion, configDigest, digest, firstDeployed, lastDeployed, deleted, true, hooks);
    }
}
