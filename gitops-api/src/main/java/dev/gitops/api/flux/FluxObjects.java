package dev.gitops.api.flux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.flux.internal.Fields;
import dev.gitops.api.model.Resource;
import dev.gitops.api.source.GitReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Flux custom resources into typed records. Reading is strict as the API server's validation is: unknown
 * fields, missing required fields, wrong types and values outside an enum are reported as
 * {@link InvalidInputException} naming the file, line and field ({@code apps.yaml:12 /spec/intervl: Kustomization:
 * unknown field "spec.intervl"}).
 */
public final class FluxObjects {

    /** The source API group. */
    public static final String SOURCE_GROUP = "source.toolkit.fluxcd.io";
    /** The kustomize API group. */
    public static final String KUSTOMIZE_GROUP = "kustomize.toolkit.fluxcd.io";
    /** The helm API group. */
    public static final String HELM_GROUP = "helm.toolkit.fluxcd.io";
    /** The image automation API group. */
    public static final String IMAGE_GROUP = "image.toolkit.fluxcd.io";

    private static final Map<String, Set<String>> VERSIONS = Map.of(
            "GitRepository", Set.of("v1", "v1beta2"),
            "HelmRepository", Set.of("v1", "v1beta2"),
            "OCIRepository", Set.of("v1", "v1beta2"),
            "Kustomization", Set.of("v1", "v1beta2"),
            "HelmRelease", Set.of("v2", "v2beta1", "v2beta2"),
            "ImageRepository", Set.of("v1", "v1beta2"),
            "ImagePolicy", Set.of("v1", "v1beta2"),
            "ImageUpdateAutomation", Set.of("v1", "v1beta2"));

    private static final Map<String, String> GROUPS = Map.of(
            "GitRepository", SOURCE_GROUP, "HelmRepository", SOURCE_GROUP, "OCIRepository", SOURCE_GROUP,
            "Kustomization", KUSTOMIZE_GROUP, "HelmRelease", HELM_GROUP, "ImageRepository", IMAGE_GROUP,
            "ImagePolicy", IMAGE_GROUP, "ImageUpdateAutomation", IMAGE_GROUP);

    private FluxObjects() {
    }

    /** True when the resource is one of the Flux kinds this package reads (by group and kind). */
    public static boolean isFluxObject(Resource r) {
        return r.id().group().equals(GROUPS.get(r.kind()));
    }

    /**
     * Reads a Flux object; empty when the resource is not a Flux kind this package knows.
     *
     * @throws InvalidInputException when the object is invalid
     */
    public static Optional<FluxObject> read(Resource r) {
        if (!isFluxObject(r)) {
            return Optional.empty();
        }
        String version = r.id().version();
        Fields top = Fields.of(r);
        if (!VERSIONS.get(r.kind()).contains(version)) {
            throw top.invalid("apiVersion", "no matches for kind \"" + r.kind() + "\" in version \""
                    + r.apiVersion() + "\"");
        }
        top.allow("apiVersion", "kind", "status");
        FluxMeta meta = meta(top);
        Fields spec = top.object("spec");
        top.done();
        FluxObject o = switch (r.kind()) {
            case "GitRepository" -> new GitRepository(r.apiVersion(), meta, gitRepository(spec));
            case "OCIRepository" -> new OCIRepository(r.apiVersion(), meta, ociRepository(spec));
            case "HelmRepository" -> new HelmRepository(r.apiVersion(), meta, helmRepository(spec));
            case "Kustomization" -> new Kustomization(r.apiVersion(), meta, kustomization(spec));
            case "HelmRelease" -> new HelmRelease(r.apiVersion(), meta, helmRelease(spec, version));
            case "ImageRepository" -> new ImageRepository(r.apiVersion(), meta, imageRepository(spec));
            case "ImagePolicy" -> new ImagePolicy(r.apiVersion(), meta, imagePolicy(spec));
            default -> new ImageUpdateAutomation(r.apiVersion(), meta, imageUpdateAutomation(spec));
        };
        spec.done();
        return Optional.of(o);
    }

    /** Reads a resource that must be a Flux object of type {@code type}. */
    public static <T extends FluxObject> T read(Resource r, Class<T> type) {
        FluxObject o = read(r).orElseThrow(() -> new InvalidInputException(r.originOf("/kind"),
                "expected a Flux " + type.getSimpleName() + ", got " + r.apiVersion() + " " + r.kind()));
        if (!type.isInstance(o)) {
            throw new InvalidInputException(r.originOf("/kind"), "expected a " + type.getSimpleName() + ", got "
                    + o.kind());
        }
        return type.cast(o);
    }

