package dev.gitops.api.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.engine.ManifestBuilder;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.patch.internal.Json;
import dev.gitops.api.yaml.Yaml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A HelmRelease's {@code spec.postRenderers}, run as helm-controller runs them: each {@code kustomize} post-renderer
 * writes the rendered manifests to {@code helm-output.yaml} in an in-memory file system next to a generated
 * {@code kustomization.yaml} ({@code resources: [helm-output.yaml]} plus the renderer's {@code patches},
 * {@code patchesStrategicMerge}, {@code patchesJson6902} and {@code images}) and builds it with the engine's
 * {@link ManifestBuilder}; post-renderers run in order, each on the previous one's output.
 */
public final class PostRenderers {

    private static final Set<String> KUSTOMIZE_KEYS = Set.of("patches", "patchesStrategicMerge", "patchesJson6902",
            "images");
    private static final Set<String> SELECTOR_KEYS = Set.of("group", "version", "kind", "name", "namespace",
            "labelSelector", "annotationSelector");

    private final ResourceId owner;
    private final List<ObjectNode> kustomizations;
    private final List<Integer> indices;
    private final String digest;

    private PostRenderers(ResourceId owner, List<ObjectNode> kustomizations, List<Integer> indices, String digest) {
        this.owner = owner;
        this.kustomizations = kustomizations;
        this.indices = indices;
        this.digest = digest;
    }

    /** Reads and validates {@code spec.postRenderers}. */
    public static PostRenderers of(ResourceId owner, JsonNode postRenderers) {
        List<ObjectNode> out = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        if (postRenderers != null && !postRenderers.isMissingNode() && !postRenderers.isNull()) {
            if (!postRenderers.isArray()) {
                throw invalid(owner, "spec.postRenderers", "expected a sequence");
            }
            for (int i = 0; i < postRenderers.size(); i++) {
                String f = "spec.postRenderers[" + i + "]";
                JsonNode pr = postRenderers.get(i);
                if (!pr.isObject()) {
                    throw invalid(owner, f, "expected a mapping");
                }
                pr.fieldNames().forEachRemaining(k -> {
                    if (!k.equals("kustomize")) {
                        throw invalid(owner, f + "." + k, "field not declared in schema");
                    }
                });
                if (!pr.has("kustomize")) {
                    continue;
                }
                out.add(kustomization(owner, f + ".kustomize", pr.get("kustomize")));
                indices.add(i);
            }
        }
        String digest = out.isEmpty() ? "" : "sha256:" + sha256(Json.goJson(postRenderers));
        return new PostRenderers(owner, List.copyOf(out), List.copyOf(indices), digest);
    }

    private static ObjectNode kustomization(ResourceId owner, String f, JsonNode k) {
        if (!k.isObject()) {
            throw invalid(owner, f, "expected a mapping");
        }
        k.fieldNames().forEachRemaining(key -> {
            if (!KUSTOMIZE_KEYS.contains(key)) {
                throw invalid(owner, f + "." + key, "field not declared in schema");
            }
        });
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
        out.put("kind", "Kustomization");
        out.putArray("resources").add("helm-output.yaml");
        JsonNode patches = array(owner, f + ".patches", k.get("patches"));
        if (patches.size() > 0) {
            ArrayNode a = out.putArray("patches");
            for (int i = 0; i < patches.size(); i++) {
                String pf = f + ".patches[" + i + "]";
                JsonNode p = patches.get(i);
                if (!p.isObject()) {
                    throw invalid(owner, pf, "expected a mapping");
                }
                p.fieldNames().forEachRemaining(key -> {
                    if (!key.equals("patch") && !key.equals("target")) {
                        throw invalid(owner, pf + "." + key, "field not declared in schema");
                    }
                });
                if (!p.path("patch").isTextual() || p.path("patch").asText().isBlank()) {
                    throw invalid(owner, pf + ".patch", "Required value: a strategic merge or JSON6902 patch");
                }
                ObjectNode e = a.addObject().put("patch", p.get("patch").asText());
                if (p.has("target")) {
                    e.set("target", selector(owner, pf + ".target", p.get("target")));
                }
            }
        }
        JsonNode smp = array(owner, f + ".patchesStrategicMerge", k.get("patchesStrategicMerge"));
        if (smp.size() > 0) {
            ArrayNode a = out.putArray("patchesStrategicMerge");
            for (int i = 0; i < smp.size(); i++) {
                JsonNode p = smp.get(i);
                if (!p.isObject()) {
                    throw invalid(owner, f + ".patchesStrategicMerge[" + i + "]", "expected a mapping (an inline "
                            + "strategic merge patch)");
                }
                // helm-controller hands the patch to kustomize inline (as JSON); written as YAML here, which
                // kustomize reads the same and every kustomize implementation recognises as inline
                a.add(Yaml.defaults().write(p));
            }
        }
        JsonNode j6902 = array(owner, f + ".patchesJson6902", k.get("patchesJson6902"));
        if (j6902.size() > 0) {
            ArrayNode a = out.putArray("patchesJson6902");
            for (int i = 0; i < j6902.size(); i++) {
                String pf = f + ".patchesJson6902[" + i + "]";
                JsonNode p = j6902.get(i);
                if (!p.isObject() || !p.has("target") || !p.path("patch").isArray()) {
                    throw invalid(owner, pf, "expected a mapping with target and patch (a sequence of JSON6902 "
                            + "operations)");
                }
                p.fieldNames().forEachRemaining(key -> {
                    if (!key.equals("patch") && !key.equals("target")) {
                        throw invalid(owner, pf + "." + key, "field not declared in schema");
                    }
                });
                ObjectNode e = a.addObject();
                e.set("target", selector(owner, pf + ".target", p.get("target")));
                e.put("patch", Json.goJson(p.get("patch")));
            }
        }
        JsonNode images = array(owner, f + ".images", k.get("images"));
        if (images.size() > 0) {
            ArrayNode a = out.putArray("images");
            for (int i = 0; i < images.size(); i++) {
                String pf = f + ".images[" + i + "]";
                JsonNode img = images.get(i);
                if (!img.isObject() || !img.path("name").isTextual() || img.path("name").asText().isEmpty()) {
                    throw invalid(owner, pf + ".name", "Required value");
                }
                ObjectNode e = a.addObject();
                for (String key : List.of("name", "newName", "newTag", "digest")) {
                    if (img.has(key)) {
                        e.put(key, img.get(key).asText());
                    }
                }
                img.fieldNames().forEachRemaining(key -> {
                    if (!List.of("name", "newName", "newTag", "digest").contains(key)) {
                        throw invalid(owner, pf + "." + key, "field not declared in schema");
                    }
                });
            }
        }
        return out;
    }

