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

    /**
     * True while this config holds exactly the canonical defaults ({@link #defaults()} merged into an empty
     * config), so that merging another pristine config is a no-op (the common case at every kustomization level).
     */
    boolean pristine;

    /** The builtin field specs, parsed and sorted once (immutable: every use copies the lists). */
    private static final TConfig DEFAULTS = loadDefaults();
    /** An empty config merged with {@link #DEFAULTS}: what each accumulator holds after its first level. */
    private static final TConfig CANONICAL = canonical();

    private static TConfig loadDefaults() {
        try (InputStream in = TConfig.class.getResourceAsStream("default-fieldspecs.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return parse(Yaml.defaults().readOne(text, "default-fieldspecs.yaml").content(), "builtin config");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TConfig canonical() {
        TConfig c = new TConfig();
        c.mergeLists(DEFAULTS);
        return c;
    }

    private static final boolean DEFAULTS_ARE_CANONICAL = DEFAULTS.sameLists(CANONICAL);

    /** kustomize's MakeDefaultConfig. */
    public static TConfig defaults() {
        TConfig c = DEFAULTS.copy();
        c.pristine = DEFAULTS_ARE_CANONICAL;
        return c;
    }

    public static TConfig empty() {
        return new TConfig();
    }

    private boolean sameLists(TConfig o) {
        return namePrefix.equals(o.namePrefix) && nameSuffix.equals(o.nameSuffix) && namespace.equals(o.namespace)
                && commonLabels.equals(o.commonLabels) && labels.equals(o.labels)
                && templateLabels.equals(o.templateLabels)
                && volumeClaimTemplateLabels.equals(o.volumeClaimTemplateLabels)
                && commonAnnotations.equals(o.commonAnnotations) && nameReference.equals(o.nameReference)
                && varReference.equals(o.varReference) && images.equals(o.images) && replicas.equals(o.replicas);
    }

    private boolean isEmpty() {
        return namePrefix.isEmpty() && nameSuffix.isEmpty() && namespace.isEmpty() && commonLabels.isEmpty()
                && labels.isEmpty() && templateLabels.isEmpty() && volumeClaimTemplateLabels.isEmpty()
                && commonAnnotations.isEmpty() && nameReference.isEmpty() && varReference.isEmpty()
                && images.isEmpty() && replicas.isEmpty();
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
        c.sortFields();
        return c;
    }

    /** kustomize's sortFields (after parsing and after each merge). */
    void sortFields() {
        FieldSpec.sort(namePrefix);
        FieldSpec.sort(nameSuffix);
        FieldSpec.sort(namespace);
        FieldSpec.sort(commonLabels);
        FieldSpec.sort(labels);
        FieldSpec.sort(templateLabels);
        FieldSpec.sort(volumeClaimTemplateLabels);
        FieldSpec.sort(commonAnnotations);
        FieldSpec.sort(varReference);
        FieldSpec.sort(images);
        FieldSpec.sort(replicas);
        nameReference.sort((x, y) -> Gvk.compare(x.gvk(), y.gvk()));
    }

    /** kustomize's TransformerConfig.Merge into this config: FsSlice.MergeAll of every list, then sortFields. */
    public TConfig merge(TConfig o) {
        if (o.pristine && pristine) {
            return this;
        }
        if (o.pristine && isEmpty()) {
            TConfig c = CANONICAL.copy(); // what merging the defaults into an empty config gives
            namePrefix = c.namePrefix;
            nameSuffix = c.nameSuffix;
            namespace = c.namespace;
            commonLabels = c.commonLabels;
            labels = c.labels;
            templateLabels = c.templateLabels;
            volumeClaimTemplateLabels = c.volumeClaimTemplateLabels;
            commonAnnotations = c.commonAnnotations;
            nameReference = c.nameReference;
            varReference = c.varReference;
            images = c.images;
            replicas = c.replicas;
            pristine = true;
            return this;
        }
        if (o.isEmpty()) {
            return this; // configs merged into are always sorted; merging nothing only sorts
        }
        pristine = false;
        mergeLists(o);
        return this;
    }

    private void mergeLists(TConfig o) {
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
        sortFields();
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
