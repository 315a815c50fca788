package dev.gitops.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's ManifestBuilder plug point builds a path of an artifact exactly as the Kustomizer does. */
class KustomizeManifestBuilderTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private final FileSystem artifact = FileSystem.inMemory(Map.of(
            "apps/base/kustomization.yaml", b("resources:\n- cm.yaml\n"),
            "apps/base/cm.yaml", b("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n"),
            "apps/staging/kustomization.yaml", b("namespace: web\nnamePrefix: staging-\nresources:\n- ../base\n"),
            "apps/direct/kustomization.yaml", b("resources:\n- ../base/cm.yaml\n")));

    @Test
    void buildsOverlaysThatReachSiblingDirectoriesOfTheArtifact() {
        List<Resource> built = KustomizeManifestBuilder.create().build(artifact, "apps/staging");
        assertEquals(1, built.size());
        assertEquals("ConfigMap/web/staging-settings", built.get(0).id().toString());
        assertEquals(Kustomizer.builder().fileSystem(artifact).loadRestrictions(LoadRestrictions.NONE).build()
                .build("apps/staging").resources(), built);
    }

    @Test
    void filesOutsideTheKustomizationRootNeedLoadRestrictionsOff() {
        // kustomize-controller builds with LoadRestrictionsNone inside the artifact: a file of a sibling directory
        assertEquals("ConfigMap/settings",
                KustomizeManifestBuilder.create().build(artifact, "apps/direct").get(0).id().toString());
        // kustomize's default refuses it ("security; file ... is not in or below ...")
        assertThrows(GitOpsException.class, () -> KustomizeManifestBuilder
                .withLoadRestrictions(LoadRestrictions.ROOT_ONLY).build(artifact, "apps/direct"));
    }
}
