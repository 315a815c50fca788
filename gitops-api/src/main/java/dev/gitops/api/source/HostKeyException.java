package dev.gitops.api.source;

import java.util.Objects;

/**
 * The SSH server's host key could not be verified against the {@code known_hosts} of the credentials: the host is
 * not listed, it is listed with other keys, or its key is revoked. The message names the host (as
 * {@code host} or {@code [host]:port}) and the offered key's fingerprint.
 */
public class HostKeyException extends SourceException {

    /** Why the key was rejected. */
    public enum Reason {
        /** No key is known for the host ({@code knownhosts: key is unknown}). */
        UNKNOWN,
        /** Keys are known for the host, but not the offered one ({@code knownhosts: key mismatch}). */
        MISMATCH,
        /** The offered key is listed as {@code @revoked} ({@code knownhosts: key is revoked}). */
        REVOKED
    }

    private final String host;
    private final Reason reason;

    /**
     * A rejected host key.
     *
     * @param detail the message
     * @param host the host as {@code host} or {@code [host]:port}
     * @param reason why
     * @param cause the transport failure, may be {@code null}
     */
    public HostKeyException(String detail, String host, Reason reason, Throwable cause) {
        super(detail, cause);
        this.host = Objects.requireNonNull(host, "host");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The host whose key was rejected, as {@code host} or {@code [host]:port}. */
    public String host() {
        return host;
    }

    /** Why the key was rejected. */
    public Reason reason() {
        return reason;
    }
}
