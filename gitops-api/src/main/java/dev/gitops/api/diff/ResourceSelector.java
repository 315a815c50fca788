package dev.gitops.api.diff;

import dev.gitops.api.model.ResourceId;
import java.util.Objects;

/**
 * Selects objects by API group, kind, namespace and name. An empty component matches anything; {@code *} in a
 * name or namespace matches any run of characters ({@code web-*}).
 *
 * @param group API group, {@code ""} for any (the core group is also {@code ""}, so a selector does not single it
 *     out by group alone; combine it with a kind)
 * @param kind kind, {@code ""} for any
 * @param namespace namespace pattern, {@code ""} for any
 * @param name name pattern, {@code ""} for any
 */
public record ResourceSelector(String group, String kind, String namespace, String name) {

    private static final ResourceSelector ANY = new ResourceSelector("", "", "", "");

    /** Validates. */
    public ResourceSelector {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** Matches every object. */
    public static ResourceSelector any() {
        return ANY;
    }

    /** Objects of one kind in one group. */
    public static ResourceSelector kind(String group, String kind) {
        return new ResourceSelector(group, kind, "", "");
    }

    /** The same selector restricted to a name pattern. */
    public ResourceSelector named(String namePattern) {
        return new ResourceSelector(group, kind, namespace, namePattern);
    }

    /** The same selector restricted to a namespace pattern. */
    public ResourceSelector inNamespace(String namespacePattern) {
        return new ResourceSelector(group, kind, namespacePattern, name);
    }

    /** True when the object matches. */
    public boolean matches(ResourceId id) {
        return (group.isEmpty() || group.equals(id.group()))
                && (kind.isEmpty() || kind.equals(id.kind()))
                && glob(namespace, id.namespace())
                && glob(name, id.name());
    }

    private static boolean glob(String pattern, String value) {
        if (pattern.isEmpty() || pattern.equals("*")) {
            return true;
        }
        if (pattern.indexOf('*') < 0) {
            return pattern.equals(value);
        }
        StringBuilder re = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append(".*");
            }
            re.append(java.util.regex.Pattern.quote(parts[i]));
        }
        return value.matches(re.toString());
    }
}