    private static FluxMeta meta(Fields top) {
        Fields m = top.object("metadata");
        String name = m.requiredString("name");
        String ns = m.string("namespace");
        Map<String, String> labels = m.stringMap("labels");
        Map<String, String> annotations = m.stringMap("annotations");
        return new FluxMeta(name, ns, labels, annotations);
    }

    private static NamespacedRef ref(Fields f, boolean kindRequired, String... kinds) {
        String kind = kindRequired ? f.requiredString("kind") : f.string("kind");
        if (!kind.isEmpty() && kinds.length > 0 && !List.of(kinds).contains(kind)) {
            throw f.invalid("kind", "Unsupported value: \"" + kind + "\": supported values: \""
                    + String.join("\", \"", kinds) + "\"");
        }
        NamespacedRef r = new NamespacedRef(f.string("apiVersion"), kind, f.requiredString("name"),
                f.string("namespace"));
        f.done();
        return r;
    }

    private static GitReference gitRef(Fields f) {
        String commit = f.string("commit");
        String name = f.string("name");
        if (!commit.isEmpty() && !commit.matches("[0-9a-fA-F]{40}")) {
            throw f.invalid("commit", "must be a full 40-character SHA-1, got \"" + commit + "\"");
        }
        if (!name.isEmpty() && !name.startsWith("refs/")) {
            throw f.invalid("name", "must be a full reference starting with refs/, got \"" + name + "\"");
        }
        GitReference r = new GitReference(f.string("branch"), f.string("tag"), f.string("semver"), name, commit);
        f.done();
        return r;
    }

    private static String secretName(Fields spec, String key) {
        Fields s = spec.object(key);
        String n = spec.has(key) ? s.requiredString("name") : "";
        s.done();
        return n;
    }

    private static GitRepository.Spec gitRepository(Fields s) {
        String url = s.requiredString("url");
        if (!url.matches("^(http|https|ssh)://.*$") && !url.startsWith("file://")) {
            throw s.invalid("url", "must match ^(http|https|ssh)://.*$, got \"" + url + "\"");
        }
        Duration interval = s.requiredDuration("interval");
        GitReference ref = s.has("ref") ? gitRef(s.object("ref")) : new GitReference("", "", "", "", "");
        List<GitRepository.Include> includes = new ArrayList<>();
        for (Fields i : s.objects("include")) {
            Fields repo = i.object("repository");
            String name = repo.requiredString("name");
            repo.done();
            includes.add(new GitRepository.Include(name, i.string("fromPath"), i.string("toPath")));
            i.done();
        }
        s.allow("verify", "proxySecretRef", "sparseCheckout", "accessFrom", "gitImplementation");
        return new GitRepository.Spec(url, secretName(s, "secretRef"), interval,
                s.duration("timeout", Duration.ofSeconds(60)), ref, s.string("ignore"), includes,
                s.bool("suspend", false), s.bool("recurseSubmodules", false),
                s.oneOf("provider", "generic", "generic", "azure", "github"));
    }

    private static OCIRepository.Spec ociRepository(Fields s) {
        String url = s.requiredString("url");
        if (!url.startsWith("oci://")) {
            throw s.invalid("url", "must match ^oci://.*$, got \"" + url + "\"");
        }
        Fields ref = s.object("ref");
        String tag = ref.string("tag");
        String semver = ref.string("semver");
        String filter = ref.string("semverFilter");
        String digest = ref.string("digest");
        ref.done();
        Fields layer = s.object("layerSelector");
        String mediaType = layer.string("mediaType");
        String op = layer.oneOf("operation", "extract", "extract", "copy");
        layer.done();
        s.allow("verify", "serviceAccountName", "certSecretRef", "proxySecretRef");
        return new OCIRepository.Spec(url, tag, semver, filter, digest, mediaType, op,
                s.oneOf("provider", "generic", "generic", "aws", "azure", "gcp"), secretName(s, "secretRef"),
                s.requiredDuration("interval"), s.duration("timeout", Duration.ofSeconds(60)), s.string("ignore"),
                s.bool("insecure", false), s.bool("suspend", false));
    }

