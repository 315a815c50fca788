package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.json.GoJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.crypto.digests.SHA256Digest;

/** kustomize's content hash for generated ConfigMaps and Secrets (and other kinds). */
final class Hasher {

    private Hasher() {}

    static String hash(Res r) {
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
        return encode(sha256Hex(encoded));
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

    /**
     * SHA-256 with BouncyCastle's lightweight digest: a JCA {@code MessageDigest} would initialise the security
     * providers and their algorithm constraints on first use, a cost every build of a generator paid.
     */
    static String sha256Hex(String s) {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        SHA256Digest sha256 = new SHA256Digest();
        sha256.update(in, 0, in.length);
        byte[] d = new byte[sha256.getDigestSize()];
        sha256.doFinal(d, 0);
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
