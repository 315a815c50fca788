package dev.gitops.api.apply.memory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.apply.ClusterApplier;
import dev.gitops.api.apply.ClusterApplierContract;
import dev.gitops.api.model.ResourceId;
import java.util.function.UnaryOperator;

/** {@link InMemoryCluster} against the applier contract. */
class InMemoryClusterContractTest extends ClusterApplierContract {

    /** Stands in for RBAC: service accounts named nobody have no permissions. */
    private final InMemoryCluster cluster = InMemoryCluster.builder()
            .authorizer((user, verb, object) -> !user.endsWith(":nobody")).build();

    @Override
    protected ClusterApplier applier() {
        return cluster;
    }

    @Override
    protected void editAs(String manager, ResourceId id, UnaryOperator<ObjectNode> edit) {
        cluster.update(id, manager, edit);
    }
}
