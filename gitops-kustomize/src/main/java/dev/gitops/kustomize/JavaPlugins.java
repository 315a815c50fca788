package dev.gitops.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.model.Resource;
import dev.gitops.kustomize.internal.PluginHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Adapts registered Java plugins to the engine. */
final class JavaPlugins implements PluginHost {

    private final Map<String, ResourceTransformer> transformers;
    private final Map<String, ManifestGenerator> generators;

    JavaPlugins(Map<String, ResourceTransformer> transformers, Map<String, ManifestGenerator> generators) {
        this.transformers = transformers;
        this.generators = generators;
    }

    @Override
    public Optional<List<ObjectNode>> transform(ObjectNode config, List<ObjectNode> resources) {
        ResourceTransformer t = transformers.get(key(config));
        if (t == null) {
            return Optional.empty();
        }
        List<Resource> in = new ArrayList<>(resources.size());
        for (ObjectNode o : resources) {
            in.add(Resource.ofApiVersionOptional(o));
        }
        return Optional.of(contents(t.transform(Resource.of(config), in)));
    }

    @Override
    public Optional<List<ObjectNode>> generate(ObjectNode config) {
        ManifestGenerator g = generators.get(key(config));
        if (g == null) {
            return Optional.empty();
        }
        return Optional.of(contents(g.generate(Resource.of(config))));
    }

    private static List<ObjectNode> contents(List<Resource> rs) {
        List<ObjectNode> out = new ArrayList<>(rs.size());
        for (Resource r : rs) {
            out.add(r.content());
        }
        return out;
    }

    private static String key(ObjectNode config) {
        return config.path("apiVersion").asText() + "/" + config.path("kind").asText();
    }
}
