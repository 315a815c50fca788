package dev.gitops.api.image;

import dev.gitops.api.error.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image reference as an ImagePolicy reports its latest image ({@code status.latestRef}): repository name, tag
 * and optional digest. {@link #toString()} is {@code name:tag[@digest]}, the value a full {@code $imagepolicy}
 * marker receives.
 *
 * @param name the repository, e.g. {@code ghcr.io/org/app}
 * @param tag the tag, e.g. {@code v1.2.3}
 * @param digest the digest ({@code sha256:…}), {@code ""} for none
 */
public record ImageRef(String name, String tag, String digest) {

    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");

    /** Validates the components. */
    public ImageRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == '@') || name.endsWith("/")) {
            throw new InvalidInputException("invalid image name " + quote(name));
        }
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidInputException("invalid image tag " + quote(tag) + " (want [A-Za-z0-9_][A-Za-z0-9_.-]{0,127})");
        }
        if (!digest.isEmpty() && !DIGEST.matcher(digest).matches()) {
            throw new InvalidInputException("invalid image digest " + quote(digest));
        }
    }

    /**
     * Parses {@code name:tag} or {@code name:tag@digest}; the tag is after the last {@code :} that follows the
     * last {@code /} (so {@code registry:5000/app:1.0} works).
     *
     * @throws InvalidInputException when there is no tag or a part is invalid
     */
    public static ImageRef parse(String ref) {
        Objects.requireNonNull(ref, "ref");
        String digest = "";
        String rest = ref;
        int at = ref.indexOf('@');
        if (at >= 0) {
            digest = ref.substring(at + 1);
            rest = ref.substring(0, at);
        }
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon <= slash) {
            throw new InvalidInputException("image reference " + quote(ref) + " has no tag (want NAME:TAG[@DIGEST])");
        }
        return new ImageRef(rest.substring(0, colon), rest.substring(colon + 1), digest);
    }

    private static String quote(String s) {
        return dev.gitops.api.semver.internal.GoStrings.quote(s);
    }

    /** {@code name:tag}, with {@code @digest} when there is one. */
    @Override
    public String toString() {
        return name + ":" + tag + (digest.isEmpty() ? "" : "@" + digest);
    }
}
