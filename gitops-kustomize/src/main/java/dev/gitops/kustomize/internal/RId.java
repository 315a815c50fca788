package dev.gitops.kustomize.internal;

/** Kustomize's ResId: gvk, name, namespace with "effective namespace" equality. */
public record RId(Gvk gvk, String name, String namespace) {

    public RId {
        name = name == null ? "" : name;
        namespace = namespace == null ? "" : namespace;
    }

    public String effectiveNamespace() {
        if (gvk.clusterScoped()) {
            return "_non_namespaceable_";
        }
        if (namespace.isEmpty() || namespace.equals("default")) {
            return "default";
        }
        return namespace;
    }

    public boolean isNsEquals(RId o) {
        return effectiveNamespace().equals(o.effectiveNamespace());
    }

    /** Kustomize's {@code ResId.Equals}. */
    public boolean same(RId o) {
        return name.equals(o.name) && gvk.equals(o.gvk) && isNsEquals(o);
    }

    /** A key that is equal exactly when {@link #same} holds. */
    public String key() {
        return gvk.group() + "|" + gvk.version() + "|" + gvk.kind() + "|" + name + "|" + effectiveNamespace();
    }

    public boolean isSelectedBy(RId selector) {
        return (selector.name.isEmpty() || selector.name.equals(name))
                && (selector.namespace.isEmpty() || selector.isNsEquals(this))
                && gvk.isSelected(selector.gvk);
    }

    /** Kustomize's {@code ResId.String()}. */
    @Override
    public String toString() {
        return gvk + "/" + (name.isEmpty() ? "[noName]" : name) + "." + (namespace.isEmpty() ? "[noNs]" : namespace);
    }
}
