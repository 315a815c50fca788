package dev.gitops.kustomize;

import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import dev.gitops.kustomize.internal.BuildError;
import dev.gitops.kustomize.internal.Engine;
import dev.gitops.kustomize.internal.InOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Builds kustomizations like {@code kustomize build} v5.7: resources, bases, components, generators, patches, name
 * references, the builtin transformers and kustomize's output order.
 *
 * <pre>{@code
 * Kustomizer k = Kustomizer.builder().fileSystem(FileSystem.onDisk(repo)).build();
 * BuildResult r = k.build("apps/overlays/production");
 * System.out.print(r.toYaml());
 * }</pre>
 *
 * <p>Immutable and thread-safe; each build is independent.
 */
public final class Kustomizer {

    /** The label value kustomize's {@code managedByLabel} adds. */
    public static final String MANAGED_BY = "kustomize-v5.7.1";

    private final FileSystem fileSystem;
    private final LoadRestrictions loadRestrictions;
    private final Reorder reorder;
    private final boolean helmEnabled;
    private final boolean managedByLabel;
    private final boolean trackOrigins;
    private final Map<String, ResourceTransformer> transformers;
    private final Map<String, ManifestGenerator> generators;
    private final Path remoteCache;
    private final String helmKubeVersion;
    private final List<String> helmApiVersions;
    private final java.time.Clock clock;
    private final boolean parallel;

    private Kustomizer(Builder b) {
        this.parallel = b.parallel;
        this.helmKubeVersion = b.helmKubeVersion;
        this.helmApiVersions = List.copyOf(b.helmApiVersions);
        this.clock = b.clock;
        this.remoteCache = b.remoteCache;
        this.transformers = Map.copyOf(b.transformers);
        this.generators = Map.copyOf(b.generators);
        this.fileSystem = b.fileSystem;
        this.loadRestrictions = b.loadRestrictions;
        this.reorder = b.reorder;
        this.helmEnabled = b.helmEnabled;
        this.managedByLabel = b.managedByLabel;
        this.trackOrigins = b.trackOrigins;
    }

    /** A builder with kustomize's defaults (root-only loading, legacy order). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the kustomization in directory {@code path} (relative to the file system's root).
     *
     * @throws KustomizeException when the build fails
     */
    public BuildResult build(String path) {
        Objects.requireNonNull(path, "path");
        Engine.Output out;
        try {
            // Java plugins may count on being called in the kustomization's order: such builds stay sequential
            boolean par = parallel && transformers.isEmpty() && generators.isEmpty();
            out = new Engine(helmEnabled, new JavaPlugins(transformers, generators),
                    Optional.ofNullable(remoteCache), par).helm(helmKubeVersion, helmApiVersions, clock)
                    .origins(trackOrigins).build(fileSystem, path, loadRestrictions == LoadRestrictions.ROOT_ONLY,
                    reorder == Reorder.LEGACY, managedByLabel, MANAGED_BY);
        } catch (BuildError e) {
            throw new KustomizeException(e.getMessage(), e);
        }
        int n = out.objects().size();
        // each Resource copies its object: for a large build, copied in parallel (the first failure in order wins);
        // kustomize passes objects without apiVersion through
        List<Resource> rs = InOrder.map(n, parallel && n >= 64,
                i -> Resource.ofApiVersionOptional(out.objects().get(i), out.sourceMaps().get(i)));
        return new BuildResult(rs, out.warnings());
    }

    /** Builds {@link Kustomizer} instances. */
    public static final class Builder {
        private FileSystem fileSystem;
        private LoadRestrictions loadRestrictions = LoadRestrictions.ROOT_ONLY;
        private Reorder reorder = Reorder.LEGACY;
        private boolean helmEnabled;
        private boolean managedByLabel;
        private boolean trackOrigins;
        private final Map<String, ResourceTransformer> transformers = new LinkedHashMap<>();
        private final Map<String, ManifestGenerator> generators = new LinkedHashMap<>();

        private Path remoteCache;
        private String helmKubeVersion = "";
        private final List<String> helmApiVersions = new ArrayList<>();
        private java.time.Clock clock = java.time.Clock.systemUTC();
        private boolean parallel = true;

        private Builder() {}

