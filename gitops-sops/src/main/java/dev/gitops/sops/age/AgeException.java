package dev.gitops.sops.age;

import dev.gitops.api.error.GitOpsException;

/**
 * A failure while reading, decrypting or encrypting an age file. The subtypes tell the kinds apart in the way the
 * age conformance suite (C2SP CCTV) does, so that callers can react to "wrong key" differently from "damaged file".
 * Messages never contain key material or plaintext.
 */
public abstract sealed class AgeException extends GitOpsException {

    AgeException(String detail, Throwable cause) {
        super(detail, cause);
    }

    /** The header parsed, but none of its stanzas could be unwrapped by the given identities ("wrong key"). */
    public static final class NoIdentityMatch extends AgeException {
        /** Creates the exception. */
        public NoIdentityMatch(String detail) {
            super(detail, null);
        }
    }

    /** A file key was unwrapped, but the header MAC did not verify: the header was altered. No payload was read. */
    public static final class HeaderMacMismatch extends AgeException {
        /** Creates the exception. */
        public HeaderMacMismatch(String detail) {
            super(detail, null);
        }
    }

    /** Why a payload failed. */
    public enum PayloadProblem {
        /** A chunk did not authenticate (tampered or wrong key). */
        AUTHENTICATION,
        /** The payload ended before its final chunk (truncated or missing final chunk). */
        TRUNCATED,
        /** Data follows the final chunk. */
        TRAILING_DATA,
        /** A final chunk was empty although the payload was not. */
        EMPTY_LAST_CHUNK
    }

    /**
     * The STREAM payload failed after the header verified. Chunks released before the failure were authentic, but
     * the file as a whole is not: callers must discard everything they read.
     */
    public static final class PayloadFailure extends AgeException {
        private final PayloadProblem problem;

        /** Creates the exception. */
        public PayloadFailure(PayloadProblem problem, String detail) {
            super(detail, null);
            this.problem = java.util.Objects.requireNonNull(problem, "problem");
        }

        /** What went wrong. */
        public PayloadProblem problem() {
            return problem;
        }
    }

    /** Which layer of the file is malformed. */
    public enum Layer {
        /** The ASCII armor around the file. */
        ARMOR,
        /** The header, including stanza contents that a recipient type finds invalid. */
        HEADER,
        /** A key or identity file. */
        KEY
    }

    /** The input is not a well-formed, canonical age file (or key), or is out of the accepted limits. */
    public static final class Malformed extends AgeException {
        private final Layer layer;

        /** Creates the exception. */
        public Malformed(Layer layer, String detail) {
            this(layer, detail, null);
        }

        /** Creates the exception with a cause. */
        public Malformed(Layer layer, String detail, Throwable cause) {
            super(detail, cause);
            this.layer = java.util.Objects.requireNonNull(layer, "layer");
        }

        /** The layer that is malformed. */
        public Layer layer() {
            return layer;
        }
    }

    /** A recipient or identity type this library recognises but does not implement (post-quantum, plugins, SSH). */
    public static final class Unsupported extends AgeException {
        /** Creates the exception. */
        public Unsupported(String detail) {
            super(detail, null);
        }
    }

    /** Reading or writing the underlying stream failed. */
    public static final class Io extends AgeException {
        /** Creates the exception. */
        public Io(String detail, java.io.IOException cause) {
            super(detail, cause);
        }
    }
}
