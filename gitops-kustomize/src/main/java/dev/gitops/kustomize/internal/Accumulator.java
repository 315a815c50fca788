package dev.gitops.kustomize.internal;

import java.util.ArrayList;
import java.util.List;

/** kustomize's ResAccumulator: resources, transformer config and vars. */
public final class Accumulator {

    final ResMap resMap = new ResMap();
    final TConfig config = TConfig.empty();
    final List<Vars.Var> vars = new ArrayList<>();

    public ResMap resMap() {
        return resMap;
    }

    void mergeAccumulator(Accumulator other) {
        config.merge(other.config);
        Vars.mergeVars(this, other.vars);
        resMap.appendAll(other.resMap);
    }

    /** appendReplaceOrMerge: generator output merging into existing resources. */
    void absorb(Res res) {
        RId id = res.curId();
        List<Res> matches = resMap.matchingAnyId(id::same);
        String behavior = res.behavior();
        if (matches.isEmpty()) {
            if (behavior.equals("merge") || behavior.equals("replace")) {
                throw new BuildError("id " + goId(id) + " does not exist; cannot merge or replace");
            }
            resMap.append(res);
            return;
        }
        if (matches.size() > 1) {
            throw new BuildError("found multiple objects " + matches + " that could accept merge of " + id);
        }
        Res old = matches.get(0);
        switch (behavior) {
            case "replace" -> res.copyMergeMetaDataFieldsFrom(old);
            case "merge" -> {
                String origin = old.annotation(Res.ORIGIN_ANNOTATION);
                res.copyMergeMetaDataFieldsFrom(old);
                mergeData(res, old, "data");
                mergeData(res, old, "binaryData");
                if (origin != null) {
                    res.setAnnotation(Res.ORIGIN_ANNOTATION, origin);
                }
            }
            default -> throw new BuildError("id " + goId(id) + " exists; can not use behavior: '"
                    + (behavior.equals("unspecified") ? "" : behavior) + "', behavior must be merge or replace");
        }
        resMap.replace(old, res);
    }

    private static void mergeData(Res res, Res old, String field) {
        var o = old.node.get(field);
        var n = res.node.get(field);
        java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> merged = new java.util.TreeMap<>();
        if (o != null && o.isObject()) {
            o.fields().forEachRemaining(e -> merged.put(e.getKey(), e.getValue()));
        }
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> merged.put(e.getKey(), e.getValue()));
        }
        if (merged.isEmpty()) {
            return;
        }
        var obj = res.node.putObject(field);
        merged.forEach(obj::set);
    }

    static String goId(RId id) {
        return "resid.ResId{Gvk:resid.Gvk{Group:\"" + id.gvk().group() + "\", Version:\"" + id.gvk().version()
                + "\", Kind:\"" + id.gvk().kind() + "\", isClusterScoped:" + id.gvk().clusterScoped()
                + "}, Name:\"" + id.name() + "\", Namespace:\"" + id.namespace() + "\"}";
    }
}
