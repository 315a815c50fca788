package dev.gitops.api.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.model.Resource;
import dev.gitops.api.policy.ManifestSource;
import dev.gitops.api.policy.PolicyConfig;
import dev.gitops.api.yaml.Yaml;
import dev.gitops.api.yaml.YamlDocument;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ManifestSource#rawYaml()}: the repository's YAML files as they are in Git. */
public final class RawManifestSource implements ManifestSource {

    /** The one instance (stateless). */
    public static final RawManifestSource INSTANCE = new RawManifestSource();

    private static final Logger LOG = LoggerFactory.getLogger(RawManifestSource.class);
    private static final Set<String> KUSTOMIZATION_FILES = Set.of("kustomization.yaml", "kustomization.yml",
            "Kustomization");
    private static final Set<String> SKIPPED_FILES = Set.of(".sops.yaml", PolicyConfig.FILE_NAME);

    private RawManifestSource() {}

    @Override
    public List<Resource> manifests(FileSystem repository, String path) {
        String root = FsPaths.normalize(path);
        if (!repository.isDirectory(root)) {
            throw new NotFoundException("no directory '" + (root.isEmpty() ? "." : root) + "' in "
                    + repository.describe(""));
        }
        List<String> yamlFiles = new ArrayList<>();
        List<String> kustomizations = new ArrayList<>();
        // patches are found from every kustomization of the repository, not only those under the path
        walk(repository, "", yamlFiles, kustomizations);
        Set<String> patches = new HashSet<>();
        for (String k : kustomizations) {
            patches.addAll(KustomizationFiles.patchFiles(repository, k));
        }
        Map<String, String> namespaces = KustomizeNamespaces.of(repository, kustomizations).namespaces();
        List<Resource> out = new ArrayList<>();
        for (String f : yamlFiles) {
            if (!FsPaths.isWithin(f, root) || patches.contains(f)) {
                continue;
            }
            readObjects(repository, f, namespaces.get(f), out);
        }
        return out;
    }

    private static void walk(FileSystem fs, String start, List<String> yamlFiles, List<String> kustomizations) {
        Deque<String> dirs = new ArrayDeque<>();
        dirs.push(start);
        List<String> sorted = new ArrayList<>();
        while (!dirs.isEmpty()) {
            String dir = dirs.pop();
            List<String> names = fs.list(dir);
            if (names.contains("Chart.yaml")) {
                continue; // a Helm chart: templates are not manifests
            }
            for (String name : names) {
                String p = FsPaths.join(dir, name);
                if (name.equals(".git")) {
                    continue;
                }
                if (fs.isDirectory(p)) {
                    dirs.push(p);
                } else if (KUSTOMIZATION_FILES.contains(name)) {
                    kustomizations.add(p);
                } else if ((name.endsWith(".yaml") || name.endsWith(".yml")) && !SKIPPED_FILES.contains(p)
                        && !SKIPPED_FILES.contains(name)) {
                    sorted.add(p);
                }
            }
        }
        sorted.sort(null);
        yamlFiles.addAll(sorted);
    }

    private static void readObjects(FileSystem fs, String file, String namespace, List<Resource> out) {
        List<YamlDocument> docs;
        try {
            docs = Yaml.defaults().readAll(fs.read(file), file);
        } catch (GitOpsException e) {
            LOG.warn("skipping {}: not valid YAML ({})", file, e.getMessage());
            return;
        }
        for (YamlDocument d : docs) {
            JsonNode c = d.content();
            if (!c.isObject() || !c.path("apiVersion").isTextual() || !c.path("kind").isTextual()
                    || c.path("apiVersion").textValue().isEmpty() || c.path("kind").textValue().isEmpty()) {
                continue;
            }
            if (c.path("apiVersion").textValue().startsWith("kustomize.config.k8s.io/")) {
                continue; // kustomize's own Kustomization / Component
            }
            JsonNode meta = c.get("metadata");
            if (meta != null && !meta.isObject() && !meta.isNull()) {
                continue;
            }
            try {
                Resource r = Resource.of(d);
                if (namespace != null && !namespace.equals(r.namespace())
                        && !KustomizeNamespaces.CLUSTER_SCOPED.contains(r.kind())) {
                    ObjectNode content = r.content();
                    JsonNode md = content.get("metadata");
                    ObjectNode m = md instanceof ObjectNode o ? o : content.putObject("metadata");
                    m.put("namespace", namespace);
                    r = r.withContent(content);
                }
                out.add(r);
            } catch (GitOpsException e) {
                LOG.warn("skipping a document of {}: {}", file, e.getMessage());
            }
        }
    }
}
