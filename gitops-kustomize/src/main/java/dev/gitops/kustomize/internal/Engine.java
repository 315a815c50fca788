package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.fs.FileSystem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One build: the top-level entry of the internal engine. */
public final class Engine {

    /** What a build produced. */
    /** The built objects, where each was read from (same order; empty maps for generated ones), warnings. */
    public record Output(List<ObjectNode> objects, List<dev.gitops.api.yaml.SourceMap> sourceMaps,
            List<String> warnings) {}

    final boolean helmEnabled;
    /** Whether objects keep where their fields come from (see {@code Res.sourceMap}); off: no cost. */
    boolean trackOrigins;
    /** The custom OpenAPI schema (kustomization {@code openapi.path}); the first one set wins, as in kustomize. */
    dev.gitops.api.patch.PatchSchemaRegistry customSchema;
    boolean schemaSet;
    /** Strategic-merge engines of builtin kinds by apiVersion/kind, for this build. */
    final java.util.Map<String, dev.gitops.api.patch.StrategicMergePatch> smpEngines = new java.util.HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    final PluginHost plugins;
    private final java.nio.file.Path configuredCache;
    private java.nio.file.Path tempCache;

    /** {@code --helm-kube-version}: overrides every chart's kubeVersion when not empty. */
    String helmKubeVersion = "";
    /** {@code --helm-api-versions}: replaces every chart's apiVersions when not empty. */
    List<String> helmApiVersions = List.of();
    /** The clock behind the {@code now} function of inflated helm charts. */
    java.time.Clock clock = java.time.Clock.systemUTC();
    /** Chart renderers of this build by kube version and API versions, so charts share parsed templates. */
    final java.util.Map<String, dev.gitops.helm.ChartRenderer> helmRenderers = new java.util.HashMap<>();

    /** Whether independent sibling directories may be built in parallel (see {@link KustTarget}). */
    final boolean parallel;
    /** The engine of the whole build: forks share its remote-base cache and lock. */
    private final Engine root;

    public Engine(boolean helmEnabled, PluginHost plugins, java.util.Optional<java.nio.file.Path> remoteCache) {
        this(helmEnabled, plugins, remoteCache, false);
    }

    /**
     * @param parallel build independent sibling directories of a kustomization on the common fork-join pool; the
     *     output (resources, their order, warnings, errors) is the same as a sequential build's
     */
    public Engine(boolean helmEnabled, PluginHost plugins, java.util.Optional<java.nio.file.Path> remoteCache,
            boolean parallel) {
        this.helmEnabled = helmEnabled;
        this.plugins = plugins;
        this.configuredCache = remoteCache.orElse(null);
        this.parallel = parallel;
        this.root = this;
    }

    /** A copy for one parallel sub-build: its own warnings, schema state and chart renderers. */
    private Engine(Engine parent) {
        this.helmEnabled = parent.helmEnabled;
        this.plugins = parent.plugins;
        this.configuredCache = parent.configuredCache;
        this.parallel = parent.parallel;
        this.root = parent.root;
        this.trackOrigins = parent.trackOrigins;
        this.customSchema = parent.customSchema;
        this.schemaSet = parent.schemaSet;
        this.helmKubeVersion = parent.helmKubeVersion;
        this.helmApiVersions = parent.helmApiVersions;
        this.clock = parent.clock;
    }

    Engine fork() {
        return new Engine(this);
    }

    /**
     * Takes over what a fork's sub-build changed, as if it had run here: its warnings (in order) and the OpenAPI
     * schema it set first.
     */
    void join(Engine fork) {
        warnings.addAll(fork.warnings);
        if (!schemaSet && fork.schemaSet) {
            schemaSet = true;
            customSchema = fork.customSchema;
        }
    }

    /** Loads a remote base; one at a time per build, so parallel sub-builds never clone into the same place. */
    Loader remote(String path, boolean rootOnly) {
        synchronized (root) {
            return Remote.load(path, root.remoteCache(), rootOnly);
        }
    }

    /** Whether objects keep where their fields come from. */
    public Engine origins(boolean track) {
        this.trackOrigins = track;
        return this;
    }

    /** Helm settings of the build (kustomize's HelmConfig: kube version, API versions) and the clock. */
    public Engine helm(String kubeVersion, List<String> apiVersions, java.time.Clock c) {
        this.helmKubeVersion = kubeVersion;
        this.helmApiVersions = List.copyOf(apiVersions);
        this.clock = c;
        return this;
    }

    /** Where remote bases are cloned: the configured cache, else a temporary directory removed after the build. */
    java.nio.file.Path remoteCache() {
        try {
            if (configuredCache != null) {
                java.nio.file.Files.createDirectories(configuredCache);
                return configuredCache;
            }
            if (tempCache == null) {
                tempCache = java.nio.file.Files.createTempDirectory("gitops-kustomize-remote-");
            }
            return tempCache;
        } catch (java.io.IOException e) {
            throw new BuildError("cannot create the remote base cache: " + e.getMessage(), e);
        }
    }

    private void cleanup() {
        if (tempCache == null) {
            return;
        }
        try (var walk = java.nio.file.Files.walk(tempCache)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // best effort
        }
        tempCache = null;
    }

    void warn(String w) {
        warnings.add(w);
    }

    public Output build(FileSystem fs, String path, boolean rootOnly, boolean legacyOrder, boolean managedBy,
            String managedByValue) {
        try {
            return doBuild(fs, path, rootOnly, legacyOrder, managedBy, managedByValue);
        } finally {
            cleanup();
        }
    }

