package dev.gitops.api.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.error.Origin;
import dev.gitops.api.flux.Kustomization;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.yaml.Yaml;
import dev.gitops.api.yaml.YamlDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What kustomize-controller's generator does before the build: a {@code kustomization.yaml} listing every manifest
 * under a path that has none (directories with their own kustomization file are listed as directories and not
 * entered), then the Flux overlay fields ({@code targetNamespace}, {@code namePrefix}, {@code nameSuffix},
 * {@code patches}, {@code images}, {@code components}) merged into it.
 */
public final class FluxGenerator {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private FluxGenerator() {
    }

    /** Writes the generated or modified kustomization into {@code fs}; returns its path. */
    public static String prepare(FileSystem fs, String path, Kustomization.Spec spec) {
        String dir = FsPaths.normalize(path);
        if (!fs.isDirectory(dir)) {
            throw new NotFoundException(Origin.of(dir.isEmpty() ? "." : dir), "kustomization path not found: "
                    + "stat " + (dir.isEmpty() ? "." : dir) + ": no such file or directory");
        }
        String kfile = PlainManifestBuilder.kustomizationFile(fs, dir);
        ObjectNode kus;
        boolean generated = false;
        if (kfile == null) {
            kfile = FsPaths.join(dir, "kustomization.yaml");
            kus = F.objectNode();
            kus.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
            kus.put("kind", "Kustomization");
            ArrayNode resources = kus.putArray("resources");
            for (String r : scan(fs, dir)) {
                resources.add(r);
            }
            generated = true;
        } else {
            YamlDocument doc = Yaml.defaults().readOne(fs.readString(kfile), kfile);
            if (!doc.content().isObject()) {
                throw new InvalidInputException(doc.origin(), "a kustomization must be a mapping");
            }
            kus = (ObjectNode) doc.content();
        }
        boolean changed = generated;
        if (!spec.targetNamespace().isEmpty()) {
            kus.put("namespace", spec.targetNamespace());
            changed = true;
        }
        if (!spec.namePrefix().isEmpty()) {
            kus.put("namePrefix", spec.namePrefix());
            changed = true;
        }
        if (!spec.nameSuffix().isEmpty()) {
            kus.put("nameSuffix", spec.nameSuffix());
            changed = true;
        }
        if (!spec.patches().isEmpty()) {
            ArrayNode patches = kus.has("patches") ? (ArrayNode) kus.get("patches") : kus.putArray("patches");
            for (Kustomization.Patch p : spec.patches()) {
                ObjectNode e = patches.addObject();
                e.put("patch", p.patch());
                if (p.target().size() > 0) {
                    e.set("target", p.target());
                }
            }
            changed = true;
        }
        if (!spec.images().isEmpty()) {
            ArrayNode images = kus.has("images") ? (ArrayNode) kus.get("images") : kus.putArray("images");
            for (Kustomization.Image i : spec.images()) {
                ObjectNode e = F.objectNode();
                e.put("name", i.name());
                if (!i.newName().isEmpty()) {
                    e.put("newName", i.newName());
                }
                if (!i.newTag().isEmpty()) {
                    e.put("newTag", i.newTag());
                }
                if (!i.digest().isEmpty()) {
                    e.put("digest", i.digest());
                }
                boolean replaced = false;
                for (int k = 0; k < images.size(); k++) {
                    if (images.get(k).path("name").asText().equals(i.name())) {
                        images.set(k, e);
                        replaced = true;
                    }
                }
                if (!replaced) {
                    images.add(e);
                }
            }
            changed = true;
        }
        if (!spec.components().isEmpty()) {
            ArrayNode comps = kus.has("components") ? (ArrayNode) kus.get("components") : kus.putArray("components");
            for (String c : spec.components()) {
                comps.add(c);
            }
            changed = true;
        }
        if (changed) {
            fs.write(kfile, Yaml.defaults().write(kus).getBytes(StandardCharsets.UTF_8));
        }
        return kfile;
    }

    private static List<String> scan(FileSystem fs, String base) {
        List<String> out = new ArrayList<>();
        walk(fs, base, base, out);
        return out;
    }

    private static void walk(FileSystem fs, String base, String dir, List<String> out) {
        for (String name : fs.list(dir)) {
            String p = FsPaths.join(dir, name);
            String rel = base.isEmpty() ? p : p.substring(base.length() + 1);
            if (fs.isDirectory(p)) {
                if (PlainManifestBuilder.kustomizationFile(fs, p) != null) {
                    out.add(rel);
                } else {
                    walk(fs, base, p, out);
                }
                continue;
            }
            if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
                continue;
            }
            // every manifest must decode as Kubernetes YAML, as Flux checks
            for (YamlDocument d : Yaml.defaults().readAll(fs.read(p), p)) {
                JsonNode c = d.content();
                if (!d.isEmpty() && (!c.isObject() || !c.hasNonNull("apiVersion") || !c.hasNonNull("kind"))) {
                    throw new InvalidInputException(d.origin(), "failed to decode Kubernetes YAML from " + p
                            + ": missing apiVersion or kind");
                }
            }
            out.add(rel);
        }
    }
}
