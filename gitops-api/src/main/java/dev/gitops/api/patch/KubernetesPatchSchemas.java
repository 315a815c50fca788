package dev.gitops.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.patch.internal.Strategies;
import dev.gitops.api.patch.internal.TableSchema;
import dev.gitops.api.yaml.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The strategic-merge-patch metadata of the built-in Kubernetes kinds (Pod and the workload kinds with their pod
 * templates, Service, ServiceAccount, Node, Namespace, ...), loaded from the data file
 * {@code dev/gitops/api/patch/kubernetes-patch-schema.yaml}. Containers merge by {@code name}, container ports by
 * {@code containerPort}, env by {@code name}, volumes by {@code name} with {@code retainKeys}, volume mounts by
 * {@code mountPath}, Service ports by {@code port}, owner references by {@code uid}, finalizers as a set, and so on.
 *
 * <p>Schemas are lenient: fields the file does not list merge as maps or are replaced whole when they are lists,
 * which is what the Kubernetes types do for fields without tags. The group decides, the version does not: all
 * served versions of these kinds share their patch metadata.
 */
public final class KubernetesPatchSchemas implements PatchSchemaRegistry {

    private static final String RESOURCE = "kubernetes-patch-schema.yaml";
    private static final KubernetesPatchSchemas BUILT_IN = load();

    private final Map<String, PatchSchema> byGroupKind;
    private final Map<String, PatchSchema> types;

    private KubernetesPatchSchemas(Map<String, PatchSchema> byGroupKind, Map<String, PatchSchema> types) {
        this.byGroupKind = Map.copyOf(byGroupKind);
        this.types = Map.copyOf(types);
    }

    /** The built-in registry (immutable, shared). */
    public static KubernetesPatchSchemas builtIn() {
        return BUILT_IN;
    }

    @Override
    public Optional<PatchSchema> forKind(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        return Optional.ofNullable(byGroupKind.get(group + "/" + kind));
    }

    /** A named type of the data file, e.g. {@code PodSpec}, {@code Container}, {@code ObjectMeta}. */
    public Optional<PatchSchema> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    private static KubernetesPatchSchemas load() {
        try (InputStream in = KubernetesPatchSchemas.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            // block YAML, read with the reader a build warms up anyway (no JSON parser to initialise at start-up)
            return parse(Yaml.defaults().readOne(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE)
                    .content());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Reads the data-file format (see the resource file for an example). */
    static KubernetesPatchSchemas parse(JsonNode doc) {
        JsonNode typesNode = doc.path("types");
        Map<String, TableSchema> tables = new HashMap<>();
        for (Iterator<String> it = typesNode.fieldNames(); it.hasNext();) {
            String name = it.next();
            tables.put(name, new TableSchema(name, false));
        }
        for (Map.Entry<String, TableSchema> e : tables.entrySet()) {
            JsonNode fields = typesNode.get(e.getKey());
            for (Map.Entry<String, JsonNode> f : fields.properties()) {
                JsonNode def = f.getValue();
                PatchSchema sub = PatchSchema.empty();
                if (def.hasNonNull("type")) {
                    sub = tables.get(def.get("type").asText());
                    if (sub == null) {
                        throw new IllegalStateException(RESOURCE + ": unknown type " + def.get("type").asText());
                    }
                }
                List<String> keys = new ArrayList<>();
                def.path("listMapKeys").forEach(k -> keys.add(k.asText()));
                e.getValue().put(Strategies.field(f.getKey(), Strategies.split(def.path("strategy").asText("")),
                        def.path("mergeKey").asText(""), def.path("listType").asText(""), keys, sub));
            }
        }
        tables.values().forEach(TableSchema::freeze);
        Map<String, PatchSchema> kinds = new HashMap<>();
        for (JsonNode k : doc.path("kinds")) {
            TableSchema t = tables.get(k.get("type").asText());
            if (t == null) {
                throw new IllegalStateException(RESOURCE + ": unknown type " + k.get("type").asText());
            }
            kinds.put(k.get("group").asText() + "/" + k.get("kind").asText(), t);
        }
        return new KubernetesPatchSchemas(kinds, new HashMap<>(tables));
    }
}
