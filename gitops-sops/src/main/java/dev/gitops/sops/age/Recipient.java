package dev.gitops.sops.age;

import java.security.SecureRandom;
import java.util.List;

/** Something a file key can be wrapped to (a public key, a passphrase). Immutable and thread-safe. */
public interface Recipient {

    /** Wraps the 16-byte file key into one or more stanzas. */
    List<Stanza> wrap(byte[] fileKey, SecureRandom random);

    /** True if this recipient's stanza must be the only one in a header (age's rule for scrypt). */
    default boolean mustBeAlone() {
        return false;
    }

    /** The recipient's public string form ({@code age1...}), if it has one (passphrases do not). */
    default java.util.Optional<String> encoded() {
        return java.util.Optional.empty();
    }

    /** True for post-quantum recipients, which age does not let mix with classic ones. */
    default boolean postQuantum() {
        return false;
    }
}
