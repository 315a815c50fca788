package dev.gitops.sops.age;

import dev.gitops.sops.age.internal.Bech32;
import dev.gitops.sops.age.internal.Hpke;
import dev.gitops.sops.age.internal.Primitives;
import dev.gitops.sops.age.internal.StrictBase64;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * An age post-quantum hybrid identity ({@code AGE-SECRET-KEY-PQ-1...}): ML-KEM-768 + X25519 (X-Wing) through HPKE,
 * stanza type {@code mlkem768x25519}. Immutable; {@link #toString()} never shows the key.
 */
public final class HybridIdentity implements Identity {

    static final String LABEL = "age-encryption.org/mlkem768x25519";
    static final int CT_PQ = 1088;

    private final byte[] seed;
    private final MLKEMPrivateKeyParameters pq;
    private final byte[] skT;
    private final byte[] pkT;

    private HybridIdentity(byte[] seed) {
        if (seed.length != 32) {
            throw new AgeException.Malformed(AgeException.Layer.KEY, "hybrid secret key must be 32 bytes");
        }
        this.seed = seed.clone();
        SHAKEDigest shake = new SHAKEDigest(256);
        shake.update(seed, 0, seed.length);
        byte[] expanded = new byte[96];
        shake.doFinal(expanded, 0, 96);
        this.pq = new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, Arrays.copyOfRange(expanded, 0, 64));
        this.skT = Arrays.copyOfRange(expanded, 64, 96);
        this.pkT = new byte[32];
        X25519.scalarMultBase(skT, 0, pkT, 0);
    }

    /** A fresh random identity. */
    public static HybridIdentity generate(SecureRandom random) {
        byte[] s = new byte[32];
        random.nextBytes(s);
        return new HybridIdentity(s);
    }

    /** Parses {@code AGE-SECRET-KEY-PQ-1...}. */
    public static HybridIdentity parse(String s) {
        Bech32.Decoded d;
        try {
            d = Bech32.decode(s);
        } catch (IllegalArgumentException e) {
            throw new AgeException.Malformed(AgeException.Layer.KEY, "malformed age secret key: " + e.getMessage());
        }
        if (!d.hrp().equals("AGE-SECRET-KEY-PQ-")) {
            throw new AgeException.Malformed(AgeException.Layer.KEY, "malformed age secret key: unknown type");
        }
        return new HybridIdentity(d.data());
    }

    /** The matching recipient. */
    public HybridRecipient recipient() {
        byte[] pk = new byte[1184 + 32];
        System.arraycopy(pq.getPublicKey(), 0, pk, 0, 1184);
        System.arraycopy(pkT, 0, pk, 1184, 32);
        return new HybridRecipient(pk);
    }

    /** The Bech32 form. Treat as secret. */
    public String encode() {
        return Bech32.encode("AGE-SECRET-KEY-PQ-", seed);
    }

    @Override
    public Optional<byte[]> unwrap(List<Stanza> stanzas) {
        for (Stanza s : stanzas) {
            if (!s.type().equals("mlkem768x25519")) {
                continue;
            }
            if (s.args().size() != 1) {
                throw bad("wrong number of arguments");
            }
            byte[] enc = StrictBase64.decodeRaw(s.args().get(0)).orElseThrow(() -> bad("invalid base64 enc"));
            byte[] body = s.body();
            if (body.length != Primitives.FILE_KEY_SIZE + 16) {
                throw bad("encrypted file key has the wrong size");
            }
            if (enc.length != CT_PQ + 32) {
                throw bad("invalid encapsulated key size");
            }
            byte[] ctPq = Arrays.copyOfRange(enc, 0, CT_PQ);
            byte[] ctT = Arrays.copyOfRange(enc, CT_PQ, CT_PQ + 32);
            byte[] ssPq = new MLKEMExtractor(pq).extractSecret(ctPq);
            byte[] ssT = new byte[32];
            if (!X25519.calculateAgreement(skT, 0, ctT, 0, ssT, 0)) {
                throw bad("low-order X25519 share (all-zero shared secret)");
            }
            Hpke.KeyAndNonce kn = Hpke.keySchedule(Hpke.combine(ssPq, ssT, ctT, pkT),
                    LABEL.getBytes(StandardCharsets.US_ASCII));
            ChaCha20Poly1305 c = new ChaCha20Poly1305();
            c.init(false, new AEADParameters(new KeyParameter(kn.key()), 128, kn.nonce()));
            byte[] out = new byte[Primitives.FILE_KEY_SIZE];
            int n = c.processBytes(body, 0, body.length, out, 0);
            try {
                c.doFinal(out, n);
                return Optional.of(out);
            } catch (InvalidCipherTextException e) {
                // wrong identity (ML-KEM rejects implicitly): try the next stanza
            }
        }
        return Optional.empty();
    }

    private static AgeException.Malformed bad(String why) {
        return new AgeException.Malformed(AgeException.Layer.HEADER, "invalid mlkem768x25519 stanza: " + why);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HybridIdentity h && java.security.MessageDigest.isEqual(h.seed, seed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pkT);
    }

    @Override
    public String toString() {
        return "HybridIdentity[" + recipient().encode().substring(0, 20) + "...]";
    }
}
