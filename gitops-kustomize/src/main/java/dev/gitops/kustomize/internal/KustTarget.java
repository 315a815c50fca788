package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.yaml.SourceMap;
import dev.gitops.api.yaml.Yaml;
import dev.gitops.api.yaml.YamlDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One kustomization directory being built (kustomize's KustTarget). */
public final class KustTarget {

    final Loader ldr;
    final Engine engine;
    Kust kust;
    /** buildMetadata of the top-level kustomization (kustomize copies it down). */
    List<String> buildMetadata = List.of();
    /** Path prefix for origin annotations, relative to the top-level root (null when not tracking). */
    String originPath;

    KustTarget(Loader ldr, Engine engine) {
        this.ldr = ldr;
        this.engine = engine;
    }

    void load() {
        kust = Kust.load(ldr);
        for (String w : deprecations()) {
            engine.warn(w);
        }
    }

    private List<String> deprecations() {
        List<String> w = new ArrayList<>();
        if (kust.n.has("bases")) {
            w.add("# Warning: 'bases' is deprecated. Please use 'resources' instead."
                    + " Run 'kustomize edit fix' to update your Kustomization automatically.");
        }
        if (kust.n.has("commonLabels")) {
            w.add("# Warning: 'commonLabels' is deprecated. Please use 'labels' instead."
                    + " Run 'kustomize edit fix' to update your Kustomization automatically.");
        }
        if (kust.n.has("imageTags")) {
            w.add("# Warning: 'imageTags' is deprecated. Please use 'images' instead."
                    + " Run 'kustomize edit fix' to update your Kustomization automatically.");
        }
        if (kust.n.has("patchesJson6902")) {
            w.add("# Warning: 'patchesJson6902' is deprecated. Please use 'patches' instead."
                    + " Run 'kustomize edit fix' to update your Kustomization automatically.");
        }
        if (kust.n.has("patchesStrategicMerge")) {
            w.add("# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead."
                    + " Run 'kustomize edit fix' to update your Kustomization automatically.");
        }
        if (kust.n.has("vars")) {
            w.add("# Warning: 'vars' is deprecated. Please use 'replacements' instead."
                    + " [EXPERIMENTAL] Run 'kustomize edit fix' to update your Kustomization automatically.");
        }
        return w;
    }

    /** kustomize's openapi.SetSchema: a custom schema file or a builtin version; only the first one counts. */
    void applyOpenApi(boolean reset) {
        JsonNode oa = kust.get("openapi");
        java.util.Map<String, String> f = oa == null ? java.util.Map.of() : Kust.stringMap(oa, kust.file + ": openapi");
        byte[] bytes = null;
        if (f.containsKey("path")) {
            bytes = ldr.load(f.get("path"));
        }
        if (engine.schemaSet && !reset) {
            return;
        }
        if (bytes != null) {
            if (f.containsKey("version")) {
                throw new BuildError("builtin version and custom schema provided, cannot use both");
            }
            JsonNode doc = Yaml.defaults().readOne(new String(bytes, StandardCharsets.UTF_8),
                    ldr.describe(ldr.resolve(f.get("path")))).content();
            engine.customSchema = CustomSchema.of(doc);
            engine.schemaSet = true;
            return;
        }
        String version = f.getOrDefault("version", "");
        if (version.isEmpty()) {
            return;
        }
        if (!version.equals("v1.21.2")) {
            throw new BuildError("the specified OpenAPI version is not built in");
        }
        engine.customSchema = null;
        engine.schemaSet = true;
    }

    /** The whole build of the top-level target. */
    Accumulator makeCustomizedResMap() {
        if (!kust.list("buildMetadata").isEmpty()) {
            buildMetadata = kust.list("buildMetadata");
        }
        if (!buildMetadata.isEmpty()) {
            originPath = "";
        }
        Accumulator ra = accumulateTarget(new Accumulator());
        Builtins.addHashes(ra.resMap, engine.parallel);
        NameRef.fix(ra.resMap, ra.config, engine.parallel);
        Vars.resolve(ra);
        // drop local config
        ra.resMap.list().removeIf(r -> "true".equals(r.annotation("config.kubernetes.io/local-config")));
        ra.resMap.touch();
        return ra;
    }

    Accumulator accumulateTarget(Accumulator ra) {
        try {
            accumulateResources(ra, resourcePaths());
        } catch (BuildError e) {
            throw BuildError.wrap("accumulating resources", e);
        }
        // kustomize's MakeTransformerConfig: the defaults merged with the configuration files (merged in order)
        TConfig tc = TConfig.defaults();
        List<String> configurations = kust.list("configurations");
        if (!configurations.isEmpty()) {
            TConfig custom = TConfig.empty();
            for (String c : configurations) {
                byte[] b = ldr.load(c);
                for (YamlDocument d : Yaml.defaults().readAll(b, ldr.describe(ldr.resolve(c)))) {
                    if (!d.isEmpty()) {
                        custom.merge(TConfig.parse(d.content(), ldr.describe(ldr.resolve(c))));
                    }
                }
            }
            tc.merge(custom);
        }
        ra.config.merge(tc);
        TConfig crds = TConfig.empty();
        for (String c : kust.list("crds")) {
            Crds.load(ldr, c, crds);
        }
        ra.config.merge(crds);
        runGenerators(ra);
        accumulateComponents(ra, kust.list("components"));
        runTransformers(ra);
        runValidators(ra);
        Vars.merge(ra, kust);
        return ra;
    }

    private List<String> resourcePaths() {
        List<String> p = new ArrayList<>(kust.list("resources"));
        p.addAll(kust.list("bases"));
        return p;
    }

    void accumulateResources(Accumulator ra, List<String> paths) {
        Prebuilt pre = Prebuilt.of(this, paths);
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            if (isRemote(path)) {
                Loader remote = engine.remote(path, ldr.rootOnly);
                try {
                    accumulateDirectory(ra, remote, false);
                } catch (BuildError e) {
                    throw new BuildError("accumulating remote resource '" + path + "': " + e.getMessage(), e);
                }
                continue;
            }
            if (ldr.isFile(path)) {
                accumulateFile(ra, path);
                continue;
            }
            if (!ldr.isDir(path)) {
                // try loading as a file to get kustomize's error (restriction or missing)
                try {
                    ldr.load(path);
                } catch (BuildError e) {
                    throw new BuildError("accumulation err='accumulating resources from '" + path + "': "
                            + e.getMessage() + "': must build at directory: not a valid directory: '"
                            + ldr.describe(ldr.resolve(path)) + "' does not exist", e);
                }
            }
            Loader child = ldr.child(path);
            String saved = originPath;
            if (originPath != null) {
                originPath = join(originPath, path);
            }
            try {
                Accumulator built = pre == null ? null : pre.take(i, engine);
                if (built != null) {
                    mergeSubTarget(ra, child, built);
                } else {
                    accumulateDirectory(ra, child, false);
                }
            } catch (BuildError e) {
                throw new BuildError("accumulation err='accumulating resources from '" + path
                        + "': read " + ldr.describe(ldr.resolve(path)) + ": is a directory': " + e.getMessage(), e);
            } finally {
                originPath = saved;
            }
        }
    }

    /**
     * Sibling directories of one {@code resources} list, built in parallel ahead of the sequential pass, each with
     * a fork of the engine. Each result is the one a sequential build would produce, unless an earlier sibling
     * changed the engine's shared state (the OpenAPI schema: the first one set wins); then the sequential pass
     * rebuilds it. So resources, their order, warnings and the first error are those of a sequential build.
     */
    private static final class Prebuilt {
        private final Engine[] forks;
        private final Accumulator[] results;
        private final Throwable[] errors;
        private final boolean schemaSet;

        private Prebuilt(int n, boolean schemaSet) {
            forks = new Engine[n];
            results = new Accumulator[n];
            errors = new Throwable[n];
            this.schemaSet = schemaSet;
        }

        /** Null when nothing is built in parallel (disabled, or fewer than two local sibling directories). */
        static Prebuilt of(KustTarget kt, List<String> paths) {
            if (!kt.engine.parallel || paths.size() < 2) {
                return null;
            }
            List<Integer> idx = new ArrayList<>();
            List<Loader> children = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i);
                if (isRemote(path) || kt.ldr.isFile(path) || !kt.ldr.isDir(path)) {
                    continue;
                }
                try {
                    children.add(kt.ldr.child(path));
                    idx.add(i);
                } catch (BuildError e) {
                    // reported by the sequential pass
                }
            }
            if (idx.size() < 2) {
                return null;
            }
            Prebuilt p = new Prebuilt(paths.size(), kt.engine.schemaSet);
            java.util.stream.IntStream.range(0, idx.size()).parallel().forEach(k -> {
                int i = idx.get(k);
                Engine fork = kt.engine.fork();
                p.forks[i] = fork;
                String origin = kt.originPath == null ? null : join(kt.originPath, paths.get(i));
                try {
                    p.results[i] = kt.subTarget(children.get(k), fork, origin);
                } catch (RuntimeException | Error e) {
                    p.errors[i] = e;
                }
            });
            return p;
        }

        /** The sub-build of entry i as the sequential pass would make it now, or null to build it there. */
        Accumulator take(int i, Engine engine) {
            if (forks[i] == null || engine.schemaSet != schemaSet) {
                return null;
            }
            engine.join(forks[i]);
            if (errors[i] instanceof RuntimeException e) {
                throw e;
            }
            if (errors[i] instanceof Error e) {
                throw e;
            }
            return results[i];
        }
    }

    static String join(String a, String b) {
        if (a.isEmpty()) {
            return cleanPath(b);
        }
        // keep ".." segments as kustomize does (filepath.Join cleans)
        return cleanPath(a + "/" + b);
    }

    static String cleanPath(String p) {
        List<String> out = new ArrayList<>();
        for (String s : p.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                out.remove(out.size() - 1);
            } else {
                out.add(s);
            }
        }
        return out.isEmpty() ? "." : String.join("/", out);
    }

    static boolean isRemote(String path) {
        return path.startsWith("https://") || path.startsWith("http://") || path.startsWith("git@")
                || path.startsWith("git::") || path.startsWith("ssh://") || path.startsWith("github.com/")
                || path.startsWith("file://");
    }

    void accumulateComponents(Accumulator ra, List<String> paths) {
        for (String path : paths) {
            Loader child;
            try {
                child = isRemote(path) ? engine.remote(path, ldr.rootOnly) : ldr.child(path);
            } catch (BuildError e) {
                throw new BuildError("accumulating components: loader.New \"" + e.getMessage() + "\"", e);
            }
            String saved = originPath;
            if (originPath != null) {
                originPath = join(originPath, path);
            }
            try {
                accumulateDirectory(ra, child, true);
            } catch (BuildError e) {
                throw new BuildError("accumulating components: accumulateDirectory: \"" + e.getMessage() + "\"", e);
            } finally {
                originPath = saved;
            }
        }
    }

    void accumulateDirectory(Accumulator ra, Loader child, boolean isComponent) {
        if (!isComponent) {
            mergeSubTarget(ra, child, subTarget(child, engine, originPath));
            return;
        }
        KustTarget sub = loadSub(child, engine, originPath);
        if (!sub.kust.isComponent()) {
            throw new BuildError("expected kind 'Component' for path '" + ldr.describe(child.root()) + "' but got '"
                    + (Res.text(sub.kust.n.get("kind")).isEmpty() ? "Kustomization"
                    : Res.text(sub.kust.n.get("kind"))) + "'");
        }
        try {
            sub.accumulateTarget(ra);
        } catch (BuildError e) {
            throw new BuildError("recursed accumulation of path '" + ldr.describe(child.root()) + "': "
                    + e.getMessage(), e);
        }
    }

    /** The target of a sub-directory, loaded (with its OpenAPI setting applied) but not yet accumulated. */
    private KustTarget loadSub(Loader child, Engine eng, String origin) {
        KustTarget sub = new KustTarget(child, eng);
        try {
            sub.load();
        } catch (BuildError e) {
            throw new BuildError("couldn't make target for path '" + ldr.describe(child.root()) + "': "
                    + e.getMessage(), e);
        }
        sub.buildMetadata = buildMetadata;
        sub.applyOpenApi(false);
        sub.originPath = origin;
        return sub;
    }

    /** The accumulated resources of a (non-component) sub-directory, built with {@code eng}. */
    private Accumulator subTarget(Loader child, Engine eng, String origin) {
        KustTarget sub = loadSub(child, eng, origin);
        if (sub.kust.isComponent()) {
            throw new BuildError("expected kind != 'Component' for path '" + ldr.describe(child.root()) + "'");
        }
        try {
            return sub.accumulateTarget(new Accumulator());
        } catch (BuildError e) {
            throw new BuildError("recursed accumulation of path '" + ldr.describe(child.root()) + "': "
                    + e.getMessage(), e);
        }
    }

    private void mergeSubTarget(Accumulator ra, Loader child, Accumulator subRa) {
        try {
            ra.mergeAccumulator(subRa);
        } catch (BuildError e) {
            throw new BuildError("recursed merging from path '" + ldr.describe(child.root()) + "': "
                    + e.getMessage(), e);
        }
    }

    void accumulateFile(Accumulator ra, String path) {
        List<Res> rs;
        try {
            rs = readResources(ldr.load(path), ldr.describe(ldr.resolve(path)),
                    engine.trackOrigins ? ldr.resolve(path) : null);
        } catch (BuildError e) {
            throw new BuildError("accumulating resources from '" + path + "': " + e.getMessage(), e);
        }
        for (Res r : rs) {
            if (originPath != null) {
                r.setAnnotation(Res.ORIGIN_ANNOTATION, "path: " + join(originPath, path) + "\n");
            }
            try {
                ra.resMap.append(r);
            } catch (BuildError e) {
                throw new BuildError("merging resources from '" + path + "': " + e.getMessage(), e);
            }
        }
    }


    /** Reads resources from YAML bytes; kinds ending in List with items are expanded. */
    static List<Res> readResources(byte[] content, String file) {
        return readResources(content, file, null);
    }

    /**
     * Reads resources from YAML bytes; kinds ending in List with items are expanded. With {@code originFile} (the
     * path in the build's file system) each resource keeps where its fields stand in that file.
     */
    static List<Res> readResources(byte[] content, String file, String originFile) {
        List<Res> out = new ArrayList<>();
        List<YamlDocument> docs;
        try {
            docs = Yaml.defaults().readAll(content, file);
        } catch (RuntimeException e) {
            throw new BuildError("MalformedYAMLError: " + e.getMessage() + " in File: " + file, e);
        }
        List<JsonNode> contents = new ArrayList<>(docs.size());
        for (YamlDocument d : docs) {
            contents.add(d.content());
        }
        List<KyamlScalars.Records> records = KyamlScalars.normalize(contents, () -> text(content), file);
        boolean infinity = mayHoldInfinity(content);
        // kustomize's inlineAnyEmbeddedLists: a List's items join the end of the queue (after the file's other
        // documents), each after a JSON round trip
        java.util.ArrayDeque<Object[]> queue = new java.util.ArrayDeque<>();
        for (int i = 0; i < docs.size(); i++) {
            YamlDocument d = docs.get(i);
            if (d.isEmpty()) {
                continue;
            }
            JsonNode c = d.content();
            if (!c.isObject()) {
                throw new BuildError(file + ": missing Resource metadata");
            }
            queue.add(new Object[] {c, "", records.get(i), originFile == null ? SourceMap.empty()
                    : d.sourceMap().withFile(originFile)});
        }
        while (!queue.isEmpty()) {
            Object[] q = queue.poll();
            ObjectNode c = (ObjectNode) q[0];
            String prefix = (String) q[1];
            KyamlScalars.Records rec = (KyamlScalars.Records) q[2];
            SourceMap sm = (SourceMap) q[3];
            String kind = Res.text(c.get("kind"));
            if (kind.endsWith("List") && c.has("items")) {
                JsonNode items = c.get("items");
                if (items.isNull()) {
                    continue;
                }
                if (!items.isArray()) {
                    throw new BuildError("expected array in " + kind + "/items, but found " + goType(items));
                }
                int i = 0;
                for (JsonNode item : items) {
                    if (item.isObject()) {
                        queue.add(new Object[] {item, prefix + "/items/" + i, rec, sm.subtree("/items/" + i)});
                    }
                    i++;
                }
                continue;
            }
            addResource(out, c, file, prefix, rec, sm);
        }
        if (infinity) {
            out.forEach(r -> r.mayHoldInfinity = true);
        }
        return out;
    }

    private static String goType(JsonNode n) {
        return n.isObject() ? "map[string]interface {}" : n.isTextual() ? "string" : n.isBoolean() ? "bool"
                : n.isNumber() ? (n.isIntegralNumber() ? "int64" : "float64") : n.getNodeType().toString();
    }

    private static boolean mayHoldInfinity(byte[] b) {
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == '.') {
                int c = b[i + 1] | 0x20;
                int d = b[i + 2] | 0x20;
                int e = b[i + 3] | 0x20;
                if (c == 'i' && d == 'n' && e == 'f' || c == 'n' && d == 'a' && e == 'n') {
                    return true;
                }
            }
        }
        return false;
    }

    /** The text of a UTF-8 file (a byte-order mark dropped), as the shared reader decodes it. */
    static String text(byte[] content) {
        int off = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        return new String(content, off, content.length - off, StandardCharsets.UTF_8);
    }

    private static void addResource(List<Res> out, ObjectNode c, String file, String prefix,
            KyamlScalars.Records records, SourceMap sm) {
        String kind = Res.text(c.get("kind"));
        if (c.isEmpty()) {
            return;
        }
        if (kind.isEmpty()) {
            throw new BuildError("missing kind in object " + Yaml.defaults().write(c).trim() + " in file " + file);
        }
        JsonNode md = c.get("metadata");
        if (md != null && !md.isNull() && !md.isObject()) {
            throw new BuildError(file + ": metadata must be a mapping");
        }
        Res r = new Res(c, file);
        r.sourceMap = sm;
        r.plainAnnotations = records.forPrefix(prefix);
        if (!prefix.isEmpty()) {
            KyamlScalars.roundTripAnnotations(r); // List items went through JSON
            KyamlScalars.jsonNumbers(c);
        }
        out.add(r);
    }


    private void runGenerators(Accumulator ra) {
        Generators.Options global = Generators.Options.parse(kust.get("generatorOptions"),
                kust.file + ": generatorOptions");
        HelmCharts helm = kust.get("helmCharts") != null || kust.get("helmChartInflationGenerator") != null
                ? HelmCharts.configure(this) : null;
        for (JsonNode g : kust.nodes("configMapGenerator")) {
            absorb(ra, Generators.generate(ldr, g, false, global, kust.file), "ConfigMapGenerator");
        }
        for (JsonNode g : kust.nodes("secretGenerator")) {
            absorb(ra, Generators.generate(ldr, g, true, global, kust.file), "SecretGenerator");
        }
        if (helm != null) {
            for (Res r : helm.generate()) {
                absorb(ra, r, HelmCharts.KIND);
            }
        }
        for (Res cfg : pluginConfigs(kust.list("generators"))) {
            ResMap generated = Plugins.generate(this, cfg);
            String cfgOrigin = cfg.annotation(Res.ORIGIN_ANNOTATION);
            for (Res r : generated.list()) {
                if (originPath != null && cfgOrigin != null && cfgOrigin.startsWith("path: ")
                        && r.annotation(Res.ORIGIN_ANNOTATION) == null) {
                    String in = cfgOrigin.substring(6).strip();
                    StringBuilder o = new StringBuilder("configuredIn: ").append(in)
                            .append("\nconfiguredBy:\n  apiVersion: ").append(cfg.apiVersion())
                            .append("\n  kind: ").append(cfg.kind()).append('\n');
                    if (!cfg.name().isEmpty()) {
                        o.append("  name: ").append(cfg.name()).append('\n');
                    }
                    if (!cfg.namespace().isEmpty()) {
                        o.append("  namespace: ").append(cfg.namespace()).append('\n');
                    }
                    r.setAnnotation(Res.ORIGIN_ANNOTATION, o.toString());
                }
                absorb(ra, r, null);
            }
        }
    }

    private void absorb(Accumulator ra, Res r, String generatorKind) {
        if (engine.trackOrigins && r.sourceMap.file().equals("-")) {
            // generated: the kustomization file that configures the generator is what produced it
            r.sourceMap = dev.gitops.api.yaml.SourceMap.at(dev.gitops.api.error.Origin.of(
                    dev.gitops.api.fs.FsPaths.join(ldr.root(), kust.fileName)));
        }
        if (originPath != null && generatorKind != null && r.annotation(Res.ORIGIN_ANNOTATION) == null) {
            r.setAnnotation(Res.ORIGIN_ANNOTATION, "configuredIn: " + join(originPath, kust.fileName)
                    + "\nconfiguredBy:\n  apiVersion: builtin\n  kind: " + generatorKind + "\n");
        }
        ra.absorb(r);
    }

    /** Plugin config resources from transformers:/generators:/validators: entries (inline YAML or paths). */
    List<Res> pluginConfigs(List<String> entries) {
        List<Res> out = new ArrayList<>();
        if (entries.isEmpty()) {
            return out;
        }
        Accumulator fromPaths = new Accumulator();
        List<String> paths = new ArrayList<>();
        for (String e : entries) {
            List<Res> inline = null;
            if (e.contains("\n") || e.contains(": ")) {
                try {
                    inline = readResources(e.getBytes(StandardCharsets.UTF_8), kust.file);
                } catch (BuildError ignored) {
                    inline = null;
                }
            }
            if (inline != null && !inline.isEmpty()) {
                if (originPath != null) {
                    for (Res r : inline) {
                        r.setAnnotation(Res.ORIGIN_ANNOTATION, "path: " + join(originPath, kust.fileName) + "\n");
                    }
                }
                out.addAll(inline);
            } else {
                paths.add(e);
            }
        }
        accumulateResources(fromPaths, paths);
        out.addAll(fromPaths.resMap.list());
        return out;
    }

    private void runTransformers(Accumulator ra) {
        TConfig tc = ra.config;
        Builtins b = new Builtins(this, ra);
        if (!kust.list("patchesStrategicMerge").isEmpty()) {
            b.patchesStrategicMerge(kust.list("patchesStrategicMerge"), kust.get("patchesStrategicMerge"));
            track(ra, "PatchStrategicMergeTransformer");
        }
        for (JsonNode p : kust.nodes("patches")) {
            b.patch(p, kust.file + ": patches");
            track(ra, "PatchTransformer");
        }
        String ns = kust.str("namespace");
        if (!ns.isEmpty()) {
            b.namespace(ns, tc.namespace, "defaultOnly", false);
            track(ra, "NamespaceTransformer");
        }
        String prefix = kust.str("namePrefix");
        if (!prefix.isEmpty()) {
            b.prefixSuffix(prefix, true, tc.namePrefix);
            track(ra, "PrefixTransformer");
        }
        String suffix = kust.str("nameSuffix");
        if (!suffix.isEmpty()) {
            b.prefixSuffix(suffix, false, tc.nameSuffix);
            track(ra, "SuffixTransformer");
        }
        List<JsonNode> labels = kust.nodes("labels");
        var commonLabels = kust.map("commonLabels");
        for (JsonNode l : labels) {
            b.labelsField(List.of(l), java.util.Map.of());
            track(ra, "LabelTransformer");
        }
        if (!labels.isEmpty() || !commonLabels.isEmpty()) {
            b.labelsField(List.of(), commonLabels);
            track(ra, "LabelTransformer");
        }
        var annos = kust.map("commonAnnotations");
        if (!annos.isEmpty()) {
            b.annotations(annos, tc.commonAnnotations);
            track(ra, "AnnotationsTransformer");
        }
        for (JsonNode p : kust.nodes("patchesJson6902")) {
            b.patchJson6902(p);
            track(ra, "PatchJson6902Transformer");
        }
        for (JsonNode r : kust.nodes("replicas")) {
            b.replicas(r, tc.replicas);
            track(ra, "ReplicaCountTransformer");
        }
        List<JsonNode> images = new ArrayList<>(kust.nodes("images"));
        images.addAll(kust.nodes("imageTags"));
        for (JsonNode i : images) {
            b.image(i, tc.images);
            track(ra, "ImageTagTransformer");
        }
        if (!kust.nodes("replacements").isEmpty()) {
            Replacements.apply(this, ra.resMap, kust.get("replacements"));
            track(ra, "ReplacementTransformer");
        }
        for (Res cfg : pluginConfigs(kust.list("transformers"))) {
            Plugins.transform(this, ra, cfg);
            trackConfig(ra, cfg);
        }
    }

    /** After a builtin transformer: kustomize records it in the resources' origin/transformations annotations. */
    private void track(Accumulator ra, String kind) {
        if (originPath == null) {
            return;
        }
        addTransformerAnnotation(ra, "configuredIn: " + join(originPath, kust.fileName)
                + "\nconfiguredBy:\n  apiVersion: builtin\n  kind: " + kind + "\n");
    }

    private void trackConfig(Accumulator ra, Res cfg) {
        String o = cfg.annotation(Res.ORIGIN_ANNOTATION);
        if (originPath == null || o == null || !o.startsWith("path: ")) {
            return;
        }
        StringBuilder s = new StringBuilder("configuredIn: ").append(o.substring(6).strip())
                .append("\nconfiguredBy:\n  apiVersion: ").append(cfg.apiVersion()).append("\n  kind: ")
                .append(cfg.kind()).append('\n');
        if (!cfg.name().isEmpty()) {
            s.append("  name: ").append(cfg.name()).append('\n');
        }
        if (!cfg.namespace().isEmpty()) {
            s.append("  namespace: ").append(cfg.namespace()).append('\n');
        }
        addTransformerAnnotation(ra, s.toString());
    }

    private static void addTransformerAnnotation(Accumulator ra, String origin) {
        for (Res r : ra.resMap.list()) {
            if (r.isDeleted()) {
                continue;
            }
            if (r.annotation(Res.ORIGIN_ANNOTATION) == null) {
                r.setAnnotation(Res.ORIGIN_ANNOTATION, origin);
                continue;
            }
            String cur = r.annotation(Res.TRANSFORMATIONS_ANNOTATION);
            StringBuilder item = new StringBuilder();
            boolean first = true;
            for (String line : origin.split("\n")) {
                item.append(first ? "- " : "  ").append(line).append('\n');
                first = false;
            }
            r.setAnnotation(Res.TRANSFORMATIONS_ANNOTATION, (cur == null ? "" : cur) + item);
        }
    }

    /** kustomize's runValidators: a validator may add the {@code validated-by} label but change nothing else. */
    private void runValidators(Accumulator ra) {
        for (Res cfg : pluginConfigs(kust.list("validators"))) {
            List<ObjectNode> before = snapshot(ra.resMap, false);
            Plugins.transform(this, ra, cfg);
            List<ObjectNode> after = snapshot(ra.resMap, true);
            if (!new java.util.HashSet<>(before).equals(new java.util.HashSet<>(after))
                    || before.size() != after.size()) {
                String detail = "";
                for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
                    if (!before.get(i).equals(after.get(i))) {
                        detail = ": nodes unequal: \n -- " + before.get(i) + ",\n -- " + after.get(i);
                        break;
                    }
                }
                throw new BuildError("validator shouldn't modify the resource map" + (detail.isEmpty()
                        ? ": " + before.size() + " resources before, " + after.size() + " after" : detail));
            }
        }
    }

    private static List<ObjectNode> snapshot(ResMap m, boolean dropValidatedBy) {
        List<ObjectNode> out = new ArrayList<>(m.list().size());
        for (Res r : m.list()) {
            if (r.isDeleted()) {
                continue;
            }
            ObjectNode n = r.node().deepCopy();
            if (dropValidatedBy && n.path("metadata").get("labels") instanceof ObjectNode l
                    && l.remove("validated-by") != null && l.isEmpty()) {
                ((ObjectNode) n.get("metadata")).remove("labels");
            }
            out.add(n);
        }
        return out;
    }
}
