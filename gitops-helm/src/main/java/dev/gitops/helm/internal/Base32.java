package dev.gitops.helm.internal;

import java.io.ByteArrayOutputStream;

/** RFC 4648 base32 with padding (Go's base32.StdEncoding). */
final class Base32 {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {
    }

    static String encode(byte[] data) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < data.length; i += 5) {
            long buf = 0;
            int n = Math.min(5, data.length - i);
            for (int j = 0; j < 5; j++) {
                buf = (buf << 8) | (j < n ? data[i + j] & 0xff : 0);
            }
            int chars = (n * 8 + 4) / 5;
            for (int j = 0; j < 8; j++) {
                if (j < chars) {
                    sb.append(ALPHABET.charAt((int) ((buf >> (35 - j * 5)) & 31)));
                } else {
                    sb.append('=');
                }
            }
        }
        return sb.toString();
    }

    static byte[] decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String t = s.replace("\n", "").replace("\r", "");
        if (t.length() % 8 != 0) {
            throw new IllegalArgumentException("illegal base32 data at input byte " + (t.length() / 8 * 8));
        }
        for (int i = 0; i < t.length(); i += 8) {
            long buf = 0;
            int valid = 0;
            for (int j = 0; j < 8; j++) {
                char c = t.charAt(i + j);
                int v;
                if (c == '=') {
                    v = 0;
                } else {
                    v = ALPHABET.indexOf(c);
                    if (v < 0) {
                        throw new IllegalArgumentException("illegal base32 data at input byte " + (i + j));
                    }
                    valid = j + 1;
                }
                buf = (buf << 5) | v;
            }
            int bytes = valid * 5 / 8;
            for (int j = 0; j < bytes; j++) {
                out.write((int) ((buf >> (32 - j * 8)) & 0xff));
            }
        }
        return out.toByteArray();
    }
}
