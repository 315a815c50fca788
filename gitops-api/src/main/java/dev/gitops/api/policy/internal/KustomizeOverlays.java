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
import java.util.Set;

/**
 * What kustomize's {@code namespace:}, {@code images:}, {@code commonLabels:} and {@code labels:} fields do to the
 * objects of each file, for linting raw manifests as close to their build output as a lint without a build can be.
 * The outermost kustomization wins (kustomize applies it last). A file reached from several top-level
 * kustomizations gets a namespace only when they agree, and an image override or a label only when every one of
 * them sets it.
 */
final class KustomizeOverlays {

    private static final Set<String> KUSTOMIZATION_FILES = Set.of("kustomization.yaml", "kustomization.yml",
            "Kustomization");

    /** Kinds kustomize leaves cluster-scoped (built-in Kubernetes kinds and common cluster-wide custom kinds). */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "PersistentVolume", "StorageClass",
            "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding", "APIService", "CSIDriver", "CSINode", "IngressClass", "RuntimeClass",
            "VolumeSnapshotClass", "ClusterIssuer", "ClusterSecretStore", "ComponentStatus",
            "CertificateSigningRequest", "FlowSchema", "PriorityLevelConfiguration", "VolumeAttachment");

    private record Node(String dir, String namespace, Map<String, Image> images, Map<String, String> templateLabels,
            Map<String, String> selectorLabels, List<String> files, List<String> dirs) {}

    /** An {@code images:} entry: the new name, tag and digest ({@code ""} when not set). */
    record Image(String newName, String newTag, String digest) {
        /** The image reference with this override applied to {@code image} (whose name matched). */
        String apply(String image) {
            String rest = image;
            String digestPart = "";
            int at = rest.indexOf('@');
            if (at >= 0) {
                digestPart = rest.substring(at);
                rest = rest.substring(0, at);
            }
            int slash = rest.lastIndexOf('/');
            int colon = rest.lastIndexOf(':');
            String tagPart = colon > slash ? rest.substring(colon) : "";
            String name = colon > slash ? rest.substring(0, colon) : rest;
            String n = newName.isEmpty() ? name : newName;
            if (!digest.isEmpty()) {
                return n + "@" + digest;
            }
            if (!newTag.isEmpty()) {
                return n + ":" + newTag;
            }
            return n + tagPart + digestPart;
        }
    }

    /** The name part of an image reference (no tag, no digest), as {@code images[].name} matches it. */
    static String imageName(String image) {
        String rest = image;
        int at = rest.indexOf('@');
        if (at >= 0) {
            rest = rest.substring(0, at);
        }
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        return colon > slash ? rest.substring(0, colon) : rest;
    }

    /**
     * What the kustomizations do to one file's objects: the namespace ({@code null} when undetermined), image
     * overrides by image name, labels added to pod templates and labels added to selectors that have
     * {@code matchLabels}.
     */
    record Overrides(String namespace, Map<String, Image> images, Map<String, String> templateLabels,
            Map<String, String> selectorLabels) {}

    /** Labels along one path from a top-level kustomization to a file. */
    private record PathState(String namespace, Map<String, Image> images, Map<String, String> templateLabels,
            Map<String, String> selectorLabels) {}

    private final Map<String, Node> byDir = new HashMap<>();

    private KustomizeOverlays() {}

    /** Reads every kustomization of the repository. */
    static KustomizeOverlays of(FileSystem fs, List<String> kustomizationFiles) {
        KustomizeOverlays k = new KustomizeOverlays();
        for (String f : kustomizationFiles) {
            String dir = FsPaths.parent(f);
            if (k.byDir.containsKey(dir)) {
                continue;
            }
            JsonNode n = KustomizationFiles.read(fs, f);
            String ns = n.path("namespace").isTextual() ? n.path("namespace").textValue() : "";
            Map<String, Image> images = new HashMap<>();
            for (JsonNode e : n.path("images")) {
                if (e.path("name").isTextual()) {
                    images.put(e.path("name").textValue(), new Image(e.path("newName").asText(""),
                            e.path("newTag").isValueNode() ? e.path("newTag").asText("") : "",
                            e.path("digest").asText("")));
                }
            }
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
            Map<String, String> templateLabels = new HashMap<>();
            Map<String, String> selectorLabels = new HashMap<>();
            n.path("commonLabels").fields().forEachRemaining(e -> {
                templateLabels.put(e.getKey(), e.getValue().asText());
                selectorLabels.put(e.getKey(), e.getValue().asText());
            });
            for (JsonNode l : n.path("labels")) {
                boolean selectors = l.path("includeSelectors").asBoolean(false);
                boolean templates = selectors || l.path("includeTemplates").asBoolean(false);
                l.path("pairs").fields().forEachRemaining(e -> {
                    if (templates) {
                        templateLabels.put(e.getKey(), e.getValue().asText());
                    }
                    if (selectors) {
                        selectorLabels.put(e.getKey(), e.getValue().asText());
                    }
                });
            }
            k.byDir.put(dir, new Node(dir, ns, images, templateLabels, selectorLabels, files, dirs));
        }
        return k;
    }

    /** What applies to the objects of each file reached by a kustomization, by file. */
    Map<String, Overrides> overrides() {
        Set<String> referenced = new HashSet<>();
        byDir.values().forEach(n -> referenced.addAll(n.dirs()));
        Map<String, List<PathState>> reached = new HashMap<>();
        List<Node> roots = new ArrayList<>();
        for (Node n : byDir.values()) {
            if (!referenced.contains(n.dir())) {
                roots.add(n);
            }
        }
        roots.sort((a, b) -> a.dir().compareTo(b.dir()));
        for (Node root : roots) {
            walk(root, new PathState("", Map.of(), Map.of(), Map.of()), new HashSet<>(), reached);
        }
        Map<String, Overrides> out = new HashMap<>();
        for (Map.Entry<String, List<PathState>> e : reached.entrySet()) {
            List<PathState> paths = e.getValue();
            Set<String> set = new LinkedHashSet<>();
            paths.forEach(p -> set.add(p.namespace()));
            set.remove("");
            String ns = set.size() == 1 ? set.iterator().next() : null;
            Map<String, Image> images = new HashMap<>(paths.get(0).images());
            Map<String, String> templateLabels = new HashMap<>(paths.get(0).templateLabels());
            Map<String, String> selectorLabels = new HashMap<>(paths.get(0).selectorLabels());
            for (PathState p : paths) {
                images.keySet().retainAll(p.images().keySet());
                templateLabels.entrySet().retainAll(p.templateLabels().entrySet());
                selectorLabels.entrySet().retainAll(p.selectorLabels().entrySet());
            }
            if (ns != null || !images.isEmpty() || !templateLabels.isEmpty() || !selectorLabels.isEmpty()) {
                out.put(e.getKey(), new Overrides(ns, images, templateLabels, selectorLabels));
            }
        }
        return out;
    }

    private void walk(Node node, PathState outer, Set<String> path, Map<String, List<PathState>> reached) {
        if (!path.add(node.dir())) {
            return; // a cycle: kustomize rejects it, the lint just stops
        }
        // the outer kustomization applies last: its values win
        Map<String, Image> images = new HashMap<>(node.images());
        images.putAll(outer.images());
        Map<String, String> templateLabels = new HashMap<>(node.templateLabels());
        templateLabels.putAll(outer.templateLabels());
        Map<String, String> selectorLabels = new HashMap<>(node.selectorLabels());
        selectorLabels.putAll(outer.selectorLabels());
        PathState here = new PathState(outer.namespace().isEmpty() ? node.namespace() : outer.namespace(), images,
                templateLabels, selectorLabels);
        for (String f : node.files()) {
            reached.computeIfAbsent(f, x -> new ArrayList<>()).add(here);
        }
        for (String d : node.dirs()) {
            Node child = byDir.get(d);
            if (child != null) {
                walk(child, here, path, reached);
            }
        }
        path.remove(node.dir());
    }

    static boolean isKustomizationFile(String name) {
        return KUSTOMIZATION_FILES.contains(name);
    }
}
