package dev.gitops.api.policy.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.engine.ChartRenderer;
import dev.gitops.api.engine.Decryptor;
import dev.gitops.api.engine.ManifestBuilder;
import dev.gitops.api.engine.PostBuildSubstitution;
import dev.gitops.api.engine.Reconciler;
import dev.gitops.api.engine.internal.FluxBuild;
import dev.gitops.api.engine.internal.Units;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.flux.FluxObjects;
import dev.gitops.api.flux.HelmRelease;
import dev.gitops.api.flux.Kustomization;
import dev.gitops.api.flux.NamespacedRef;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.policy.Location;
import dev.gitops.api.policy.ManifestSource;
import dev.gitops.api.policy.PolicyContext;
import dev.gitops.api.policy.RenderIssue;
import dev.gitops.api.yaml.SourceMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ManifestSource#rendered}: what Flux would apply, built with the engine's own steps ({@link FluxBuild}) but
 * without a cluster. See {@link ManifestSource.RenderingBuilder} for the rules. Immutable and thread-safe.
 */
public final class RenderedManifestSource implements ManifestSource {

    private static final Logger LOG = LoggerFactory.getLogger(RenderedManifestSource.class);
    private static final String FLUX_SYSTEM = Reconciler.FLUX_SYSTEM;
    private static final String KS = "Kustomization";
    private static final String HR = "HelmRelease";

    private final ManifestBuilder builder;
    private final ChartRenderer charts;
    private final boolean remoteCharts;

    /** A source with these plug points. */
    public RenderedManifestSource(ManifestBuilder builder, ChartRenderer charts, boolean remoteCharts) {
        this.builder = builder.trackingOrigins(); // findings name the file and line of each field
        this.charts = charts;
        this.remoteCharts = remoteCharts;
    }

    @Override
    public List<Resource> manifests(FileSystem repository, String path) {
        return render(repository, path).resources();
    }

    @Override
    public Manifests render(FileSystem repository, String path) {
        String scope = FsPaths.normalize(path);
        if (!repository.isDirectory(scope)) {
            throw new NotFoundException("no directory '" + (scope.isEmpty() ? "." : scope) + "' in "
                    + repository.describe(""));
        }
        List<Resource> raw = null;
        List<String> roots;
        if (scope.isEmpty()) {
            raw = RawManifestSource.INSTANCE.manifests(repository, scope);
            roots = roots(raw, repository);
        } else {
            roots = List.of(scope);
        }
        List<Resource> out = new ArrayList<>();
        List<RenderIssue> issues = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        if (roots.isEmpty()) {
            LOG.info("no flux-system Kustomization names a path in the repository: its files are linted as they"
                    + " are (lint a cluster directory, for example clusters/production, to render it)");
        }
        for (String root : roots) {
            new Cluster(repository, root, out, issues, covered).run();
        }
        if (raw == null && hasUncoveredYaml(repository, scope, covered)) {
            raw = RawManifestSource.INSTANCE.manifests(repository, scope);
        }
        if (raw != null) {
            for (Resource r : raw) {
                if (PolicyContext.fileOf(r).map(f -> !covered.contains(f)).orElse(true)) {
                    out.add(r); // in the repository but in no render: linted as it is
                }
            }
        }
        return new Manifests(out, issues);
    }

