package dev.gitops.api.source;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.oci.MediaTypes;
import dev.gitops.api.oci.RegistryAuth;
import java.util.Objects;

/**
 * What an OCIRepository ({@code source.toolkit.fluxcd.io/v1}) fetches: the {@code oci://} URL of a repository,
 * the reference ({@code ref.digest} wins over {@code ref.semver}, which wins over {@code ref.tag}; none means tag
 * {@code latest}), the layer to take and how, extra ignore rules, credentials and whether plain HTTP is allowed.
 *
 * @param url {@code oci://host/path} (no tag)
 * @param tag {@code ref.tag}, {@code ""} for none
 * @param semver {@code ref.semver}, {@code ""} for none
 * @param semverFilter {@code ref.semverFilter} (an RE2 regular expression), {@code ""} for none
 * @param digest {@code ref.digest}, {@code ""} for none
 * @param layerMediaType {@code layerSelector.mediaType}; {@code ""} takes the first layer, as Flux does
 * @param layerOperation {@code extract} (untar the layer, apply ignore rules) or {@code copy} (keep the layer's
 *     content as is, no ignore rules)
 * @param ignore {@code spec.ignore} patterns ({@code .sourceignore} syntax), {@code ""} for none
 * @param auth credentials by registry host
 * @param insecure {@code spec.insecure}: plain HTTP
 */
public record OciSourceSpec(String url, String tag, String semver, String semverFilter, String digest,
        String layerMediaType, String layerOperation, String ignore, RegistryAuth auth, boolean insecure) {

    /** The operation that untars the layer. */
    public static final String EXTRACT = "extract";
    /** The operation that keeps the layer as it is. */
    public static final String COPY = "copy";

    /** Validates. */
    public OciSourceSpec {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(semver, "semver");
        Objects.requireNonNull(semverFilter, "semverFilter");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(layerMediaType, "layerMediaType");
        Objects.requireNonNull(layerOperation, "layerOperation");
        Objects.requireNonNull(ignore, "ignore");
        Objects.requireNonNull(auth, "auth");
        if (!url.startsWith("oci://")) {
            throw new InvalidInputException("URL must be in format 'oci://<domain>/<org>/<repo>': " + url);
        }
        if (layerOperation.isEmpty()) {
            layerOperation = EXTRACT;
        }
        if (!layerOperation.equals(EXTRACT) && !layerOperation.equals(COPY)) {
            throw new InvalidInputException("layerSelector.operation must be 'extract' or 'copy', got '"
                    + layerOperation + "'");
        }
    }

    /** A spec for {@code url} at tag {@code latest}, first layer, extracted, anonymous. */
    public static OciSourceSpec of(String url) {
        return new OciSourceSpec(url, "", "", "", "", "", EXTRACT, "", RegistryAuth.anonymous(), false);
    }

    /** This spec at a tag. */
    public OciSourceSpec withTag(String t) {
        return new OciSourceSpec(url, t, semver, semverFilter, digest, layerMediaType, layerOperation, ignore, auth,
                insecure);
    }

    /** This spec with a semver range (and an optional tag filter, {@code ""} for none). */
    public OciSourceSpec withSemver(String range, String filter) {
        return new OciSourceSpec(url, tag, range, filter, digest, layerMediaType, layerOperation, ignore, auth,
                insecure);
    }

    /** This spec pinned to a digest. */
    public OciSourceSpec withDigest(String d) {
        return new OciSourceSpec(url, tag, semver, semverFilter, d, layerMediaType, layerOperation, ignore, auth,
                insecure);
    }

    /** This spec with a layer selector ({@link MediaTypes#FLUX_CONTENT}, {@link MediaTypes#HELM_CHART_CONTENT}…). */
    public OciSourceSpec withLayer(String mediaType, String operation) {
        return new OciSourceSpec(url, tag, semver, semverFilter, digest, mediaType, operation, ignore, auth,
                insecure);
    }

    /** This spec with ignore patterns. */
    public OciSourceSpec withIgnore(String patterns) {
        return new OciSourceSpec(url, tag, semver, semverFilter, digest, layerMediaType, layerOperation, patterns,
                auth, insecure);
    }

    /** This spec with credentials. */
    public OciSourceSpec withAuth(RegistryAuth a) {
        return new OciSourceSpec(url, tag, semver, semverFilter, digest, layerMediaType, layerOperation, ignore, a,
                insecure);
    }

    /** This spec allowing plain HTTP. */
    public OciSourceSpec withInsecure(boolean plain) {
        return new OciSourceSpec(url, tag, semver, semverFilter, digest, layerMediaType, layerOperation, ignore, auth,
                plain);
    }

    /** Everything except credentials. */
    @Override
    public String toString() {
        return "OciSourceSpec[" + url + ", tag=" + tag + ", semver=" + semver + ", digest=" + digest + ", layer="
                + layerMediaType + ", operation=" + layerOperation + "]";
    }
}
