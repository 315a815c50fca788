/**
 * age v1 file encryption in pure Java: {@link dev.gitops.sops.age.AgeEncryptor} and
 * {@link dev.gitops.sops.age.AgeDecryptor} (streaming, binary or ASCII-armored), X25519, post-quantum hybrid and
 * passphrase (scrypt) keys, identity files ({@link dev.gitops.sops.age.AgeKeys}), and the
 * {@link dev.gitops.sops.age.Identity} / {@link dev.gitops.sops.age.Recipient} plug points. Failures are
 * {@link dev.gitops.sops.age.AgeException}s, typed as the C2SP CCTV conformance suite distinguishes them.
 */
package dev.gitops.sops.age;
