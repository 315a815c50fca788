package dev.gitops.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.apply.Action;
import dev.gitops.api.apply.ApplyOptions;
import dev.gitops.api.apply.ChangeSet;
import dev.gitops.api.apply.DeleteOptions;
import dev.gitops.api.engine.Reconciler;
import dev.gitops.api.engine.internal.KustomizationApply;
import dev.gitops.api.error.ApplyException;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * kustomize-controller's handling of immutable-field changes on a real API server: the failure in Flux's wording
 * without {@code spec.force}, deletion and recreation with it.
 */
class ForceRecreateIT {

    @Test
    void anImmutableJobTemplateFailsWithoutForceAndIsRecreatedWithIt() {
        KubernetesClusterApplier applier = KubernetesClusterApplier.builder()
                .kubeconfig(KubeApiServer.start().admin()).build();
        String ns = "fr-" + UUID.randomUUID().toString().substring(0, 8);
        ApplyOptions ks = ApplyOptions.defaults().withFieldManager(Reconciler.KUSTOMIZE_MANAGER).withForce(true);
        applier.apply(Resource.readAll("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + ns + "\n", "ns")
                .get(0), ks);
        try {
            String job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  namespace: " + ns + "\n"
                    + "spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n"
                    + "      - name: migrate\n        image: migrate:1\n";
            ResourceId id = ResourceId.of("batch/v1", "Job", ns, "migrate");
            KustomizationApply.applyAll(applier, Resource.readAll(job, "job.yaml"), ks, false);
            String uid = applier.get(id).orElseThrow().content().at("/metadata/uid").asText();
            List<Resource> changed = Resource.readAll(job.replace("migrate:1", "migrate:2"), "job.yaml");
            ApplyException e = assertThrows(ApplyException.class,
                    () -> KustomizationApply.applyAll(applier, changed, ks, false));
            assertTrue(e.detail().startsWith("Job/" + ns + "/migrate dry-run failed (Invalid): Job.batch \"migrate\" "
                    + "is invalid: spec.template: Invalid value: "), e.detail());
            assertTrue(e.detail().contains("field is immutable"), e.detail());
            ChangeSet cs = KustomizationApply.applyAll(applier, changed, ks, true);
            assertEquals(Action.CREATED, cs.changes().get(0).action());
            Resource live = applier.get(id).orElseThrow();
            assertEquals("migrate:2", live.content().at("/spec/template/spec/containers/0/image").asText());
            assertNotEquals(uid, live.content().at("/metadata/uid").asText());
        } finally {
            applier.delete(ResourceId.of("v1", "Namespace", "", ns), DeleteOptions.defaults().withExclusions(Map.of()));
        }
    }
}
