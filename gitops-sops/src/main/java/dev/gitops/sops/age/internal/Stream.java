package dev.gitops.sops.age.internal;

import dev.gitops.sops.age.AgeException;
import dev.gitops.sops.age.AgeException.PayloadProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The age STREAM construction: 64 KiB chunks of ChaCha20-Poly1305 with a counter nonce and a last-chunk flag. The
 * AEAD is the JDK's (SunJCE, about twice as fast as BouncyCastle's on JDK 17).
 */
public final class Stream {

    /** Plaintext bytes per chunk. */
    public static final int CHUNK = 64 * 1024;
    /** Poly1305 tag size. */
    public static final int TAG = 16;
    /** Ciphertext bytes per full chunk. */
    public static final int ENC_CHUNK = CHUNK + TAG;
    /** Size of the payload nonce that follows the header. */
    public static final int NONCE_SIZE = 16;

    private Stream() {}

    /** The payload key: HKDF-SHA256(file key, salt = nonce, "payload"). */
    public static byte[] payloadKey(byte[] fileKey, byte[] nonce) {
        return Primitives.hkdf(fileKey, nonce, "payload", 32);
    }

    static Cipher newCipher() {
        try {
            return Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 is not available in this JVM", e);
        }
    }

    static void setNonce(byte[] nonce, long counter, boolean last) {
        Arrays.fill(nonce, (byte) 0);
        for (int i = 0; i < 8; i++) {
            nonce[10 - i] = (byte) (counter >>> (8 * i));
        }
        nonce[11] = (byte) (last ? 1 : 0);
    }


    /** Decrypting reader: releases a chunk's plaintext only after its tag verified. Constant memory. */
    public static final class Reader extends InputStream {
        private final InputStream src;
        private final SecretKeySpec key;
        private final Cipher aead = newCipher();
        private final byte[] in = new byte[ENC_CHUNK];
        private final byte[] out = new byte[ENC_CHUNK];
        private final byte[] nonce = new byte[12];
        private int pos;
        private int lim;
        private long counter;
        private boolean eof;
        private AgeException pending;

        /** Reads the payload that follows the nonce in {@code src}, with the derived payload key. */
        public Reader(InputStream src, byte[] payloadKey) {
            this.src = Objects.requireNonNull(src, "src");
            this.key = new SecretKeySpec(payloadKey, "ChaCha20");
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            int n = read(b, 0, 1);
            return n < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            while (pos == lim) {
                if (pending != null) {
                    throw pending;
                }
                if (eof) {
                    return -1;
                }
                readChunk();
            }
            int n = Math.min(len, lim - pos);
            System.arraycopy(out, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return lim - pos;
        }

        private AgeException.PayloadFailure fail(PayloadProblem p, String detail) {
            AgeException.PayloadFailure e = new AgeException.PayloadFailure(p, detail);
            pending = e;
            return e;
        }

        private void readChunk() throws IOException {
            int n = src.readNBytes(in, 0, ENC_CHUNK);
            if (n == 0) {
                throw fail(PayloadProblem.TRUNCATED, counter == 0
                        ? "payload is empty: no chunks" : "payload is truncated: the final chunk is missing");
            }
            boolean last = n < ENC_CHUNK;
            if (n < TAG) {
                throw fail(PayloadProblem.TRUNCATED, "payload chunk " + counter + " is truncated");
            }
            if (last && counter > 0 && n == TAG) {
                throw fail(PayloadProblem.EMPTY_LAST_CHUNK,
                        "final payload chunk is empty, which only an empty payload may have");
            }
            int m = open(n, last);
            if (m < 0 && !last) {
                last = true;
                m = open(n, true);
            }
            if (m < 0) {
                throw fail(PayloadProblem.AUTHENTICATION, "payload chunk " + counter + " failed to authenticate");
            }
            counter++;
            pos = 0;
            lim = m;
            if (last) {
                eof = true;
                if (n == ENC_CHUNK && src.read() >= 0) {
                    fail(PayloadProblem.TRAILING_DATA, "trailing data after the final payload chunk");
                }
            }
        }

        private int open(int n, boolean last) {
            setNonce(nonce, counter, last);
            try {
                aead.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce));
                return aead.doFinal(in, 0, n, out, 0);
            } catch (AEADBadTagException e) {
                return -1;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("ChaCha20-Poly1305 failed", e);
            }
        }

        @Override
        public void close() throws IOException {
            src.close();
        }
    }

    /** Encrypting writer. {@link #close()} writes the final chunk; it does not close the destination. */
    public static final class Writer extends OutputStream {
        private final OutputStream dst;
        private final SecretKeySpec key;
        private final Cipher aead = newCipher();
        private final byte[] buf = new byte[CHUNK];
        private final byte[] enc = new byte[ENC_CHUNK];
        private final byte[] nonce = new byte[12];
        private int len;
        private long counter;
        private boolean closed;

        /** Writes the payload (not the nonce) to {@code dst}. */
        public Writer(OutputStream dst, byte[] payloadKey) {
            this.dst = Objects.requireNonNull(dst, "dst");
            this.key = new SecretKeySpec(payloadKey, "ChaCha20");
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            Objects.checkFromIndexSize(off, n, b.length);
            if (closed) {
                throw new IOException("age writer is closed");
            }
            while (n > 0) {
                if (len == CHUNK) {
                    seal(false);
                }
                int k = Math.min(n, CHUNK - len);
                System.arraycopy(b, off, buf, len, k);
                len += k;
                off += k;
                n -= k;
            }
        }

        private void seal(boolean last) throws IOException {
            setNonce(nonce, counter, last);
            int k;
            try {
                aead.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
                k = aead.doFinal(buf, 0, len, enc, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("ChaCha20-Poly1305 failed", e);
            }
            dst.write(enc, 0, k);
            counter++;
            len = 0;
        }

        @Override
        public void flush() throws IOException {
            dst.flush();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                seal(true);
                closed = true;
                dst.flush();
            }
        }
    }
}
