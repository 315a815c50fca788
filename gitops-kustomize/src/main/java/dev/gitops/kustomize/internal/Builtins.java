package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gitops.api.error.Origin;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.patch.JsonPatch;
import dev.gitops.api.yaml.SourceMap;
import dev.gitops.api.yaml.Yaml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The builtin transformers of kustomize, operating on a ResMap. */
final class Builtins {

    private static final FieldSpec METADATA_NAMESPACE = new FieldSpec(new Gvk("", "", ""), "metadata/namespace", true);
    private static final FieldSpec METADATA_LABELS = new FieldSpec(new Gvk("", "", ""), "metadata/labels", true);


    final KustTarget kt;
    final Accumulator ra;
    final ResMap m;

    Builtins(KustTarget kt, Accumulator ra) {
        this.kt = kt;
        this.ra = ra;
        this.m = ra.resMap;
    }

    // ---------------------------------------------------------------- namespace

    void namespace(String ns, List<FieldSpec> specs, String subjectsMode, boolean unsetOnly) {
        for (Res r : m.list()) {
            if (r.isDeleted()) {
                continue;
            }
            if ("true".equals(r.annotation("kustomize.config.k8s.io/helm-generated"))) {
                continue;
            }
            r.storePreviousId();
            Walk.SetFn setter = slot -> {
                if (unsetOnly) {
                    JsonNode cur = slot.get();
                    if (cur != null && !cur.isNull() && !Res.text(cur).isEmpty()) {
                        return;
                    }
                }
                slot.set(TextNode.valueOf(ns));
            };
            String apiVersion = r.apiVersion();
            Gvk gvk = r.gvk();
            if (!gvk.clusterScoped()) {
                Walk.apply(r, METADATA_NAMESPACE, Walk.Create.SCALAR,
                        setter);
            }
            List<FieldSpec> fs = new ArrayList<>();
            boolean rb = gvk.kind().equals("RoleBinding") || gvk.kind().equals("ClusterRoleBinding");
            for (FieldSpec f : specs) {
                if (f.path().equals("metadata/namespace")) {
                    continue;
                }
                if (!apiVersion.equals("v1") && f.path().equals("metadata/name")) {
                    continue;
                }
                if (rb && (f.gvk().kind().equals("RoleBinding") || f.gvk().kind().equals("ClusterRoleBinding"))
                        && f.path().equals("subjects/namespace")) {
                    continue;
                }
                fs.add(f);
            }
            if (rb) {
                JsonNode subjects = r.node.get("subjects");
                if (subjects != null && subjects.isArray() && !"none".equals(subjectsMode)) {
                    for (JsonNode s : subjects) {
                        if (!(s instanceof ObjectNode so)) {
                            continue;
                        }
                        boolean match = "allServiceAccounts".equals(subjectsMode)
                                ? "ServiceAccount".equals(Res.text(so.get("kind")))
                                : "default".equals(Res.text(so.get("name")));
                        if (match) {
                            if (unsetOnly && !Res.text(so.get("namespace")).isEmpty()) {
                                continue;
                            }
                            so.put("namespace", ns);
                        }
                    }
                }
            }
            Walk.applyAll(r, fs, Walk.Create.SCALAR, setter);
        }
        m.touch();
        for (Res r : m.list()) {
            if (m.matchingCurrentId(r.curId()::same).size() != 1) {
                throw new BuildError("namespace transformation produces ID conflict: "
                        + m.matchingCurrentId(r.curId()::same));
            }
        }
    }

    // ---------------------------------------------------------------- prefix / suffix

    private static final List<Gvk> PREFIX_SKIP = List.of(new Gvk("", "", "CustomResourceDefinition"),
            new Gvk("apiregistration.k8s.io", "", "APIService"), new Gvk("", "", "Namespace"));

