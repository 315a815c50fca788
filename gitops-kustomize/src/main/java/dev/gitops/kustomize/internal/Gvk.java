package dev.gitops.kustomize.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Group, version, kind with kustomize's selection, scope and ordering rules. */
public record Gvk(String group, String version, String kind) {

    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "admissionregistration.k8s.io/v1/MutatingWebhookConfiguration",
            "admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration",
            "admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration",
            "admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration",
            "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy",
            "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding",
            "admissionregistration.k8s.io/v1beta1/ValidatingAdmissionPolicy",
            "admissionregistration.k8s.io/v1beta1/ValidatingAdmissionPolicyBinding",
            "apiextensions.k8s.io/v1/CustomResourceDefinition",
            "apiextensions.k8s.io/v1beta1/CustomResourceDefinition",
            "apiregistration.k8s.io/v1/APIService", "apiregistration.k8s.io/v1beta1/APIService",
            "certificates.k8s.io/v1/CertificateSigningRequest",
            "certificates.k8s.io/v1beta1/CertificateSigningRequest",
            "flowcontrol.apiserver.k8s.io/v1beta1/FlowSchema",
            "flowcontrol.apiserver.k8s.io/v1beta1/PriorityLevelConfiguration",
            "networking.k8s.io/v1/IngressClass", "networking.k8s.io/v1beta1/IngressClass",
            "node.k8s.io/v1/RuntimeClass", "node.k8s.io/v1beta1/RuntimeClass",
            "policy/v1beta1/PodSecurityPolicy",
            "rbac.authorization.k8s.io/v1/ClusterRole", "rbac.authorization.k8s.io/v1/ClusterRoleBinding",
            "rbac.authorization.k8s.io/v1beta1/ClusterRole", "rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding",
            "rbac.authorization.k8s.io/v1alpha1/ClusterRole",
            "rbac.authorization.k8s.io/v1alpha1/ClusterRoleBinding",
            "scheduling.k8s.io/v1/PriorityClass", "scheduling.k8s.io/v1beta1/PriorityClass",
            "scheduling.k8s.io/v1alpha1/PriorityClass",
            "storage.k8s.io/v1/CSIDriver", "storage.k8s.io/v1/CSINode", "storage.k8s.io/v1/StorageClass",
            "storage.k8s.io/v1/VolumeAttachment", "storage.k8s.io/v1beta1/CSIDriver",
            "storage.k8s.io/v1beta1/CSINode", "storage.k8s.io/v1beta1/StorageClass",
            "storage.k8s.io/v1beta1/VolumeAttachment",
            "v1/ComponentStatus", "v1/Namespace", "v1/Node", "v1/NodeProxyOptions", "v1/PersistentVolume",
            "authentication.k8s.io/v1/TokenReview", "authentication.k8s.io/v1beta1/TokenReview",
            "authorization.k8s.io/v1/SelfSubjectAccessReview", "authorization.k8s.io/v1/SelfSubjectRulesReview",
            "authorization.k8s.io/v1/SubjectAccessReview",
            "authorization.k8s.io/v1beta1/SelfSubjectAccessReview",
            "authorization.k8s.io/v1beta1/SelfSubjectRulesReview",
            "authorization.k8s.io/v1beta1/SubjectAccessReview");

    private static final String[] ORDER_FIRST = {"Namespace", "ResourceQuota", "StorageClass",
        "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding",
        "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass",
        "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget"};
    private static final String[] ORDER_LAST = {"MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"};
    private static final Map<String, Integer> TYPE_ORDERS = new HashMap<>();

    static {
        for (int i = 0; i < ORDER_FIRST.length; i++) {
            TYPE_ORDERS.put(ORDER_FIRST[i], -ORDER_FIRST.length + i);
        }
        for (int i = 0; i < ORDER_LAST.length; i++) {
            TYPE_ORDERS.put(ORDER_LAST[i], 1 + i);
        }
    }

    public Gvk {
        group = group == null ? "" : group;
        version = version == null ? "" : version;
        kind = kind == null ? "" : kind;
    }

    public static Gvk of(String apiVersion, String kind) {
        if (apiVersion == null) {
            apiVersion = "";
        }
        int i = apiVersion.indexOf('/');
        if (i >= 0) {
            return new Gvk(apiVersion.substring(0, i), apiVersion.substring(i + 1), kind);
        }
        return new Gvk("", apiVersion, kind);
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public boolean isSelected(Gvk selector) {
        if (selector == null) {
            return true;
        }
        return (selector.group.isEmpty() || group.equals(selector.group))
                && (selector.version.isEmpty() || version.equals(selector.version))
                && (selector.kind.isEmpty() || kind.equals(selector.kind));
    }

    private static final Set<String> CLUSTER_KINDS = CLUSTER_SCOPED.stream()
            .map(s -> s.substring(s.lastIndexOf('/') + 1)).collect(java.util.stream.Collectors.toSet());

    public boolean clusterScoped() {
        return CLUSTER_KINDS.contains(kind) && CLUSTER_SCOPED.contains(apiVersion() + "/" + kind);
    }

    /** Kustomize's {@code Gvk.String()}: {@code kind.version.group} with placeholders. */
    @Override
    public String toString() {
        return (kind.isEmpty() ? "[noKind]" : kind) + "." + (version.isEmpty() ? "[noVer]" : version) + "."
                + (group.isEmpty() ? "[noGrp]" : group);
    }

    String stableSortString() {
        return (group.isEmpty() ? "~G" : group) + "_" + (version.isEmpty() ? "~V" : version) + "_"
                + (kind.isEmpty() ? "~K" : kind);
    }

    /** A comparator form of {@link #isLessThan(Gvk)}. */
    static int compare(Gvk a, Gvk b) {
        return a.isLessThan(b) ? -1 : b.isLessThan(a) ? 1 : 0;
    }

    boolean isLessThan(Gvk o) {
        int a = TYPE_ORDERS.getOrDefault(kind, 0);
        int b = TYPE_ORDERS.getOrDefault(o.kind, 0);
        if (a != b) {
            return a < b;
        }
        return stableSortString().compareTo(o.stableSortString()) < 0;
    }
}
