package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.yaml.Yaml;
import dev.gitops.api.yaml.YamlDocument;
import dev.gitops.helm.Chart;
import dev.gitops.helm.ChartLoader;
import dev.gitops.helm.ChartRenderer;
import dev.gitops.helm.HelmValues;
import dev.gitops.helm.RenderRequest;
import dev.gitops.helm.RenderedRelease;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * kustomize's HelmChartInflationGenerator ({@code helmCharts}, {@code helmGlobals} and the deprecated
 * {@code helmChartInflationGenerator}), rendering charts in-process with gitops-helm instead of running
 * {@code helm template}. Charts are never downloaded: a chart missing from the chart home is an error.
 */
final class HelmCharts {

    static final String KIND = "HelmChartInflationGenerator";

    private static final List<String> GLOBAL_FIELDS = List.of("chartHome", "configHome");
    private static final List<String> CHART_FIELDS = List.of("name", "version", "repo", "releaseName", "namespace",
            "additionalValuesFiles", "valuesFile", "valuesInline", "valuesMerge", "includeCRDs", "skipHooks",
            "apiVersions", "kubeVersion", "nameTemplate", "skipTests", "debug", "devel");
    private static final List<String> LEGACY_FIELDS = List.of("chartName", "chartVersion", "chartRepoUrl",
            "chartHome", "chartRepoName", "helmBin", "helmHome", "values", "valuesLocal", "valuesMerge",
            "releaseName", "releaseNamespace", "extraArgs");
    private static final java.util.regex.Pattern RELEASE_NAME =
            java.util.regex.Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static final List<String> CHART_BOOLS = List.of("includeCRDs", "skipHooks", "skipTests", "debug",
            "devel");
    private static final List<String> CHART_LISTS = List.of("additionalValuesFiles", "apiVersions");
    private static final List<String> MERGE_OPTIONS = List.of("merge", "override", "replace");

    /** One configured chart: kustomize's HelmGlobals and HelmChart after defaulting. */
    private record Config(ObjectNode raw, String chartHome, String name, String version, String repo,
            String releaseName, String namespace, List<String> additionalValuesFiles, String valuesFile,
            ObjectNode valuesInline, String valuesMerge, boolean includeCrds, boolean skipHooks,
            List<String> apiVersions, String kubeVersion, String nameTemplate, boolean skipTests) {}

    private final KustTarget kt;
    private final List<Config> configs = new ArrayList<>();

    private HelmCharts(KustTarget kt) {
        this.kt = kt;
    }

