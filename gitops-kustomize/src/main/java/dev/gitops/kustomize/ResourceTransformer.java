package dev.gitops.kustomize;

import dev.gitops.api.model.Resource;
import java.util.List;

/**
 * A transformer written in Java, used where a kustomization's {@code transformers:} (or {@code validators:}) names a
 * configuration object with this transformer's {@link #apiVersion()} and {@link #kind()}.
 *
 * <p>Register instances on {@link Kustomizer.Builder#transformer(ResourceTransformer)} or list the class in
 * {@code META-INF/services/dev.gitops.kustomize.ResourceTransformer} and call
 * {@link Kustomizer.Builder#discoverPlugins(ClassLoader)}; explicit registrations win. Implementations must be
 * thread-safe. Annotations under {@code internal.config.kubernetes.io/} carry kustomize's build state and must be
 * kept as they are.
 */
public interface ResourceTransformer {

    /** The {@code apiVersion} of the configuration objects this transformer handles. */
    String apiVersion();

    /** The {@code kind} of the configuration objects this transformer handles. */
    String kind();

    /**
     * Transforms the resources accumulated so far.
     *
     * @param config the configuration object from the kustomization
     * @param resources the current resources, in order
     * @return the resources after the transformation, in order
     */
    List<Resource> transform(Resource config, List<Resource> resources);
}
