package dev.gitops.sops;

import dev.gitops.api.engine.Decryptor;
import dev.gitops.api.model.Resource;
import dev.gitops.sops.age.Identity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link Decryptor} plug point implemented with SOPS and age, as Flux's kustomize-controller decrypts a
 * Kustomization's build output: identities come from the {@code decryption.secretRef} Secret's {@code *.agekey}
 * entries (plus any configured here), the MAC is not required to match (kustomize changes unencrypted fields), and
 * every encrypted value is still authenticated by its AES-GCM tag and path. Immutable and thread-safe.
 *
 * <p>The public no-argument constructor (keys from the Secret only) is for {@link java.util.ServiceLoader}.
 */
public final class SopsResourceDecryptor implements Decryptor {

    private final List<Identity> identities;
    private final boolean verifyMac;

    /** Keys from the decryption Secret only, MAC not required (Flux behaviour). */
    public SopsResourceDecryptor() {
        this(List.of(), false);
    }

    private SopsResourceDecryptor(List<Identity> identities, boolean verifyMac) {
        this.identities = List.copyOf(identities);
        this.verifyMac = verifyMac;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Resource decrypt(Resource encrypted, Map<String, byte[]> keys) {
        List<Identity> ids = new ArrayList<>(identities);
        keys.entrySet().stream().filter(e -> e.getKey().endsWith(".agekey")).sorted(Map.Entry.comparingByKey())
                .forEach(e -> ids.addAll(SopsKeys.parseLenient(new String(e.getValue(), StandardCharsets.UTF_8),
                        "decryption Secret/" + e.getKey())));
        SopsDecryptor d = SopsDecryptor.builder().identities(ids).verifyMac(verifyMac).build();
        String name = encrypted.origin().map(o -> o.file()).orElse(encrypted.id().toString());
        return encrypted.withContent(d.decryptSecret(encrypted.content(), name));
    }

    /** Builder for {@link SopsResourceDecryptor}. */
    public static final class Builder {
        private final List<Identity> identities = new ArrayList<>();
        private boolean verifyMac;

        private Builder() {}

        /** Adds identities tried besides the decryption Secret's keys. */
        public Builder identities(Collection<? extends Identity> ids) {
            ids.forEach(i -> identities.add(Objects.requireNonNull(i, "identity")));
            return this;
        }

        /** Require the MAC to match (default false, as Flux). */
        public Builder verifyMac(boolean verify) {
            this.verifyMac = verify;
            return this;
        }

        /** Builds the decryptor. */
        public SopsResourceDecryptor build() {
            return new SopsResourceDecryptor(identities, verifyMac);
        }
    }
}
