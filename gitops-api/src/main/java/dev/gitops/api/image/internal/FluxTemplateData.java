package dev.gitops.api.image.internal;

import dev.gitops.api.image.ObjectRef;
import dev.gitops.api.image.UpdateResult;
import dev.gitops.api.template.GoFmt;
import dev.gitops.api.template.GoObject;
import dev.gitops.api.template.GoValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The value Flux's image-automation-controller gives the commit message template ({@code source.TemplateData}),
 * as Go values for {@code dev.gitops.api.template}:
 *
 * <pre>
 * type TemplateData struct {
 *     AutomationObject types.NamespacedName      // {Namespace, Name}; String() is "namespace/name"
 *     Changed          update.Result             // {FileChanges}; methods Changes() and Objects()
 *     Values           map[string]string         // spec.git.commit.messageTemplateValues
 * }
 * type Result struct { FileChanges map[string]ObjectChanges }
 * type ObjectChanges map[ObjectIdentifier][]Change
 * type ObjectIdentifier struct { yaml.ResourceIdentifier }  // {TypeMeta{APIVersion, Kind}, NameMeta{Name, Namespace}}
 * type Change struct { OldValue, NewValue, Setter string }
 * </pre>
 *
 * <p>Struct map keys order field by field as Go's fmtsort does. Go's {@code Result.Changes()} and
 * {@code Result.Objects()} walk Go maps (random order); here they walk files and objects in the order the update
 * found them, so messages are deterministic.
 */
public final class FluxTemplateData {

    private FluxTemplateData() {
    }

    /** The template data for one update run. */
    public static GoObject of(String namespace, String name, UpdateResult r, Map<String, String> values) {
        Map<String, Map<ObjectIdentifier, List<Change>>> files = new TreeMap<>();
        List<Change> changes = new ArrayList<>();
        Map<ObjectIdentifier, List<Change>> objects = new TreeMap<>();
        Set<Change> seen = new HashSet<>();
        for (UpdateResult.FileChange f : r.files()) {
            Map<ObjectIdentifier, List<Change>> byObject = files.computeIfAbsent(f.path(), k -> new TreeMap<>());
            for (UpdateResult.Change c : f.changes()) {
                ObjectIdentifier id = ObjectIdentifier.of(c.object());
                Change ch = new Change(c.oldValue(), c.newValue(), c.setter());
                byObject.computeIfAbsent(id, k -> new ArrayList<>()).add(ch);
                objects.computeIfAbsent(id, k -> new ArrayList<>()).add(ch);
                if (seen.add(ch)) {
                    changes.add(ch);
                }
            }
        }
        return new TemplateData(new NamespacedName(namespace, name),
                new Result(deepUnmodifiable(files), List.copyOf(changes), deepUnmodifiable(objects)),
                Collections.unmodifiableMap(new TreeMap<>(values)));
    }