    void prefixSuffix(String value, boolean prefix, List<FieldSpec> specs) {
        for (Res r : m.list()) {
            RId id = r.orgId();
            boolean skip = false;
            for (Gvk g : PREFIX_SKIP) {
                if (id.gvk().isSelected(g)) {
                    skip = true;
                }
            }
            if (skip) {
                continue;
            }
            for (FieldSpec fs : specs) {
                if (!id.gvk().isSelected(fs.gvk())) {
                    continue;
                }
                if (fs.path().equals("metadata/name")) {
                    if (prefix) {
                        r.addNamePrefix(value);
                    } else {
                        r.addNameSuffix(value);
                    }
                    if (!value.isEmpty()) {
                        r.storePreviousId();
                    }
                }
                Walk.apply(r, fs, Walk.Create.SCALAR, slot -> {
                    String cur = Res.text(slot.get());
                    slot.set(TextNode.valueOf(prefix ? value + cur : cur + value));
                });
            }
        }
        m.touch();
    }

    // ---------------------------------------------------------------- labels / annotations

    void labelsField(List<JsonNode> labels, Map<String, String> commonLabels) {
        TConfig tc = ra.config;
        for (JsonNode l : labels) {
            Kust.checkFields(l, kt.kust.file + ": labels", "pairs", "includeSelectors", "includeTemplates",
                    "fields", "includeVolumeClaimTemplates");
            Map<String, String> pairs = Kust.stringMap(l.get("pairs"), kt.kust.file + ": labels.pairs");
            List<FieldSpec> fss = FieldSpec.parseList(l.get("fields"), kt.kust.file + ": labels.fields");
            fss = FieldSpec.mergeAll(fss, tc.labels);
            if (l.path("includeSelectors").asBoolean(false)) {
                fss = FieldSpec.mergeAll(fss, tc.commonLabels);
            } else {
                if (l.path("includeTemplates").asBoolean(false)) {
                    fss = FieldSpec.mergeAll(fss, tc.templateLabels);
                }
                if (l.path("includeVolumeClaimTemplates").asBoolean(false)) {
                    fss = FieldSpec.mergeAll(fss, tc.volumeClaimTemplateLabels);
                }
                fss = FieldSpec.mergeAll(fss, List.of(METADATA_LABELS));
            }
            setMapEntries(pairs, fss);
        }
        if (!commonLabels.isEmpty()) {
            setMapEntries(commonLabels, tc.commonLabels);
        }
    }

    void annotations(Map<String, String> annos, List<FieldSpec> specs) {
        setMapEntries(annos, specs);
    }