    /** Reads and validates the chart configs of a kustomization (kustomize configures before it generates). */
    static HelmCharts configure(KustTarget kt) {
        HelmCharts h = new HelmCharts(kt);
        Kust kust = kt.kust;
        String file = kust.file;
        ObjectNode globals = JsonNodeFactory.instance.objectNode();
        JsonNode g = kust.get("helmGlobals");
        if (g != null) {
            checkStruct(g, file, "HelmGlobals", "helmGlobals", GLOBAL_FIELDS, List.of(), List.of());
            globals.setAll((ObjectNode) g);
        }
        List<ObjectNode> charts = new ArrayList<>();
        List<JsonNode> yaml11 = null;
        for (JsonNode c : kust.nodes("helmCharts")) {
            checkStruct(c, file, "HelmChart", "helmCharts", CHART_FIELDS, CHART_BOOLS, CHART_LISTS);
            if (c.get("valuesInline") instanceof ObjectNode) {
                if (yaml11 == null) {
                    yaml11 = yaml11Entries(kt, "helmCharts");
                }
                int i = charts.size();
                if (i < yaml11.size() && yaml11.get(i) instanceof ObjectNode e
                        && e.get("valuesInline") instanceof ObjectNode v) {
                    c = c.deepCopy();
                    ((ObjectNode) c).set("valuesInline", v);
                }
            }
            charts.add((ObjectNode) c);
        }
        // the deprecated form, converted as kustomize's FixKustomization does (last non-empty home wins)
        ObjectNode legacyGlobals = JsonNodeFactory.instance.objectNode();
        List<JsonNode> legacy11 = null;
        int li = 0;
        for (JsonNode old : kust.nodes("helmChartInflationGenerator")) {
            checkStruct(old, file, "HelmChartArgs", "helmChartInflationGenerator", LEGACY_FIELDS, List.of(),
                    List.of("extraArgs"));
            if (old.get("valuesLocal") instanceof ObjectNode) {
                if (legacy11 == null) {
                    legacy11 = yaml11Entries(kt, "helmChartInflationGenerator");
                }
                if (li < legacy11.size() && legacy11.get(li) instanceof ObjectNode e
                        && e.get("valuesLocal") instanceof ObjectNode v) {
                    old = old.deepCopy();
                    ((ObjectNode) old).set("valuesLocal", v);
                }
            }
            li++;
            ObjectNode c = JsonNodeFactory.instance.objectNode();
            copy(old, "chartName", c, "name");
            copy(old, "chartVersion", c, "version");
            copy(old, "chartRepoUrl", c, "repo");
            copy(old, "values", c, "valuesFile");
            copy(old, "valuesLocal", c, "valuesInline");
            copy(old, "valuesMerge", c, "valuesMerge");
            copy(old, "releaseName", c, "releaseName");
            charts.add(c);
            if (!Res.text(old.get("helmHome")).isEmpty()) {
                legacyGlobals.set("configHome", old.get("helmHome"));
            }
            if (!Res.text(old.get("chartHome")).isEmpty()) {
                legacyGlobals.set("chartHome", old.get("chartHome"));
            }
        }
        if (g == null) {
            globals.setAll(legacyGlobals);
        }
        for (ObjectNode c : charts) {
            ObjectNode raw = globals.deepCopy();
            raw.setAll(c);
            try {
                h.configs.add(h.validate(raw));
            } catch (BuildError e) {
                throw new BuildError("trouble configuring builtin " + KIND + " with config: `\n"
                        + Yaml.defaults().write(sorted(raw)) + "`: " + e.getMessage(), e);
            }
        }
        return h;
    }

    /**
     * The entries of a list field as kustomize sees them: it reads kustomization files with sigs.k8s.io/yaml (YAML
     * 1.1: {@code on}, {@code no}, {@code y} are booleans, also as keys, and numbers go through float64), which
     * matters for the free-form {@code valuesInline}. gitops-helm's values reader has exactly those rules.
     */
    private static List<JsonNode> yaml11Entries(KustTarget kt, String field) {
        try {
            String text = new String(kt.ldr.load(kt.kust.fileName), StandardCharsets.UTF_8);
            Map<String, Object> all = HelmValues.builder().file(text, kt.kust.file).build();
            for (Map.Entry<String, Object> e : all.entrySet()) {
                if (e.getKey().equalsIgnoreCase(field)) {
                    JsonNode n = JSON.valueToTree(e.getValue());
                    List<JsonNode> out = new ArrayList<>();
                    if (n.isArray()) {
                        n.forEach(out::add);
                    }
                    return out;
                }
            }
        } catch (RuntimeException e) {
            // not readable the YAML 1.1 way: keep the YAML 1.2 reading
        }
        return List.of();
    }

