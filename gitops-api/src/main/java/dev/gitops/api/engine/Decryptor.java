package dev.gitops.api.engine;

import dev.gitops.api.model.Resource;
import java.util.Map;

/**
 * Decrypts SOPS-encrypted objects of a build, as kustomize-controller does for a Kustomization with
 * {@code spec.decryption}: per object, on the built output. Values must stay authenticated (AES-GCM tags), but the
 * SOPS MAC need not match, since kustomize legitimately changes unencrypted fields such as the namespace.
 *
 * <p>The plug point through which the reconciler reaches gitops-sops. Implementations are thread-safe and never
 * put secret values in exceptions or logs.
 */
@FunctionalInterface
public interface Decryptor {

    /**
     * The decrypted object.
     *
     * @param encrypted an object with a top-level {@code sops} mapping
     * @param keys the data of the Kustomization's {@code decryption.secretRef} Secret (for example
     *     {@code identity.agekey}), empty when none is set
     * @throws dev.gitops.api.error.GitOpsException when decryption fails
     */
    Resource decrypt(Resource encrypted, Map<String, byte[]> keys);

    /** True when the object carries SOPS metadata. */
    static boolean isEncrypted(Resource r) {
        return r.content().path("sops").isObject();
    }

    /** A decryptor that refuses: decryption was requested but nothing is wired. */
    static Decryptor none() {
        return (r, keys) -> {
            throw new dev.gitops.api.error.GitOpsException(r.id(), "decryption is requested but no Decryptor is "
                    + "configured (wire gitops-sops)");
        };
    }
}
