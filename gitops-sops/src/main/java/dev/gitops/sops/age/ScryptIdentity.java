package dev.gitops.sops.age;

import dev.gitops.sops.age.internal.Primitives;
import dev.gitops.sops.age.internal.StrictBase64;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Passphrase decryption (age's scrypt identity). The work factor is capped (default 22, as age) so that a hostile
 * file cannot make decryption take hours; a larger one is rejected as malformed.
 */
public final class ScryptIdentity implements Identity {

    /** The default maximum log2 work factor, as in age. */
    public static final int DEFAULT_MAX_WORK_FACTOR = 22;
    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]*");

    private final byte[] passphrase;
    private final int maxWorkFactor;

    private ScryptIdentity(String passphrase, int maxWorkFactor) {
        Objects.requireNonNull(passphrase, "passphrase");
        if (maxWorkFactor < 1 || maxWorkFactor > 30) {
            throw new dev.gitops.api.error.InvalidInputException("maximum work factor must be 1..30");
        }
        this.passphrase = passphrase.getBytes(StandardCharsets.UTF_8);
        this.maxWorkFactor = maxWorkFactor;
    }

    /** An identity with the default work-factor cap 22. */
    public static ScryptIdentity of(String passphrase) {
        return new ScryptIdentity(passphrase, DEFAULT_MAX_WORK_FACTOR);
    }

    /** An identity with a custom cap. */
    public static ScryptIdentity of(String passphrase, int maxWorkFactor) {
        return new ScryptIdentity(passphrase, maxWorkFactor);
    }

    @Override
    public Optional<byte[]> unwrap(List<Stanza> stanzas) {
        for (Stanza s : stanzas) {
            if (s.type().equals("scrypt") && stanzas.size() != 1) {
                throw bad("an scrypt stanza must be the only one in the header");
            }
        }
        for (Stanza s : stanzas) {
            if (!s.type().equals("scrypt")) {
                continue;
            }
            if (s.args().size() != 2) {
                throw bad("wrong number of arguments");
            }
            byte[] salt = StrictBase64.decodeRaw(s.args().get(0)).orElseThrow(() -> bad("invalid base64 salt"));
            if (salt.length != 16) {
                throw bad("salt is not 16 bytes");
            }
            String w = s.args().get(1);
            if (!DIGITS.matcher(w).matches() || w.length() > 2) {
                throw bad("invalid work factor");
            }
            int logN = Integer.parseInt(w);
            if (logN > maxWorkFactor) {
                throw bad("work factor " + logN + " exceeds the maximum " + maxWorkFactor);
            }
            if (s.body().length != Primitives.FILE_KEY_SIZE + 16) {
                throw bad("encrypted file key has the wrong size");
            }
            byte[] key = ScryptRecipient.deriveKey(passphrase, salt, logN);
            Optional<byte[]> fk = Primitives.aeadDecrypt(key, Primitives.FILE_KEY_SIZE, s.body());
            if (fk.isPresent()) {
                return fk;
            }
        }
        return Optional.empty();
    }

    private static AgeException.Malformed bad(String why) {
        return new AgeException.Malformed(AgeException.Layer.HEADER, "invalid scrypt stanza: " + why);
    }

    @Override
    public String toString() {
        return "ScryptIdentity[maxWorkFactor=" + maxWorkFactor + "]";
    }
}