    /** Whether a YAML file under the directory (other than a kustomization file) is in no render. */
    private static boolean hasUncoveredYaml(FileSystem fs, String dir, Set<String> covered) {
        Deque<String> dirs = new ArrayDeque<>();
        dirs.push(dir);
        while (!dirs.isEmpty()) {
            String d = dirs.pop();
            for (String name : fs.list(d)) {
                String p = FsPaths.join(d, name);
                if (fs.isDirectory(p)) {
                    if (!name.equals(".git")) {
                        dirs.push(p);
                    }
                } else if ((name.endsWith(".yaml") || name.endsWith(".yml")) && !covered.contains(p)
                        && !name.equals("kustomization.yaml") && !name.equals("kustomization.yml")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The paths of the repository's flux-system Kustomizations (what {@code flux bootstrap --path} wrote). */
    private static List<String> roots(List<Resource> raw, FileSystem repository) {
        Set<String> out = new TreeSet<>();
        for (Resource r : raw) {
            if (r.kind().equals(KS) && r.id().group().equals(FluxObjects.KUSTOMIZE_GROUP)
                    && r.name().equals(FLUX_SYSTEM) && r.namespace().equals(FLUX_SYSTEM)) {
                String p = r.string("/spec/path").map(FsPaths::normalize).orElse("");
                if (!p.isEmpty() && repository.isDirectory(p)) {
                    out.add(p);
                }
            }
        }
        return List.copyOf(out);
    }

    /** One root rendered as a cluster of its own: the objects it produced so far stand in for the cluster. */
    private final class Cluster {
        private final FileSystem repo;
        private final String root;
        private final List<Resource> out;
        private final List<RenderIssue> issues;
        private final Set<String> covered;
        /** ConfigMaps, Secrets and HelmRepositories produced so far, by kind/namespace/name. */
        private final Map<String, Resource> objects = new HashMap<>();
        private final Set<String> seen = new HashSet<>();
        private final Deque<Resource> pending = new ArrayDeque<>();

        Cluster(FileSystem repo, String root, List<Resource> out, List<RenderIssue> issues, Set<String> covered) {
            this.repo = repo;
            this.root = root;
            this.out = out;
            this.issues = issues;
            this.covered = covered;
        }

        void run() {
            ResourceId rootId = ResourceId.of("kustomize.toolkit.fluxcd.io/v1", KS, FLUX_SYSTEM, FLUX_SYSTEM);
            seen.add(key(KS, FLUX_SYSTEM, FLUX_SYSTEM));
            Kustomization rootKs = FluxBuild.rootKustomization(root);
            try {
                produced(FluxBuild.kustomization(builder, repo, rootId, rootKs.spec(),
                        () -> PostBuildSubstitution.of(Map.of()), UnaryOperator.identity()));
            } catch (GitOpsException e) {
                issues.add(new RenderIssue(RenderIssue.Kind.FAILED, new Location(root, 0, 0, "",
                        Optional.of(rootId)), "the flux-system Kustomization (path " + root + ") does not build: "
                        + e.getMessage()));
                fallback(root);
                return;
            }
            // units whose substituteFrom/valuesFrom objects are not rendered yet wait for the others
            int stalled = 0;
            while (!pending.isEmpty()) {
                Resource unit = pending.removeFirst();
                if (stalled < pending.size() + 1 && !missingRefs(unit).isEmpty()) {
                    pending.addLast(unit);
                    stalled++;
                    continue;
                }
                stalled = 0;
                if (unit.kind().equals(KS)) {
                    kustomization(unit);
                } else {
                    helmRelease(unit);
                }
            }
        }

        private void produced(List<Resource> rs) {
            for (Resource r : rs) {
                out.add(r);
                PolicyContext.fileOf(r).ifPresent(covered::add);
                String ns = FluxBuild.namespaceOf(r);
                boolean core = r.id().group().isEmpty() && (r.kind().equals("ConfigMap")
                        || r.kind().equals("Secret"));
                if (core || (r.kind().equals("HelmRepository") && r.id().group().equals(FluxObjects.SOURCE_GROUP))) {
                    objects.putIfAbsent(key(r.kind(), ns, r.name()), r);
                }
                boolean unit = (r.kind().equals(KS) && r.id().group().equals(FluxObjects.KUSTOMIZE_GROUP))
                        || (r.kind().equals(HR) && r.id().group().equals(FluxObjects.HELM_GROUP));
                if (unit && seen.add(key(r.kind(), ns, r.name()))) {
                    pending.addLast(r);
                }
            }
        }

        /** The substituteFrom / valuesFrom objects of a unit that nothing has rendered (yet). */
        private List<String> missingRefs(Resource unit) {
            List<String> missing = new ArrayList<>();
            String ns = FluxBuild.namespaceOf(unit);
            String list = unit.kind().equals(KS) ? "/spec/postBuild/substituteFrom" : "/spec/valuesFrom";
            unit.get(list).ifPresent(refs -> refs.forEach(ref -> {
                String kind = ref.path("kind").asText("");
                String name = ref.path("name").asText("");
                if (!objects.containsKey(key(kind, ns, name))) {
                    missing.add(kind + "/" + name);
                }
            }));
            return missing;
        }

        private void kustomization(Resource unit) {
            String ns = FluxBuild.namespaceOf(unit);
            Kustomization ks;
            try {
                ks = FluxObjects.read(unit, Kustomization.class);
            } catch (GitOpsException e) {
                failed(unit, "", "Kustomization " + unit.name() + " is invalid: " + e.getMessage());
                return;
            }
            Kustomization.Spec spec = ks.spec();
            if (!isRepository(spec.sourceRef(), ns)) {
                incomplete(unit, "/spec/sourceRef", "Kustomization " + unit.name() + " not rendered: its source "
                        + describe(spec.sourceRef(), "GitRepository", ns) + " is not this repository (only the"
                        + " flux-system GitRepository is rendered offline)");
                return;
            }
            ResourceId id = ResourceId.of(unit.apiVersion(), KS, ns, unit.name());
            List<Resource> built;
            try {
                built = FluxBuild.kustomization(builder, repo, id, spec, () -> substitution(unit, spec, ns),
                        UnaryOperator.identity());
            } catch (GitOpsException e) {
                failed(unit, "/spec/path", "Kustomization " + unit.name() + " does not build: " + e.getMessage());
                fallback(spec.path());
                return;
            }
            produced(built);
        }

        private PostBuildSubstitution substitution(Resource unit, Kustomization.Spec spec, String ns) {
            List<Kustomization.SubstituteReference> refs = new ArrayList<>();
            List<Kustomization.SubstituteReference> from = spec.postBuild().substituteFrom();
            for (int i = 0; i < from.size(); i++) {
                Kustomization.SubstituteReference ref = from.get(i);
                Resource r = objects.get(key(ref.kind(), ns, ref.name()));
                String ptr = "/spec/postBuild/substituteFrom/" + i;
                if (r == null) {
                    if (!ref.optional()) {
                        incomplete(unit, ptr, "Kustomization " + unit.name() + ": substituteFrom " + ref.kind() + "/"
                                + ref.name() + " is not in the repository; its variables are not substituted");
                    }
                    continue;
                }
                if (Decryptor.isEncrypted(r)) {
                    incomplete(unit, ptr, "Kustomization " + unit.name() + ": substituteFrom Secret/" + ref.name()
                            + " is SOPS-encrypted; its variables are not substituted");
                    continue;
                }
                refs.add(ref);
            }
            return PostBuildSubstitution.resolve(new Kustomization.PostBuild(spec.postBuild().substitute(), refs),
                    false, (kind, name) -> Optional.ofNullable(objects.get(key(kind, ns, name))));
        }

        private void helmRelease(Resource unit) {
            String ns = FluxBuild.namespaceOf(unit);
            HelmRelease hr;
            try {
                hr = FluxObjects.read(unit, HelmRelease.class);
            } catch (GitOpsException e) {
                failed(unit, "", "HelmRelease " + unit.name() + " is invalid: " + e.getMessage());
                return;
            }
            HelmRelease.Spec spec = hr.spec();
            if (spec.chart().name().isEmpty()) {
                incomplete(unit, "/spec/chartRef", "HelmRelease " + unit.name() + " not rendered: charts of a"
                        + " chartRef (" + spec.chartRef().kind() + "/" + spec.chartRef().name() + ") are not"
                        + " rendered offline");
                return;
            }
            NamespacedRef ref = spec.chart().sourceRef();
            ChartRenderer.ChartSource source;
            if (ref.kind().equals("GitRepository") && isRepository(ref, ns)) {
                source = new ChartRenderer.ChartSource.InArtifact(repo, FsPaths.normalize(spec.chart().name()),
                        spec.chart().valuesFiles());
            } else if (ref.kind().equals("HelmRepository") && remoteCharts) {
                Resource hrepo = objects.get(key("HelmRepository", ref.namespaceOr(ns), ref.name()));
                if (hrepo == null) {
                    incomplete(unit, "/spec/chart/spec/sourceRef", "HelmRelease " + unit.name() + " not rendered:"
                            + " HelmRepository " + ref.namespaceOr(ns) + "/" + ref.name() + " is not in the"
                            + " repository");
                    return;
                }
                source = new ChartRenderer.ChartSource.Repository(hrepo.string("/spec/url").orElse(""),
                        spec.chart().name(), spec.chart().version(), Map.of());
            } else {
                incomplete(unit, "/spec/chart/spec/sourceRef", "HelmRelease " + unit.name() + " not rendered: its"
                        + " chart comes from " + describe(ref, ref.kind(), ns) + (ref.kind().equals("HelmRepository")
                                ? " (remote charts are not downloaded)" : ", not this repository"));
                return;
            }
            ObjectNode values;
            try {
                values = Units.mergeValues(valuesSpec(unit, spec, ns),
                        (kind, name) -> Optional.ofNullable(objects.get(key(kind, ns, name))));
            } catch (GitOpsException e) {
                failed(unit, "/spec/valuesFrom", "HelmRelease " + unit.name() + ": " + e.getMessage());
                return;
            }
            ChartRenderer.Rendered rendered;
            String releaseNs = hr.releaseNamespace(ns);
            try {
                rendered = charts.render(new ChartRenderer.ChartRequest(hr.releaseName(), releaseNs, source, values));
            } catch (GitOpsException e) {
                failed(unit, "/spec/chart", "HelmRelease " + unit.name() + " does not render: " + e.getMessage());
                return;
            }
            ResourceId hrId = ResourceId.of(unit.apiVersion(), HR, ns, unit.name());
            List<Resource> manifests;
            try {
                // the post-renderers patch what helm-controller applies, so the rules see their result too
                manifests = dev.gitops.api.engine.internal.PostRenderers.of(hrId, spec.postRenderers())
                        .run(rendered.resources(), builder);
            } catch (GitOpsException e) {
                failed(unit, "/spec/postRenderers", "HelmRelease " + unit.name() + ": " + e.getMessage());
                return;
            }
            // what the chart produced is located at the HelmRelease that asks for it
            SourceMap at = SourceMap.at(unit.origin().orElse(unit.originOf("")));
            List<Resource> objs = new ArrayList<>();
            for (Resource r : FluxBuild.releaseObjects(manifests, hrId, releaseNs)) {
                objs.add(Resource.of(r.content(), at));
            }
            produced(objs);
        }

        /** The spec with the valuesFrom objects that are not rendered, or encrypted, left out (and reported). */
        private HelmRelease.Spec valuesSpec(Resource unit, HelmRelease.Spec spec, String ns) {
            List<HelmRelease.ValuesReference> keep = new ArrayList<>();
            for (int i = 0; i < spec.valuesFrom().size(); i++) {
                HelmRelease.ValuesReference ref = spec.valuesFrom().get(i);
                Resource r = objects.get(key(ref.kind(), ns, ref.name()));
                String ptr = "/spec/valuesFrom/" + i;
                if (r == null) {
                    if (!ref.optional()) {
                        incomplete(unit, ptr, "HelmRelease " + unit.name() + ": valuesFrom " + ref.kind() + "/"
                                + ref.name() + " is not in the repository; rendered without it");
                    }
                } else if (Decryptor.isEncrypted(r)) {
                    incomplete(unit, ptr, "HelmRelease " + unit.name() + ": valuesFrom Secret/" + ref.name()
                            + " is SOPS-encrypted; rendered without it");
                } else {
                    keep.add(ref);
                }
            }
            if (keep.size() == spec.valuesFrom().size()) {
                return spec;
            }
            return new HelmRelease.Spec(spec.chart(), spec.chartRef(), spec.interval(), spec.releaseName(),
                    spec.targetNamespace(), spec.storageNamespace(), spec.values(), keep, spec.dependsOn(),
                    spec.suspend(), spec.timeout(), spec.maxHistory(), spec.serviceAccountName(), spec.install(),
                    spec.upgrade(), spec.test(), spec.rollback(), spec.uninstall(), spec.driftDetectionMode(),
                    spec.postRenderers());
        }

        /** A Kustomization that does not build: its path's files are linted as they are. */
        private void fallback(String path) {
            String p = FsPaths.normalize(path);
            if (!repo.isDirectory(p)) {
                return;
            }
            try {
                for (Resource r : RawManifestSource.INSTANCE.manifests(repo, p)) {
                    String f = PolicyContext.fileOf(r).orElse("");
                    if (covered.add(f) || f.isEmpty()) {
                        out.add(r);
                    }
                }
            } catch (GitOpsException e) {
                LOG.debug("cannot read {} as raw YAML: {}", p, e.getMessage());
            }
        }

        private boolean isRepository(NamespacedRef ref, String ns) {
            return (ref.kind().isEmpty() || ref.kind().equals("GitRepository")) && ref.name().equals(FLUX_SYSTEM)
                    && ref.namespaceOr(ns).equals(FLUX_SYSTEM);
        }

        private void failed(Resource unit, String pointer, String message) {
            issues.add(new RenderIssue(RenderIssue.Kind.FAILED, Location.of(unit.id(), unit.originOf(pointer)),
                    oneLine(message)));
        }

        private void incomplete(Resource unit, String pointer, String message) {
            issues.add(new RenderIssue(RenderIssue.Kind.INCOMPLETE, Location.of(unit.id(),
                    unit.originOf(pointer)), oneLine(message)));
        }
    }

    private static String describe(NamespacedRef ref, String kind, String ns) {
        return (ref.kind().isEmpty() ? kind : ref.kind()) + " " + ref.namespaceOr(ns) + "/" + ref.name();
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\n\\s*", " ").strip();
    }

    private static String key(String kind, String ns, String name) {
        return kind + "/" + ns + "/" + name;
    }
}
