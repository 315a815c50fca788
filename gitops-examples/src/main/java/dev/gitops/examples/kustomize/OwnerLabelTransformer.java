package dev.gitops.examples.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.model.Resource;
import dev.gitops.kustomize.ResourceTransformer;
import java.util.ArrayList;
import java.util.List;

/**
 * Example of a kustomize transformer written in Java: stamps {@code example.com/owner: <team>} on every resource.
 *
 * <p>A kustomization uses it like a builtin plugin configuration:
 *
 * <pre>{@code
 * transformers:
 * - |-
 *   apiVersion: example.com/v1
 *   kind: OwnerLabel
 *   metadata:
 *     name: owner
 *   team: payments
 * }</pre>
 *
 * and the platform registers it once:
 *
 * <pre>{@code
 * Kustomizer k = Kustomizer.builder().fileSystem(fs).transformer(new OwnerLabelTransformer()).build();
 * }</pre>
 *
 * (or lists it in {@code META-INF/services/dev.gitops.kustomize.ResourceTransformer} and calls
 * {@code discoverPlugins(classLoader)}).
 */
public final class OwnerLabelTransformer implements ResourceTransformer {

    @Override
    public String apiVersion() {
        return "example.com/v1";
    }

    @Override
    public String kind() {
        return "OwnerLabel";
    }

    @Override
    public List<Resource> transform(Resource config, List<Resource> resources) {
        String team = config.string("/team").orElseThrow(() -> new InvalidInputException(config.originOf("/team"),
                "OwnerLabel needs a 'team' field"));
        List<Resource> out = new ArrayList<>(resources.size());
        for (Resource r : resources) {
            ObjectNode c = r.content();
            c.with("metadata").with("labels").put("example.com/owner", team);
            out.add(r.withContent(c));
        }
        return out;
    }
}
