package dev.gitops.api.engine;

/** The condition reasons the engine writes, as Flux's controllers name them. */
public final class Reasons {

    private Reasons() {
    }

    /** Applied and healthy. */
    public static final String RECONCILIATION_SUCCEEDED = "ReconciliationSucceeded";
    /** A reconcile failed. */
    public static final String RECONCILIATION_FAILED = "ReconciliationFailed";
    /** Work in progress. */
    public static final String PROGRESSING = "Progressing";
    /** Retrying after a failure. */
    public static final String PROGRESSING_WITH_RETRY = "ProgressingWithRetry";
    /** A dependency is not ready. */
    public static final String DEPENDENCY_NOT_READY = "DependencyNotReady";
    /** The source artifact could not be obtained. */
    public static final String ARTIFACT_FAILED = "ArtifactFailed";
    /** The build (kustomize, substitution, decryption) failed. */
    public static final String BUILD_FAILED = "BuildFailed";
    /** Health checks failed or timed out. */
    public static final String HEALTH_CHECK_FAILED = "HealthCheckFailed";
    /** Garbage collection failed. */
    public static final String PRUNE_FAILED = "PruneFailed";
    /** The object is invalid and will not be retried until it changes. */
    public static final String INVALID = "InvalidSpec";
    /** Objects depend on each other in a cycle. */
    public static final String DEPENDENCY_CYCLE = "DependencyCycle";
    /** The source was fetched. */
    public static final String SUCCEEDED = "Succeeded";
    /** A Git operation failed. */
    public static final String GIT_OPERATION_FAILED = "GitOperationFailed";
    /** Pulling an OCI artifact failed. */
    public static final String OCI_PULL_FAILED = "OCIArtifactPullFailed";
    /** Helm install succeeded. */
    public static final String INSTALL_SUCCEEDED = "InstallSucceeded";
    /** Helm upgrade succeeded. */
    public static final String UPGRADE_SUCCEEDED = "UpgradeSucceeded";
    /** Helm install failed. */
    public static final String INSTALL_FAILED = "InstallFailed";
    /** Helm upgrade failed. */
    public static final String UPGRADE_FAILED = "UpgradeFailed";
    /** A Helm rollback remediation succeeded. */
    public static final String ROLLBACK_SUCCEEDED = "RollbackSucceeded";
    /** A Helm rollback remediation failed. */
    public static final String ROLLBACK_FAILED = "RollbackFailed";
    /** A Helm uninstall remediation succeeded. */
    public static final String UNINSTALL_SUCCEEDED = "UninstallSucceeded";
    /** A Helm uninstall remediation failed. */
    public static final String UNINSTALL_FAILED = "UninstallFailed";
    /** Helm tests succeeded. */
    public static final String TEST_SUCCEEDED = "TestSucceeded";
    /** Helm tests failed. */
    public static final String TEST_FAILED = "TestFailed";
    /** The install or upgrade remediation retries are exhausted (on Stalled). */
    public static final String RETRIES_EXCEEDED = "RetriesExceeded";
    /** There is no release to roll back to (on Stalled). */
    public static final String MISSING_ROLLBACK_TARGET = "MissingRollbackTarget";
    /** The cluster state of a release drifted from the release manifest (on Drifted). */
    public static final String DRIFT_DETECTED = "DriftDetected";
    /** No drift was found (on Drifted). */
    public static final String NO_DRIFT_DETECTED = "NoDriftDetected";
    /** Drift was corrected (event). */
    public static final String DRIFT_CORRECTED = "DriftCorrected";
    /** Drift could not be corrected (event). */
    public static final String DRIFT_CORRECTION_FAILED = "DriftCorrectionFailed";
    /** A HelmRelease's valuesFrom could not be resolved. */
    public static final String VALUES_ERROR = "ValuesError";
    /** A chart could not be obtained or rendered. */
    public static final String ARTIFACT_FAILED_CHART = "ChartRenderFailed";
    /** The object is suspended. */
    public static final String SUSPENDED = "Suspended";
}
