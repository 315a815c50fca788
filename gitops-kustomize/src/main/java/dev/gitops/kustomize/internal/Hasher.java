package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.json.GoJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/** kustomize's content hash for generated ConfigMaps and Secrets (and other kinds). */
final class Hasher {

    private Hasher() {}

    static String hash(Res r) {
        return hash(r, newDigest());
    }

    /** A SHA-256 digest for {@link #hash(Res, MessageDigest)} (getInstance checks providers and constraints). */
    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hash of {@code r}, computed with {@code sha256} (reset before use; one thread at a time). */
    static String hash(Res r, MessageDigest sha256) {
        String encoded;
        switch (r.kind()) {
            case "ConfigMap" -> {
                Map<String, Object> m = new TreeMap<>();
                m.put("kind", "ConfigMap");
                m.put("name", ""); // kustomize looks up the literal key "metadata/name": always empty
                m.put("data", value(r.node.get("data")));
                JsonNode bd = r.node.get("binaryData");
                if (bd != null && bd.isObject()) {
                    m.put("binaryData", bd);
                }
                encoded = GoJson.standard().marshal(m);
            }
            case "Secret" -> {
                Map<String, Object> m = new TreeMap<>();
                m.put("kind", "Secret");
                m.put("type", value(r.node.get("type")));
                m.put("name", ""); // kustomize looks up the literal key "metadata/name": always empty
                m.put("data", value(r.node.get("data")));
                JsonNode sd = r.node.get("stringData");
                if (sd != null && sd.isObject()) {
                    m.put("stringData", sd);
                }
                encoded = GoJson.standard().marshal(m);
            }
            default -> encoded = GoJson.standard().marshal(r.node);
        }
        return encode(sha256Hex(encoded, sha256));
    }

    private static Object value(JsonNode n) {
        if (n == null || n.isNull()) {
            return "";
        }
        if (n.isValueNode()) {
            return Res.text(n);
        }
        return n;
    }

    private static String sha256Hex(String s, MessageDigest sha256) {
        sha256.reset();
        byte[] d = sha256.digest(s.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder(64);
        for (byte b : d) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    static String encode(String hex) {
        char[] c = hex.substring(0, 10).toCharArray();
        for (int i = 0; i < c.length; i++) {
            switch (c[i]) {
                case '0' -> c[i] = 'g';
                case '1' -> c[i] = 'h';
                case '3' -> c[i] = 'k';
                case 'a' -> c[i] = 'm';
                case 'e' -> c[i] = 't';
                default -> { }
            }
        }
        return new String(c);
    }
}
