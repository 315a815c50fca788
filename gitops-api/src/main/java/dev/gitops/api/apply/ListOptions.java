package dev.gitops.api.apply;

import java.util.Objects;

/**
 * Which objects of a kind to list.
 *
 * @param namespace the namespace, {@code ""} for all namespaces (and for cluster-scoped kinds)
 * @param selector the label selector
 */
public record ListOptions(String namespace, LabelSelector selector) {

    /** Validates the components. */
    public ListOptions {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(selector, "selector");
    }

    /** All namespaces, every object. */
    public static ListOptions defaults() {
        return new ListOptions("", LabelSelector.everything());
    }

    /** These options restricted to one namespace. */
    public ListOptions inNamespace(String ns) {
        return new ListOptions(ns, selector);
    }

    /** These options with a label selector. */
    public ListOptions withSelector(LabelSelector s) {
        return new ListOptions(namespace, s);
    }
}
