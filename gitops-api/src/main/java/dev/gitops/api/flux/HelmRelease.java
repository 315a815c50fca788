package dev.gitops.api.flux;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code helm.toolkit.fluxcd.io/v2 HelmRelease}; {@code v2beta1} and {@code v2beta2} are read into the same record.
 *
 * @param apiVersion the apiVersion as written
 * @param meta metadata
 * @param spec the spec
 */
public record HelmRelease(String apiVersion, FluxMeta meta, Spec spec) implements FluxObject {

    /** Validates. */
    public HelmRelease {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public boolean suspended() {
        return spec.suspend();
    }

    /**
     * The Helm release name as helm-controller computes it: {@code spec.releaseName}, else
     * {@code <targetNamespace>-<name>} when a target namespace is set, else the object's name.
     */
    public String releaseName() {
        if (!spec.releaseName().isEmpty()) {
            return spec.releaseName();
        }
        if (!spec.targetNamespace().isEmpty()) {
            return spec.targetNamespace() + "-" + meta.name();
        }
        return meta.name();
    }

    /** The namespace the release is installed into: {@code targetNamespace}, else the object's namespace. */
    public String releaseNamespace(String defaultNamespace) {
        if (!spec.targetNamespace().isEmpty()) {
            return spec.targetNamespace();
        }
        return meta.namespace().isEmpty() ? defaultNamespace : meta.namespace();
    }

    /**
     * The spec.
     *
     * @param chart {@code chart.spec}; {@link ChartTemplate#name()} is {@code ""} when {@code chartRef} is used
     * @param chartRef {@code chartRef} (an OCIRepository or HelmChart), name {@code ""} when unset
     * @param interval reconcile interval
     * @param releaseName release name override
     * @param targetNamespace install namespace
     * @param storageNamespace namespace of the release records
     * @param values inline values
     * @param valuesFrom values from ConfigMaps and Secrets
     * @param dependsOn HelmReleases that must be ready first
     * @param suspend suspended
     * @param timeout timeout of Helm actions (default 5m)
     * @param maxHistory release history kept (default 5)
     * @param serviceAccountName impersonated service account
     * @param install {@code install} settings, as written
     * @param upgrade {@code upgrade} settings, as written
     * @param test {@code test} settings, as written
     * @param rollback {@code rollback} settings, as written
     * @param uninstall {@code uninstall} settings, as written
     * @param driftDetectionMode {@code driftDetection.mode}: {@code enabled}, {@code warn} or {@code disabled}
     * @param postRenderers {@code postRenderers}, as written (a sequence)
     * @param driftDetection {@code driftDetection}, as written ({@code mode} and {@code ignore} rules)
     */
    public record Spec(ChartTemplate chart, NamespacedRef chartRef, Duration interval, String releaseName,
            String targetNamespace, String storageNamespace, ObjectNode values, List<ValuesReference> valuesFrom,
            List<NamespacedRef> dependsOn, boolean suspend, Duration timeout, long maxHistory,
            String serviceAccountName, ObjectNode install, ObjectNode upgrade, ObjectNode test, ObjectNode rollback,
            ObjectNode uninstall, String driftDetectionMode, com.fasterxml.jackson.databind.JsonNode postRenderers,
            ObjectNode driftDetection) {

        /** A spec whose {@code driftDetection} holds only the mode. */
        public Spec(ChartTemplate chart, NamespacedRef chartRef, Duration interval, String releaseName,
                String targetNamespace, String storageNamespace, ObjectNode values, List<ValuesReference> valuesFrom,
                List<NamespacedRef> dependsOn, boolean suspend, Duration timeout, long maxHistory,
                String serviceAccountName, ObjectNode install, ObjectNode upgrade, ObjectNode test,
                ObjectNode rollback, ObjectNode uninstall, String driftDetectionMode,
                com.fasterxml.jackson.databind.JsonNode postRenderers) {
            this(chart, chartRef, interval, releaseName, targetNamespace, storageNamespace, values, valuesFrom,
                    dependsOn, suspend, timeout, maxHistory, serviceAccountName, install, upgrade, test, rollback,
                    uninstall, driftDetectionMode, postRenderers, com.fasterxml.jackson.databind.node.JsonNodeFactory
                            .instance.objectNode().put("mode", driftDetectionMode));
        }

        /** Validates and copies. */
        public Spec {
            Objects.requireNonNull(chart, "chart");
            Objects.requireNonNull(chartRef, "chartRef");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(releaseName, "releaseName");
            Objects.requireNonNull(targetNamespace, "targetNamespace");
            Objects.requireNonNull(storageNamespace, "storageNamespace");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(serviceAccountName, "serviceAccountName");
            Objects.requireNonNull(driftDetectionMode, "driftDetectionMode");
            values = values.deepCopy();
            valuesFrom = List.copyOf(valuesFrom);
            dependsOn = List.copyOf(dependsOn);
            install = install.deepCopy();
            upgrade = upgrade.deepCopy();
            test = test.deepCopy();
            rollback = rollback.deepCopy();
            uninstall = uninstall.deepCopy();
            postRenderers = postRenderers.deepCopy();
            driftDetection = driftDetection.deepCopy();
        }

        @Override
        public ObjectNode values() {
            return values.deepCopy();
        }
    }

    /**
     * {@code chart.spec}.
     *
     * @param name chart name in a HelmRepository, or a path ({@code ./charts/x}) in a GitRepository
     * @param version semver constraint (default {@code *})
     * @param sourceRef the HelmRepository, GitRepository or Bucket
     * @param interval how often to check for new chart versions
     * @param reconcileStrategy {@code ChartVersion} or {@code Revision}
     * @param valuesFiles extra values files inside the chart source
     */
    public record ChartTemplate(String name, String version, NamespacedRef sourceRef, Duration interval,
            String reconcileStrategy, List<String> valuesFiles) {
        /** Validates and copies. */
        public ChartTemplate {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(sourceRef, "sourceRef");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(reconcileStrategy, "reconcileStrategy");
            valuesFiles = List.copyOf(valuesFiles);
        }
    }

    /**
     * {@code valuesFrom[]}.
     *
     * @param kind {@code ConfigMap} or {@code Secret}
     * @param name object name
     * @param valuesKey data key (default {@code values.yaml})
     * @param targetPath dotted path to set the value at instead of merging, {@code ""} for a merge
     * @param optional tolerate a missing object or key
     */
    public record ValuesReference(String kind, String name, String valuesKey, String targetPath, boolean optional) {
        /** Validates. */
        public ValuesReference {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(valuesKey, "valuesKey");
            Objects.requireNonNull(targetPath, "targetPath");
        }
    }
}
