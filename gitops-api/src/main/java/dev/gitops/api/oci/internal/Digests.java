package dev.gitops.api.oci.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** OCI digests: {@code sha256:<64 hex>} and {@code sha512:<128 hex>}. */
public final class Digests {

    private static final Pattern DIGEST = Pattern.compile("(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})");

    private Digests() {
    }

    /** True for a well-formed digest of a supported algorithm. */
    public static boolean valid(String digest) {
        return DIGEST.matcher(digest).matches();
    }

    /** The digest of {@code content} with the algorithm of {@code like} (sha256 when {@code like} is not sha512). */
    public static String of(byte[] content, String like) {
        String alg = like.startsWith("sha512:") ? "sha512" : "sha256";
        try {
            MessageDigest md = MessageDigest.getInstance(alg.equals("sha512") ? "SHA-512" : "SHA-256");
            return alg + ":" + HexFormat.of().formatHex(md.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sha256 digest of {@code content}. */
    public static String sha256(byte[] content) {
        return of(content, "sha256:");
    }

    /**
     * Checks that {@code content} has {@code digest}.
     *
     * @throws IllegalArgumentException when the digest is malformed or does not match
     */
    public static void check(String digest, byte[] content) {
        if (!valid(digest)) {
            throw new IllegalArgumentException("invalid digest \"" + digest + "\"");
        }
        if (!of(content, digest).equals(digest)) {
            throw new IllegalArgumentException("content does not have digest " + digest);
        }
    }
}