    private static JsonNode array(ResourceId owner, String f, JsonNode n) {
        if (n == null || n.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!n.isArray()) {
            throw invalid(owner, f, "expected a sequence");
        }
        return n;
    }

    private static ObjectNode selector(ResourceId owner, String f, JsonNode t) {
        if (!t.isObject()) {
            throw invalid(owner, f, "expected a mapping");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        t.fields().forEachRemaining(e -> {
            if (!SELECTOR_KEYS.contains(e.getKey())) {
                throw invalid(owner, f + "." + e.getKey(), "field not declared in schema");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    private static InvalidInputException invalid(ResourceId owner, String field, String detail) {
        return new InvalidInputException(owner, field + ": " + detail);
    }

    /** True when there is nothing to run. */
    public boolean isEmpty() {
        return kustomizations.isEmpty();
    }

    /** {@code sha256:} digest of the post-renderers as written ({@code ""} when there are none). */
    public String digest() {
        return digest;
    }

    /**
     * Runs the post-renderers over {@code manifests}.
     *
     * @throws InvalidInputException when the builder is {@link ManifestBuilder#plain()}, which cannot patch
     * @throws GitOpsException when kustomize fails (message prefixed with the post-renderer's field)
     */
    public List<Resource> run(List<Resource> manifests, ManifestBuilder builder) {
        if (kustomizations.isEmpty()) {
            return manifests;
        }
        if (builder instanceof PlainManifestBuilder) {
            throw new InvalidInputException(owner, "spec.postRenderers[" + indices.get(0) + "].kustomize: post-renderers need a kustomize ManifestBuilder (wire "
                    + "gitops-kustomize's KustomizeManifestBuilder); ManifestBuilder.plain() cannot apply patches or "
                    + "images");
        }
        List<Resource> current = manifests;
        for (int i = 0; i < kustomizations.size(); i++) {
            FileSystem fs = FileSystem.inMemory();
            List<JsonNode> docs = new ArrayList<>();
            for (Resource r : current) {
                docs.add(r.content());
            }
            fs.write("helm-output.yaml", Yaml.defaults().writeAll(docs).getBytes(StandardCharsets.UTF_8));
            fs.write("kustomization.yaml", Yaml.defaults().write(kustomizations.get(i))
                    .getBytes(StandardCharsets.UTF_8));
            try {
                current = builder.build(fs, "");
            } catch (GitOpsException e) {
                throw new GitOpsException(owner, "spec.postRenderers[" + indices.get(i) + "].kustomize: error while running post render on files: "
                        + e.getMessage(), e);
            }
        }
        return current;
    }

    /** Hex SHA-256 of a string. */
    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