    private static HelmRepository.Spec helmRepository(Fields s) {
        String type = s.oneOf("type", "default", "default", "oci");
        String url = s.requiredString("url");
        if (type.equals("oci") != url.startsWith("oci://")) {
            throw s.invalid("url", type.equals("oci") ? "an OCI HelmRepository needs an oci:// URL, got \"" + url
                    + "\"" : "an oci:// URL needs type: oci");
        }
        s.allow("certSecretRef", "accessFrom");
        return new HelmRepository.Spec(url, type, secretName(s, "secretRef"), s.bool("passCredentials", false),
                s.duration("interval", Duration.ofMinutes(1)), s.duration("timeout", Duration.ofSeconds(60)),
                s.bool("insecure", false), s.oneOf("provider", "generic", "generic", "aws", "azure", "gcp"),
                s.bool("suspend", false));
    }

    private static Kustomization.Spec kustomization(Fields s) {
        NamespacedRef sourceRef = ref(s.object("sourceRef"), true, "GitRepository", "OCIRepository", "Bucket",
                "ExternalArtifact");
        if (!s.has("sourceRef")) {
            throw s.invalid("sourceRef", "Required value");
        }
        Duration interval = s.requiredDuration("interval");
        if (!s.has("prune")) {
            throw s.invalid("prune", "Required value");
        }
        boolean prune = s.bool("prune", false);
        List<NamespacedRef> health = new ArrayList<>();
        for (Fields h : s.objects("healthChecks")) {
            health.add(ref(h, true));
        }
        List<NamespacedRef> deps = new ArrayList<>();
        for (Fields d : s.objects("dependsOn")) {
            d.allow("readyExpr");
            deps.add(ref(d, false));
        }
        Fields meta = s.object("commonMetadata");
        Map<String, String> labels = meta.stringMap("labels");
        Map<String, String> annotations = meta.stringMap("annotations");
        meta.done();
        List<Kustomization.Patch> patches = new ArrayList<>();
        for (Fields p : s.objects("patches")) {
            patches.add(new Kustomization.Patch(p.requiredString("patch"), p.rawObject("target")));
            p.done();
        }
        List<Kustomization.Image> images = new ArrayList<>();
        for (Fields i : s.objects("images")) {
            images.add(new Kustomization.Image(i.requiredString("name"), i.string("newName"), i.string("newTag"),
                    i.string("digest")));
            i.done();
        }
        Fields pb = s.object("postBuild");
        Map<String, String> subst = pb.stringMap("substitute");
        for (String k : subst.keySet()) {
            if (!k.matches("^[_a-zA-Z][_a-zA-Z0-9]*$")) {
                throw pb.invalid("substitute/" + k, "variable name must match ^[_[:alpha:]][_[:alpha:][:digit:]]*$");
            }
        }
        List<Kustomization.SubstituteReference> from = new ArrayList<>();
        for (Fields f : pb.objects("substituteFrom")) {
            String kind = f.oneOf("kind", "", "ConfigMap", "Secret");
            if (kind.isEmpty()) {
                throw f.invalid("kind", "Required value");
            }
            from.add(new Kustomization.SubstituteReference(kind, f.requiredString("name"), f.bool("optional", false)));
            f.done();
        }
        pb.done();
        Fields dec = s.object("decryption");
        Kustomization.Decryption decryption = s.has("decryption")
                ? new Kustomization.Decryption(dec.oneOf("provider", "", "sops"), secretName(dec, "secretRef"))
                : Kustomization.Decryption.none();
        if (s.has("decryption") && decryption.provider().isEmpty()) {
            throw dec.invalid("provider", "Required value");
        }
        dec.done();
        String kubeConfig = "";
        if (s.has("kubeConfig")) {
            Fields kc = s.object("kubeConfig");
            kubeConfig = secretName(kc, "secretRef");
            kc.allow("configMapRef");
            kc.done();
        }
        s.allow("validation", "healthCheckExprs", "ignoreMissingComponents", "namespace");
        Duration retry = s.duration("retryInterval", interval);
        Duration timeout = s.duration("timeout", interval);
        String path = s.string("path");
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        return new Kustomization.Spec(sourceRef, path, interval, retry, timeout, prune,
                s.oneOf("deletionPolicy", "MirrorPrune", "MirrorPrune", "Delete", "WaitForTermination", "Orphan"),
                s.bool("wait", false), health, deps, s.string("targetNamespace"), s.string("namePrefix"),
                s.string("nameSuffix"), labels, annotations, patches, images, s.strings("components"),
                new Kustomization.PostBuild(subst, from), decryption, s.string("serviceAccountName"),
                s.bool("suspend", false), s.bool("force", false), kubeConfig);
    }

