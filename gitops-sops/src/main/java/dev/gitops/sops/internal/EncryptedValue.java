package dev.gitops.sops.internal;

import dev.gitops.sops.SopsNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** sops' {@code ENC[AES256_GCM,data:...,iv:...,tag:...,type:...]} values (AES-256-GCM, 32-byte IV). */
public final class EncryptedValue {

    private static final Pattern ENC =
            Pattern.compile("^ENC\\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\\]", Pattern.DOTALL);
    private static final int NONCE_SIZE = 32;

    private EncryptedValue() {}

    /** Why a value did not decrypt. */
    public enum Failure {
        /** Not an ENC[...] string, bad base64 or bad type. */
        MALFORMED,
        /** GCM tag mismatch. */
        AUTHENTICATION
    }

    /** Thrown by {@link #decrypt}. */
    public static final class DecryptException extends Exception {
        private final Failure failure;

        DecryptException(Failure failure, String msg) {
            super(msg, null, false, false);
            this.failure = failure;
        }

        /** The kind of failure. */
        public Failure failure() {
            return failure;
        }
    }

    /** True if the text looks like an encrypted value. */
    public static boolean looksEncrypted(String s) {
        return s.startsWith("ENC[AES256_GCM,");
    }

    /** A new AES-GCM cipher (reusable for several values in one thread). */
    public static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Decrypts; an empty string decrypts to an empty string. Comments come back as {@link SopsNode.Comment}. */
    public static SopsNode decrypt(String value, byte[] key, String aad) throws DecryptException {
        return decrypt(value, key, aad, newCipher());
    }

