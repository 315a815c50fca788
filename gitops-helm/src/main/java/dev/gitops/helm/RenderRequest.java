package dev.gitops.helm;

import dev.gitops.helm.internal.GoData;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * What to render: the release name and namespace, the user-supplied values (already merged from files and
 * {@code --set} flags, see {@link HelmValues}), and the {@code helm template} switches.
 *
 * @param releaseName the release name ({@code .Release.Name})
 * @param namespace the namespace ({@code .Release.Namespace}), {@code default} unless told otherwise
 * @param values user values (deep-copied)
 * @param includeCrds print the chart's {@code crds/} files first, as {@code --include-crds} does
 * @param skipTests leave out test hooks, as {@code --skip-tests} does
 * @param isUpgrade render as an upgrade ({@code .Release.IsUpgrade}) rather than an install
 * @param revision {@code .Release.Revision}
 */
public record RenderRequest(String releaseName, String namespace, Map<String, Object> values, boolean includeCrds,
        boolean skipTests, boolean isUpgrade, int revision) {

    /** Validates and copies. */
    @SuppressWarnings("unchecked")
    public RenderRequest {
        Objects.requireNonNull(releaseName, "releaseName");
        Objects.requireNonNull(namespace, "namespace");
        values = Collections.unmodifiableMap((Map<String, Object>) GoData.deepCopy(
                Objects.requireNonNull(values, "values")));
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be >= 1");
        }
    }

    /** An install of {@code releaseName} into namespace {@code default} with no user values. */
    public static RenderRequest of(String releaseName) {
        return new RenderRequest(releaseName, "default", Map.of(), false, false, false, 1);
    }

    /** A copy in another namespace. */
    public RenderRequest withNamespace(String ns) {
        return new RenderRequest(releaseName, ns, values, includeCrds, skipTests, isUpgrade, revision);
    }

    /** A copy with other user values. */
    public RenderRequest withValues(Map<String, Object> v) {
        return new RenderRequest(releaseName, namespace, v, includeCrds, skipTests, isUpgrade, revision);
    }

    /** A copy with {@code --include-crds} on or off. */
    public RenderRequest withIncludeCrds(boolean on) {
        return new RenderRequest(releaseName, namespace, values, on, skipTests, isUpgrade, revision);
    }

    /** A copy with {@code --skip-tests} on or off. */
    public RenderRequest withSkipTests(boolean on) {
        return new RenderRequest(releaseName, namespace, values, includeCrds, on, isUpgrade, revision);
    }
}
