package dev.gitops.sops.age;

import dev.gitops.sops.age.internal.Primitives;
import dev.gitops.sops.age.internal.StrictBase64;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.generators.SCrypt;

/** Passphrase encryption (age's scrypt recipient). Must be the only recipient of a file. */
public final class ScryptRecipient implements Recipient {

    /** The work factor the age CLI uses. */
    public static final int DEFAULT_WORK_FACTOR = 18;
    static final String LABEL = "age-encryption.org/v1/scrypt";

    private final byte[] passphrase;
    private final int workFactor;

    private ScryptRecipient(String passphrase, int workFactor) {
        Objects.requireNonNull(passphrase, "passphrase");
        if (passphrase.isEmpty()) {
            throw new dev.gitops.api.error.InvalidInputException("passphrase must not be empty");
        }
        if (workFactor < 1 || workFactor > 30) {
            throw new dev.gitops.api.error.InvalidInputException("scrypt work factor must be 1..30, got " + workFactor);
        }
        this.passphrase = passphrase.getBytes(StandardCharsets.UTF_8);
        this.workFactor = workFactor;
    }

    /** A recipient with the default work factor 18. */
    public static ScryptRecipient of(String passphrase) {
        return new ScryptRecipient(passphrase, DEFAULT_WORK_FACTOR);
    }

    /** A recipient with the given log2 work factor. */
    public static ScryptRecipient of(String passphrase, int workFactor) {
        return new ScryptRecipient(passphrase, workFactor);
    }

    static byte[] deriveKey(byte[] passphrase, byte[] salt, int logN) {
        byte[] label = LABEL.getBytes(StandardCharsets.US_ASCII);
        byte[] s = new byte[label.length + salt.length];
        System.arraycopy(label, 0, s, 0, label.length);
        System.arraycopy(salt, 0, s, label.length, salt.length);
        return SCrypt.generate(passphrase, s, 1 << logN, 8, 1, 32);
    }

    @Override
    public List<Stanza> wrap(byte[] fileKey, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] key = deriveKey(passphrase, salt, workFactor);
        return List.of(new Stanza("scrypt", List.of(StrictBase64.encodeRaw(salt), Integer.toString(workFactor)),
                Primitives.aeadEncrypt(key, fileKey)));
    }

    @Override
    public boolean mustBeAlone() {
        return true;
    }

    @Override
    public String toString() {
        return "ScryptRecipient[workFactor=" + workFactor + "]";
    }
}
