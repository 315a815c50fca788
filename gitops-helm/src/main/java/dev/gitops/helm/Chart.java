package dev.gitops.helm;

import dev.gitops.helm.internal.GoData;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded Helm chart: its Chart.yaml, default values, templates, other files and dependencies (the charts found in
 * {@code charts/}). Immutable; values and metadata are deep copies held read-only.
 *
 * @param metadata Chart.yaml as data (keys as written, e.g. {@code name}, {@code version}, {@code dependencies})
 * @param values values.yaml as data (numbers are float64, as Helm reads them)
 * @param schema values.schema.json when present
 * @param templates files under {@code templates/}
 * @param files every other file except Chart.yaml, Chart.lock, values.yaml and values.schema.json (crds included)
 * @param dependencies the charts in {@code charts/}, in name order
 */
public record Chart(Map<String, Object> metadata, Map<String, Object> values, Optional<String> schema,
        List<ChartFile> templates, List<ChartFile> files, List<Chart> dependencies) {

    /** Validates and copies. */
    @SuppressWarnings("unchecked")
    public Chart {
        metadata = Collections.unmodifiableMap((Map<String, Object>) GoData.deepCopy(
                Objects.requireNonNull(metadata, "metadata")));
        values = Collections.unmodifiableMap((Map<String, Object>) GoData.deepCopy(
                Objects.requireNonNull(values, "values")));
        Objects.requireNonNull(schema, "schema");
        templates = List.copyOf(templates);
        files = List.copyOf(files);
        dependencies = List.copyOf(dependencies);
        if (!(metadata.get("name") instanceof String n) || n.isEmpty()) {
            throw new HelmException("validation: chart.metadata.name is required");
        }
    }

    /** The chart's name. */
    public String name() {
        return (String) metadata.get("name");
    }

    /** The chart's version. */
    public String version() {
        return metadata.get("version") == null ? "" : GoData.strval(metadata.get("version"));
    }

    /** {@code application} or {@code library}. */
    public String type() {
        Object t = metadata.get("type");
        return t == null ? "" : GoData.strval(t);
    }

    /** A copy with another name (how Helm applies a dependency alias). */
    public Chart withName(String newName) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(metadata);
        m.put("name", newName);
        return new Chart(m, values, schema, templates, files, dependencies);
    }

    /** A copy with other dependencies. */
    public Chart withDependencies(List<Chart> deps) {
        return new Chart(metadata, values, schema, templates, files, deps);
    }

    /** A copy with other default values. */
    public Chart withValues(Map<String, Object> newValues) {
        return new Chart(metadata, newValues, schema, templates, files, dependencies);
    }
}
