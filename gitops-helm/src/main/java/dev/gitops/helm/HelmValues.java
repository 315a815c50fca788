package dev.gitops.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.yaml.Yaml;
import dev.gitops.helm.internal.Coalesce;
import dev.gitops.helm.internal.GoData;
import dev.gitops.helm.internal.StrVals;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * User values as Helm's CLI builds them: {@code -f} files merged in order, then {@code --set-json}, {@code --set},
 * {@code --set-string} and {@code --set-file} applied on top (Helm's strvals syntax: {@code a.b=c,list[0]=x,
 * l={a,b}}, backslash escapes; {@code --set} types {@code true/false/null} and integers, {@code --set-string} keeps
 * strings). Not thread-safe; build once and pass the map to {@link RenderRequest}.
 */
public final class HelmValues {

    private Map<String, Object> base = new LinkedHashMap<>();
    private final java.util.List<Runnable> pending = new java.util.ArrayList<>();

    private HelmValues() {
    }

    /** An empty set of values. */
    public static HelmValues builder() {
        return new HelmValues();
    }

    /**
     * Merges a values file ({@code -f}); later files win, maps merge recursively.
     *
     * @throws HelmException naming the file when it is not a YAML map
     */
    @SuppressWarnings("unchecked")
    public HelmValues file(String yaml, String fileName) {
        JsonNode n;
        try {
            n = Yaml.defaults().readOne(yaml, fileName).content();
        } catch (RuntimeException e) {
            throw new HelmException("failed to parse " + fileName + ": " + e.getMessage(), e);
        }
        if (n.isNull() || n.isMissingNode()) {
            return this;
        }
        if (!n.isObject()) {
            throw new HelmException("failed to parse " + fileName + ": error unmarshaling JSON: json: cannot "
                    + "unmarshal array into Go value of type map[string]interface {}");
        }
        base = Coalesce.mergeMaps(base, (Map<String, Object>) GoData.fromJson(n));
        return this;
    }

    /** {@code --set}. */
    public HelmValues set(String expr) {
        pending.add(() -> apply(expr, StrVals.Mode.TYPED, null, "--set"));
        return this;
    }

    /** {@code --set-string}. */
    public HelmValues setString(String expr) {
        pending.add(() -> apply(expr, StrVals.Mode.STRING, null, "--set-string"));
        return this;
    }

    /** {@code --set-json}. */
    public HelmValues setJson(String expr) {
        pending.add(() -> apply(expr, StrVals.Mode.JSON, null, "--set-json"));
        return this;
    }

    /** {@code --set-file key=path}, reading paths with {@code reader}. */
    public HelmValues setFile(String expr, Function<String, String> reader) {
        Objects.requireNonNull(reader, "reader");
        pending.add(() -> apply(expr, StrVals.Mode.FILE, reader, "--set-file"));
        return this;
    }

    private void apply(String expr, StrVals.Mode mode, Function<String, String> reader, String flag) {
        try {
            StrVals.parseInto(expr, base, mode, reader);
        } catch (IllegalArgumentException e) {
            throw new HelmException("failed parsing " + flag + " data: " + e.getMessage(), e);
        }
    }

    /** The merged values (a fresh copy). Helm applies --set-json, --set, --set-string, --set-file in that order. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> build() {
        Map<String, Object> saved = (Map<String, Object>) GoData.deepCopy(base);
        try {
            for (Runnable r : pending) {
                r.run();
            }
            return (Map<String, Object>) GoData.deepCopy(base);
        } finally {
            base = saved;
        }
    }
}
