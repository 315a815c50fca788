package dev.gitops.api.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.fs.FsPaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The namespace kustomize's {@code namespace:} field gives the objects of each file, for linting raw manifests as
 * close to their build output as a lint without a build can be. The outermost kustomization that sets a namespace wins
 * (kustomize applies it last); a file reached from several top-level kustomizations that disagree keeps its own.
 */
final class KustomizeNamespaces {

    private static final Set<String> KUSTOMIZATION_FILES = Set.of("kustomization.yaml", "kustomization.yml",
            "Kustomization");

    /** Kinds kustomize leaves cluster-scoped (built-in Kubernetes kinds and common cluster-wide custom kinds). */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "PersistentVolume", "StorageClass",
            "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding", "APIService", "CSIDriver", "CSINode", "IngressClass", "RuntimeClass",
            "VolumeSnapshotClass", "ClusterIssuer", "ClusterSecretStore", "ComponentStatus",
            "CertificateSigningRequest", "FlowSchema", "PriorityLevelConfiguration", "VolumeAttachment");

    private record Node(String dir, String namespace, List<String> files, List<String> dirs) {}

    private final Map<String, Node> byDir = new HashMap<>();

    private KustomizeNamespaces() {}

    /** Reads every kustomization of the repository. */
    static KustomizeNamespaces of(FileSystem fs, List<String> kustomizationFiles) {
        KustomizeNamespaces k = new KustomizeNamespaces();
        for (String f : kustomizationFiles) {
            String dir = FsPaths.parent(f);
            if (k.byDir.containsKey(dir)) {
                continue;
            }
            JsonNode n = KustomizationFiles.read(fs, f);
            String ns = n.path("namespace").isTextual() ? n.path("namespace").textValue() : "";
            List<String> files = new ArrayList<>();
            List<String> dirs = new ArrayList<>();
            for (String field : List.of("resources", "components", "bases")) {
                for (JsonNode e : n.path(field)) {
                    if (!e.isTextual() || e.textValue().contains("://")) {
                        continue;
                    }
                    try {
                        String p = FsPaths.join(dir, e.textValue());
                        if (fs.isDirectory(p)) {
                            dirs.add(p);
                        } else {
                            files.add(p);
                        }
                    } catch (GitOpsException ex) {
                        // outside the repository
                    }
                }
            }
            k.byDir.put(dir, new Node(dir, ns, files, dirs));
        }
        return k;
    }

    /** The namespace kustomize would give the namespaced objects of each file, where one is determined. */
    Map<String, String> namespaces() {
        Set<String> referenced = new HashSet<>();
        byDir.values().forEach(n -> referenced.addAll(n.dirs()));
        Map<String, Set<String>> seen = new HashMap<>();
        for (Node root : byDir.values()) {
            if (!referenced.contains(root.dir())) {
                walk(root, "", new HashSet<>(), seen);
            }
        }
        Map<String, String> out = new HashMap<>();
        seen.forEach((file, namespaces) -> {
            Set<String> set = new LinkedHashSet<>(namespaces);
            set.remove("");
            if (set.size() == 1) {
                out.put(file, set.iterator().next());
            }
        });
        return out;
    }

    private void walk(Node node, String outer, Set<String> path, Map<String, Set<String>> seen) {
        if (!path.add(node.dir())) {
            return; // a cycle: kustomize rejects it, the lint just stops
        }
        String ns = outer.isEmpty() ? node.namespace() : outer;
        for (String f : node.files()) {
            seen.computeIfAbsent(f, x -> new HashSet<>()).add(ns);
        }
        for (String d : node.dirs()) {
            Optional.ofNullable(byDir.get(d)).ifPresent(child -> walk(child, ns, path, seen));
        }
        path.remove(node.dir());
    }

    static boolean isKustomizationFile(String name) {
        return KUSTOMIZATION_FILES.contains(name);
    }
}