    /** The strict decoding of kustomize's Kustomization struct, with encoding/json's messages. */
    private static void checkStruct(JsonNode n, String file, String struct, String field, List<String> fields,
            List<String> bools, List<String> lists) {
        if (!n.isObject()) {
            throw new BuildError("invalid Kustomization: json: cannot unmarshal " + jsonType(n)
                    + " into Go struct field Kustomization." + field + " of type types." + struct + " (in " + file
                    + ")");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String f = e.getKey();
            JsonNode v = e.getValue();
            if (!fields.contains(f)) {
                throw new BuildError("invalid Kustomization: json: unknown field \"" + f + "\" (in " + file + ")");
            }
            if (v.isNull()) {
                continue;
            }
            String goType;
            boolean ok;
            if (bools.contains(f)) {
                goType = "bool";
                ok = v.isBoolean();
            } else if (lists.contains(f)) {
                goType = "[]string";
                ok = v.isArray();
                if (ok) {
                    for (JsonNode x : v) {
                        if (!x.isTextual() && !x.isNull()) {
                            throw typeError(x, struct, field + "." + f, "string", file);
                        }
                    }
                }
            } else if (f.equals("valuesInline") || f.equals("valuesLocal")) {
                goType = "map[string]interface {}";
                ok = v.isObject();
            } else {
                goType = "string";
                ok = v.isTextual();
            }
            if (!ok) {
                throw typeError(v, struct, field + "." + f, goType, file);
            }
        }
    }

    private static BuildError typeError(JsonNode v, String struct, String path, String goType, String file) {
        return new BuildError("invalid Kustomization: json: cannot unmarshal " + jsonType(v) + " into Go struct field "
                + struct + "." + path + " of type " + goType + " (in " + file + ")");
    }

    private static String jsonType(JsonNode v) {
        return v.isTextual() ? "string" : v.isNumber() ? "number" : v.isBoolean() ? "bool" : v.isArray() ? "array"
                : "object";
    }

    private static void copy(JsonNode from, String f, ObjectNode to, String t) {
        JsonNode v = from.get(f);
        if (v != null && !v.isNull()) {
            to.set(t, v);
        }
    }

    /** kustomize's Config and validateArgs. */
    private Config validate(ObjectNode raw) {
        if (!kt.engine.helmEnabled) {
            throw new BuildError("must specify --enable-helm");
        }
        String where = kt.kust.file + ": helmCharts";
        String name = str(raw, "name", where);
        if (name.isEmpty()) {
            throw new BuildError("chart name cannot be empty");
        }
        String chartHome = str(raw, "chartHome", where);
        if (chartHome.isEmpty()) {
            chartHome = "charts";
        }
        String version = str(raw, "version", where);
        String repo = str(raw, "repo", where);
        String absHome = chartHome.startsWith("/") ? FsPaths.normalize(chartHome) : kt.ldr.resolve(chartHome);
        if (!version.isEmpty() && !repo.isEmpty()) {
            absHome = FsPaths.join(absHome, name + "-" + version);
        }
        String valuesFile = str(raw, "valuesFile", where);
        if (valuesFile.isEmpty()) {
            valuesFile = "/" + FsPaths.join(absHome, name + "/values.yaml");
        }
        List<String> additional = Kust.stringList(raw.get("additionalValuesFiles"), where + ".additionalValuesFiles");
        for (String f : additional) {
            try {
                kt.ldr.load(f);
            } catch (BuildError e) {
                throw new BuildError("could not load additionalValuesFile: " + e.getMessage(), e);
            }
        }
        String merge = str(raw, "valuesMerge", where);
        if (merge.isEmpty()) {
            merge = "override";
        } else if (!MERGE_OPTIONS.contains(merge)) {
            throw new BuildError("valuesMerge must be one of [merge override replace]");
        }
        JsonNode inline = raw.get("valuesInline");
        if (inline != null && !inline.isNull() && !inline.isObject()) {
            throw new BuildError(where + ".valuesInline: expected a mapping");
        }
        List<String> apiVersions = Kust.stringList(raw.get("apiVersions"), where + ".apiVersions");
        if (!kt.engine.helmApiVersions.isEmpty()) {
            apiVersions = kt.engine.helmApiVersions; // CLI arguments take precedence
        }
        String kubeVersion = kt.engine.helmKubeVersion.isEmpty() ? str(raw, "kubeVersion", where)
                : kt.engine.helmKubeVersion;
        return new Config(raw, absHome, name, version, repo, str(raw, "releaseName", where),
                str(raw, "namespace", where), additional, valuesFile,
                inline instanceof ObjectNode o ? o : null, merge, bool(raw, "includeCRDs", where),
                bool(raw, "skipHooks", where), apiVersions, kubeVersion, str(raw, "nameTemplate", where),
                bool(raw, "skipTests", where));
    }

