package dev.gitops.sops.age.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Canonical base64: rejects non-zero trailing bits, stray padding and any non-alphabet byte. */
public final class StrictBase64 {

    private static final Base64.Encoder RAW = Base64.getEncoder().withoutPadding();
    private static final Base64.Encoder PADDED = Base64.getEncoder();

    private StrictBase64() {}

    /** Decodes unpadded standard base64 (the age header); empty if not canonical. */
    public static Optional<byte[]> decodeRaw(String s) {
        if (s.indexOf('=') >= 0 || s.length() % 4 == 1) {
            return Optional.empty();
        }
        return decode(s, RAW);
    }

    /** Decodes padded standard base64 (the armor, sops); empty if not canonical. */
    public static Optional<byte[]> decodePadded(String s) {
        if (s.length() % 4 != 0) {
            return Optional.empty();
        }
        return decode(s, PADDED);
    }

    private static Optional<byte[]> decode(String s, Base64.Encoder canonical) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/' || c == '=';
            if (!ok) {
                return Optional.empty();
            }
        }
        byte[] out;
        try {
            out = Base64.getDecoder().decode(s.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!canonical.encodeToString(out).equals(s)) {
            return Optional.empty();
        }
        return Optional.of(out);
    }

    /** Unpadded encoding. */
    public static String encodeRaw(byte[] b) {
        return RAW.encodeToString(b);
    }
}
