package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Builtin plugin configurations named in transformers:/generators:/validators: ({@code apiVersion: builtin}). */
final class Plugins {

    private Plugins() {}

    private static ObjectNode args(Res cfg, String... drop) {
        ObjectNode o = cfg.node.deepCopy();
        o.remove("apiVersion");
        o.remove("kind");
        o.remove("metadata");
        for (String d : drop) {
            o.remove(d);
        }
        return o;
    }

    private static void requireBuiltin(Res cfg) {
        if (!cfg.apiVersion().equals("builtin")) {
            throw new BuildError("external plugins are not supported (" + cfg.apiVersion() + ", Kind="
                    + cfg.kind() + "); only builtin plugin configurations and Java extensions can be used");
        }
    }

    static ResMap generate(KustTarget kt, Res cfg) {
        ResMap out = new ResMap();
        var java = kt.engine.plugins.generate(cfg.node.deepCopy());
        if (java.isPresent()) {
            for (ObjectNode o : java.get()) {
                out.append(new Res(o, kt.kust.file));
            }
            return out;
        }
        requireBuiltin(cfg);
        switch (cfg.kind()) {
            case "ConfigMapGenerator", "SecretGenerator" -> {
                ObjectNode a = args(cfg);
                if (Res.text(a.get("name")).isEmpty()) {
                    a.put("name", cfg.name());
                }
                if (Res.text(a.get("namespace")).isEmpty() && !cfg.namespace().isEmpty()) {
                    a.put("namespace", cfg.namespace());
                }
                out.append(Generators.generate(kt.ldr, a, cfg.kind().equals("SecretGenerator"), null,
                        kt.kust.file, false));
            }
            case "IAMPolicyGenerator" -> {
                ObjectNode a = args(cfg);
                String cloud = Res.text(a.get("cloud"));
                if (!cloud.equals("gke")) {
                    throw new BuildError("cloud provider " + cloud + " not supported yet");
                }
                JsonNode ks = a.path("kubernetesService");
                JsonNode sa = a.path("serviceAccount");
                ObjectNode n = Res.F.objectNode();
                n.put("apiVersion", "v1");
                n.put("kind", "ServiceAccount");
                ObjectNode md = n.putObject("metadata");
                md.put("name", Res.text(ks.get("name")));
                if (!Res.text(ks.get("namespace")).isEmpty()) {
                    md.put("namespace", Res.text(ks.get("namespace")));
                }
                md.putObject("annotations").put("iam.gke.io/gcp-service-account",
                        Res.text(sa.get("name")) + "@" + Res.text(sa.get("projectId")) + ".iam.gserviceaccount.com");
                out.append(new Res(n, kt.kust.file));
            }
            default -> throw new BuildError("unable to load builtin generator " + cfg.kind());
        }
        return out;
    }

    static void transform(KustTarget kt, Accumulator ra, Res cfg) {
        List<ObjectNode> current = new ArrayList<>();
        for (Res r : ra.resMap.list()) {
            current.add(r.node);
        }
        var java = kt.engine.plugins.transform(cfg.node.deepCopy(), current);
        if (java.isPresent()) {
            java.util.Map<String, List<String>> refVars = new java.util.HashMap<>();
            for (Res or : ra.resMap.list()) {
                refVars.put(or.curId().key(), or.refVarNames);
            }
            ra.resMap.clear();
            for (ObjectNode o : java.get()) {
                Res r = new Res(o, kt.kust.file);
                r.refVarNames = new ArrayList<>(refVars.getOrDefault(r.curId().key(), List.of()));
                ra.resMap.append(r);
            }
            return;
        }
        requireBuiltin(cfg);
        Builtins b = new Builtins(kt, ra);
        ObjectNode a = args(cfg);
        String where = kt.kust.file + ": " + cfg.kind();
        switch (cfg.kind()) {
            case "PatchTransformer" -> b.patch(a, where);
            case "PatchJson6902Transformer" -> {
                ObjectNode p = a.deepCopy();
                if (p.has("jsonOp")) {
                    p.set("patch", p.remove("jsonOp"));
                }
                b.patchJson6902(p);
            }
            case "PatchStrategicMergeTransformer" -> {
                List<String> entries = new ArrayList<>(Kust.stringList(a.get("paths"), where + ".paths"));
                String inline = Res.text(a.get("patches"));
                if (!inline.isEmpty()) {
                    entries.add(inline);
                }
                b.patchesStrategicMerge(entries, null);
            }
            case "PrefixSuffixTransformer", "PrefixTransformer", "SuffixTransformer" -> {
                List<FieldSpec> fs = FieldSpec.parseList(a.get("fieldSpecs"), where + ".fieldSpecs");
                String prefix = Res.text(a.get("prefix"));
                String suffix = Res.text(a.get("suffix"));
                if (!prefix.isEmpty()) {
                    b.prefixSuffix(prefix, true, fs);
                }
                if (!suffix.isEmpty()) {
                    b.prefixSuffix(suffix, false, fs);
                }
            }
            case "LabelTransformer" -> b.setMapEntries(Kust.stringMap(a.get("labels"), where + ".labels"),
                    FieldSpec.parseList(a.get("fieldSpecs"), where + ".fieldSpecs"));
            case "AnnotationsTransformer" -> b.setMapEntries(
                    Kust.stringMap(a.get("annotations"), where + ".annotations"),
                    FieldSpec.parseList(a.get("fieldSpecs"), where + ".fieldSpecs"));
            case "NamespaceTransformer" -> {
                String ns = cfg.namespace();
                String mode = Res.text(a.get("setRoleBindingSubjects"));
                if (!mode.isEmpty() && !List.of("defaultOnly", "allServiceAccounts", "none").contains(mode)) {
                    throw new BuildError("invalid value \"" + mode + "\" for setRoleBindingSubjects: must be one of"
                            + " \"defaultOnly\", \"none\" or \"allServiceAccounts\"");
                }
                if (!ns.isEmpty()) {
                    b.namespace(ns, FieldSpec.parseList(a.get("fieldSpecs"), where + ".fieldSpecs"),
                            mode.isEmpty() ? "defaultOnly" : mode, a.path("unsetOnly").asBoolean(false));
                }
            }
            case "ImageTagTransformer" -> b.image(a.path("imageTag"),
                    FieldSpec.parseList(a.get("fieldSpecs"), where + ".fieldSpecs"));
            case "ReplicaCountTransformer" -> b.replicas(a.path("replica"),
                    FieldSpec.parseList(a.get("fieldSpecs"), where + ".fieldSpecs"));
            case "ReplacementTransformer" -> {
                JsonNode reps = a.get("replacements");
                if (reps != null && !reps.isNull()) {
                    Replacements.apply(kt, ra.resMap, reps);
                }
            }
            case "HashTransformer" -> Builtins.addHashes(ra.resMap);
            default -> throw new BuildError("unable to load builtin " + cfg.kind() + ".builtin.[noGrp]");
        }
    }
}
