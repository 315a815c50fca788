package dev.gitops.api.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.engine.ManifestBuilder;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.error.Origin;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.yaml.Yaml;
import dev.gitops.api.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** The built-in {@link ManifestBuilder}: {@code resources} and {@code namespace} only. */
public final class PlainManifestBuilder implements ManifestBuilder {

    /** Kinds that are cluster-scoped (no namespace is set on them). */
    public static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "Node", "RuntimeClass",
            "CSIDriver", "CSINode", "VolumeAttachment", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding", "CertificateSigningRequest", "ClusterIssuer");

    private static final List<String> KUSTOMIZATION_FILES = List.of("kustomization.yaml", "kustomization.yml",
            "Kustomization");

    @Override
    public List<Resource> build(FileSystem fs, String path) {
        List<Resource> out = new ArrayList<>();
        buildDir(fs, FsPaths.normalize(path), out, new HashSet<>());
        Set<ResourceId> seen = new HashSet<>();
        for (Resource r : out) {
            ResourceId key = r.id();
            if (!seen.add(key)) {
                throw new InvalidInputException(r.origin().orElse(Origin.of(path)), "may not add resource with an "
                        + "already registered id: " + key);
            }
        }
        return out;
    }

    /** The kustomization file of a directory, if any. */
    public static String kustomizationFile(FileSystem fs, String dir) {
        for (String f : KUSTOMIZATION_FILES) {
            String p = FsPaths.join(dir, f);
            if (fs.isFile(p)) {
                return p;
            }
        }
        return null;
    }

    private void buildDir(FileSystem fs, String dir, List<Resource> out, Set<String> stack) {
        if (!fs.isDirectory(dir)) {
            throw new NotFoundException(Origin.of(dir.isEmpty() ? "." : dir), "no such directory");
        }
        if (!stack.add(dir)) {
            throw new InvalidInputException(Origin.of(dir), "cycle detected: " + dir + " includes itself");
        }
        String kfile = kustomizationFile(fs, dir);
        if (kfile == null) {
            throw new NotFoundException(Origin.of(dir.isEmpty() ? "." : dir), "unable to find one of "
                    + "'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '" + dir + "'");
        }
        YamlDocument doc = Yaml.defaults().readOne(fs.readString(kfile), kfile);
        if (!doc.content().isObject()) {
            throw new InvalidInputException(doc.origin(), "a kustomization must be a mapping");
        }
        ObjectNode k = (ObjectNode) doc.content();
        String namespace = "";
        List<Resource> mine = new ArrayList<>();
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            switch (field) {
                case "apiVersion", "kind" -> { }
                case "namespace" -> namespace = k.get(field).asText();
                case "resources" -> {
                    for (JsonNode e : k.get(field)) {
                        String ref = FsPaths.normalize(FsPaths.join(dir, e.asText()));
                        if (fs.isDirectory(ref)) {
                            buildDir(fs, ref, mine, stack);
                        } else if (fs.isFile(ref)) {
                            for (YamlDocument d : Yaml.defaults().readAll(fs.read(ref), ref)) {
                                if (d.isEmpty()) {
                                    continue;
                                }
                                Resource r = Resource.of(d);
                                if (r.kind().equals("List") || r.kind().endsWith("List") && r.has("/items")) {
                                    for (JsonNode item : r.content().path("items")) {
                                        mine.add(Resource.of((ObjectNode) item, d.sourceMap()));
                                    }
                                } else {
                                    mine.add(r);
                                }
                            }
                        } else {
                            throw new NotFoundException(doc.sourceMap().locate("/resources").orElse(doc.origin()),
                                    "accumulating resources: '" + e.asText() + "' not found");
                        }
                    }
                }
                default -> throw new InvalidInputException(doc.sourceMap().locate("/" + field)
                        .orElse(doc.origin()), "the built-in plain manifest builder does not support kustomization "
                        + "field '" + field + "'; wire gitops-kustomize's builder");
            }
        }
        if (!namespace.isEmpty()) {
            List<Resource> ns = new ArrayList<>();
            for (Resource r : mine) {
                if (CLUSTER_SCOPED.contains(r.kind())) {
                    ns.add(r);
                } else {
                    ObjectNode c = r.content();
                    c.with("metadata").put("namespace", namespace);
                    ns.add(r.withContent(c));
                }
            }
            mine = ns;
        }
        out.addAll(mine);
        stack.remove(dir);
    }
}
