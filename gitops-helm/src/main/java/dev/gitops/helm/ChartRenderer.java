package dev.gitops.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.semver.Constraint;
import dev.gitops.api.semver.SemVer;
import dev.gitops.api.yaml.Yaml;
import dev.gitops.helm.RenderedRelease.Manifest;
import dev.gitops.helm.internal.Coalesce;
import dev.gitops.helm.internal.Dependencies;
import dev.gitops.helm.internal.Engine;
import dev.gitops.helm.internal.GoPath;
import dev.gitops.helm.internal.HelmFunctions;
import dev.gitops.helm.internal.HelmObjects;
import dev.gitops.helm.internal.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Renders charts exactly as Helm v4's {@code helm template} does, in-process: dependency conditions, tags, aliases
 * and import-values; values coalescing; values.schema.json validation; Go templates with Sprig and Helm's functions;
 * {@code # Source:} headers, Helm's install order, hooks, CRDs and NOTES.txt handling.
 *
 * <pre>{@code
 * ChartRenderer r = ChartRenderer.builder().kubeVersion("v1.31.0").build();
 * RenderedRelease rel = r.render(ChartLoader.load(fs, "charts/web"), RenderRequest.of("web").withNamespace("prod"));
 * System.out.print(rel.toHelmTemplateOutput());
 * }</pre>
 *
 * <p>Thread-safe; every render gets its own function map (Helm's include recursion guard is per render). Parsed
 * templates are cached per renderer (keyed by template names and texts), so rendering the same chart again with
 * other values skips parsing.
 */
public final class ChartRenderer {

    /** Helm v4's default Kubernetes version for {@code helm template}. */
    public static final String DEFAULT_KUBE_VERSION = "v1.35.0";

    /** The Helm version templates see in {@code .Capabilities.HelmVersion}. */
    public static final String HELM_VERSION = "v4.1.4";

    private static final List<String> INSTALL_ORDER = List.of("PriorityClass", "Namespace", "NetworkPolicy",
            "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret",
            "SecretList", "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
            "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
            "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet",
            "Pod", "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet",
            "Job", "CronJob", "IngressClass", "Ingress", "APIService", "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration");

    private static final List<String> HOOK_EVENTS = List.of("pre-install", "post-install", "pre-delete",
            "post-delete", "pre-upgrade", "post-upgrade", "pre-rollback", "post-rollback", "test", "test-success");

    private static final Pattern SEP = Pattern.compile("(?:^|[\\t\\n\\f\\r ]*\\n)---[\\t\\n\\f\\r ]*");

    private final String kubeVersion;
    private final List<String> apiVersions;
    private final Supplier<Random> random;
    private final Clock clock;
    private final boolean strict;
    private final boolean skipSchemaValidation;
    private final Engine.ParseCache parseCache = new Engine.ParseCache();
    private volatile Map<String, dev.gitops.api.template.TemplateFunction> sprig;

    private ChartRenderer(Builder b) {
        this.kubeVersion = b.kubeVersion;
        this.apiVersions = List.copyOf(b.apiVersions);
        this.random = b.random;
        this.clock = b.clock;
        this.strict = b.strict;
        this.skipSchemaValidation = b.skipSchemaValidation;
    }

    /** A builder with Helm's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Renders a chart.
     *
     * @throws HelmException with Helm's message when the chart cannot be rendered
     */
    public RenderedRelease render(Chart chart, RenderRequest request) {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(request, "request");
        if ("library".equals(chart.type())) {
            throw new HelmException("library charts are not installable");
        }
        SemVer kv = parseKubeVersion(kubeVersion);
        String kvString = "v" + kv.major() + "." + kv.minor() + "." + kv.patch();
        Object chartKube = chart.metadata().get("kubeVersion");
        if (chartKube instanceof String req && !req.isEmpty()) {
            boolean ok;
            try {
                ok = Constraint.parse(req).matches(SemVer.parse(kvString));
            } catch (RuntimeException e) {
                ok = false;
            }
            if (!ok) {
                throw new HelmException("chart requires kubeVersion: " + req + " which is incompatible with "
                        + "Kubernetes " + kvString);
            }
        }
        Map<String, Object> userValues = new LinkedHashMap<>(request.values());
        Chart processed;
        try {
            processed = Dependencies.process(chart, userValues);
        } catch (IllegalArgumentException e) {
            throw new HelmException(e.getMessage(), e);
        }
        Map<String, Object> vals;
        try {
            vals = Coalesce.values(processed, userValues, false);
        } catch (IllegalArgumentException e) {
            throw new HelmException(e.getMessage(), e);
        }
        if (!skipSchemaValidation) {
            String err = Schema.validateChart(processed, vals);
            if (!err.isEmpty()) {
                throw new HelmException("values don't meet the specifications of the schema(s) in the following "
                        + "chart(s):\n" + err);
            }
        }
        List<String> versions = new ArrayList<>(defaultApiVersions());
        versions.addAll(apiVersions);
        HelmObjects.Capabilities caps = new HelmObjects.Capabilities(
                new HelmObjects.KubeVersion(kvString, Long.toString(kv.major()), Long.toString(kv.minor())),
                new HelmObjects.VersionSet(versions), new HelmObjects.HelmVersion(HELM_VERSION));
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("Name", request.releaseName());
        release.put("Namespace", request.namespace());
        release.put("IsUpgrade", request.isUpgrade());
        release.put("IsInstall", !request.isUpgrade());
        release.put("Revision", request.revision());
        release.put("Service", "Helm");
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("Chart", processed.metadata());
        top.put("Capabilities", caps);
        top.put("Release", release);
        top.put("Values", vals);
        Map<String, dev.gitops.api.template.TemplateFunction> sp = sprig;
        if (sp == null) {
            sp = dev.gitops.helm.internal.Sprig.functions(random.get(), clock);
            sprig = sp;
        }
        Map<String, String> files = Engine.render(processed, top, HelmFunctions.create(sp, strict), strict,
                parseCache);
        Optional<String> notes = Optional.empty();
        Map<String, String> manifests = new java.util.TreeMap<>(ChartRenderer::compareBytes);
        String rootNotes = processed.name() + "/templates/NOTES.txt";
        for (Map.Entry<String, String> e : files.entrySet()) {
            if (e.getKey().endsWith("/NOTES.txt")) {
                if (e.getKey().equals(rootNotes)) {
                    notes = Optional.of(e.getValue());
                }
                continue;
            }
            manifests.put(e.getKey(), e.getValue());
        }
        List<Manifest> generic = new ArrayList<>();
        List<Hook> hooks = new ArrayList<>();
        for (Map.Entry<String, String> e : manifests.entrySet()) {
            String path = e.getKey();
            String content = e.getValue();
            if (GoPath.base(path).startsWith("_") || content.strip().isEmpty()) {
                continue;
            }
            for (String doc : split(content)) {
                sortInto(path, doc, generic, hooks);
            }
        }
        generic = sortByKind(generic);
        List<Manifest> hookList = new ArrayList<>();
        List<Hook> sortedHooks = new ArrayList<>(hooks);
        sortedHooks.sort((a, b) -> compareKind(a.manifest.kind(), b.manifest.kind()));
        for (Hook h : sortedHooks) {
            if (request.skipTests() && h.test) {
                continue;
            }
            hookList.add(h.manifest);
        }
        List<Manifest> crds = new ArrayList<>();
        collectCrds(processed, processed.name(), crds);
        return new RenderedRelease(crds, generic, hookList, notes, request.includeCrds());
    }

    private record Hook(Manifest manifest, boolean test) {
    }

    private static void collectCrds(Chart c, String fullPath, List<Manifest> out) {
        for (ChartFile f : c.files()) {
            String n = f.name();
            if (n.startsWith("crds/") && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"))) {
                out.add(new Manifest(fullPath + "/" + n, "CustomResourceDefinition", "", f.text()));
            }
        }
        for (Chart d : c.dependencies()) {
            collectCrds(d, fullPath + "/charts/" + d.name(), out);
        }
    }

    static int compareBytes(String a, String b) {
        return java.util.Arrays.compare(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Helm's releaseutil.SplitManifests. */
    static List<String> split(String bigFile) {
        List<String> out = new ArrayList<>();
        String trimmed = bigFile.strip();
        for (String d : SEP.split(trimmed, -1)) {
            if (d.isEmpty()) {
                continue;
            }
            out.add(d.strip());
        }
        return out;
    }

    private static void sortInto(String path, String doc, List<Manifest> generic, List<Hook> hooks) {
        JsonNode head;
        try {
            head = Yaml.defaults().readOne(doc, path).content();
        } catch (RuntimeException e) {
            throw new HelmException("YAML parse error on " + path + ": " + e.getMessage(), e);
        }
        String kind = head.path("kind").isTextual() ? head.path("kind").asText() : "";
        String name = head.path("metadata").path("name").isTextual() ? head.path("metadata").path("name").asText()
                : "";
        Manifest m = new Manifest(path, kind, name, doc);
        JsonNode hook = head.path("metadata").path("annotations").path("helm.sh/hook");
        if (!hook.isTextual()) {
            generic.add(m);
            return;
        }
        boolean test = false;
        for (String t : hook.asText().split(",")) {
            String ev = t.strip().toLowerCase(java.util.Locale.ROOT);
            if (!HOOK_EVENTS.contains(ev)) {
                return; // unknown hooks are dropped, as Helm does
            }
            if (ev.equals("test") || ev.equals("test-success")) {
                test = true;
            }
        }
        hooks.add(new Hook(m, test));
    }

    private static List<Manifest> sortByKind(List<Manifest> in) {
        List<Manifest> out = new ArrayList<>(in);
        out.sort((a, b) -> compareKind(a.kind(), b.kind()));
        return out;
    }

    /** Helm's lessByKind as a comparator (the sort is stable). */
    static int compareKind(String a, String b) {
        int ia = INSTALL_ORDER.indexOf(a);
        int ib = INSTALL_ORDER.indexOf(b);
        if (ia < 0 && ib < 0) {
            return a.compareTo(b);
        }
        if (ia < 0) {
            return 1;
        }
        if (ib < 0) {
            return -1;
        }
        return Integer.compare(ia, ib);
    }

    private static SemVer parseKubeVersion(String v) {
        try {
            return SemVer.parse(v.startsWith("v") ? v.substring(1) : v);
        } catch (RuntimeException e) {
            throw new HelmException("invalid kube version '" + v + "': " + e.getMessage());
        }
    }

    private static volatile List<String> defaultApis;

    static List<String> defaultApiVersions() {
        List<String> d = defaultApis;
        if (d == null) {
            try (InputStream in = ChartRenderer.class.getResourceAsStream("default-api-versions.json")) {
                JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
                List<String> l = new ArrayList<>();
                n.forEach(x -> l.add(x.asText()));
                d = List.copyOf(l);
                defaultApis = d;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return d;
    }

    /** Builds a {@link ChartRenderer}. */
    public static final class Builder {
        private String kubeVersion = DEFAULT_KUBE_VERSION;
        private final List<String> apiVersions = new ArrayList<>();
        private Supplier<Random> random = SecureRandom::new;
        private Clock clock = Clock.systemDefaultZone();
        private boolean strict;
        private boolean skipSchemaValidation;

        private Builder() {
        }

        /** {@code --kube-version}. */
        public Builder kubeVersion(String v) {
            parseKubeVersion(v);
            this.kubeVersion = v;
            return this;
        }

        /** {@code --api-versions}, added to Helm's built-in set. */
        public Builder apiVersion(String v) {
            apiVersions.add(Objects.requireNonNull(v, "apiVersion"));
            return this;
        }

        /** The randomness behind rand*, uuidv4 and key generation (asked for once per renderer). */
        public Builder random(Supplier<Random> r) {
            this.random = Objects.requireNonNull(r, "random");
            return this;
        }

        /** The clock behind {@code now}. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Strict rendering ({@code missingkey=error}, as {@code helm lint --strict}). */
        public Builder strict(boolean on) {
            this.strict = on;
            return this;
        }

        /** {@code --skip-schema-validation}. */
        public Builder skipSchemaValidation(boolean on) {
            this.skipSchemaValidation = on;
            return this;
        }

        /** The renderer. */
        public ChartRenderer build() {
            return new ChartRenderer(this);
        }
    }
}
