package dev.gitops.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.apply.ApplyOptions;
import dev.gitops.api.apply.DeleteOptions;
import dev.gitops.api.diff.DriftDetector;
import dev.gitops.api.diff.DriftReport;
import dev.gitops.api.engine.KustomizationBuild;
import dev.gitops.api.engine.KustomizationDiff;
import dev.gitops.api.engine.Reconciler;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The read-only three-way diff ({@link KustomizationDiff}) on a real API server: objects kustomize-controller
 * applied are in sync although the server defaulted fields (ports' protocol, a Deployment's strategy, a Secret's
 * stringData folded into data); a change by another manager is drift, and only that field.
 */
class ThreeWayDiffIT {

    @Test
    void serverDefaultsAreNotDriftAndAnotherManagersEditIs() {
        KubernetesClusterApplier applier = KubernetesClusterApplier.builder()
                .kubeconfig(KubeApiServer.start().admin()).build();
        String ns = "tw-" + UUID.randomUUID().toString().substring(0, 8);
        ApplyOptions ks = ApplyOptions.defaults().withFieldManager(Reconciler.KUSTOMIZE_MANAGER).withForce(true);
        applier.apply(Resource.readAll("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + ns + "\n", "ns")
                .get(0), ks);
        try {
            List<Resource> objects = Resource.readAll("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                    + "  namespace: " + ns + "\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n"
                    + "  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n"
                    + "      - name: web\n        image: nginx:1.25\n        ports:\n        - containerPort: 8080\n"
                    + "          protocol: TCP\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n"
                    + "  namespace: " + ns + "\nstringData:\n  token: s3cr3t\n---\napiVersion: v1\nkind: Service\n"
                    + "metadata:\n  name: web\n  namespace: " + ns + "\nspec:\n  selector:\n    app: web\n  ports:\n"
                    + "  - port: 80\n    targetPort: 8080\n    protocol: TCP\n", "objects.yaml");
            applier.applyAll(objects, ks);
            KustomizationBuild build = new KustomizationBuild(ResourceId.of("kustomize.toolkit.fluxcd.io/v1",
                    "Kustomization", "flux-system", "tw"), "main@sha1:0", objects, List.of(), false);
            DriftDetector detector = DriftDetector.builder().fluxSecretMasks(true).build();
            List<DriftReport> reports = KustomizationDiff.compare(build, applier, detector);
            assertTrue(reports.stream().noneMatch(DriftReport::hasDrift), reports::toString);

            ResourceId web = ResourceId.of("apps/v1", "Deployment", ns, "web");
            KubernetesClusterApplierContractIT.editWithUpdate(applier, "kubectl-edit", web, o -> {
                o.withObjectProperty("spec").put("replicas", 5);
                o.withObjectProperty("metadata").withObjectProperty("labels").put("extra", "by-hand");
                return o;
            });
            List<DriftReport> drifted = KustomizationDiff.compare(build, applier, detector).stream()
                    .filter(DriftReport::hasDrift).toList();
            assertEquals(1, drifted.size(), drifted::toString);
            DriftReport.Drifted d = (DriftReport.Drifted) drifted.get(0);
            assertEquals(web, d.id());
            assertEquals(List.of("/spec/replicas"), d.changes().stream().map(c -> c.pointer()).toList());
        } finally {
            applier.delete(ResourceId.of("v1", "Namespace", "", ns), DeleteOptions.defaults().withExclusions(Map.of()));
        }
    }
}
