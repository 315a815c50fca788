package dev.gitops.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.apply.ClusterApplier;
import dev.gitops.api.apply.ClusterApplierContract;
import dev.gitops.api.model.ResourceId;
import dev.gitops.kubernetes.internal.Json;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.UpdateOptions;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;

/** {@link KubernetesClusterApplier} against the applier contract, on a real kube-apiserver. */
class KubernetesClusterApplierContractIT extends ClusterApplierContract {

    private static KubernetesClusterApplier applier;

    @BeforeAll
    static void connect() {
        applier = KubernetesClusterApplier.builder().kubeconfig(KubeApiServer.start().admin()).build();
    }

    @Override
    protected ClusterApplier applier() {
        return applier;
    }

    @Override
    protected void editAs(String manager, ResourceId id, UnaryOperator<ObjectNode> edit) {
        editWithUpdate(applier, manager, id, edit);
    }

    /** An ordinary PUT as {@code manager}, as kubectl edit does. */
    static void editWithUpdate(KubernetesClusterApplier applier, String manager, ResourceId id,
            UnaryOperator<ObjectNode> edit) {
        ObjectNode live = applier.get(id).orElseThrow().content();
        ObjectNode next = edit.apply(live);
        String plural = switch (id.kind()) {
            case "ConfigMap" -> "configmaps";
            case "Deployment" -> "deployments";
            default -> throw new IllegalArgumentException(id.kind());
        };
        DynamicKubernetesApi api = new DynamicKubernetesApi(id.group(), id.version(), plural, applier.apiClient());
        KubernetesApiResponse<DynamicKubernetesObject> r = api.update(new DynamicKubernetesObject(Json.toGson(next)),
                new UpdateOptions().fieldManager(manager));
        if (!r.isSuccess()) {
            throw new AssertionError("update of " + id + " failed: " + r.getStatus());
        }
    }
}
