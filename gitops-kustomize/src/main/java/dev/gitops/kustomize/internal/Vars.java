package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Legacy vars: declared in kustomizations, resolved as $(NAME) in varReference fields. */
final class Vars {

    record Var(String name, Gvk gvk, String objName, String objNamespace, String fieldPath) {}

    private Vars() {}

    static void merge(Accumulator ra, Kust k) {
        for (JsonNode v : k.nodes("vars")) {

            JsonNode o = ci(v, "objref");
            if (o == null) {
                throw new BuildError(k.file + ": vars: var '" + Res.text(ci(v, "name")) + "' has no objref");
            }
            String apiVersion = Res.text(ci(o, "apiVersion"));
            Gvk g = apiVersion.isEmpty() ? new Gvk(Res.text(ci(o, "group")), Res.text(ci(o, "version")),
                    Res.text(ci(o, "kind"))) : Gvk.of(apiVersion, Res.text(ci(o, "kind")));
            JsonNode fr = ci(v, "fieldref");
            String fp = fr == null ? "" : Res.text(ci(fr, "fieldPath"));
            mergeVars(ra, List.of(new Var(Res.text(ci(v, "name")), g, Res.text(ci(o, "name")),
                    Res.text(ci(o, "namespace")), fp.isEmpty() ? "metadata.name" : fp)));
        }
    }

    /** A field looked up as Go's encoding/json does: exact name first, then case-insensitively. */
    static JsonNode ci(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v != null) {
            return v;
        }
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equalsIgnoreCase(field)) {
                return n.get(f);
            }
        }
        return null;
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
