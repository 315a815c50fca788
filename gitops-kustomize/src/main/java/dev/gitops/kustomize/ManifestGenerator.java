package dev.gitops.kustomize;

import dev.gitops.api.model.Resource;
import java.util.List;

/**
 * A generator written in Java, used where a kustomization's {@code generators:} names a configuration object with
 * this generator's {@link #apiVersion()} and {@link #kind()}. Generated resources are merged into the build like
 * kustomize's own generators' output.
 *
 * <p>Register instances on {@link Kustomizer.Builder#generator(ManifestGenerator)} or through
 * {@code META-INF/services/dev.gitops.kustomize.ManifestGenerator} and
 * {@link Kustomizer.Builder#discoverPlugins(ClassLoader)}. Implementations must be thread-safe.
 */
public interface ManifestGenerator {

    /** The {@code apiVersion} of the configuration objects this generator handles. */
    String apiVersion();

    /** The {@code kind} of the configuration objects this generator handles. */
    String kind();

    /** Generates resources from a configuration object. */
    List<Resource> generate(Resource config);
}
