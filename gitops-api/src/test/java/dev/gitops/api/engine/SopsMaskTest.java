package dev.gitops.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.gitops.api.engine.internal.SopsMask;
import dev.gitops.api.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What {@code flux build kustomization} prints for SOPS Secrets (flux2 internal/build). */
class SopsMaskTest {

    private static Resource res(String yaml) {
        return Resource.readAll(yaml, "s.yaml").get(0);
    }

    @Test
    void dockerConfigSecretsGetAJsonMask() {
        Resource r = SopsMask.mask(res("apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\n"
                + "type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ENC[AES256_GCM,data:x]\n"
                + "sops:\n  mac: ENC[AES256_GCM,data:y]\n"));
        assertEquals("{\"mask\":\"**SOPS**\"}", new String(Base64.getDecoder().decode(
                r.content().at("/data/.dockerconfigjson").asText()), StandardCharsets.UTF_8));
    }

    @Test
    void plainSecretsAndOtherKindsAreLeftAlone() {
        Resource plain = res("apiVersion: v1\nkind: Secret\nmetadata:\n  name: p\ndata:\n  a: aGVsbG8=\n");
        assertSame(plain, SopsMask.mask(plain));
        Resource cm = res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: sops ENC[x]\n");
        assertSame(cm, SopsMask.mask(cm));
    }

    @Test
    void aSopsValueInStringDataGetsTheEncodedMaskAsFluxWritesIt() {
        Resource r = SopsMask.mask(res("apiVersion: v1\nkind: Secret\nmetadata:\n  name: p\nstringData:\n"
                + "  conf: \"sops:\\n  mac: ENC[x]\"\n  other: text\n"));
        assertEquals("KipTT1BTKio=", r.content().at("/stringData/conf").asText());
        assertEquals("text", r.content().at("/stringData/other").asText());
    }
}
