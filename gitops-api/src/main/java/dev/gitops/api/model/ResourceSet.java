package dev.gitops.api.model;

import dev.gitops.api.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An immutable, ordered set of resources keyed by identity (group, kind, namespace, name; the API version is not
 * part of the key, as for the API server). Iteration follows insertion order.
 */
public final class ResourceSet implements Iterable<Resource> {

    private static final ResourceSet EMPTY = new ResourceSet(new LinkedHashMap<>());

    private final Map<Key, Resource> byKey;

    private record Key(String group, String kind, String namespace, String name) {
        static Key of(ResourceId id) {
            return new Key(id.group(), id.kind(), id.namespace(), id.name());
        }
    }

    private ResourceSet(LinkedHashMap<Key, Resource> byKey) {
        this.byKey = Collections.unmodifiableMap(byKey);
    }

    /** The empty set. */
    public static ResourceSet empty() {
        return EMPTY;
    }

    /** A set of the given resources; two resources naming the same object are an error naming both origins. */
    public static ResourceSet of(Collection<Resource> resources) {
        LinkedHashMap<Key, Resource> m = new LinkedHashMap<>();
        for (Resource r : resources) {
            Resource prev = m.putIfAbsent(Key.of(r.id()), r);
            if (prev != null) {
                String first = prev.origin().map(o -> " first defined at " + o).orElse("");
                String second = r.origin().map(o -> ", again at " + o).orElse("");
                throw new InvalidInputException(r.id(), "duplicate object" + first + second);
            }
        }
        return new ResourceSet(m);
    }

    /** The resource naming the same object as {@code id} (any API version). */
    public Optional<Resource> get(ResourceId id) {
        return Optional.ofNullable(byKey.get(Key.of(id)));
    }

    /** True when the set holds the object. */
    public boolean contains(ResourceId id) {
        return byKey.containsKey(Key.of(id));
    }

    /** The resources in order. */
    public List<Resource> resources() {
        return List.copyOf(byKey.values());
    }

    /** The identities in order. */
    public List<ResourceId> ids() {
        List<ResourceId> ids = new ArrayList<>(byKey.size());
        for (Resource r : byKey.values()) {
            ids.add(r.id());
        }
        return Collections.unmodifiableList(ids);
    }

    /** A set with {@code r} added, or replacing the resource naming the same object (keeping its position). */
    public ResourceSet with(Resource r) {
        LinkedHashMap<Key, Resource> m = new LinkedHashMap<>(byKey);
        m.put(Key.of(r.id()), r);
        return new ResourceSet(m);
    }

    /** A set without the object. */
    public ResourceSet without(ResourceId id) {
        LinkedHashMap<Key, Resource> m = new LinkedHashMap<>(byKey);
        m.remove(Key.of(id));
        return new ResourceSet(m);
    }

    /** The number of resources. */
    public int size() {
        return byKey.size();
    }

    /** True when empty. */
    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** The resources as a stream, in order. */
    public Stream<Resource> stream() {
        return byKey.values().stream();
    }

    @Override
    public Iterator<Resource> iterator() {
        return byKey.values().iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceSet s && List.copyOf(byKey.values()).equals(List.copyOf(s.byKey.values()));
    }

    @Override
    public int hashCode() {
        return List.copyOf(byKey.values()).hashCode();
    }

    @Override
    public String toString() {
        return "ResourceSet" + ids();
    }
}
