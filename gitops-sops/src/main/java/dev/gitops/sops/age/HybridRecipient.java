package dev.gitops.sops.age;

import dev.gitops.sops.age.internal.Bech32;
import dev.gitops.sops.age.internal.Hpke;
import dev.gitops.sops.age.internal.StrictBase64;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * An age post-quantum hybrid recipient ({@code age1pq1...}, ML-KEM-768 + X25519). It can only be combined with
 * other post-quantum recipients, as in age.
 */
public final class HybridRecipient implements Recipient {

    private final byte[] publicKey;
    private final MLKEMPublicKeyParameters pq;
    private final byte[] pkT;

    HybridRecipient(byte[] publicKey) {
        if (publicKey.length != 1184 + 32) {
            throw new AgeException.Malformed(AgeException.Layer.KEY, "invalid MLKEM768-X25519 public key size");
        }
        this.publicKey = publicKey.clone();
        try {
            this.pq = new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, Arrays.copyOfRange(publicKey, 0, 1184));
        } catch (IllegalArgumentException e) {
            throw new AgeException.Malformed(AgeException.Layer.KEY, "invalid ML-KEM-768 public key");
        }
        this.pkT = Arrays.copyOfRange(publicKey, 1184, 1216);
    }

    /** Parses {@code age1pq1...}. */
    public static HybridRecipient parse(String s) {
        Bech32.Decoded d;
        try {
            d = Bech32.decode(s);
        } catch (IllegalArgumentException e) {
            throw new AgeException.Malformed(AgeException.Layer.KEY, "malformed age recipient: " + e.getMessage());
        }
        if (!d.hrp().equals("age1pq")) {
            throw new AgeException.Malformed(AgeException.Layer.KEY, "malformed age recipient: not age1pq1");
        }
        return new HybridRecipient(d.data());
    }

    /** The Bech32 form {@code age1pq1...}. */
    public String encode() {
        return Bech32.encode("age1pq", publicKey);
    }

    @Override
    public boolean postQuantum() {
        return true;
    }

    @Override
    public java.util.Optional<String> encoded() {
        return java.util.Optional.of(encode());
    }

    @Override
    public List<Stanza> wrap(byte[] fileKey, SecureRandom random) {
        byte[] skE = new byte[32];
        byte[] ctT = new byte[32];
        byte[] ssT = new byte[32];
        do {
            random.nextBytes(skE);
            X25519.scalarMultBase(skE, 0, ctT, 0);
        } while (!X25519.calculateAgreement(skE, 0, pkT, 0, ssT, 0));
        SecretWithEncapsulation pqs = new MLKEMGenerator(random).generateEncapsulated(pq);
        byte[] ctPq = pqs.getEncapsulation();
        byte[] ss = Hpke.combine(pqs.getSecret(), ssT, ctT, pkT);
        Hpke.KeyAndNonce kn = Hpke.keySchedule(ss, HybridIdentity.LABEL.getBytes(StandardCharsets.US_ASCII));
        ChaCha20Poly1305 c = new ChaCha20Poly1305();
        c.init(true, new AEADParameters(new KeyParameter(kn.key()), 128, kn.nonce()));
        byte[] body = new byte[fileKey.length + 16];
        int n = c.processBytes(fileKey, 0, fileKey.length, body, 0);
        try {
            c.doFinal(body, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        byte[] enc = new byte[ctPq.length + 32];
        System.arraycopy(ctPq, 0, enc, 0, ctPq.length);
        System.arraycopy(ctT, 0, enc, ctPq.length, 32);
        Arrays.fill(skE, (byte) 0);
        return List.of(new Stanza("mlkem768x25519", List.of(StrictBase64.encodeRaw(enc)), body));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HybridRecipient r && Arrays.equals(r.publicKey, publicKey);
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