    /** Decrypts with a given (reused) cipher. */
    public static SopsNode decrypt(String value, byte[] key, String aad, Cipher c) throws DecryptException {
        if (value.isEmpty()) {
            return SopsNode.Str.of("");
        }
        Matcher m = ENC.matcher(value);
        if (!m.find()) {
            throw new DecryptException(Failure.MALFORMED, "not a sops encrypted value (ENC[AES256_GCM,...])");
        }
        byte[] data;
        byte[] iv;
        byte[] tag;
        try {
            data = Base64.getDecoder().decode(m.group(1));
            iv = Base64.getDecoder().decode(m.group(2));
            tag = Base64.getDecoder().decode(m.group(3));
        } catch (IllegalArgumentException e) {
            throw new DecryptException(Failure.MALFORMED, "invalid base64 in encrypted value");
        }
        if (iv.length == 0 || tag.length != 16) {
            throw new DecryptException(Failure.MALFORMED, "invalid iv or tag length in encrypted value");
        }
        String type = m.group(4);
        byte[] plain;
        try {
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] ct = new byte[data.length + tag.length];
            System.arraycopy(data, 0, ct, 0, data.length);
            System.arraycopy(tag, 0, ct, data.length, tag.length);
            plain = c.doFinal(ct);
        } catch (AEADBadTagException e) {
            throw new DecryptException(Failure.AUTHENTICATION, "encrypted value failed to authenticate");
        } catch (GeneralSecurityException e) {
            throw new DecryptException(Failure.MALFORMED, "cannot decrypt value: " + e.getMessage());
        }
        String text = new String(plain, StandardCharsets.UTF_8);
        switch (type) {
            case "str":
                return new SopsNode.Str(plain);
            case "int":
                try {
                    return new SopsNode.Int(Long.parseLong(text.startsWith("+") ? text.substring(1) : text));
                } catch (NumberFormatException e) {
                    throw new DecryptException(Failure.MALFORMED, "decrypted value is not an int");
                }
            case "float":
                return new SopsNode.Float(parseGoFloat(text)
                        .orElseThrow(() -> new DecryptException(Failure.MALFORMED, "decrypted value is not a float")));
            case "bool":
                switch (text) {
                    case "1", "t", "T", "TRUE", "true", "True":
                        return new SopsNode.Bool(true);
                    case "0", "f", "F", "FALSE", "false", "False":
                        return new SopsNode.Bool(false);
                    default:
                        throw new DecryptException(Failure.MALFORMED, "decrypted value is not a bool");
                }
            case "time":
                return new SopsNode.Time(GoScalars.parseRfc3339(text)
                        .orElseThrow(() -> new DecryptException(Failure.MALFORMED, "decrypted value is not a time")));
            case "bytes":
                return new SopsNode.Bytes(plain);
            case "comment":
                return new SopsNode.Comment(text);
            default:
                throw new DecryptException(Failure.MALFORMED, "unknown encrypted value type '" + type + "'");
        }
    }

    static Optional<Double> parseGoFloat(String s) {
        switch (s) {
            case "NaN":
                return Optional.of(Double.NaN);
            case "+Inf", "Inf", "inf", "+inf":
                return Optional.of(Double.POSITIVE_INFINITY);
            case "-Inf", "-inf":
                return Optional.of(Double.NEGATIVE_INFINITY);
            default:
                break;
        }
        if (!s.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
            return Optional.empty();
        }
        return Optional.of(Double.parseDouble(s));
    }

    /** The type name and plaintext bytes sops writes for a scalar or comment. */
    public static String typeOf(SopsNode n) {
        if (n instanceof SopsNode.Str) {
            return "str";
        } else if (n instanceof SopsNode.Int) {
            return "int";
        } else if (n instanceof SopsNode.Float) {
            return "float";
        } else if (n instanceof SopsNode.Bool) {
            return "bool";
        } else if (n instanceof SopsNode.Time) {
            return "time";
        } else if (n instanceof SopsNode.Bytes) {
            return "bytes";
        } else if (n instanceof SopsNode.Comment) {
            return "comment";
        }
        throw new IllegalArgumentException("cannot encrypt " + n.getClass().getSimpleName());
    }

    /** Encrypts a scalar or comment. Empty strings and empty comments stay empty (sops never encrypts them). */
    public static String encrypt(SopsNode n, byte[] key, String aad, SecureRandom random) {
        return encrypt(n, key, aad, random, newCipher());
    }

    /** Encrypts with a given (reused) cipher. */
    public static String encrypt(SopsNode n, byte[] key, String aad, SecureRandom random, Cipher c) {
        String type = typeOf(n);
        byte[] plain;
        if (n instanceof SopsNode.Comment cm) {
            plain = cm.text().getBytes(StandardCharsets.UTF_8);
        } else if (n instanceof SopsNode.Time t) {
            plain = GoScalars.formatTime(t.value()).getBytes(StandardCharsets.US_ASCII);
        } else {
            plain = GoScalars.macBytes((SopsNode.Scalar) n);
        }
        if (plain.length == 0 && (type.equals("str") || type.equals("bytes") || type.equals("comment"))) {
            return "";
        }
        return encryptRaw(plain, type, key, aad, random, c);
    }

    /** Encrypts raw bytes with a type name. */
    public static String encryptRaw(byte[] plain, String type, byte[] key, String aad, SecureRandom random) {
        return encryptRaw(plain, type, key, aad, random, newCipher());
    }

    /** Encrypts raw bytes with a given (reused) cipher. */
    public static String encryptRaw(byte[] plain, String type, byte[] key, String aad, SecureRandom random,
            Cipher c) {
        byte[] iv = new byte[NONCE_SIZE];
        random.nextBytes(iv);
        try {
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] out = c.doFinal(plain);
            byte[] data = java.util.Arrays.copyOf(out, out.length - 16);
            byte[] tag = java.util.Arrays.copyOfRange(out, out.length - 16, out.length);
            Base64.Encoder b = Base64.getEncoder();
            return "ENC[AES256_GCM,data:" + b.encodeToString(data) + ",iv:" + b.encodeToString(iv) + ",tag:"
                    + b.encodeToString(tag) + ",type:" + type + "]";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }
}
