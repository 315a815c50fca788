package dev.gitops.api.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code dependsOn} graph of Kustomizations or HelmReleases (keys are {@code namespace/name}): a deterministic
 * topological order (dependencies first; ties in key order) and the cycles that prevent one. A dependency on a key
 * that is not in the graph is kept as {@link #missing()}: Flux waits for it, it does not fail the graph.
 *
 * <p>Immutable and thread-safe.
 */
public final class DependencyGraph {

    private final Map<String, List<String>> edges;

    private DependencyGraph(Map<String, List<String>> edges) {
        this.edges = edges;
    }

    /** A graph from each node to the nodes it depends on. */
    public static DependencyGraph of(Map<String, ? extends List<String>> dependsOn) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        new TreeSet<>(dependsOn.keySet()).forEach(k -> copy.put(k, List.copyOf(dependsOn.get(k))));
        return new DependencyGraph(Collections.unmodifiableMap(copy));
    }

    /** The nodes. */
    public Set<String> nodes() {
        return edges.keySet();
    }

    /** The direct dependencies of a node. */
    public List<String> dependencies(String node) {
        return edges.getOrDefault(node, List.of());
    }

    /** Dependencies that name no node of the graph, by node. */
    public Map<String, List<String>> missing() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        edges.forEach((k, deps) -> {
            List<String> m = deps.stream().filter(d -> !edges.containsKey(d)).toList();
            if (!m.isEmpty()) {
                out.put(k, m);
            }
        });
        return out;
    }

    /** The result of ordering. */
    public sealed interface Ordering {
        /**
         * Every node, dependencies first.
         *
         * @param order the order
         */
        record Ordered(List<String> order) implements Ordering {
            /** Copies. */
            public Ordered {
                order = List.copyOf(order);
            }
        }

        /**
         * A cycle prevents an order.
         *
         * @param cycle the nodes of one cycle, starting and ending with the same node
         * @param order the nodes outside any cycle that could be ordered, dependencies first
         */
        record Cyclic(List<String> cycle, List<String> order) implements Ordering {
            /** Copies. */
            public Cyclic {
                cycle = List.copyOf(cycle);
                order = List.copyOf(order);
            }

            /** {@code a -> b -> a}. */
            public String describe() {
                return String.join(" -> ", cycle);
            }
        }
    }

    /** Orders the nodes, or reports the first cycle found (in key order). */
    public Ordering order() {
        Map<String, Integer> state = new HashMap<>();
        List<String> order = new ArrayList<>();
        List<String> cycle = null;
        for (String n : edges.keySet()) {
            List<String> c = visit(n, state, order, new ArrayList<>());
            if (c != null && cycle == null) {
                cycle = c;
            }
        }
        if (cycle == null) {
            return new Ordering.Ordered(order);
        }
        return new Ordering.Cyclic(cycle, order);
    }

    /** Depth-first: 1 = on the stack, 2 = done, 3 = in or behind a cycle. */
    private List<String> visit(String n, Map<String, Integer> state, List<String> order, List<String> stack) {
        Integer s = state.get(n);
        if (s != null) {
            if (s == 1) {
                List<String> c = new ArrayList<>(stack.subList(stack.indexOf(n), stack.size()));
                c.add(n);
                return c;
            }
            return s == 3 ? List.of() : null;
        }
        if (!edges.containsKey(n)) {
            return null;
        }
        state.put(n, 1);
        stack.add(n);
        List<String> found = null;
        for (String d : new TreeSet<>(Objects.requireNonNull(edges.get(n)))) {
            List<String> c = visit(d, state, order, stack);
            if (c != null && found == null) {
                found = c;
            }
        }
        stack.remove(stack.size() - 1);
        if (found != null) {
            state.put(n, 3);
            return found;
        }
        state.put(n, 2);
        order.add(n);
        return null;
    }
}