    private Output doBuild(FileSystem fs, String path, boolean rootOnly, boolean legacyOrder, boolean managedBy,
            String managedByValue) {
        Loader ldr = new Loader(fs, path, rootOnly);
        KustTarget kt = new KustTarget(ldr, this);
        kt.load();
        kt.applyOpenApi(true);
        Accumulator ra = kt.makeCustomizedResMap();
        ResMap m = ra.resMap;
        JsonSort.sort(kt, m, legacyOrder);
        if (managedBy || kt.kust.list("buildMetadata").contains("managedByLabel")) {
            for (Res r : m.list()) {
                ObjectNode md = r.metadata(true);
                md.with("labels").put("app.kubernetes.io/managed-by", managedByValue);
            }
        }
        List<ObjectNode> out = new ArrayList<>(m.size());
        List<dev.gitops.api.yaml.SourceMap> maps = new ArrayList<>(m.size());
        List<String> bm = kt.kust.list("buildMetadata");
        for (Res r : m.list()) {
            r.removeBuildAnnotations();
            if (!bm.contains("originAnnotations")) {
                removeAnno(r, Res.ORIGIN_ANNOTATION);
            }
            if (!bm.contains("transformerAnnotations")) {
                removeAnno(r, Res.TRANSFORMATIONS_ANNOTATION);
            }
            KyamlScalars.stringifyAnnotations(r.node);
            if (r.mayHoldInfinity) {
                KyamlScalars.requireJsonNumbers(r.node, "", r);
            }
            out.add(r.node);
            maps.add(r.sourceMap());
        }
        return new Output(out, maps, List.copyOf(warnings));
    }

    private static void removeAnno(Res r, String key) {
        ObjectNode md = r.metadata(false);
        if (md != null && md.get("annotations") instanceof ObjectNode a && a.has(key)) {
            a.remove(key);
            if (a.isEmpty()) {
                md.remove("annotations");
            }
        }
    }

    /** Sorting: sortOptions in the kustomization win over the CLI's reorder option. */
    static final class JsonSort {
        private JsonSort() {}

        static void sortWith(JsonNode so, String file, ResMap m) {
            sort(so, file, m, false);
        }

        static void sort(KustTarget kt, ResMap m, boolean legacyDefault) {
            sort(kt.kust.get("sortOptions"), kt.kust.file, m, legacyDefault);
        }

        static void sort(JsonNode so, String file, ResMap m, boolean legacyDefault) {
            List<String> first = null;
            List<String> last = null;
            boolean legacy;
            if (so != null) {
                Kust.checkFields(so, file + ": sortOptions", "order", "legacySortOptions");
                String order = Res.text(so.get("order"));
                if (order.isEmpty()) {
                    order = "fifo";
                }
                if (!order.equals("fifo") && !order.equals("legacy")) {
                    throw new BuildError("the field 'sortOptions.order' must be one of [fifo, legacy]");
                }
                var lso = so.get("legacySortOptions");
                if (order.equals("fifo") && lso != null && !lso.isNull()) {
                    throw new BuildError("the field 'sortOptions.legacySortOptions' is set but the selected sort"
                            + " order is 'fifo', not 'legacy'");
                }
                legacy = order.equals("legacy");
                if (legacy && lso != null && !lso.isNull()) {
                    first = Kust.stringList(lso.get("orderFirst"), "sortOptions.legacySortOptions.orderFirst");
                    last = Kust.stringList(lso.get("orderLast"), "sortOptions.legacySortOptions.orderLast");
                }
            } else {
                legacy = legacyDefault;
            }
            if (!legacy) {
                return;
            }
            java.util.Map<String, Integer> orders = new java.util.HashMap<>();
            if (first == null) {
                first = List.of("Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition",
                        "ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding",
                        "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service", "LimitRange",
                        "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet",
                        "CronJob", "PodDisruptionBudget");
                last = List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");
            }
            for (int i = 0; i < first.size(); i++) {
                orders.put(first.get(i), -first.size() + i);
            }
            for (int i = 0; i < last.size(); i++) {
                orders.put(last.get(i), 1 + i);
            }
            // each resource's sort keys computed once (kustomize's comparator, on precomputed values)
            List<SortKey> keys = new ArrayList<>(m.size());
            for (Res r : m.list()) {
                Gvk g = r.gvk();
                keys.add(new SortKey(r, g, orders.getOrDefault(g.kind(), 0), g.stableSortString(), sortString(r)));
            }
            Comparator<SortKey> cmp = (a, b) -> {
                Gvk ga = a.gvk();
                Gvk gb = b.gvk();
                if (!ga.equals(gb)) {
                    if (a.order() != b.order()) {
                        return Integer.compare(a.order(), b.order());
                    }
                    if (ga.kind().equals("Namespace") && gb.kind().equals("Namespace")
                            && (ga.group().isEmpty() || gb.group().isEmpty())) {
                        return -a.gvkString().compareTo(b.gvkString());
                    }
                    return a.gvkString().compareTo(b.gvkString());
                }
                return a.idString().compareTo(b.idString());
            };
            keys.sort(cmp);
            m.clear();
            for (SortKey k : keys) {
                m.append(k.res());
            }
        }

        private record SortKey(Res res, Gvk gvk, int order, String gvkString, String idString) {}

        private static String sortString(Res r) {
            RId id = r.curId();
            return id.gvk() + "|" + (id.namespace().isEmpty() ? "~X" : id.namespace()) + "|"
                    + (id.name().isEmpty() ? "~N" : id.name());
        }
    }
}
