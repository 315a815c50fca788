package dev.gitops.sops.internal;

import java.security.SecureRandom;
import java.util.List;

/** Shamir secret sharing over GF(2^8) with the AES polynomial, in sops' part format (x-coordinate last). */
public final class Shamir {

    private Shamir() {}

    /** Addition (XOR). */
    public static int add(int a, int b) {
        return a ^ b;
    }

    /** Multiplication modulo x^8+x^4+x^3+x+1. */
    public static int mult(int a, int b) {
        int r = 0;
        a &= 0xff;
        b &= 0xff;
        while (b != 0) {
            if ((b & 1) != 0) {
                r ^= a;
            }
            a <<= 1;
            if ((a & 0x100) != 0) {
                a ^= 0x11B;
            }
            b >>= 1;
        }
        return r;
    }

    /** Inverse (a^254). */
    static int inverse(int a) {
        if (a == 0) {
            throw new ArithmeticException("zero has no inverse");
        }
        int r = 1;
        int base = a;
        int e = 254;
        while (e > 0) {
            if ((e & 1) != 0) {
                r = mult(r, base);
            }
            base = mult(base, base);
            e >>= 1;
        }
        return r;
    }

    /** Division. */
    public static int div(int a, int b) {
        return mult(a, inverse(b));
    }

    /** Splits into {@code parts} parts, any {@code threshold} of which recover the secret; x = 1..parts. */
    public static byte[][] split(byte[] secret, int parts, int threshold, SecureRandom random) {
        if (parts < 2 || parts > 255 || threshold < 2 || threshold > parts) {
            throw new IllegalArgumentException("invalid Shamir parameters: parts=" + parts + " threshold=" + threshold);
        }
        byte[][] out = new byte[parts][secret.length + 1];
        for (int p = 0; p < parts; p++) {
            out[p][secret.length] = (byte) (p + 1);
        }
        int[] coeff = new int[threshold];
        for (int i = 0; i < secret.length; i++) {
            coeff[0] = secret[i] & 0xff;
            for (int k = 1; k < threshold; k++) {
                coeff[k] = random.nextInt(256);
            }
            for (int p = 0; p < parts; p++) {
                int x = p + 1;
                int y = 0;
                for (int k = threshold - 1; k >= 0; k--) {
                    y = add(mult(y, x), coeff[k]);
                }
                out[p][i] = (byte) y;
            }
        }
        return out;
    }

    /** Combines parts (each secret length + 1 bytes, x last); at least two, distinct x. */
    public static byte[] combine(List<byte[]> parts) {
        if (parts.size() < 2) {
            throw new IllegalArgumentException("less than two parts cannot be used to reconstruct the secret");
        }
        int len = parts.get(0).length;
        if (len < 2) {
            throw new IllegalArgumentException("parts must be at least two bytes");
        }
        int[] xs = new int[parts.size()];
        for (int i = 0; i < xs.length; i++) {
            if (parts.get(i).length != len) {
                throw new IllegalArgumentException("all parts must be the same length");
            }
            xs[i] = parts.get(i)[len - 1] & 0xff;
            for (int j = 0; j < i; j++) {
                if (xs[j] == xs[i]) {
                    throw new IllegalArgumentException("duplicate part detected");
                }
            }
        }
        byte[] secret = new byte[len - 1];
        for (int b = 0; b < len - 1; b++) {
            int r = 0;
            for (int i = 0; i < xs.length; i++) {
                int basis = 1;
                for (int j = 0; j < xs.length; j++) {
                    if (i != j) {
                        basis = mult(basis, div(xs[j], add(xs[i], xs[j])));
                    }
                }
                r = add(r, mult(parts.get(i)[b] & 0xff, basis));
            }
            secret[b] = (byte) r;
        }
        return secret;
    }
}