        /**
         * Whether the directories listed in one {@code resources} field (an aggregate overlay's apps, say) are built
         * in parallel on the common {@link java.util.concurrent.ForkJoinPool}; on by default. The result is the
         * same either way: resources in the same order, the same warnings and the same first error. Builds with
         * registered Java transformers or generators are always sequential. Turn it off when many builds already
         * run side by side.
         */
        public Builder parallel(boolean enabled) {
            this.parallel = enabled;
            return this;
        }

        /**
         * {@code --helm-kube-version}: the Kubernetes version charts see ({@code .Capabilities.KubeVersion}),
         * overriding each chart's {@code kubeVersion}; empty for the charts' own setting.
         */
        public Builder helmKubeVersion(String version) {
            this.helmKubeVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** {@code --helm-api-versions}: when any are given they replace each chart's {@code apiVersions}. */
        public Builder helmApiVersion(String apiVersion) {
            helmApiVersions.add(Objects.requireNonNull(apiVersion, "apiVersion"));
            return this;
        }

        /** The clock behind the {@code now} template function of inflated helm charts. */
        public Builder clock(java.time.Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * A directory where remote bases ({@code https://host/org/repo//path?ref=v1}, {@code git@...},
         * {@code file://...}) are cloned once per URL and ref and reused; without it each build clones into a
         * temporary directory.
         */
        public Builder remoteCache(Path dir) {
            this.remoteCache = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Registers a Java transformer for its apiVersion and kind (replacing an earlier one). */
        public Builder transformer(ResourceTransformer t) {
            Objects.requireNonNull(t, "transformer");
            transformers.put(t.apiVersion() + "/" + t.kind(), t);
            return this;
        }

        /** Registers a Java generator for its apiVersion and kind (replacing an earlier one). */
        public Builder generator(ManifestGenerator g) {
            Objects.requireNonNull(g, "generator");
            generators.put(g.apiVersion() + "/" + g.kind(), g);
            return this;
        }

        /**
         * Adds the transformers and generators found with {@link ServiceLoader} in {@code loader}; plugins registered
         * explicitly (before or after) win.
         */
        public Builder discoverPlugins(ClassLoader loader) {
            for (ResourceTransformer t : ServiceLoader.load(ResourceTransformer.class, loader)) {
                transformers.putIfAbsent(t.apiVersion() + "/" + t.kind(), t);
            }
            for (ManifestGenerator g : ServiceLoader.load(ManifestGenerator.class, loader)) {
                generators.putIfAbsent(g.apiVersion() + "/" + g.kind(), g);
            }
            return this;
        }

        /** The file system kustomizations are read from (required). */
        public Builder fileSystem(FileSystem fs) {
            this.fileSystem = Objects.requireNonNull(fs, "fileSystem");
            return this;
        }

        /** The load restrictor. */
        public Builder loadRestrictions(LoadRestrictions lr) {
            this.loadRestrictions = Objects.requireNonNull(lr, "loadRestrictions");
            return this;
        }

        /** The order used when a kustomization has no sortOptions. */
        public Builder reorder(Reorder r) {
            this.reorder = Objects.requireNonNull(r, "reorder");
            return this;
        }

        /**
         * Allows {@code helmCharts} (kustomize's {@code --enable-helm}): charts found under the chart home
         * ({@code helmGlobals.chartHome}, default {@code charts}) are rendered in-process by gitops-helm as
         * {@code helm template} would; charts are never downloaded.
         */
        public Builder helmEnabled(boolean enabled) {
            this.helmEnabled = enabled;
            return this;
        }

        /** Adds {@code app.kubernetes.io/managed-by: kustomize-v5.7.1} to every resource. */
        public Builder managedByLabel(boolean enabled) {
            this.managedByLabel = enabled;
            return this;
        }

        /**
         * Whether each built {@code Resource} keeps where its fields come from ({@code Resource.originOf}): the line
         * of a field in the file the object was read from or in the patch file that set it; generated objects are
         * located at their kustomization file. Off by default (it keeps every object's source map alive during the
         * build); the policy linter turns it on. The output is the same either way.
         */
        public Builder trackOrigins(boolean track) {
            this.trackOrigins = track;
            return this;
        }

        /** Builds the Kustomizer. */
        public Kustomizer build() {
            if (fileSystem == null) {
                throw new IllegalStateException("fileSystem is required");
            }
            return new Kustomizer(this);
        }
    }
}
