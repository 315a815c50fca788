package dev.gitops.api.source;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What to fetch: the parts of a {@code GitRepository} spec that decide an artifact.
 *
 * @param url the remote: {@code https://…}, {@code http://…}, {@code ssh://…}, scp-like {@code git@host:path},
 *     {@code file://…} or a local path
 * @param reference what to check out
 * @param credentials how to authenticate
 * @param ignore extra {@code .sourceignore}-syntax patterns appended after the repository's own ({@code ""} none)
 * @param timeout the limit for each Git operation (Flux's default is 60s)
 */
public record GitSourceSpec(String url, GitReference reference, GitCredentials credentials, String ignore,
        Duration timeout) {

    /** Flux's default Git operation timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** Validates. */
    public GitSourceSpec {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(ignore, "ignore");
        Objects.requireNonNull(timeout, "timeout");
        if (url.isBlank()) {
            throw new IllegalArgumentException("url must not be empty");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /** A spec with no credentials, no extra ignore rules and the default timeout. */
    public static GitSourceSpec of(String url, GitReference reference) {
        return new GitSourceSpec(url, reference, GitCredentials.none(), "", DEFAULT_TIMEOUT);
    }

    /** A copy with other credentials. */
    public GitSourceSpec withCredentials(GitCredentials c) {
        return new GitSourceSpec(url, reference, c, ignore, timeout);
    }

    /** A copy with extra ignore patterns. */
    public GitSourceSpec withIgnore(String patterns) {
        return new GitSourceSpec(url, reference, credentials, patterns, timeout);
    }

    /** A copy with another timeout. */
    public GitSourceSpec withTimeout(Duration t) {
        return new GitSourceSpec(url, reference, credentials, ignore, t);
    }

    /** The URL with any user info removed, safe to print. */
    public String redactedUrl() {
        return redact(url);
    }

    static String redact(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int at = url.indexOf('@', scheme + 3);
        int slash = url.indexOf('/', scheme + 3);
        if (at > 0 && (slash < 0 || at < slash)) {
            String user = url.substring(scheme + 3, at);
            int colon = user.indexOf(':');
            return url.substring(0, scheme + 3) + (colon >= 0 ? user.substring(0, colon) : user) + "@"
                    + url.substring(at + 1);
        }
        return url;
    }

    /** The URL's scheme ({@code file} for a plain path). */
    public Optional<String> scheme() {
        int i = url.indexOf("://");
        if (i > 0) {
            return Optional.of(url.substring(0, i));
        }
        if (url.matches("[^/@]+@[^:]+:.*")) {
            return Optional.of("ssh");
        }
        return Optional.of("file");
    }
}
