package dev.gitops.api.diff.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Masks Secret values for display: {@code +++++ (3f2a9c1e)}, where the hex is the start of an HMAC-SHA256 of the
 * value keyed with the detector's mask key and salted with the object's identity. Equal values in one object (for
 * example before and after) get the same mask; the value itself cannot be read back.
 */
public final class SecretMask {

    private final byte[] key;

    /** A masker with a key (may be empty: then only the object identity salts the hash). */
    public SecretMask(byte[] key) {
        this.key = key.length == 0 ? "gitops-java/secret-mask".getBytes(StandardCharsets.UTF_8) : key.clone();
    }

    /** The mask of one value. */
    public String mask(String salt, JsonNode value) {
        String text = value.isTextual() ? value.asText() : value.toString();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(salt.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] h = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return "+++++ (" + HexFormat.of().formatHex(h, 0, 4) + ")";
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Masks every value under {@code data} and {@code stringData} of a Secret (in place). */
    public void maskSecret(String salt, ObjectNode secret) {
        for (String field : new String[] {"data", "stringData"}) {
            if (secret.get(field) instanceof ObjectNode d) {
                maskValues(salt, d);
            }
        }
        if (secret.path("metadata").path("annotations") instanceof ObjectNode a) {
            a.remove(Semantics.LAST_APPLIED);
        }
    }

    /** Flux's mask of a value that is the same on both sides, or present on one side only. */
    public static final String FLUX_MASK = "***";
    /** Flux's mask of the old value of a changed key. */
    public static final String FLUX_BEFORE = "*** (before)";
    /** Flux's mask of the new value of a changed key. */
    public static final String FLUX_AFTER = "*** (after)";

    /**
     * Masks the {@code data} and {@code stringData} values of two versions of a Secret (in place) as
     * {@code flux diff} does (fluxcd/pkg ssa): a key whose value differs becomes {@value #FLUX_BEFORE} and
     * {@value #FLUX_AFTER}, every other value {@value #FLUX_MASK}. Either side may be null.
     */
    public static void fluxMaskPair(ObjectNode before, ObjectNode after) {
        for (String field : new String[] {"data", "stringData"}) {
            ObjectNode b = before != null && before.get(field) instanceof ObjectNode o ? o : null;
            ObjectNode a = after != null && after.get(field) instanceof ObjectNode o ? o : null;
            fluxMaskMaps(b, a);
        }
        for (ObjectNode o : new ObjectNode[] {before, after}) {
            if (o != null && o.path("metadata").path("annotations") instanceof ObjectNode an) {
                an.remove(Semantics.LAST_APPLIED);
            }
        }
    }

    /** {@link #fluxMaskPair} for two maps of values (either may be null). */
    public static void fluxMaskMaps(ObjectNode before, ObjectNode after) {
        if (before != null) {
            for (Map.Entry<String, JsonNode> e : before.properties()) {
                JsonNode other = after == null ? null : after.get(e.getKey());
                boolean changed = other != null && !other.equals(e.getValue());
                e.setValue(TextNode.valueOf(changed ? FLUX_BEFORE : FLUX_MASK));
                if (other != null) {
                    after.set(e.getKey(), TextNode.valueOf(changed ? FLUX_AFTER : FLUX_MASK));
                }
            }
        }
        if (after != null) {
            for (Map.Entry<String, JsonNode> e : after.properties()) {
                if (before == null || !before.has(e.getKey())) {
                    e.setValue(TextNode.valueOf(FLUX_MASK));
                }
            }
        }
    }

    /** Masks every scalar value of a map (in place). */
    public void maskValues(String salt, ObjectNode d) {
        for (Map.Entry<String, JsonNode> e : d.properties()) {
            if (!e.getValue().isNull()) {
                e.setValue(TextNode.valueOf(mask(salt, e.getValue())));
            }
        }
    }
}