    private static HelmRelease.Spec helmRelease(Fields s, String version) {
        HelmRelease.ChartTemplate chart;
        if (s.has("chart")) {
            Fields c = s.object("chart");
            Fields cs = c.object("spec");
            c.allow("metadata");
            c.done();
            NamespacedRef src = ref(cs.object("sourceRef"), true, "HelmRepository", "GitRepository", "Bucket");
            List<String> valuesFiles = new ArrayList<>(cs.strings("valuesFiles"));
            String legacy = cs.string("valuesFile");
            if (!legacy.isEmpty()) {
                valuesFiles.add(0, legacy);
            }
            cs.allow("verify", "ignoreMissingValuesFiles");
            chart = new HelmRelease.ChartTemplate(cs.requiredString("chart"), cs.string("version").isEmpty() ? "*"
                    : cs.string("version"), src, cs.duration("interval", Duration.ZERO),
                    cs.oneOf("reconcileStrategy", "ChartVersion", "ChartVersion", "Revision"), valuesFiles);
            cs.done();
        } else {
            chart = new HelmRelease.ChartTemplate("", "*", NamespacedRef.of("", ""), Duration.ZERO, "ChartVersion",
                    List.of());
        }
        NamespacedRef chartRef = NamespacedRef.of("", "");
        if (s.has("chartRef")) {
            if (version.equals("v2beta1")) {
                throw s.invalid("chartRef", "chartRef is not part of " + version);
            }
            chartRef = ref(s.object("chartRef"), true, "OCIRepository", "HelmChart", "ExternalArtifact");
        } else if (!s.has("chart")) {
            throw s.invalid("chart", "Required value: one of chart or chartRef");
        }
        List<HelmRelease.ValuesReference> valuesFrom = new ArrayList<>();
        for (Fields v : s.objects("valuesFrom")) {
            String kind = v.oneOf("kind", "", "ConfigMap", "Secret");
            if (kind.isEmpty()) {
                throw v.invalid("kind", "Required value");
            }
            valuesFrom.add(new HelmRelease.ValuesReference(kind, v.requiredString("name"),
                    v.string("valuesKey").isEmpty() ? "values.yaml" : v.string("valuesKey"), v.string("targetPath"),
                    v.bool("optional", false)));
            v.done();
        }
        List<NamespacedRef> deps = new ArrayList<>();
        for (Fields d : s.objects("dependsOn")) {
            deps.add(ref(d, false));
        }
        JsonNode values = s.raw("values");
        if (!values.isMissingNode() && !values.isObject()) {
            throw s.invalid("values", "expected a mapping, got " + Resource.describe(values));
        }
        Fields drift = s.object("driftDetection");
        String driftMode = drift.oneOf("mode", "disabled", "enabled", "warn", "disabled");
        for (Fields rule : drift.objects("ignore")) {
            List<String> paths = rule.strings("paths");
            if (paths.isEmpty()) {
                throw rule.invalid("paths", "Required value: at least one JSON pointer");
            }
            for (String p : paths) {
                if (!p.startsWith("/")) {
                    throw rule.invalid("paths", "invalid JSON pointer \"" + p + "\": must start with '/'");
                }
            }
            if (rule.has("target")) {
                Fields t = rule.object("target");
                for (String k : List.of("group", "version", "kind", "name", "namespace")) {
                    String re = t.string(k);
                    try {
                        java.util.regex.Pattern.compile(re);
                    } catch (java.util.regex.PatternSyntaxException ex) {
                        throw t.invalid(k, "invalid regular expression \"" + re + "\": " + ex.getDescription());
                    }
                }
                t.string("labelSelector");
                t.string("annotationSelector");
                t.done();
            }
            rule.done();
        }
        drift.done();
        JsonNode driftRaw = s.raw("driftDetection");
        JsonNode post = s.raw("postRenderers");
        s.allow("kubeConfig", "persistentClient", "commonMetadata");
        return new HelmRelease.Spec(chart, chartRef, s.requiredDuration("interval"), s.string("releaseName"),
                s.string("targetNamespace"), s.string("storageNamespace"),
                values.isObject() ? (com.fasterxml.jackson.databind.node.ObjectNode) values
                        : JsonNodeFactory.instance.objectNode(), valuesFrom, deps, s.bool("suspend", false),
                s.duration("timeout", Duration.ofMinutes(5)), s.integer("maxHistory", 5),
                s.string("serviceAccountName"), s.rawObject("install"), s.rawObject("upgrade"), s.rawObject("test"),
                s.rawObject("rollback"), s.rawObject("uninstall"), driftMode,
                post.isMissingNode() ? JsonNodeFactory.instance.arrayNode() : post,
                driftRaw.isObject() ? ((com.fasterxml.jackson.databind.node.ObjectNode) driftRaw).deepCopy()
                        .put("mode", driftMode) : JsonNodeFactory.instance.objectNode().put("mode", driftMode));
    }