    private static String str(ObjectNode n, String f, String where) {
        JsonNode v = n.get(f);
        if (v != null && !v.isNull() && !v.isValueNode()) {
            throw new BuildError(where + "." + f + ": expected a string");
        }
        return Res.text(v);
    }

    private static boolean bool(ObjectNode n, String f, String where) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new BuildError(where + "." + f + ": expected a boolean");
        }
        return v.booleanValue();
    }

    /** Renders every configured chart, in order. */
    List<Res> generate() {
        List<Res> out = new ArrayList<>();
        for (Config c : configs) {
            out.addAll(render(c));
        }
        return out;
    }

    private List<Res> render(Config c) {
        String chartDir = FsPaths.join(c.chartHome(), c.name());
        var fs = kt.ldr.fs;
        if (!fs.isDirectory(chartDir)) {
            String where = kt.kust.file + ": helmCharts: chart '" + c.name() + "'";
            if (c.repo().isEmpty()) {
                throw new BuildError(where + ": no repo specified for pull, no chart found at '"
                        + fs.describe(chartDir) + "'");
            }
            throw new BuildError(where + (c.version().isEmpty() ? "" : " version " + c.version())
                    + " from repo " + c.repo() + " is not in '" + fs.describe(chartDir)
                    + "' and charts are not downloaded; pull it first (helm pull --untar --untardir "
                    + fs.describe(c.chartHome()) + (c.repo().startsWith("oci://") ? " "
                    + c.repo().replaceAll("/+$", "") + "/" + c.name() : " --repo " + c.repo() + " " + c.name())
                    + (c.version().isEmpty() ? "" : " --version " + c.version()) + ")");
        }
        String context = kt.kust.file + ": helmCharts: chart '" + c.name() + "'";
        try {
            HelmValues values = HelmValues.builder();
            String valuesText = new String(kt.ldr.load(c.valuesFile()), StandardCharsets.UTF_8);
            if (c.valuesInline() != null && !c.valuesInline().isEmpty()) {
                valuesText = mergedValues(c, valuesText);
            }
            values.file(valuesText, fs.describe(kt.ldr.resolve(c.valuesFile())));
            for (String f : c.additionalValuesFiles()) {
                values.file(new String(kt.ldr.load(f), StandardCharsets.UTF_8), fs.describe(kt.ldr.resolve(f)));
            }
            ChartRenderer renderer = kt.engine.helmRenderers.computeIfAbsent(
                    c.kubeVersion() + "|" + String.join(",", c.apiVersions()), k -> {
                        ChartRenderer.Builder rb = ChartRenderer.builder();
                        if (!c.kubeVersion().isEmpty()) {
                            rb.kubeVersion(c.kubeVersion());
                        }
                        c.apiVersions().forEach(rb::apiVersion);
                        return rb.clock(kt.engine.clock).build();
                    });
            Chart chart = ChartLoader.load(fs, chartDir);
            RenderRequest req = new RenderRequest(releaseName(c), c.namespace().isEmpty() ? "default"
                    : c.namespace(), values.build(), c.includeCrds(), c.skipTests(), false, 1);
            RenderedRelease rel = renderer.render(chart, req);
            if (c.skipHooks()) {
                rel = new RenderedRelease(rel.crds(), rel.manifests(), List.of(), rel.notes(), rel.includeCrds());
            }
            String output = rel.toHelmTemplateOutput();
            return KustTarget.readResources(output.getBytes(StandardCharsets.UTF_8),
                    "helm template output of chart " + c.name());
        } catch (dev.gitops.api.error.GitOpsException | BuildError | IllegalArgumentException e) {
            throw new BuildError(context + ": " + e.getMessage(), e);
        }
    }

    /** helm's release naming for {@code helm template [NAME] CHART [--name-template T]}, then its name check. */
    private static String releaseName(Config c) {
        String name;
        if (!c.releaseName().isEmpty()) {
            if (!c.nameTemplate().isEmpty()) {
                throw new BuildError("cannot set --name-template and also specify a name");
            }
            name = c.releaseName();
        } else if (!c.nameTemplate().isEmpty()) {
            name = renderNameTemplate(c.nameTemplate());
        } else {
            // kustomize passes --generate-name, but helm template's own default name wins (helm issue 6019)
            name = "release-name";
        }
        if (name.length() > 53 || !RELEASE_NAME.matcher(name).matches()) {
            throw new BuildError("release name check failed: release name \"" + name + "\": invalid release name, "
                    + "must match regex " + RELEASE_NAME.pattern() + " and the length must not be longer than 53");
        }
        return name;
    }

    /**
     * helm's TemplateName: the name template is a Go template with Sprig's functions. gitops-helm exposes its
     * function set through chart rendering only, so the template is rendered as the NOTES.txt of a one-file chart
     * (NOTES output is returned verbatim, never parsed as YAML).
     */
    private static String renderNameTemplate(String template) {
        if (!template.contains("{{")) {
            return template;
        }
        Chart chart = ChartLoader.fromFiles(Map.of(
                "Chart.yaml", "apiVersion: v2\nname: name-template\nversion: 0.0.0\n".getBytes(StandardCharsets.UTF_8),
                "templates/NOTES.txt", template.getBytes(StandardCharsets.UTF_8)), "nameTemplate");
        try {
            return ChartRenderer.builder().build().render(chart, RenderRequest.of("name-template")).notes()
                    .orElse("");
        } catch (dev.gitops.api.error.GitOpsException e) {
            throw new BuildError("nameTemplate: " + e.getMessage(), e);
        }
    }

    /** valuesInline against the values file: kyaml merge2 with the inline values or the file winning. */
    private static String mergedValues(Config c, String valuesText) {
        ObjectNode inline = c.valuesInline().deepCopy();
        ObjectNode result;
        if (c.valuesMerge().equals("replace")) {
            result = inline;
        } else {
            JsonNode fileValues = null;
            for (YamlDocument d : Yaml.defaults().readAll(valuesText, c.valuesFile())) {
                if (!d.isEmpty()) {
                    fileValues = d.content();
                    break;
                }
            }
            ObjectNode fv = fileValues instanceof ObjectNode o ? o.deepCopy()
                    : JsonNodeFactory.instance.objectNode();
            result = c.valuesMerge().equals("override") ? merge(fv, inline) : merge(inline, fv);
        }
        return Yaml.defaults().write(sorted(result));
    }

    /** merge2.Merge(src, dest): maps merge recursively, src wins, a null in src deletes the field. */
    private static ObjectNode merge(ObjectNode dest, ObjectNode src) {
        for (Iterator<Map.Entry<String, JsonNode>> it = src.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = e.getValue();
            JsonNode d = dest.get(e.getKey());
            if (s.isNull()) {
                dest.remove(e.getKey());
            } else if (s instanceof ObjectNode so && d instanceof ObjectNode dobj) {
                merge(dobj, so);
            } else {
                dest.set(e.getKey(), s);
            }
        }
        return dest;
    }

    /** A copy with map keys sorted, as sigs.k8s.io/yaml marshals. */
    private static JsonNode sorted(JsonNode n) {
        if (n instanceof ObjectNode o) {
            TreeMap<String, JsonNode> m = new TreeMap<>();
            o.fields().forEachRemaining(e -> m.put(e.getKey(), sorted(e.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            m.forEach(out::set);
            return out;
        }
        if (n instanceof ArrayNode a) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            a.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return n;
    }
}
