package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Legacy vars: declared in kustomizations, resolved as $(NAME) in varReference fields. */
final class Vars {

    record Var(String name, Gvk gvk, String objName, String objNamespace, String fieldPath) {}

    private Vars() {}

    static void merge(Accumulator ra, Kust k) {
        for (JsonNode v : k.nodes("vars")) {
            Kust.checkFields(v, k.file + ": vars", "name", "objref", "fieldref");
            JsonNode o = v.path("objref");
            String apiVersion = Res.text(o.get("apiVersion"));
            Gvk g = apiVersion.isEmpty() ? new Gvk(Res.text(o.get("group")), Res.text(o.get("version")),
                    Res.text(o.get("kind"))) : Gvk.of(apiVersion, Res.text(o.get("kind")));
            String fp = Res.text(v.path("fieldref").get("fieldPath"));
            mergeVars(ra, List.of(new Var(Res.text(v.get("name")), g, Res.text(o.get("name")),
                    Res.text(o.get("namespace")), fp.isEmpty() ? "metadata.name" : fp)));
        }
    }

    static void mergeVars(Accumulator ra, List<Var> vars) {
        for (Var v : vars) {
            RId target = new RId(v.gvk(), v.objName(), v.objNamespace());
            java.util.function.Predicate<RId> matcher = !v.objNamespace().isEmpty() || v.gvk().clusterScoped()
                    ? target::same : id -> id.name().equals(target.name()) && id.gvk().equals(target.gvk());
            List<Res> matched = ra.resMap.matchingAnyId(matcher);
            if (matched.size() > 1) {
                throw new BuildError("found " + matched.size() + " resId matches for var " + v
                        + " (unable to disambiguate)");
            }
            if (matched.size() == 1) {
                matched.get(0).refVarNames.add(v.name());
            }
            for (Var e : ra.vars) {
                if (e.name().equals(v.name())) {
                    throw new BuildError("var '" + v.name() + "' already encountered");
                }
            }
            ra.vars.add(v);
        }
    }

    static void resolve(Accumulator ra) {
        if (!ra.vars.isEmpty()) {
            VarResolver.resolve(ra);
        }
    }
}
