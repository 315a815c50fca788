package dev.gitops.api.apply;

import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which objects are applied, as Flux's {@code ssa} sorts them: CustomResourceDefinitions and
 * Namespaces first, then cluster-wide policy and RBAC, configuration, Services, workloads; kinds not in the table
 * in the middle (by group, then kind); admission webhooks last. Ties break by namespace, then name, so the order
 * does not depend on the input order. Deletion uses the reverse.
 */
public final class ApplyOrder {

    private static final List<String> FIRST = List.of("CustomResourceDefinition", "Namespace", "ResourceQuota",
            "StorageClass", "ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding",
            "ClusterRoleBinding", "ConfigMap", "Secret", "Service", "LimitRange", "PriorityClass", "Deployment",
            "StatefulSet", "CronJob", "PodDisruptionBudget");
    private static final List<String> LAST = List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");
    private static final Map<String, Integer> INDEX = index();
    private static final Set<String> STAGE_ONE = Set.of("CustomResourceDefinition", "Namespace");

    private static final Comparator<ResourceId> ID_ORDER = Comparator
            .comparingInt((ResourceId id) -> INDEX.getOrDefault(id.kind(), 0))
            .thenComparing(ResourceId::group)
            .thenComparing(ResourceId::kind)
            .thenComparing(ResourceId::namespace)
            .thenComparing(ResourceId::name);

    private ApplyOrder() {
    }

    private static Map<String, Integer> index() {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (int i = 0; i < FIRST.size(); i++) {
            m.put(FIRST.get(i), -FIRST.size() + i);
        }
        for (int i = 0; i < LAST.size(); i++) {
            m.put(LAST.get(i), 1 + i);
        }
        return Map.copyOf(m);
    }

    /** The apply order over ids. */
    public static Comparator<ResourceId> ids() {
        return ID_ORDER;
    }

    /** The apply order over resources. */
    public static Comparator<Resource> resources() {
        return Comparator.comparing(Resource::id, ID_ORDER);
    }

    /** True for the kinds applied in the first stage, before anything else (CRDs and Namespaces). */
    public static boolean isFirstStage(ResourceId id) {
        return STAGE_ONE.contains(id.kind())
                && (id.group().isEmpty() || id.group().equals("apiextensions.k8s.io"));
    }

    /** The resources in apply order (a new list). */
    public static List<Resource> sort(Collection<Resource> resources) {
        List<Resource> out = new ArrayList<>(resources);
        out.sort(resources());
        return out;
    }

    /** The ids in deletion order: the reverse of the apply order (a new list). */
    public static List<ResourceId> deletionOrder(Collection<ResourceId> ids) {
        List<ResourceId> out = new ArrayList<>(ids);
        out.sort(ID_ORDER.reversed());
        return out;
    }
}
