package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.yaml.Yaml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Legacy {@code crds:} field: OpenAPI definitions (name to {@code Schema}) whose properties carry
 * {@code x-kubernetes-object-ref-*}, {@code x-kubernetes-annotation}, {@code x-kubernetes-label-selector} or
 * {@code x-kubernetes-identity} extensions become name references and field specs.
 */
final class Crds {

    private Crds() {}

    static void load(Loader ldr, String path, TConfig config) {
        byte[] content = ldr.load(path);
        JsonNode m;
        try {
            m = Yaml.defaults().readOne(new String(content, StandardCharsets.UTF_8),
                    ldr.describe(ldr.resolve(path))).content();
        } catch (RuntimeException e) {
            throw new BuildError("unable to parse open API definition from '" + path + "': " + e.getMessage(), e);
        }
        if (m == null || !m.isObject()) {
            throw new BuildError("unable to parse open API definition from '" + path + "'");
        }
        TConfig tc = TConfig.empty();
        for (var it = m.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode props = e.getValue().path("Schema").path("properties");
            if (!props.has("kind") || !props.has("apiVersion") || !props.has("metadata")) {
                continue;
            }
            String name = e.getKey();
            Gvk gvk = new Gvk("", "", name.substring(name.lastIndexOf('.') + 1));
            walk(tc, gvk, m, name, new ArrayList<>(), 0);
        }
        config.merge(tc);
    }

    private static void walk(TConfig tc, Gvk gvk, JsonNode m, String typeName, List<String> path, int depth) {
        JsonNode api = m.get(typeName);
        if (api == null || depth > 50) {
            return;
        }
        JsonNode props = api.path("Schema").path("properties");
        for (var it = props.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode p = e.getValue();
            List<String> here = new ArrayList<>(path);
            here.add(e.getKey());
            String joined = String.join("/", here);
            if (p.has("x-kubernetes-annotation")) {
                tc.commonAnnotations = FieldSpec.mergeAll(tc.commonAnnotations,
                        List.of(new FieldSpec(gvk, joined, false)));
            }
            if (p.has("x-kubernetes-label-selector")) {
                tc.commonLabels = FieldSpec.mergeAll(tc.commonLabels, List.of(new FieldSpec(gvk, joined, false)));
            }
            if (p.has("x-kubernetes-identity")) {
                tc.namePrefix = FieldSpec.mergeAll(tc.namePrefix, List.of(new FieldSpec(gvk, joined, false)));
            }
            if (p.has("x-kubernetes-object-ref-api-version") && p.has("x-kubernetes-object-ref-kind")) {
                String nameKey = p.has("x-kubernetes-object-ref-name-key")
                        ? Res.text(p.get("x-kubernetes-object-ref-name-key")) : "name";
                tc.addNameBackRef(new TConfig.NameBackRef(
                        new Gvk("", Res.text(p.get("x-kubernetes-object-ref-api-version")),
                                Res.text(p.get("x-kubernetes-object-ref-kind"))),
                        List.of(new FieldSpec(gvk, joined + "/" + nameKey, false))));
            }
            if (p.has("$ref")) {
                walk(tc, gvk, m, Res.text(p.get("$ref")), here, depth + 1);
            }
        }
    }
}
