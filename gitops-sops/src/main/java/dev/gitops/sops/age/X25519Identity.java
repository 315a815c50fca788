package dev.gitops.sops.age;

import dev.gitops.sops.age.internal.Bech32;
import dev.gitops.sops.age.internal.Primitives;
import dev.gitops.sops.age.internal.StrictBase64;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** An age X25519 private key ({@code AGE-SECRET-KEY-1...}). Immutable; {@link #toString()} never shows the key. */
public final class X25519Identity implements Identity {

    private final byte[] secretKey;
    private final byte[] publicKey;

    private X25519Identity(byte[] secretKey) {
        if (secretKey.length != 32) {
            throw new AgeException.Malformed(AgeException.Layer.KEY, "X25519 secret key must be 32 bytes");
        }
        this.secretKey = secretKey.clone();
        this.publicKey = new byte[32];
        X25519.scalarMultBase(this.secretKey, 0, publicKey, 0);
    }

    /** A fresh random identity. */
    public static X25519Identity generate(SecureRandom random) {
        byte[] k = new byte[32];
        random.nextBytes(k);
        return new X25519Identity(k);
    }

    /** Parses {@code AGE-SECRET-KEY-1...}; other identity types give {@link AgeException.Unsupported}. */
    public static X25519Identity parse(String s) {
        if (s.startsWith("AGE-SECRET-KEY-PQ-1")) {
            throw new AgeException.Malformed(AgeException.Layer.KEY,
                    "a post-quantum identity is not an X25519 identity; use AgeKeys.parseIdentity or HybridIdentity");
        }
        if (s.startsWith("AGE-PLUGIN-")) {
            throw new AgeException.Unsupported("unsupported identity type: age plugin identities are not supported");
        }
        Bech32.Decoded d;
        try {
            d = Bech32.decode(s);
        } catch (IllegalArgumentException e) {
            throw new AgeException.Malformed(AgeException.Layer.KEY, "malformed age secret key: " + e.getMessage());
        }
        if (!d.hrp().equals("AGE-SECRET-KEY-")) {
            throw new AgeException.Malformed(AgeException.Layer.KEY, "malformed age secret key: unknown type");
        }
        return new X25519Identity(d.data());
    }

    /** The matching recipient. */
    public X25519Recipient recipient() {
        return new X25519Recipient(publicKey);
    }

    /** The Bech32 form {@code AGE-SECRET-KEY-1...}. Treat the result as a secret. */
    public String encode() {
        return Bech32.encode("AGE-SECRET-KEY-", secretKey);
    }

    @Override
    public Optional<byte[]> unwrap(List<Stanza> stanzas) {
        for (Stanza s : stanzas) {
            if (!s.type().equals("X25519")) {
                continue;
            }
            if (s.args().size() != 1) {
                throw bad("wrong number of arguments");
            }
            byte[] share = StrictBase64.decodeRaw(s.args().get(0))
                    .orElseThrow(() -> bad("invalid base64 share"));
            if (share.length != 32) {
                throw bad("share is not 32 bytes");
            }
            byte[] shared = new byte[32];
            if (!X25519.calculateAgreement(secretKey, 0, share, 0, shared, 0)) {
                throw bad("low-order share (all-zero shared secret)");
            }
            byte[] salt = new byte[64];
            System.arraycopy(share, 0, salt, 0, 32);
            System.arraycopy(publicKey, 0, salt, 32, 32);
            byte[] wrapKey = Primitives.hkdf(shared, salt, X25519Recipient.LABEL, 32);
            Optional<byte[]> fileKey;
            try {
                fileKey = Primitives.aeadDecrypt(wrapKey, Primitives.FILE_KEY_SIZE, s.body());
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
            if (fileKey.isPresent()) {
                return fileKey;
            }
        }
        return Optional.empty();
    }

    private static AgeException.Malformed bad(String why) {
        return new AgeException.Malformed(AgeException.Layer.HEADER, "invalid X25519 stanza: " + why);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof X25519Identity i && java.security.MessageDigest.isEqual(i.secretKey, secretKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "X25519Identity[" + recipient().encode() + "]";
    }
}
