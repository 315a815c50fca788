package dev.gitops.api.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.yaml.Yaml;
import java.util.ArrayList;
import java.util.List;

/** What a {@code kustomization.yaml} refers to, read leniently (the lint is not a kustomize build). */
public final class KustomizationFiles {

    private KustomizationFiles() {}

    /** The parsed kustomization, or a missing node when it cannot be read. */
    public static JsonNode read(FileSystem fs, String kustomizationFile) {
        try {
            List<JsonNode> v = Yaml.defaults().readValues(fs.readString(kustomizationFile), kustomizationFile);
            return v.isEmpty() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : v.get(0);
        } catch (GitOpsException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    /** Repository paths of the files a kustomization uses as patches (strategic merge, JSON 6902, replacements). */
    public static List<String> patchFiles(FileSystem fs, String kustomizationFile) {
        JsonNode k = read(fs, kustomizationFile);
        String dir = FsPaths.parent(kustomizationFile);
        List<String> out = new ArrayList<>();
        for (JsonNode e : k.path("patchesStrategicMerge")) {
            if (e.isTextual() && !e.textValue().contains("\n")) {
                add(dir, e.textValue(), out);
            }
        }
        for (String field : List.of("patches", "patchesJson6902", "replacements")) {
            for (JsonNode e : k.path(field)) {
                if (e.path("path").isTextual()) {
                    add(dir, e.path("path").textValue(), out);
                }
            }
        }
        return out;
    }

    /** Repository paths of the local files (not directories or URLs) listed under {@code resources}. */
    public static List<String> resourceFiles(FileSystem fs, String kustomizationFile) {
        JsonNode k = read(fs, kustomizationFile);
        String dir = FsPaths.parent(kustomizationFile);
        List<String> out = new ArrayList<>();
        for (JsonNode e : k.path("resources")) {
            if (e.isTextual()) {
                String v = e.textValue();
                if (v.contains("://") || v.startsWith("github.com/")) {
                    continue;
                }
                try {
                    String p = FsPaths.join(dir, v);
                    if (fs.isFile(p)) {
                        out.add(p);
                    }
                } catch (GitOpsException ex) {
                    // a path above the root is kustomize's problem, not the lint's
                }
            }
        }
        return out;
    }

    private static void add(String dir, String rel, List<String> out) {
        try {
            out.add(FsPaths.join(dir, rel));
        } catch (GitOpsException e) {
            // outside the repository: nothing to skip
        }
    }
}
