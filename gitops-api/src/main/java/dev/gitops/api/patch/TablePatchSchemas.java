package dev.gitops.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.patch.internal.Strategies;
import dev.gitops.api.patch.internal.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Strict schemas read from a table of struct fields, the form of the conformance suite's {@code _schema.json}:
 * {@code {types: {TypeName: {field: {kind, elem, patchStrategy[], mergeKey, listType}}}, typeAliases: {...}}}
 * where {@code kind} is {@code scalar}, {@code list}, {@code map}, {@code struct} or {@code opaque}. Like Go struct
 * tags, the schemas are strict: unlisted fields fail once a patch must recurse into them.
 */
public final class TablePatchSchemas {

    private final Map<String, PatchSchema> types;

    private TablePatchSchemas(Map<String, PatchSchema> types) {
        this.types = Map.copyOf(types);
    }

    /**
     * Reads a table document.
     *
     * @throws PatchException when a field refers to an unknown type
     */
    public static TablePatchSchemas parse(JsonNode doc) {
        JsonNode typesNode = doc.path("types");
        Map<String, TableSchema> tables = new HashMap<>();
        for (Iterator<String> it = typesNode.fieldNames(); it.hasNext();) {
            String name = it.next();
            tables.put(name, new TableSchema(name, true));
        }
        for (Map.Entry<String, TableSchema> e : tables.entrySet()) {
            for (Map.Entry<String, JsonNode> f : typesNode.get(e.getKey()).properties()) {
                JsonNode def = f.getValue();
                String kind = def.path("kind").asText("scalar");
                String elem = def.path("elem").asText("");
                PatchSchema sub;
                if (tables.containsKey(elem)) {
                    sub = tables.get(elem);
                } else if (kind.equals("map")) {
                    TableSchema m = new TableSchema("map[string]" + elem, true);
                    m.additionalProperties(PatchSchema.opaque(elem));
                    m.freeze();
                    sub = m;
                } else if (kind.equals("struct") || (kind.equals("list") && !elem.isEmpty()
                        && Character.isUpperCase(elem.charAt(0)))) {
                    throw new PatchException("field \"" + f.getKey() + "\" of " + e.getKey()
                            + " refers to unknown type \"" + elem + "\"");
                } else {
                    sub = PatchSchema.opaque(elem.isEmpty() ? def.path("goType").asText("opaque") : elem);
                }
                List<String> strategies = new ArrayList<>();
                def.path("patchStrategy").forEach(s -> strategies.add(s.asText()));
                String listType = def.path("listType").asText("");
                e.getValue().put(Strategies.field(f.getKey(), strategies, def.path("mergeKey").asText(""),
                        listType, def.hasNonNull("mergeKey") ? List.of(def.get("mergeKey").asText()) : List.of(),
                        sub));
            }
        }
        tables.values().forEach(TableSchema::freeze);
        Map<String, PatchSchema> all = new HashMap<>(tables);
        for (Map.Entry<String, JsonNode> a : doc.path("typeAliases").properties()) {
            TableSchema t = tables.get(a.getValue().asText());
            if (t != null) {
                all.put(a.getKey(), t);
            }
        }
        return new TablePatchSchemas(all);
    }

    /** A type (or alias) of the table. */
    public Optional<PatchSchema> type(String name) {
        return Optional.ofNullable(types.get(name));
    }
}
