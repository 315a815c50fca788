package dev.gitops.api.apply.memory.internal;

import java.util.List;
import java.util.Objects;

/**
 * What the in-memory API server knows about a kind.
 *
 * @param group API group
 * @param versions served versions, the first is the preferred one
 * @param kind kind
 * @param plural resource name
 * @param namespaced namespaced (true) or cluster-scoped
 * @param statusSubresource status is written through {@code /status} only (apply ignores it)
 * @param generation the server keeps {@code metadata.generation}, bumped on changes outside metadata and status
 * @param custom served through a CustomResourceDefinition
 * @param deduced no typed schema (a CRD whose schema preserves unknown fields): objects are granular maps
 */
public record KindInfo(String group, List<String> versions, String kind, String plural, boolean namespaced,
        boolean statusSubresource, boolean generation, boolean custom, boolean deduced) {

    /** Validates and copies. */
    public KindInfo {
        Objects.requireNonNull(group, "group");
        versions = List.copyOf(versions);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plural, "plural");
    }

    /** The built-in kinds of Kubernetes 1.2x that the engine applies. */
    public static List<KindInfo> builtins() {
        return List.of(
                core("Namespace", "namespaces", false, true, false),
                core("ConfigMap", "configmaps", true, false, false),
                core("Secret", "secrets", true, false, false),
                core("ServiceAccount", "serviceaccounts", true, false, false),
                core("Service", "services", true, true, false),
                core("Pod", "pods", true, true, false),
                core("PersistentVolumeClaim", "persistentvolumeclaims", true, true, false),
                core("PersistentVolume", "persistentvolumes", false, true, false),
                core("Endpoints", "endpoints", true, false, false),
                core("LimitRange", "limitranges", true, false, false),
                core("ResourceQuota", "resourcequotas", true, true, false),
                core("ReplicationController", "replicationcontrollers", true, true, true),
                core("Node", "nodes", false, true, false),
                core("Event", "events", true, false, false),
                core("PodTemplate", "podtemplates", true, false, false),
                of("apps", "Deployment", "deployments", true, true, true, "v1"),
                of("apps", "StatefulSet", "statefulsets", true, true, true, "v1"),
                of("apps", "DaemonSet", "daemonsets", true, true, true, "v1"),
                of("apps", "ReplicaSet", "replicasets", true, true, true, "v1"),
                of("apps", "ControllerRevision", "controllerrevisions", true, false, false, "v1"),
                of("batch", "Job", "jobs", true, true, true, "v1"),
                of("batch", "CronJob", "cronjobs", true, true, true, "v1", "v1beta1"),
                of("autoscaling", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, true, true, "v2",
                        "v1", "v2beta2"),
                of("policy", "PodDisruptionBudget", "poddisruptionbudgets", true, true, true, "v1", "v1beta1"),
                of("networking.k8s.io", "Ingress", "ingresses", true, true, true, "v1"),
                of("networking.k8s.io", "IngressClass", "ingressclasses", false, false, false, "v1"),
                of("networking.k8s.io", "NetworkPolicy", "networkpolicies", true, false, true, "v1"),
                of("rbac.authorization.k8s.io", "Role", "roles", true, false, false, "v1"),
                of("rbac.authorization.k8s.io", "RoleBinding", "rolebindings", true, false, false, "v1"),
                of("rbac.authorization.k8s.io", "ClusterRole", "clusterroles", false, false, false, "v1"),
                of("rbac.authorization.k8s.io", "ClusterRoleBinding", "clusterrolebindings", false, false, false,
                        "v1"),
                of("storage.k8s.io", "StorageClass", "storageclasses", false, false, false, "v1"),
                of("scheduling.k8s.io", "PriorityClass", "priorityclasses", false, false, false, "v1"),
                of("node.k8s.io", "RuntimeClass", "runtimeclasses", false, false, false, "v1"),
                of("coordination.k8s.io", "Lease", "leases", true, false, false, "v1"),
                of("discovery.k8s.io", "EndpointSlice", "endpointslices", true, false, false, "v1"),
                of("apiextensions.k8s.io", "CustomResourceDefinition", "customresourcedefinitions", false, true,
                        true, "v1"),
                of("admissionregistration.k8s.io", "MutatingWebhookConfiguration",
                        "mutatingwebhookconfigurations", false, false, true, "v1"),
                of("admissionregistration.k8s.io", "ValidatingWebhookConfiguration",
                        "validatingwebhookconfigurations", false, false, true, "v1"),
                of("apiregistration.k8s.io", "APIService", "apiservices", false, true, false, "v1"));
    }

    private static KindInfo core(String kind, String plural, boolean namespaced, boolean status, boolean gen) {
        return new KindInfo("", List.of("v1"), kind, plural, namespaced, status, gen, false, false);
    }

    private static KindInfo of(String group, String kind, String plural, boolean namespaced, boolean status,
            boolean gen, String... versions) {
        return new KindInfo(group, List.of(versions), kind, plural, namespaced, status, gen, false, false);
    }
}
