package dev.gitops.sops;

import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.Origin;

/**
 * A failure to decrypt or encrypt a SOPS file. Each kind is its own type; messages name the file and the value's
 * path, never a secret value. No partial plaintext accompanies any of them.
 */
public abstract sealed class SopsException extends GitOpsException {

    SopsException(String detail, Origin origin, Throwable cause) {
        super(detail, origin, null, cause);
    }

    /** The file cannot be parsed, or its metadata or an encrypted value is malformed or truncated. */
    public static final class Malformed extends SopsException {
        /** Creates the exception. */
        public Malformed(Origin origin, String detail) {
            super(detail, origin, null);
        }

        /** Creates the exception with a cause. */
        public Malformed(Origin origin, String detail, Throwable cause) {
            super(detail, origin, cause);
        }
    }

    /** The file has no {@code sops} metadata: it is not SOPS-encrypted (or was truncated before it). */
    public static final class MetadataNotFound extends SopsException {
        /** Creates the exception. */
        public MetadataNotFound(Origin origin) {
            super("sops metadata not found", origin, null);
        }
    }

    /** None of the available keys can decrypt the data key ("wrong key"). */
    public static final class NoMatchingKey extends SopsException {
        /** Creates the exception. */
        public NoMatchingKey(Origin origin, String detail) {
            super(detail, origin, null);
        }
    }

    /** The data key is wrapped only with key types this library does not implement (PGP, KMS, Vault, age PQ...). */
    public static final class UnsupportedKeyType extends SopsException {
        /** Creates the exception. */
        public UnsupportedKeyType(Origin origin, String detail) {
            super(detail, origin, null);
        }
    }

    /** An encrypted value failed its AES-GCM authentication: it was tampered with, or moved to another path. */
    public static final class ValueAuthenticationFailure extends SopsException {
        /** Creates the exception. */
        public ValueAuthenticationFailure(Origin origin, String detail) {
            super(detail, origin, null);
        }
    }

    /** Every value decrypted but the MAC over the document does not match: values were added, removed or changed. */
    public static final class MacMismatch extends SopsException {
        /** Creates the exception. */
        public MacMismatch(Origin origin, String detail) {
            super(detail, origin, null);
        }
    }
}
