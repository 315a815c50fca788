package dev.gitops.sops.age.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The parts of HPKE (RFC 9180, base mode) that age's {@code mlkem768x25519} stanza uses: KEM MLKEM768-X25519
 * (X-Wing combiner, id 0x647a), KDF HKDF-SHA256, AEAD ChaCha20-Poly1305, a single message with sequence number 0.
 */
public final class Hpke {

    private static final byte[] SUITE_ID = {'H', 'P', 'K', 'E', 0x64, 0x7a, 0x00, 0x01, 0x00, 0x03};
    private static final byte[] VERSION = "HPKE-v1".getBytes(StandardCharsets.US_ASCII);
    /** The X-Wing combiner label. */
    private static final byte[] XWING_LABEL = "\\.//^\\".getBytes(StandardCharsets.US_ASCII);

    /** The AEAD key and nonce of a context. */
    public record KeyAndNonce(byte[] key, byte[] nonce) {}

    private Hpke() {}

    /** X-Wing combiner: SHA3-256(ssPQ || ssT || ctT || pkT || label). */
    public static byte[] combine(byte[] ssPq, byte[] ssT, byte[] ctT, byte[] pkT) {
        SHA3Digest d = new SHA3Digest(256);
        for (byte[] b : new byte[][] {ssPq, ssT, ctT, pkT, XWING_LABEL}) {
            d.update(b, 0, b.length);
        }
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static byte[] labeledExtract(byte[] salt, String label, byte[] ikm) {
        HMac m = new HMac(new SHA256Digest());
        m.init(new KeyParameter(salt));
        byte[] in = concat(VERSION, SUITE_ID, label.getBytes(StandardCharsets.US_ASCII), ikm);
        m.update(in, 0, in.length);
        byte[] out = new byte[32];
        m.doFinal(out, 0);
        return out;
    }

    private static byte[] labeledExpand(byte[] prk, String label, byte[] info, int len) {
        byte[] fullInfo = concat(new byte[] {(byte) (len >>> 8), (byte) len}, VERSION, SUITE_ID,
                label.getBytes(StandardCharsets.US_ASCII), info);
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(HKDFParameters.skipExtractParameters(prk, fullInfo));
        byte[] out = new byte[len];
        g.generateBytes(out, 0, len);
        return out;
    }

    /** The base-mode key schedule for a shared secret and info. */
    public static KeyAndNonce keySchedule(byte[] sharedSecret, byte[] info) {
        byte[] pskIdHash = labeledExtract(new byte[0], "psk_id_hash", new byte[0]);
        byte[] infoHash = labeledExtract(new byte[0], "info_hash", info);
        byte[] context = concat(new byte[] {0}, pskIdHash, infoHash);
        byte[] secret = labeledExtract(sharedSecret, "secret", new byte[0]);
        return new KeyAndNonce(labeledExpand(secret, "key", context, 32),
                labeledExpand(secret, "base_nonce", context, 12));
    }
}