    void setMapEntries(Map<String, String> pairs, List<FieldSpec> specs) {
        if (pairs.isEmpty()) {
            return;
        }
        Map<String, String> sorted = new TreeMap<>(pairs);
        for (Res r : m.list()) {
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                Walk.applyAll(r, specs, Walk.Create.MAP, slot -> {
                    JsonNode n = slot.get();
                    if (n instanceof ObjectNode o) {
                        o.put(e.getKey(), e.getValue());
                    } else if (n == null || n.isNull()) {
                        ObjectNode o = Res.F.objectNode();
                        o.put(e.getKey(), e.getValue());
                        slot.set(o);
                    } else {
                        throw new BuildError("wrong node kind: expected MappingNode but got "
                                + (n.isArray() ? "SequenceNode" : "ScalarNode"));
                    }
                });
            }
        }
    }

    // ---------------------------------------------------------------- images

    void image(JsonNode img, List<FieldSpec> specs) {
        Kust.checkFields(img, kt.kust.file + ": images", "name", "newName", "newTag", "digest", "tagSuffix");
        String name = Kust.string(img.get("name"), kt.kust.file + ": images.name");
        String newName = Kust.string(img.get("newName"), kt.kust.file + ": images.newName");
        String newTag = Kust.string(img.get("newTag"), kt.kust.file + ": images.newTag");
        String digest = Kust.string(img.get("digest"), kt.kust.file + ": images.digest");
        String tagSuffix = Kust.string(img.get("tagSuffix"), kt.kust.file + ": images.tagSuffix");
        Pattern p;
        try {
            p = Pattern.compile("^" + name
                    + "(:[a-zA-Z0-9_.{}-]*)?(@[a-zA-Z0-9]+([.+_-][a-zA-Z0-9]+)*:[a-zA-Z0-9_.{}-]*)?$");
        } catch (RuntimeException e) {
            return;
        }
        Walk.SetFn upd = slot -> {
            JsonNode v = slot.get();
            if (v == null || !v.isValueNode() || v.isNull()) {
                if (v != null && !v.isValueNode()) {
                    throw new BuildError("wrong node kind: expected ScalarNode");
                }
                return;
            }
            String value = Res.text(v);
            if (!p.matcher(value).matches()) {
                return;
            }
            String[] ntd = splitImage(value);
            String n = ntd[0];
            String t = ntd[1];
            String d = ntd[2];
            if (!newName.isEmpty()) {
                n = newName;
            }
            if (!newTag.isEmpty() && !digest.isEmpty()) {
                t = newTag;
                d = digest;
            } else if (!newTag.isEmpty()) {
                t = newTag;
                d = "";
            } else if (!digest.isEmpty()) {
                t = "";
                d = digest;
            } else if (!tagSuffix.isEmpty()) {
                t = t + tagSuffix;
                d = "";
            }
            if (!t.isEmpty()) {
                n += ":" + t;
            }
            if (!d.isEmpty()) {
                n += "@" + d;
            }
            slot.set(TextNode.valueOf(n));
        };
        for (Res r : m.list()) {
            if (r.kind().equals("CustomResourceDefinition")) {
                continue;
            }
            legacyImages(r.node, upd);
        }
        for (Res r : m.list()) {
            if (r.kind().equals("CustomResourceDefinition")) {
                continue;
            }
            Walk.applyAll(r, specs, Walk.Create.NONE, upd);
        }
    }

    private static void legacyImages(JsonNode n, Walk.SetFn upd) {
        if (n instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                JsonNode v = o.get(k);
                legacyImages(v, upd);
                if ((k.equals("containers") || k.equals("initContainers")) && v.isArray()) {
                    for (JsonNode c : v) {
                        if (c instanceof ObjectNode co && co.has("image")) {
                            upd.set(Walk.fieldSlot(co, "image"));
                        }
                    }
                }
            }
        } else if (n != null && n.isArray()) {
            for (JsonNode e : n) {
                legacyImages(e, upd);
            }
        }
    }

    static String[] splitImage(String image) {
        String search = image;
        int slash = image.indexOf('/');
        if (slash > 0) {
            search = image.substring(slash);
        } else {
            slash = 0;
        }
        int id = search.indexOf('@');
        int ic = search.indexOf(':');
        if (ic < 0 && id < 0) {
            return new String[] {image, "", ""};
        }
        if (id >= 0 && (id < ic || ic < 0)) {
            id += slash;
            return new String[] {image.substring(0, id), "", image.substring(id + 1)};
        }
        if (id >= 0 && ic >= 0) {
            id += slash;
            ic += slash;
            return new String[] {image.substring(0, ic), image.substring(ic + 1, id), image.substring(id + 1)};
        }
        ic += slash;
        return new String[] {image.substring(0, ic), image.substring(ic + 1), ""};
    }

    // ---------------------------------------------------------------- replicas

    void replicas(JsonNode rep, List<FieldSpec> specs) {
        Kust.checkFields(rep, kt.kust.file + ": replicas", "name", "count");
        String name = Res.text(rep.get("name"));
        JsonNode c = rep.get("count");
        long count = c == null ? 0 : c.asLong();
        boolean found = false;
        for (FieldSpec fs : specs) {
            List<Res> list = m.matchingAnyId(id -> id.name().equals(name) && id.gvk().isSelected(fs.gvk()));
            if (!list.isEmpty()) {
                found = true;
                for (Res r : list) {
                    Walk.apply(r, fs, Walk.Create.SCALAR, slot -> slot.set(
                            count == (int) count ? IntNode.valueOf((int) count) : LongNode.valueOf(count)));
                }
            }
        }
        if (!found) {
            List<String> gvks = new ArrayList<>();
            for (FieldSpec fs : specs) {
                gvks.add(fs.gvk().toString());
            }
            throw new BuildError("resource with name " + name + " does not match a config with the following GVK "
                    + "[" + String.join(" ", gvks) + "]");
        }
    }

    // ---------------------------------------------------------------- patches

    void patchesStrategicMerge(List<String> entries, JsonNode raw) {
        if (entries.isEmpty()) {
            return;
        }
        List<Res> patches = new ArrayList<>();
        for (String e : entries) {
            // as kustomize's PatchStrategicMergeTransformer: an entry that reads as resources is an inline patch
            // (YAML or compact JSON); anything else is a path
            List<Res> inline;
            try {
                inline = KustTarget.readResources(e.getBytes(StandardCharsets.UTF_8), kt.kust.file);
            } catch (RuntimeException notInline) {
                inline = null;
            }
            if (inline != null) {
                for (Res pr : inline) {
                    if (kt.engine.trackOrigins) {
                        pr.sourceMap = inlineOrigin();
                    }
                    patches.add(pr);
                }
            } else {
                byte[] content = kt.ldr.load(e);
                String file = kt.ldr.describe(kt.ldr.resolve(e));
                patches.addAll(KustTarget.readResources(content, file,
                        kt.engine.trackOrigins ? kt.ldr.resolve(e) : null));
            }
        }
        for (Res patch : patches) {
            Res target = m.getById(patch.orgId(), null);
            applySmPatch(target, patch);
        }
        m.removeDeleted();
    }

    void patch(JsonNode p, String where) {
        Kust.checkFields(p, where, "path", "patch", "target", "options");
        String path = Res.text(p.get("path"));
        String text = Res.text(p.get("patch")).strip();
        String source;
        if (text.isEmpty() && path.isEmpty()) {
            throw new BuildError("must specify one of patch and path in\n" + Yaml.defaults().write(p));
        }
        if (!text.isEmpty() && !path.isEmpty()) {
            throw new BuildError("patch and path can't be set at the same time\n" + Yaml.defaults().write(p));
        }
        String file = kt.kust.file;
        if (!path.isEmpty()) {
            try {
                text = new String(kt.ldr.load(path), StandardCharsets.UTF_8);
            } catch (BuildError e) {
                throw new BuildError("failed to get the patch file from path(" + path + "): " + e.getMessage(), e);
            }
            file = kt.ldr.describe(kt.ldr.resolve(path));
            source = "[path: \"" + path + "\"]";
        } else {
            source = "[patch: \"" + text + "\"]";
        }
        JsonNode target = p.get("target");
        JsonNode options = p.get("options");
        boolean allowName = options != null && options.path("allowNameChange").asBoolean(false);
        boolean allowKind = options != null && options.path("allowKindChange").asBoolean(false);
        // Decide SM vs JSON 6902
        List<JsonNode> docs = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>();
        try {
            for (dev.gitops.api.yaml.YamlDocument d : Yaml.defaults().readAll(text, file)) {
                all.add(d.content());
                if (!d.isEmpty()) {
                    docs.add(d.content());
                }
            }
        } catch (RuntimeException e) {
            throw new BuildError("unable to parse SM or JSON patch from " + source, e);
        }
        List<SourceMap> maps = patchMaps(text, file, path);
        boolean json = docs.size() == 1 && docs.get(0).isArray();
        if (json) {
            if (target == null || target.isNull()) {
                throw new BuildError("must specify a target for JSON patch " + source);
            }
            JsonPatch jp;
            try {
                jp = JsonPatch.parse(docs.get(0));
            } catch (RuntimeException e) {
                throw new BuildError("unable to parse SM or JSON patch from " + source + ": " + e.getMessage(), e);
            }
            for (Res r : Select.select(m, target)) {
                r.storePreviousId();
                applyJson(r, jp);
                if (kt.engine.trackOrigins) {
                    placeJson(r, jp, maps.size() == 1 ? maps.get(0) : inlineOrigin());
                }
            }
            m.touch();
            return;
        }
        final String patchText = text;
        List<KyamlScalars.Records> records = KyamlScalars.normalize(all, () -> patchText, file);
        List<Res> patches = new ArrayList<>();
        int di = -1; // index among the non-empty documents (the source maps')
        for (int i = 0; i < all.size(); i++) {
            JsonNode d = all.get(i);
            if (d.isNull() || d.isMissingNode()) {
                continue;
            }
            di++;
            if (!d.isObject()) {
                throw new BuildError("unable to parse SM or JSON patch from " + source);
            }
            Res pr = new Res((ObjectNode) d, file);
            pr.plainAnnotations = records.get(i).forPrefix("");
            pr.mayHoldInfinity = KyamlScalars.mayHoldInfinity(patchText);
            if (kt.engine.trackOrigins) {
                pr.sourceMap = maps.size() == docs.size() ? maps.get(di) : inlineOrigin();
            }
            if (allowName) {
                pr.enable(Res.ALLOW_NAME_CHANGE);
            }
            if (allowKind) {
                pr.enable(Res.ALLOW_KIND_CHANGE);
            }
            patches.add(pr);
        }
        if (target != null && !target.isNull()) {
            if (patches.size() > 1) {
                throw new BuildError("Multiple Strategic-Merge Patches in one `patches` entry is not allowed to set"
                        + " `patches.target` field: " + source);
            }
            if (patches.isEmpty()) {
                return;
            }
            Res patch = patches.get(0);
            List<Res> selected = Select.select(m, target);
            for (Res r : selected) {
                Res copy = patch.deepCopy();
                copy.node.put("apiVersion", r.apiVersion());
                copy.node.put("kind", patch.kind());
                applySmPatch(r, copy);
            }
            m.removeDeleted();
            return;
        }
        for (Res patch : patches) {
            Res t;
            try {
                t = m.getById(patch.orgId(), null);
            } catch (BuildError e) {
                throw new BuildError("no resource matches strategic merge patch \"" + patch.orgId() + "\": "
                        + e.getMessage(), e);
            }
            applySmPatch(t, patch);
        }
        m.removeDeleted();
    }

    void patchJson6902(JsonNode p) {
        String where = kt.kust.file + ": patchesJson6902";
        Kust.checkFields(p, where, "path", "patch", "target", "options");
        JsonNode target = p.get("target");
        if (target == null || Res.text(target.get("name")).isEmpty()) {
            throw new BuildError("must specify the target name");
        }
        String path = Res.text(p.get("path"));
        String op = Res.text(p.get("patch"));
        if (path.isEmpty() && op.isEmpty()) {
            throw new BuildError("empty file path and empty jsonOp");
        }
        String file = kt.kust.file;
        if (!path.isEmpty()) {
            if (!op.isEmpty()) {
                throw new BuildError("must specify a file path or jsonOp, not both");
            }
            op = new String(kt.ldr.load(path), StandardCharsets.UTF_8);
            file = kt.ldr.describe(kt.ldr.resolve(path));
        }
        dev.gitops.api.yaml.YamlDocument opsDoc = Yaml.defaults().readOne(op, file);
        JsonNode ops = opsDoc.content();
        SourceMap opsMap = !kt.engine.trackOrigins ? SourceMap.empty() : path.isEmpty() ? inlineOrigin()
                : opsDoc.sourceMap().withFile(kt.ldr.resolve(path));
        JsonPatch jp = JsonPatch.parse(ops);
        if (jp.operations().isEmpty()) {
            throw new BuildError("patch appears to be empty; file=" + path + ", JsonOp=" + op);
        }
        for (Res r : Select.select(m, target)) {
            applyJson(r, jp);
            if (kt.engine.trackOrigins) {
                placeJson(r, jp, opsMap);
            }
        }
        m.touch();
    }

    /** Where an inline patch stands: its kustomization file (no line: the patch is a string inside it). */
    private SourceMap inlineOrigin() {
        return SourceMap.at(Origin.of(FsPaths.join(kt.ldr.root(), kt.kust.fileName)));
    }

    /** The source maps of a patch's documents: of the patch file, or the kustomization's for an inline patch. */
    private List<SourceMap> patchMaps(String text, String file, String path) {
        if (path.isEmpty() || !kt.engine.trackOrigins) {
            return List.of();
        }
        try {
            List<SourceMap> out = new ArrayList<>();
            for (dev.gitops.api.yaml.YamlDocument d : Yaml.defaults().readAll(text, file)) {
                if (!d.isEmpty()) {
                    out.add(d.sourceMap().withFile(kt.ldr.resolve(path)));
                }
            }
            return out;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Records where the fields a JSON patch set come from (the op's value, or the op). */
    static void placeJson(Res r, JsonPatch jp, SourceMap ops) {
        if (r.node == null) {
            return;
        }
        List<JsonPatch.Operation> list = jp.operations();
        for (int i = 0; i < list.size(); i++) {
            JsonPatch.Operation o = list.get(i);
            if (!o.op().equals("add") && !o.op().equals("replace") && !o.op().equals("copy")
                    && !o.op().equals("move")) {
                continue;
            }
            String ptr = o.path();
            if (ptr.endsWith("/-")) {
                JsonNode arr = r.node.at(ptr.substring(0, ptr.length() - 2));
                ptr = ptr.substring(0, ptr.length() - 1) + Math.max(0, arr.size() - 1);
            }
            Origin at = ops.locate("/" + i + (o.op().equals("add") || o.op().equals("replace") ? "/value" : ""))
                    .orElse(Origin.of(ops.file()));
            place(r, ptr, at);
        }
    }

    private static void place(Res r, String pointer, Origin at) {
        if (pointer.isEmpty() || at.file().equals("-")) {
            return;
        }
        r.placed.add(new Origin(at.file(), at.line(), at.column(), pointer));
    }

    /**
     * Records where the fields a strategic merge patch set come from: each scalar of the patch and each node the
     * object did not have before, matched to the result (list items by {@code name}, else by position).
     */
    static void placeSmp(Res r, JsonNode patch, SourceMap patchMap, JsonNode result, String pPtr, String rPtr,
            SourceMap before) {
        if (patch.isObject() && result.isObject()) {
            if (!rPtr.isEmpty() && before.subtree(rPtr) == SourceMap.empty()) {
                place(r, rPtr, patchMap.locate(pPtr).orElse(Origin.of(patchMap.file())));
            }
            for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
                java.util.Map.Entry<String, JsonNode> e = it.next();
                String k = e.getKey();
                JsonNode rc = result.get(k);
                if (k.startsWith("$") || rc == null || (rPtr.isEmpty() && (k.equals("apiVersion")
                        || k.equals("kind") || k.equals("metadata")))
                        || (k.equals("name") && pPtr.matches(".*/[0-9]+"))) {
                    continue; // identifies what to patch (the object, a list item by merge key), sets nothing
                }
                String ek = k.replace("~", "~0").replace("/", "~1");
                placeSmp(r, e.getValue(), patchMap, rc, pPtr + "/" + ek, rPtr + "/" + ek, before);
            }
        } else if (patch.isArray() && result.isArray()) {
            if (before.subtree(rPtr) == SourceMap.empty()) {
                place(r, rPtr, patchMap.locate(pPtr).orElse(Origin.of(patchMap.file())));
            }
            for (int i = 0; i < patch.size(); i++) {
                JsonNode pe = patch.get(i);
                int idx = -1;
                if (pe.isObject() && pe.get("name") != null) {
                    for (int j = 0; j < result.size(); j++) {
                        if (pe.get("name").equals(result.get(j).get("name"))) {
                            idx = j;
                            break;
                        }
                    }
                } else if (i < result.size()) {
                    idx = i;
                }
                if (idx >= 0) {
                    placeSmp(r, pe, patchMap, result.get(idx), pPtr + "/" + i, rPtr + "/" + idx, before);
                }
            }
        } else if (!rPtr.isEmpty() && !patch.isNull()) {
            place(r, rPtr, patchMap.locate(pPtr).orElse(Origin.of(patchMap.file())));
        }
    }

    static void applyJson(Res r, JsonPatch jp) {
        java.util.Map<String, String> internal = new java.util.LinkedHashMap<>();
        r.annotations().forEach((k, v) -> {
            if (k.startsWith(Res.DOMAIN + "/")) {
                internal.put(k, v);
            }
        });
        JsonNode out;
        try {
            out = jp.apply(r.node);
        } catch (RuntimeException e) {
            throw new BuildError(e.getMessage(), e);
        }
        if (!(out instanceof ObjectNode o)) {
            throw new BuildError("JSON patch produced a non-object for " + r.curId());
        }
        r.node = o;
        KyamlScalars.roundTripAnnotations(r); // kustomize applies JSON patches to the object's JSON
        KyamlScalars.jsonNumbers(r.node);
        internal.forEach(r::setAnnotation);
        ObjectNode md = r.metadata(false);
        if (md != null && md.get("annotations") instanceof ObjectNode a && a.isEmpty()) {
            md.remove("annotations");
        }
    }

    void applySmPatch(Res r, Res patch) {
        String n = r.name();
        String ns = r.namespace();
        String k = r.kind();
        boolean allowName = patch.enabled(Res.ALLOW_NAME_CHANGE);
        boolean allowKind = patch.enabled(Res.ALLOW_KIND_CHANGE);
        if (allowName || allowKind) {
            r.storePreviousId();
        }
        ObjectNode pn = patch.node.deepCopy();
        JsonNode pm = pn.get("metadata");
        if (pm instanceof ObjectNode pmo && pmo.get("annotations") instanceof ObjectNode pa) {
            pa.remove(Res.ALLOW_NAME_CHANGE);
            pa.remove(Res.ALLOW_KIND_CHANGE);
            if (pa.isEmpty()) {
                pmo.remove("annotations");
            }
        }
        ObjectNode result = SmPatch.apply(r, pn, kt.engine.customSchema, kt.engine.smpEngines);
        if (result == null) {
            r.node = null;
            return;
        }
        r.node = result;
        KyamlScalars.carryAnnotations(r, patch); // the merged annotations keep the text they were written with
        if (kt.engine.trackOrigins && !patch.sourceMap.file().equals("-")) {
            placeSmp(r, pn, patch.sourceMap, result, "", "", r.sourceMap());
        }
        if (!allowKind) {
            r.setKind(k);
        }
        if (!allowName) {
            r.setName(n);
        }
        r.setNamespace(ns);
    }

    // ---------------------------------------------------------------- hash

    static void addHashes(ResMap m) {
        addHashes(m, false);
    }

    /**
     * Appends the content hash to the names of the resources that need one. With {@code parallel}, the hashes (each
     * of one resource's content alone) are computed concurrently, then applied in order; the first failure in
     * order is the one reported.
     */
    static void addHashes(ResMap m, boolean parallel) {
        List<Res> all = m.list();
        List<Res> need = new ArrayList<>();
        for (Res r : all) {
            if (r.enabled(Res.NEEDS_HASH)) {
                need.add(r);
            }
        }
        List<String> hashes = InOrder.map(need.size(), parallel && need.size() >= 16, i -> Hasher.hash(need.get(i)));
        for (int i = 0; i < hashes.size(); i++) {
            Res r = need.get(i);
            r.storePreviousId();
            r.setName(r.name() + "-" + hashes.get(i));
        }
        m.touch();
    }
}
