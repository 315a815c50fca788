package dev.gitops.api.source.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An in-memory known_hosts database with the semantics of Flux's {@code fluxcd/pkg/ssh/knownhosts} (derived from
 * Go's {@code x/crypto/ssh/knownhosts}): host patterns with {@code *}/{@code ?} wildcards and {@code !} negation,
 * {@code [host]:port} entries, hashed {@code |1|salt|hash} hosts and {@code @revoked} keys. A host is verified by
 * its name as written in the URL; the server key must equal the known key of the same type (a new key type counts
 * as a mismatch). Keys are compared as SSH wire blobs, so no key type needs crypto support to be checked.
 * {@code @cert-authority} lines are parsed but certificate host keys are not supported.
 */
public final class KnownHosts {

    /** The outcome of {@link #check}. */
    public enum Verdict {
        /** The key is known for the host. */
        OK,
        /** No key is known for the host. */
        UNKNOWN,
        /** Keys are known for the host, but not this one. */
        MISMATCH,
        /** The key is listed as {@code @revoked}. */
        REVOKED
    }

    private record Pattern(boolean negate, String host, String port) {
    }

    private record Entry(boolean cert, List<Pattern> patterns, byte[] salt, byte[] hash, String type, byte[] blob) {
        boolean matches(String host, String port) {
            if (salt != null) {
                return Arrays.equals(hmacSha1(salt, normalize(host, port)), hash);
            }
            boolean matched = false;
            for (Pattern p : patterns) {
                if (!wildcard(p.host, 0, host, 0) || !p.port.equals(port)) {
                    continue;
                }
                if (p.negate) {
                    return false;
                }
                matched = true;
            }
            return matched;
        }
    }

    private final List<Entry> entries;
    private final List<byte[]> revoked;

    private KnownHosts(List<Entry> entries, List<byte[]> revoked) {
        this.entries = entries;
        this.revoked = revoked;
    }

    /**
     * Parses known_hosts content.
     *
     * @throws IllegalArgumentException naming the 1-based line of the first malformed entry
     */
    public static KnownHosts parse(String content) {
        List<Entry> entries = new ArrayList<>();
        List<byte[]> revoked = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                parseLine(line, entries, revoked);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("known_hosts line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new KnownHosts(List.copyOf(entries), List.copyOf(revoked));
    }

    private static void parseLine(String line, List<Entry> entries, List<byte[]> revoked) {
        String[] w = line.split("[ \t]+");
        int i = 0;
        String marker = "";
        if (w[0].equals("@cert-authority") || w[0].equals("@revoked")) {
            marker = w[0];
            i++;
        } else if (w[0].startsWith("@")) {
            throw new IllegalArgumentException("unknown marker " + w[0]);
        }
        if (w.length < i + 2) {
            throw new IllegalArgumentException("missing key type");
        }
        if (w.length < i + 3) {
            throw new IllegalArgumentException("missing key");
        }
        String hosts = w[i];
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(w[i + 2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("illegal base64 in the key: " + e.getMessage(), e);
        }
        String type = blobType(blob);
        if (!type.equals(w[i + 1])) {
            throw new IllegalArgumentException("key type " + w[i + 1] + " does not match the key (" + type + ")");
        }
        if (marker.equals("@revoked")) {
            revoked.add(blob);
            return;
        }
        boolean cert = marker.equals("@cert-authority");
        if (hosts.startsWith("|")) {
            String[] parts = hosts.split("\\|", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("hashed host must have the form |1|salt|hash");
            }
            if (!parts[1].equals("1")) {
                throw new IllegalArgumentException("hash type " + parts[1] + " is not supported, must be '1'");
            }
            Base64.Decoder d = Base64.getDecoder();
            entries.add(new Entry(cert, List.of(), d.decode(parts[2]), d.decode(parts[3]), type, blob));
            return;
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String p : hosts.split(",")) {
            if (p.isEmpty()) {
                continue;
            }
            boolean negate = p.startsWith("!");
            if (negate) {
                p = p.substring(1);
                if (p.isEmpty()) {
                    throw new IllegalArgumentException("negation without following hostname");
                }
            }
            if (p.startsWith("[")) {
                int close = p.indexOf("]:");
                if (close < 0 || close + 2 == p.length()) {
                    throw new IllegalArgumentException("host " + p + " has no port after ']'");
                }
                patterns.add(new Pattern(negate, p.substring(1, close), p.substring(close + 2)));
            } else {
                int colon = p.indexOf(':');
                if (colon > 0 && colon == p.lastIndexOf(':')) {
                    patterns.add(new Pattern(negate, p.substring(0, colon), p.substring(colon + 1)));
                } else {
                    patterns.add(new Pattern(negate, p, "22"));
                }
            }
        }
        entries.add(new Entry(cert, List.copyOf(patterns), null, null, type, blob));
    }

    /** The key type named inside an SSH public key blob (its first string). */
    public static String blobType(byte[] blob) {
        if (blob.length < 4) {
            throw new IllegalArgumentException("key blob too short");
        }
        int n = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
        if (n <= 0 || n > blob.length - 4) {
            throw new IllegalArgumentException("malformed key blob");
        }
        return new String(blob, 4, n, StandardCharsets.US_ASCII);
    }

    /** Whether the database lists no key at all (only comments or blank lines). */
    public boolean isEmpty() {
        return entries.isEmpty() && revoked.isEmpty();
    }

    /** The known keys of {@code host:port} as wire blobs, the first per key type, in file order. */
    public List<byte[]> keysFor(String host, int port) {
        Map<String, byte[]> byType = new LinkedHashMap<>();
        String p = Integer.toString(port);
        for (Entry e : entries) {
            if (!e.cert && e.matches(host, p)) {
                byType.putIfAbsent(e.type, e.blob);
            }
        }
        return List.copyOf(byType.values());
    }

    /** Checks the server key (wire blob) of {@code host:port}. */
    public Verdict check(String host, int port, byte[] serverKey) {
        for (byte[] r : revoked) {
            if (MessageDigest.isEqual(r, serverKey)) {
                return Verdict.REVOKED;
            }
        }
        List<byte[]> known = keysFor(host, port);
        if (known.isEmpty()) {
            return Verdict.UNKNOWN;
        }
        String type = blobType(serverKey);
        for (byte[] k : known) {
            if (blobType(k).equals(type)) {
                return MessageDigest.isEqual(k, serverKey) ? Verdict.OK : Verdict.MISMATCH;
            }
        }
        return Verdict.MISMATCH;
    }

    /** {@code host} for port 22, else {@code [host]:port}, as OpenSSH hashes and prints host names. */
    public static String normalize(String host, String port) {
        return "22".equals(port) ? host : "[" + host + "]:" + port;
    }

    /** OpenSSH-style SHA256 fingerprint of a key blob, {@code SHA256:base64-without-padding}. */
    public static String fingerprint(byte[] blob) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmacSha1(byte[] salt, String host) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return mac.doFinal(host.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** OpenSSH's {@code *}/{@code ?} matching, with no regard for separators. */
    private static boolean wildcard(String pat, int pi, String s, int si) {
        while (true) {
            if (pi == pat.length()) {
                return si == s.length();
            }
            char c = pat.charAt(pi);
            if (c == '*') {
                if (pi + 1 == pat.length()) {
                    return true;
                }
                for (int j = si; j < s.length(); j++) {
                    if (wildcard(pat, pi + 1, s, j)) {
                        return true;
                    }
                }
                return false;
            }
            if (si == s.length()) {
                return false;
            }
            if (c != '?' && c != s.charAt(si)) {
                return false;
            }
            pi++;
            si++;
        }
    }
}
