package dev.gitops.api.engine.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.engine.Decryptor;
import dev.gitops.api.engine.ManifestBuilder;
import dev.gitops.api.engine.PostBuildSubstitution;
import dev.gitops.api.engine.Reconciler;
import dev.gitops.api.flux.FluxMeta;
import dev.gitops.api.flux.FluxObjects;
import dev.gitops.api.flux.Kustomization;
import dev.gitops.api.flux.NamespacedRef;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The build steps kustomize-controller and helm-controller apply to a Flux object's source, shared by the
 * {@link Reconciler} (which applies the result) and the policy linter (which checks it): one implementation, so that
 * what a lint sees is what the engine would apply.
 */
public final class FluxBuild {

    private FluxBuild() {
    }

    /**
     * The {@code flux-system} Kustomization {@code flux bootstrap} creates for a path: the root the engine stands
     * in for (source {@code GitRepository/flux-system}, interval 10m, prune).
     */
    public static Kustomization rootKustomization(String path) {
        return new Kustomization("kustomize.toolkit.fluxcd.io/v1", FluxMeta.of(Reconciler.FLUX_SYSTEM,
                Reconciler.FLUX_SYSTEM), new Kustomization.Spec(new NamespacedRef("", "GitRepository",
                        Reconciler.FLUX_SYSTEM, ""), path, Duration.ofMinutes(10), Duration.ofMinutes(10),
                        Duration.ofMinutes(10), true, "MirrorPrune", false, List.of(), List.of(), "", "", "", Map.of(),
                        Map.of(), List.of(), List.of(), List.of(), Kustomization.PostBuild.none(),
                        Kustomization.Decryption.none(), "", false, false, ""));
    }

    /**
     * Builds one Flux Kustomization as kustomize-controller does: the Flux overlay fields are merged into the
     * path's kustomization (one is generated for a plain directory) on a copy-on-write view of {@code source}, the
     * {@link ManifestBuilder} builds it, SOPS-encrypted objects go through {@code decrypt} when the Kustomization
     * enables decryption, {@code postBuild} variables are substituted, and {@code commonMetadata} and Flux's
     * ownership labels are set. Flux objects in the output are validated.
     *
     * @param builder how the path is built
     * @param source the source artifact's files (not modified)
     * @param kustomization the Flux Kustomization's id (its name and namespace label the objects)
     * @param spec its spec
     * @param substitution resolves the {@code postBuild} variables; called after the build, only when the spec
     *     has a {@code postBuild}
     * @param decrypt decrypts one SOPS-encrypted object ({@link UnaryOperator#identity()} keeps them encrypted)
     */
    public static List<Resource> kustomization(ManifestBuilder builder, FileSystem source, ResourceId kustomization,
            Kustomization.Spec spec, Supplier<PostBuildSubstitution> substitution, UnaryOperator<Resource> decrypt) {
        OverlayFileSystem fs = new OverlayFileSystem(source);
        FluxGenerator.prepare(fs, spec.path(), spec);
        List<Resource> built = builder.build(fs, spec.path());
        PostBuildSubstitution subst = spec.postBuild().isEmpty() ? null : substitution.get();
        List<Resource> out = new ArrayList<>(built.size());
        for (Resource r : built) {
            if (spec.decryption().enabled() && Decryptor.isEncrypted(r)) {
                r = decrypt.apply(r);
            }
            if (subst != null) {
                r = subst.apply(r);
            }
            ObjectNode c = r.content();
            ObjectNode meta = c.with("metadata");
            ObjectNode labels = meta.with("labels");
            spec.commonLabels().forEach(labels::put);
            labels.put(Reconciler.KS_NAME_LABEL, kustomization.name());
            labels.put(Reconciler.KS_NAMESPACE_LABEL, kustomization.namespace());
            if (!spec.commonAnnotations().isEmpty()) {
                ObjectNode ann = meta.with("annotations");
                spec.commonAnnotations().forEach(ann::put);
            }
            r = r.withContent(c);
            if (FluxObjects.isFluxObject(r)) {
                FluxObjects.read(r);
            }
            out.add(r);
        }
        return out;
    }

    /**
     * What helm-controller applies of a rendering: each object in the release namespace unless it sets one or is
     * cluster-scoped, labelled with the HelmRelease's name and namespace.
     *
     * @param rendered the chart renderer's objects
     * @param helmRelease the HelmRelease's id
     * @param releaseNamespace the release namespace
     */
    public static List<Resource> releaseObjects(List<Resource> rendered, ResourceId helmRelease,
            String releaseNamespace) {
        List<Resource> desired = new ArrayList<>(rendered.size());
        for (Resource r : rendered) {
            ObjectNode c = r.content();
            ObjectNode meta = c.with("metadata");
            if (!meta.has("namespace") && !PlainManifestBuilder.CLUSTER_SCOPED.contains(r.kind())) {
                meta.put("namespace", releaseNamespace);
            }
            ObjectNode labels = meta.with("labels");
            labels.put(Reconciler.HR_NAME_LABEL, helmRelease.name());
            labels.put(Reconciler.HR_NAMESPACE_LABEL, helmRelease.namespace());
            desired.add(r.withContent(c));
        }
        return desired;
    }

    /** The namespace an object is applied in ({@code default} when it sets none). */
    public static String namespaceOf(Resource r) {
        return r.namespace().isEmpty() ? "default" : r.namespace();
    }
}
