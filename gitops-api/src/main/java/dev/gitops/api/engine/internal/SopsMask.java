package dev.gitops.api.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * What {@code flux build kustomization} does to Secrets before printing them: a Secret encrypted as a whole
 * (a {@code sops} stanza with a {@code mac: ENC[...]}) loses the stanza and every {@code data} value becomes the
 * base64 of {@value #MASK} ({@code stringData} values the mask itself; for {@code kubernetes.io/dockerconfigjson}
 * Secrets the JSON {@code {"mask":"**SOPS**"}}); in other Secrets, single values that are SOPS documents
 * (containing {@code sops} and {@code ENC[}) are replaced by the base64 mask.
 */
public final class SopsMask {

    /** The mask flux prints. */
    public static final String MASK = "**SOPS**";
    private static final String B64_MASK = Base64.getEncoder().encodeToString(MASK.getBytes(StandardCharsets.UTF_8));
    private static final String DOCKER_MASK = "{\"mask\":\"" + MASK + "\"}";

    private SopsMask() {
    }

    /** The resource with SOPS data masked; other resources unchanged. */
    public static Resource mask(Resource r) {
        if (!r.kind().equals("Secret") || !r.id().group().isEmpty()) {
            return r;
        }
        ObjectNode c = r.content();
        boolean changed = false;
        JsonNode sops = c.get("sops");
        if (sops != null && sops.isObject() && sops.path("mac").asText("").startsWith("ENC[")) {
            c.remove("sops");
            boolean docker = "kubernetes.io/dockerconfigjson".equals(c.path("type").asText(""));
            if (c.get("data") instanceof ObjectNode data) {
                String v = docker ? Base64.getEncoder().encodeToString(DOCKER_MASK.getBytes(StandardCharsets.UTF_8))
                        : B64_MASK;
                for (Map.Entry<String, JsonNode> e : data.properties()) {
                    e.setValue(data.textNode(v));
                }
            }
            if (c.get("stringData") instanceof ObjectNode sd) {
                for (Map.Entry<String, JsonNode> e : sd.properties()) {
                    e.setValue(sd.textNode(docker ? DOCKER_MASK : MASK));
                }
            }
            changed = true;
        } else {
            if (c.get("data") instanceof ObjectNode data) {
                for (Map.Entry<String, JsonNode> e : data.properties()) {
                    String decoded;
                    try {
                        decoded = new String(Base64.getDecoder().decode(e.getValue().asText("")),
                                StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException ex) {
                        continue;
                    }
                    if (isSopsValue(decoded)) {
                        e.setValue(data.textNode(B64_MASK));
                        changed = true;
                    }
                }
            }
            if (c.get("stringData") instanceof ObjectNode sd) {
                for (Map.Entry<String, JsonNode> e : sd.properties()) {
                    if (isSopsValue(e.getValue().asText(""))) {
                        // flux writes the base64 form here too
                        e.setValue(sd.textNode(B64_MASK));
                        changed = true;
                    }
                }
            }
        }
        return changed ? r.withContent(c) : r;
    }

    private static boolean isSopsValue(String v) {
        return v.contains("sops") && v.contains("ENC[");
    }
}
