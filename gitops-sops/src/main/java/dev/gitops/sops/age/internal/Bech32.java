package dev.gitops.sops.age.internal;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/** BIP-173 Bech32 as age uses it: no length limit, no mixed case, the human-readable part keeps its case. */
public final class Bech32 {

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GEN = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    /** A decoded string: the human-readable part as written, and the data bytes. */
    public record Decoded(String hrp, byte[] data) {}

    private Bech32() {}

    private static int polymod(byte[] values) {
        int chk = 1;
        for (byte v : values) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ (v & 0xff);
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= GEN[i];
                }
            }
        }
        return chk;
    }

    private static byte[] hrpExpand(String hrp) {
        int n = hrp.length();
        byte[] r = new byte[2 * n + 1];
        for (int i = 0; i < n; i++) {
            r[i] = (byte) (hrp.charAt(i) >>> 5);
            r[n + 1 + i] = (byte) (hrp.charAt(i) & 31);
        }
        return r;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Encodes; the output has the case of {@code hrp} (which must not be mixed-case). */
    public static String encode(String hrp, byte[] data) {
        String lower = hrp.toLowerCase(Locale.ROOT);
        byte[] values = convertBits(data, 8, 5, true);
        byte[] chkIn = concat(concat(hrpExpand(lower), values), new byte[6]);
        int mod = polymod(chkIn) ^ 1;
        StringBuilder sb = new StringBuilder(lower).append('1');
        for (byte v : values) {
            sb.append(CHARSET.charAt(v));
        }
        for (int i = 0; i < 6; i++) {
            sb.append(CHARSET.charAt((mod >>> (5 * (5 - i))) & 31));
        }
        String s = sb.toString();
        return hrp.equals(lower) ? s : s.toUpperCase(Locale.ROOT);
    }

    /** Decodes, throwing {@link IllegalArgumentException} with a key-free message on any error. */
    public static Decoded decode(String s) {
        if (!s.toLowerCase(Locale.ROOT).equals(s) && !s.toUpperCase(Locale.ROOT).equals(s)) {
            throw new IllegalArgumentException("mixed case");
        }
        int pos = s.lastIndexOf('1');
        if (pos < 1 || pos + 7 > s.length()) {
            throw new IllegalArgumentException("separator '1' at invalid position");
        }
        String hrp = s.substring(0, pos);
        for (int i = 0; i < hrp.length(); i++) {
            char c = hrp.charAt(i);
            if (c < 33 || c > 126) {
                throw new IllegalArgumentException("invalid character in human-readable part");
            }
        }
        String lower = s.toLowerCase(Locale.ROOT);
        byte[] values = new byte[s.length() - pos - 1];
        for (int i = 0; i < values.length; i++) {
            int d = CHARSET.indexOf(lower.charAt(pos + 1 + i));
            if (d < 0) {
                throw new IllegalArgumentException("invalid character in data part");
            }
            values[i] = (byte) d;
        }
        if (polymod(concat(hrpExpand(lower.substring(0, pos)), values)) != 1) {
            throw new IllegalArgumentException("invalid checksum");
        }
        byte[] dataValues = java.util.Arrays.copyOf(values, values.length - 6);
        return new Decoded(hrp, convertBits(dataValues, 5, 8, false));
    }

    private static byte[] convertBits(byte[] data, int from, int to, boolean pad) {
        int acc = 0;
        int bits = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int maxv = (1 << to) - 1;
        for (byte b : data) {
            int v = b & 0xff;
            if ((v >>> from) != 0) {
                throw new IllegalArgumentException("invalid data range");
            }
            acc = (acc << from) | v;
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((acc >>> bits) & maxv);
            }
        }
        if (pad) {
            if (bits > 0) {
                out.write((acc << (to - bits)) & maxv);
            }
        } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
            throw new IllegalArgumentException("illegal zero padding");
        }
        return out.toByteArray();
    }
}
