package dev.gitops.api.apply;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.model.ResourceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The objects one apply owned: the basis for pruning. Only objects in a previous inventory and absent from the new
 * one are ever deleted, so objects created by someone else are never touched. Entries are unique by object (API
 * version ignored, the newest version kept) and sorted.
 *
 * <p>{@link #fluxEntries()} gives Flux's {@code status.inventory.entries} form ({@code id:
 * <namespace>_<name>_<group>_<kind>}, {@code v: <version>}), and {@link #fromFlux(List)} reads it back.
 *
 * @param ids the objects, sorted
 */
public record Inventory(List<ResourceId> ids) {

    private static final Inventory EMPTY = new Inventory(List.of());

    /** One entry of a Flux Kustomization inventory. */
    public record FluxEntry(String id, String v) {
        /** Validates the components. */
        public FluxEntry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(v, "v");
        }
    }

    /** De-duplicates (by object, ignoring the version) and sorts. */
    public Inventory {
        Map<ResourceId, ResourceId> byObject = new TreeMap<>(Comparator.comparing(ResourceId::group)
                .thenComparing(ResourceId::kind).thenComparing(ResourceId::namespace).thenComparing(ResourceId::name));
        for (ResourceId id : Objects.requireNonNull(ids, "ids")) {
            byObject.put(Objects.requireNonNull(id, "id"), id);
        }
        ids = List.copyOf(byObject.values());
    }

    /** The empty inventory. */
    public static Inventory empty() {
        return EMPTY;
    }

    /** An inventory of these objects. */
    public static Inventory of(Collection<ResourceId> ids) {
        return new Inventory(List.copyOf(ids));
    }

    /** The objects an apply created, configured or found unchanged (what it now owns). */
    public static Inventory of(ChangeSet applied) {
        List<ResourceId> ids = new ArrayList<>();
        for (Change c : applied.changes()) {
            if (c.action() == Action.CREATED || c.action() == Action.CONFIGURED || c.action() == Action.UNCHANGED) {
                ids.add(c.id());
            }
        }
        return new Inventory(ids);
    }

    /** True when the inventory holds the object (any API version). */
    public boolean contains(ResourceId id) {
        for (ResourceId i : ids) {
            if (i.sameObject(id)) {
                return true;
            }
        }
        return false;
    }

    /** The objects of this inventory that {@code newer} no longer holds: what a prune deletes. */
    public List<ResourceId> staleIn(Inventory newer) {
        List<ResourceId> out = new ArrayList<>();
        for (ResourceId id : ids) {
            if (!newer.contains(id)) {
                out.add(id);
            }
        }
        return List.copyOf(out);
    }

    /** The inventory in Flux's {@code status.inventory.entries} form. */
    public List<FluxEntry> fluxEntries() {
        List<FluxEntry> out = new ArrayList<>(ids.size());
        for (ResourceId id : ids) {
            out.add(new FluxEntry(id.namespace() + "_" + id.name() + "_" + id.group() + "_" + id.kind(), id.version()));
        }
        return List.copyOf(out);
    }

    /**
     * Reads Flux's {@code status.inventory.entries}.
     *
     * @throws InvalidInputException when an entry does not have four {@code _}-separated parts
     */
    public static Inventory fromFlux(List<FluxEntry> entries) {
        List<ResourceId> ids = new ArrayList<>();
        for (FluxEntry e : entries) {
            String[] parts = e.id().split("_", -1);
            if (parts.length != 4 || parts[1].isEmpty() || parts[3].isEmpty()) {
                throw new InvalidInputException("invalid inventory entry \"" + e.id()
                        + "\": expected <namespace>_<name>_<group>_<kind>");
            }
            ids.add(new ResourceId(parts[2], e.v(), parts[3], parts[0], parts[1]));
        }
        return new Inventory(ids);
    }
}
