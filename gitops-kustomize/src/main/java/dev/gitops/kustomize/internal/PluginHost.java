package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** Java plugins registered on the Kustomizer, as the engine sees them. */
public interface PluginHost {

    /** The transformed resources, or empty when no plugin handles this configuration's kind. */
    Optional<List<ObjectNode>> transform(ObjectNode config, List<ObjectNode> resources);

    /** The generated resources, or empty when no plugin handles this configuration's kind. */
    Optional<List<ObjectNode>> generate(ObjectNode config);
}
