/**
 * SOPS (sops 3.x) in pure Java: {@link dev.gitops.sops.SopsDecryptor} and {@link dev.gitops.sops.SopsEncryptor} for
 * YAML, JSON, dotenv, INI and binary files with age master keys, {@link dev.gitops.sops.SopsConfig} for
 * {@code .sops.yaml} creation rules, {@link dev.gitops.sops.SopsKeys} for sops' key sources, and
 * {@link dev.gitops.sops.SopsResourceDecryptor} for decrypting a Kustomization's build output as Flux does.
 * Failures are {@link dev.gitops.sops.SopsException}s; no partial plaintext is ever returned.
 */
package dev.gitops.sops;
