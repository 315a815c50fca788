package dev.gitops.sops.age;

import dev.gitops.sops.age.internal.Bech32;
import dev.gitops.sops.age.internal.Primitives;
import dev.gitops.sops.age.internal.StrictBase64;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** An age X25519 public key ({@code age1...}). Immutable. */
public final class X25519Recipient implements Recipient {

    static final String LABEL = "age-encryption.org/v1/X25519";
    private final byte[] publicKey;

    X25519Recipient(byte[] publicKey) {
        if (publicKey.length != 32) {
            throw new AgeException.Malformed(AgeException.Layer.KEY, "X25519 public key must be 32 bytes");
        }
        this.publicKey = publicKey.clone();
    }

    /** Parses {@code age1...}; other recipient types give {@link AgeException.Unsupported}. */
    public static X25519Recipient parse(String s) {
        if (s.startsWith("age1pq1")) {
            throw new AgeException.Malformed(AgeException.Layer.KEY,
                    "a post-quantum recipient is not an X25519 recipient; use AgeKeys.parseRecipient or HybridRecipient");
        }
        Bech32.Decoded d;
        try {
            d = Bech32.decode(s);
        } catch (IllegalArgumentException e) {
            throw new AgeException.Malformed(AgeException.Layer.KEY, "malformed age recipient: " + e.getMessage());
        }
        if (!d.hrp().equals("age")) {
            if (d.hrp().startsWith("age1")) {
                throw new AgeException.Unsupported("unsupported recipient type: age plugin recipient " + d.hrp());
            }
            throw new AgeException.Malformed(AgeException.Layer.KEY, "malformed age recipient: unknown type " + d.hrp());
        }
        return new X25519Recipient(d.data());
    }

    /** The raw 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The Bech32 form {@code age1...}. */
    public String encode() {
        return Bech32.encode("age", publicKey);
    }

    @Override
    public java.util.Optional<String> encoded() {
        return java.util.Optional.of(encode());
    }

    @Override
    public List<Stanza> wrap(byte[] fileKey, SecureRandom random) {
        byte[] ephemeral = new byte[32];
        byte[] share = new byte[32];
        byte[] shared = new byte[32];
        do {
            random.nextBytes(ephemeral);
            X25519.scalarMultBase(ephemeral, 0, share, 0);
        } while (!X25519.calculateAgreement(ephemeral, 0, publicKey, 0, shared, 0));
        byte[] salt = new byte[64];
        System.arraycopy(share, 0, salt, 0, 32);
        System.arraycopy(publicKey, 0, salt, 32, 32);
        byte[] wrapKey = Primitives.hkdf(shared, salt, LABEL, 32);
        byte[] body = Primitives.aeadEncrypt(wrapKey, fileKey);
        Arrays.fill(ephemeral, (byte) 0);
        Arrays.fill(shared, (byte) 0);
        return List.of(new Stanza("X25519", List.of(StrictBase64.encodeRaw(share)), body));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof X25519Recipient r && Arrays.equals(r.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return encode();
    }
}
