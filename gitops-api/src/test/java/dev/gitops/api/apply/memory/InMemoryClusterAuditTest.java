package dev.gitops.api.apply.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.apply.ApplyOptions;
import dev.gitops.api.apply.DeleteOptions;
import dev.gitops.api.apply.Impersonation;
import dev.gitops.api.error.ForbiddenException;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Impersonation in the in-memory cluster: the audit log and the {@link Authorizer} plug point. */
class InMemoryClusterAuditTest {

    private static Resource cm(String ns, String name) {
        return Resource.readAll("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: " + ns
                + "\ndata:\n  a: b\n", "cm.yaml").get(0);
    }

    @Test
    void writesAreRecordedWithTheirUser() {
        InMemoryCluster c = InMemoryCluster.create();
        String sa = Impersonation.serviceAccount("default", "deployer");
        c.apply(cm("default", "one"), ApplyOptions.defaults().withImpersonation(sa));
        c.apply(cm("default", "two"), ApplyOptions.defaults().withDryRun(true));
        c.delete(ResourceId.of("v1", "ConfigMap", "default", "one"), DeleteOptions.defaults().withImpersonation(sa));
        assertEquals(List.of(
                new AuditEntry(Authorizer.Verb.PATCH, ResourceId.of("v1", "ConfigMap", "default", "one"), sa, false),
                new AuditEntry(Authorizer.Verb.PATCH, ResourceId.of("v1", "ConfigMap", "default", "two"), "", true),
                new AuditEntry(Authorizer.Verb.DELETE, ResourceId.of("v1", "ConfigMap", "default", "one"), sa, false)),
                c.auditLog());
    }

    @Test
    void theNamespacesAuthorizerConfinesImpersonatedUsers() {
        InMemoryCluster c = InMemoryCluster.builder().authorizer(Authorizer.namespaces(Set.of("default"))).build();
        String sa = "system:serviceaccount:default:deployer";
        c.apply(cm("default", "ok"), ApplyOptions.defaults().withImpersonation(sa));
        ForbiddenException e = assertThrows(ForbiddenException.class, () -> c.apply(cm("kube-system", "no"),
                ApplyOptions.defaults().withImpersonation(sa)));
        assertEquals("Forbidden", e.reason());
        assertTrue(e.getMessage().contains("configmaps \"no\" is forbidden: User \"" + sa + "\" cannot get resource "
                + "\"configmaps\" in API group \"\" in the namespace \"kube-system\""), e.getMessage());
        assertTrue(c.get(ResourceId.of("v1", "ConfigMap", "kube-system", "no")).isEmpty());
        c.apply(cm("kube-system", "admin"), ApplyOptions.defaults());
        ForbiddenException ns = assertThrows(ForbiddenException.class, () -> c.apply(Resource.readAll(
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n", "ns").get(0),
                ApplyOptions.defaults().withImpersonation(sa)));
        assertTrue(ns.getMessage().contains("at the cluster scope"), ns.getMessage());
    }

    @Test
    void serviceAccountNamesAreValidated() {
        assertEquals("system:serviceaccount:apps:web", Impersonation.serviceAccount("apps", "web"));
        assertEquals("", Impersonation.forServiceAccountName("apps", ""));
        assertThrows(InvalidInputException.class, () -> Impersonation.serviceAccount("apps", "a:b"));
        assertThrows(IllegalArgumentException.class, () -> ApplyOptions.defaults().withImpersonation(" padded"));
    }
}
