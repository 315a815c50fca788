package dev.gitops.sops.age;

import java.util.List;
import java.util.Optional;

/**
 * Something that can unwrap a file key from the recipient stanzas of an age header (a private key, a passphrase).
 * Implementations must be immutable and thread-safe.
 */
public interface Identity {

    /**
     * Tries to unwrap the 16-byte file key.
     *
     * @return the file key, or empty if no stanza is addressed to this identity
     * @throws AgeException.Malformed if a stanza of this identity's type is invalid
     */
    Optional<byte[]> unwrap(List<Stanza> stanzas);
}