    private static ImageRepository.Spec imageRepository(Fields s) {
        s.allow("certSecretRef", "proxySecretRef", "accessFrom");
        List<String> excl = s.has("exclusionList") ? s.strings("exclusionList") : List.of("^.*\\.sig$");
        for (String e : excl) {
            try {
                java.util.regex.Pattern.compile(e);
            } catch (java.util.regex.PatternSyntaxException ex) {
                throw s.invalid("exclusionList", "invalid regular expression \"" + e + "\": " + ex.getDescription());
            }
        }
        return new ImageRepository.Spec(s.requiredString("image"), s.requiredDuration("interval"),
                s.duration("timeout", Duration.ZERO), secretName(s, "secretRef"), s.string("serviceAccountName"),
                excl, s.oneOf("provider", "generic", "generic", "aws", "azure", "gcp"), s.bool("insecure", false),
                s.bool("suspend", false));
    }

    private static ImagePolicy.Spec imagePolicy(Fields s) {
        NamespacedRef repo = ref(s.object("imageRepositoryRef"), false);
        if (!s.has("policy")) {
            throw s.invalid("policy", "Required value");
        }
        Fields p = s.object("policy");
        List<ImagePolicy.Policy> found = new ArrayList<>();
        if (p.has("semver")) {
            Fields f = p.object("semver");
            String range = f.requiredString("range");
            if (!dev.gitops.api.semver.Constraint.isValid(range)) {
                throw f.invalid("range", "invalid semver constraint \"" + range + "\"");
            }
            found.add(new ImagePolicy.Policy.SemVer(range));
            f.done();
        }
        if (p.has("alphabetical")) {
            Fields f = p.object("alphabetical");
            found.add(new ImagePolicy.Policy.Alphabetical(f.oneOf("order", "asc", "asc", "desc")));
            f.done();
        }
        if (p.has("numerical")) {
            Fields f = p.object("numerical");
            found.add(new ImagePolicy.Policy.Numerical(f.oneOf("order", "asc", "asc", "desc")));
            f.done();
        }
        p.done();
        if (found.size() != 1) {
            throw s.invalid("policy", "exactly one of semver, alphabetical or numerical must be set");
        }
        Fields ft = s.object("filterTags");
        String pattern = ft.string("pattern");
        String extract = ft.string("extract");
        ft.done();
        if (!pattern.isEmpty()) {
            try {
                java.util.regex.Pattern.compile(pattern.replace("(?P<", "(?<")); // RE2 named groups
            } catch (java.util.regex.PatternSyntaxException ex) {
                throw s.invalid("filterTags", "invalid regular expression \"" + pattern + "\": "
                        + ex.getDescription());
            }
        }
        s.allow("interval");
        return new ImagePolicy.Spec(repo, found.get(0), pattern, extract,
                s.oneOf("digestReflectionPolicy", "Never", "Never", "IfNotPresent", "Always"));
    }

    private static ImageUpdateAutomation.Spec imageUpdateAutomation(Fields s) {
        NamespacedRef src = ref(s.object("sourceRef"), true, "GitRepository");
        Fields git = s.object("git");
        Fields checkout = git.object("checkout");
        GitReference ref = checkout.has("ref") ? gitRef(checkout.object("ref"))
                : new GitReference("", "", "", "", "");
        checkout.done();
        Fields commit = git.object("commit");
        Fields author = commit.object("author");
        String authorName = author.string("name");
        String authorEmail = author.requiredString("email");
        author.done();
        String template = commit.string("messageTemplate");
        commit.allow("signingKey", "messageTemplateValues");
        commit.done();
        Fields push = git.object("push");
        String pushBranch = push.string("branch");
        String refspec = push.string("refspec");
        push.allow("options");
        push.done();
        git.done();
        Fields update = s.object("update");
        String path = update.string("path");
        String strategy = update.oneOf("strategy", "Setters", "Setters");
        update.done();
        s.allow("policySelector");
        return new ImageUpdateAutomation.Spec(src, ref, authorName, authorEmail, template, pushBranch, refspec,
                s.requiredDuration("interval"), path.startsWith("./") ? path.substring(2) : path, strategy,
                s.bool("suspend", false));
    }
}
