package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.yaml.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** kustomize's TransformerConfig: the field specs each builtin transformer uses. */
public final class TConfig {

    /** A name back-reference: fields (referrers) that name a resource of kind {@code gvk}. */
    public record NameBackRef(Gvk gvk, List<FieldSpec> referrers) {}

    private static final Set<String> KEYS = Set.of("namePrefix", "nameSuffix", "nameSpace", "namespace",
            "commonLabels", "labels", "templateLabels", "volumeClaimTemplateLabels", "commonAnnotations",
            "nameReference", "varReference", "images", "replicas");

    List<FieldSpec> namePrefix = new ArrayList<>();
    List<FieldSpec> nameSuffix = new ArrayList<>();
    List<FieldSpec> namespace = new ArrayList<>();
    List<FieldSpec> commonLabels = new ArrayList<>();
    List<FieldSpec> labels = new ArrayList<>();
    List<FieldSpec> templateLabels = new ArrayList<>();
    List<FieldSpec> volumeClaimTemplateLabels = new ArrayList<>();
    List<FieldSpec> commonAnnotations = new ArrayList<>();
    List<NameBackRef> nameReference = new ArrayList<>();
    List<FieldSpec> varReference = new ArrayList<>();
    List<FieldSpec> images = new ArrayList<>();
    List<FieldSpec> replicas = new ArrayList<>();

    /** True while this config holds exactly the defaults (merging such a config is a no-op). */
    boolean pristine;

    private static final TConfig DEFAULTS = loadDefaults();

    private static TConfig loadDefaults() {
        try (InputStream in = TConfig.class.getResourceAsStream("default-fieldspecs.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return parse(Yaml.defaults().readOne(text, "default-fieldspecs.yaml").content(), "builtin config");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TConfig defaults() {
        TConfig c = DEFAULTS.copy();
        c.pristine = true;
        return c;
    }

    public static TConfig empty() {
        return new TConfig();
    }

    public TConfig copy() {
        TConfig c = new TConfig();
        c.namePrefix = new ArrayList<>(namePrefix);
        c.nameSuffix = new ArrayList<>(nameSuffix);
        c.namespace = new ArrayList<>(namespace);
        c.commonLabels = new ArrayList<>(commonLabels);
        c.labels = new ArrayList<>(labels);
        c.templateLabels = new ArrayList<>(templateLabels);
        c.volumeClaimTemplateLabels = new ArrayList<>(volumeClaimTemplateLabels);
        c.commonAnnotations = new ArrayList<>(commonAnnotations);
        c.nameReference = new ArrayList<>(nameReference);
        c.varReference = new ArrayList<>(varReference);
        c.images = new ArrayList<>(images);
        c.replicas = new ArrayList<>(replicas);
        c.pristine = pristine;
        return c;
    }

    public static TConfig parse(JsonNode n, String where) {
        TConfig c = new TConfig();
        if (n == null || n.isNull()) {
            return c;
        }
        if (!n.isObject()) {
            throw new BuildError(where + ": transformer configuration must be a mapping");
        }
        for (var it = n.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!KEYS.contains(e.getKey())) {
                throw new BuildError(where + ": unknown field \"" + e.getKey() + "\"");
            }
        }
        c.namePrefix = FieldSpec.parseList(n.get("namePrefix"), where);
        c.nameSuffix = FieldSpec.parseList(n.get("nameSuffix"), where);
        c.namespace = FieldSpec.parseList(n.has("namespace") ? n.get("namespace") : n.get("nameSpace"), where);
        c.commonLabels = FieldSpec.parseList(n.get("commonLabels"), where);
        c.labels = FieldSpec.parseList(n.get("labels"), where);
        c.templateLabels = FieldSpec.parseList(n.get("templateLabels"), where);
        c.volumeClaimTemplateLabels = FieldSpec.parseList(n.get("volumeClaimTemplateLabels"), where);
        c.commonAnnotations = FieldSpec.parseList(n.get("commonAnnotations"), where);
        c.varReference = FieldSpec.parseList(n.get("varReference"), where);
        c.images = FieldSpec.parseList(n.get("images"), where);
        c.replicas = FieldSpec.parseList(n.get("replicas"), where);
        JsonNode nr = n.get("nameReference");
        if (nr != null && nr.isArray()) {
            for (JsonNode b : nr) {
                Gvk g = new Gvk(Res.text(b.get("group")), Res.text(b.get("version")), Res.text(b.get("kind")));
                c.nameReference.add(new NameBackRef(g, FieldSpec.parseList(b.get("fieldSpecs"), where)));
            }
        }
        return c;
    }

    public void merge(TConfig o) {
        if (o.pristine && pristine) {
            return;
        }
        pristine = false;
        namePrefix = FieldSpec.mergeAll(namePrefix, o.namePrefix);
        nameSuffix = FieldSpec.mergeAll(nameSuffix, o.nameSuffix);
        namespace = FieldSpec.mergeAll(namespace, o.namespace);
        commonLabels = FieldSpec.mergeAll(commonLabels, o.commonLabels);
        labels = FieldSpec.mergeAll(labels, o.labels);
        templateLabels = FieldSpec.mergeAll(templateLabels, o.templateLabels);
        volumeClaimTemplateLabels = FieldSpec.mergeAll(volumeClaimTemplateLabels, o.volumeClaimTemplateLabels);
        commonAnnotations = FieldSpec.mergeAll(commonAnnotations, o.commonAnnotations);
        varReference = FieldSpec.mergeAll(varReference, o.varReference);
        images = FieldSpec.mergeAll(images, o.images);
        replicas = FieldSpec.mergeAll(replicas, o.replicas);
        for (NameBackRef b : o.nameReference) {
            addNameBackRef(b);
        }
    }

    void addNameBackRef(NameBackRef b) {
        for (int i = 0; i < nameReference.size(); i++) {
            NameBackRef e = nameReference.get(i);
            if (e.gvk().equals(b.gvk())) {
                nameReference.set(i, new NameBackRef(e.gvk(), FieldSpec.mergeAll(e.referrers(), b.referrers())));
                return;
            }
        }
        nameReference.add(new NameBackRef(b.gvk(), new ArrayList<>(b.referrers())));
    }
}