    private static <K, V> Map<K, V> deepUnmodifiable(Map<K, V> m) {
        Map<K, V> copy = new TreeMap<>();
        m.forEach((k, v) -> {
            @SuppressWarnings("unchecked")
            V frozen = v instanceof Map<?, ?> inner ? (V) deepUnmodifiable(inner)
                    : v instanceof List<?> l ? (V) List.copyOf(l) : v;
            copy.put(k, frozen);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Field access shared by the structs below; their methods take no arguments. */
    private interface Struct extends GoObject {
        @Override
        default java.util.OptionalInt methodArity(String name) {
            return java.util.OptionalInt.of(0);
        }

        Map<String, Object> fields();

        @Override
        default boolean hasField(String name) {
            return fields().containsKey(name);
        }

        @Override
        default Object field(String name) {
            return fields().get(name);
        }
    }

    /** {@code source.TemplateData}. */
    record TemplateData(NamespacedName automationObject, Result changed, Map<String, String> values)
            implements Struct {
        @Override
        public String goTypeName() {
            return "source.TemplateData";
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("AutomationObject", automationObject);
            f.put("Changed", changed);
            f.put("Values", values);
            return f;
        }

        @Override
        public String goString() {
            return "{" + automationObject.goString() + " " + changed.goString() + " " + GoFmt.toString(values) + "}";
        }
    }

    /** {@code types.NamespacedName}: a Stringer printing {@code namespace/name}. */
    record NamespacedName(String namespace, String name) implements Struct {
        @Override
        public String goTypeName() {
            return "types.NamespacedName";
        }

        @Override
        public Map<String, Object> fields() {
            return Map.of("Namespace", namespace, "Name", name);
        }

        @Override
        public boolean hasMethod(String method) {
            return method.equals("String");
        }

        @Override
        public Object callMethod(String method, List<Object> args) {
            requireNoArgs(method, args);
            return goString();
        }

        @Override
        public String goString() {
            return namespace + "/" + name;
        }
    }

    /** {@code update.Result}. */
    record Result(Map<String, Map<ObjectIdentifier, List<Change>>> fileChanges, List<Change> changes,
            Map<ObjectIdentifier, List<Change>> objects) implements Struct {
        @Override
        public String goTypeName() {
            return "update.Result";
        }

        @Override
        public Map<String, Object> fields() {
            return Map.of("FileChanges", fileChanges);
        }

        @Override
        public boolean hasMethod(String method) {
            return method.equals("Changes") || method.equals("Objects");
        }

        @Override
        public Object callMethod(String method, List<Object> args) {
            requireNoArgs(method, args);
            return method.equals("Changes") ? changes : objects;
        }

        @Override
        public String goString() {
            return "{" + GoFmt.toString(fileChanges) + "}";
        }
    }

    /** {@code update.ObjectIdentifier} (embedding kyaml's {@code ResourceIdentifier}); ordered as fmtsort orders it. */
    record ObjectIdentifier(String apiVersion, String kind, String name, String namespace)
            implements Struct, Comparable<ObjectIdentifier> {
        static ObjectIdentifier of(ObjectRef o) {
            return new ObjectIdentifier(o.apiVersion(), o.kind(), o.name(), o.namespace());
        }

        @Override
        public String goTypeName() {
            return "update.ObjectIdentifier";
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("APIVersion", apiVersion);
            f.put("Kind", kind);
            f.put("Name", name);
            f.put("Namespace", namespace);
            f.put("ResourceIdentifier", new Embedded("yaml.ResourceIdentifier", f, "{" + typeMeta() + " "
                    + nameMeta() + "}"));
            f.put("TypeMeta", new Embedded("yaml.TypeMeta", Map.of("APIVersion", apiVersion, "Kind", kind),
                    typeMeta()));
            f.put("NameMeta", new Embedded("yaml.NameMeta", Map.of("Name", name, "Namespace", namespace),
                    nameMeta()));
            return f;
        }

        private String typeMeta() {
            return "{" + apiVersion + " " + kind + "}";
        }

        private String nameMeta() {
            return "{" + name + " " + namespace + "}";
        }

        @Override
        public int compareTo(ObjectIdentifier o) {
            int d = GoValues.compareMapKeys(apiVersion, o.apiVersion);
            if (d == 0) {
                d = GoValues.compareMapKeys(kind, o.kind);
            }
            if (d == 0) {
                d = GoValues.compareMapKeys(name, o.name);
            }
            return d != 0 ? d : GoValues.compareMapKeys(namespace, o.namespace);
        }

        @Override
        public String goString() {
            return "{{" + typeMeta() + " " + nameMeta() + "}}";
        }
    }

    /** An embedded struct of {@link ObjectIdentifier}. */
    private record Embedded(String goTypeName, Map<String, Object> fields, String goString) implements Struct {
        Embedded {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** {@code update.Change}. */
    record Change(String oldValue, String newValue, String setter) implements Struct {
        @Override
        public String goTypeName() {
            return "update.Change";
        }

        @Override
        public Map<String, Object> fields() {
            return Map.of("OldValue", oldValue, "NewValue", newValue, "Setter", setter);
        }

        @Override
        public String goString() {
            return "{" + oldValue + " " + newValue + " " + setter + "}";
        }
    }

    private static void requireNoArgs(String method, List<Object> args) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("wrong number of args for " + method + ": want 0 got " + args.size());
        }
    }
}
