package dev.gitops.sops.age.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** The age primitives: HKDF-SHA256, HMAC-SHA256 and ChaCha20-Poly1305 with a zero nonce. */
public final class Primitives {

    /** Size of a file key. */
    public static final int FILE_KEY_SIZE = 16;

    private Primitives() {}

    /** HKDF-SHA256 with the given salt (empty salt = zeros, as in Go). */
    public static byte[] hkdf(byte[] ikm, byte[] salt, String info, int len) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(ikm, salt, info.getBytes(StandardCharsets.US_ASCII)));
        byte[] out = new byte[len];
        g.generateBytes(out, 0, len);
        return out;
    }

    /** HMAC-SHA256. */
    public static byte[] hmac(byte[] key, byte[] data) {
        HMac m = new HMac(new SHA256Digest());
        m.init(new KeyParameter(key));
        m.update(data, 0, data.length);
        byte[] out = new byte[32];
        m.doFinal(out, 0);
        return out;
    }

    /** Seals with a zero nonce and no AAD. */
    public static byte[] aeadEncrypt(byte[] key, byte[] plaintext) {
        ChaCha20Poly1305 c = new ChaCha20Poly1305();
        c.init(true, new AEADParameters(new KeyParameter(key), 128, new byte[12]));
        byte[] out = new byte[plaintext.length + 16];
        int n = c.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            c.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * Opens a zero-nonce box that must hold exactly {@code size} bytes of plaintext.
     *
     * @return empty if authentication fails
     * @throws IllegalArgumentException if the ciphertext has the wrong length
     */
    public static Optional<byte[]> aeadDecrypt(byte[] key, int size, byte[] ciphertext) {
        if (ciphertext.length != size + 16) {
            throw new IllegalArgumentException("encrypted file key has the wrong size");
        }
        ChaCha20Poly1305 c = new ChaCha20Poly1305();
        c.init(false, new AEADParameters(new KeyParameter(key), 128, new byte[12]));
        byte[] out = new byte[size];
        int n = c.processBytes(ciphertext, 0, ciphertext.length, out, 0);
        try {
            c.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            return Optional.empty();
        }
        return Optional.of(out);
    }

    /** Constant-time comparison. */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return java.security.MessageDigest.isEqual(a, b);
    }
}
