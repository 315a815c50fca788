package dev.gitops.api.flux;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code kustomize.toolkit.fluxcd.io/v1 Kustomization}.
 *
 * @param apiVersion the apiVersion as written
 * @param meta metadata
 * @param spec the spec
 */
public record Kustomization(String apiVersion, FluxMeta meta, Spec spec) implements FluxObject {

    /** Validates. */
    public Kustomization {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public boolean suspended() {
        return spec.suspend();
    }

    /**
     * The spec.
     *
     * @param sourceRef the source ({@code GitRepository}, {@code OCIRepository} or {@code Bucket})
     * @param path path in the source, {@code ""} for the root
     * @param interval reconcile interval (required)
     * @param retryInterval interval after a failure (defaults to {@code interval})
     * @param timeout timeout of build, apply and health checks (defaults to {@code interval})
     * @param prune garbage-collect objects removed from the source (required)
     * @param deletionPolicy {@code MirrorPrune}, {@code Delete}, {@code WaitForTermination} or {@code Orphan}
     * @param waitForReady ({@code spec.wait}) wait for every applied object to be ready
     * @param healthChecks objects whose readiness decides the Kustomization's
     * @param dependsOn Kustomizations that must be ready first
     * @param targetNamespace namespace set on every namespaced object
     * @param namePrefix prefix of every name
     * @param nameSuffix suffix of every name
     * @param commonLabels {@code commonMetadata.labels}
     * @param commonAnnotations {@code commonMetadata.annotations}
     * @param patches kustomize patches
     * @param images kustomize image overrides
     * @param components kustomize components, relative to {@code path}
     * @param postBuild variable substitution
     * @param decryption SOPS decryption settings, {@code null}-free: provider {@code ""} means none
     * @param serviceAccountName impersonated service account
     * @param suspend suspended
     * @param force recreate objects whose immutable fields changed
     * @param kubeConfigSecret {@code kubeConfig.secretRef.name}, {@code ""} for the local cluster
     */
    public record Spec(NamespacedRef sourceRef, String path, Duration interval, Duration retryInterval,
            Duration timeout, boolean prune, String deletionPolicy, boolean waitForReady, List<NamespacedRef> healthChecks,
            List<NamespacedRef> dependsOn, String targetNamespace, String namePrefix, String nameSuffix,
            Map<String, String> commonLabels, Map<String, String> commonAnnotations, List<Patch> patches,
            List<Image> images, List<String> components, PostBuild postBuild, Decryption decryption,
            String serviceAccountName, boolean suspend, boolean force, String kubeConfigSecret) {
        /** Validates and copies. */
        public Spec {
            Objects.requireNonNull(sourceRef, "sourceRef");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(retryInterval, "retryInterval");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(deletionPolicy, "deletionPolicy");
            Objects.requireNonNull(targetNamespace, "targetNamespace");
            Objects.requireNonNull(namePrefix, "namePrefix");
            Objects.requireNonNull(nameSuffix, "nameSuffix");
            Objects.requireNonNull(postBuild, "postBuild");
            Objects.requireNonNull(decryption, "decryption");
            Objects.requireNonNull(serviceAccountName, "serviceAccountName");
            Objects.requireNonNull(kubeConfigSecret, "kubeConfigSecret");
            healthChecks = List.copyOf(healthChecks);
            dependsOn = List.copyOf(dependsOn);
            commonLabels = Map.copyOf(commonLabels);
            commonAnnotations = Map.copyOf(commonAnnotations);
            patches = List.copyOf(patches);
            images = List.copyOf(images);
            components = List.copyOf(components);
        }
    }

    /**
     * A kustomize patch with an optional target selector.
     *
     * @param patch the patch (strategic merge or JSON 6902, as YAML text)
     * @param target the selector as a mapping (group, version, kind, name, namespace, labelSelector,
     *     annotationSelector); empty when the patch names its target
     */
    public record Patch(String patch, ObjectNode target) {
        /** Validates and copies. */
        public Patch {
            Objects.requireNonNull(patch, "patch");
            target = target.deepCopy();
        }

        @Override
        public ObjectNode target() {
            return target.deepCopy();
        }
    }

    /**
     * A kustomize image override.
     *
     * @param name image name to match
     * @param newName replacement name, {@code ""} to keep
     * @param newTag replacement tag, {@code ""} to keep
     * @param digest replacement digest, {@code ""} to keep
     */
    public record Image(String name, String newName, String newTag, String digest) {
        /** Validates. */
        public Image {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(newName, "newName");
            Objects.requireNonNull(newTag, "newTag");
            Objects.requireNonNull(digest, "digest");
        }
    }

    /**
     * {@code postBuild}.
     *
     * @param substitute inline variables
     * @param substituteFrom ConfigMaps and Secrets whose data are variables
     */
    public record PostBuild(Map<String, String> substitute, List<SubstituteReference> substituteFrom) {
        /** Copies. */
        public PostBuild {
            substitute = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(substitute));
            substituteFrom = List.copyOf(substituteFrom);
        }

        /** No substitution. */
        public static PostBuild none() {
            return new PostBuild(Map.of(), List.of());
        }

        /** True when neither field is set (Flux then skips substitution entirely). */
        public boolean isEmpty() {
            return substitute.isEmpty() && substituteFrom.isEmpty();
        }
    }

    /**
     * {@code postBuild.substituteFrom[]}.
     *
     * @param kind {@code ConfigMap} or {@code Secret}
     * @param name object name (same namespace as the Kustomization)
     * @param optional tolerate a missing object
     */
    public record SubstituteReference(String kind, String name, boolean optional) {
        /** Validates. */
        public SubstituteReference {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * {@code decryption}.
     *
     * @param provider {@code sops}, or {@code ""} when decryption is off
     * @param secretRef Secret holding the keys, {@code ""} for none
     */
    public record Decryption(String provider, String secretRef) {
        /** Validates. */
        public Decryption {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(secretRef, "secretRef");
        }

        /** Decryption off. */
        public static Decryption none() {
            return new Decryption("", "");
        }

        /** True when decryption is on. */
        public boolean enabled() {
            return !provider.isEmpty();
        }
    }
}
