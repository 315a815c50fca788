package dev.gitops.examples.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gitops.api.fs.FileSystem;
import dev.gitops.kustomize.BuildResult;
import dev.gitops.kustomize.KustomizeException;
import dev.gitops.kustomize.Kustomizer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnerLabelTransformerTest {

    private static FileSystem fs(String kustomization) {
        return FileSystem.inMemory(Map.of(
                "kustomization.yaml", kustomization.getBytes(StandardCharsets.UTF_8),
                "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void stampsTheOwnerOnEveryResource() {
        BuildResult r = Kustomizer.builder()
                .fileSystem(fs("resources:\n- cm.yaml\ntransformers:\n- |-\n  apiVersion: example.com/v1\n"
                        + "  kind: OwnerLabel\n  metadata:\n    name: owner\n  team: payments\n"))
                .transformer(new OwnerLabelTransformer())
                .build()
                .build("");
        assertEquals("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    example.com/owner: payments\n"
                + "  name: cm\n", r.toYaml());
    }

    @Test
    void unregisteredKindsAreRejected() {
        assertThrows(KustomizeException.class, () -> Kustomizer.builder()
                .fileSystem(fs("resources:\n- cm.yaml\ntransformers:\n- |-\n  apiVersion: example.com/v1\n"
                        + "  kind: OwnerLabel\n  metadata:\n    name: owner\n  team: payments\n"))
                .build()
                .build(""));
    }
}
