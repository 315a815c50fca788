package dev.gitops.kustomize;

/** kustomize's load restrictor: whether files may be read from outside a kustomization's root. */
public enum LoadRestrictions {
    /** {@code LoadRestrictionsRootOnly} (the default): files must be in or below the kustomization root. */
    ROOT_ONLY,
    /** {@code LoadRestrictionsNone}: files may be read from anywhere in the file system. */
    NONE;

    /** Parses kustomize's flag value ({@code LoadRestrictionsRootOnly} / {@code LoadRestrictionsNone}). */
    public static LoadRestrictions parse(String s) {
        return switch (s) {
            case "LoadRestrictionsRootOnly", "rootOnly", "ROOT_ONLY" -> ROOT_ONLY;
            case "LoadRestrictionsNone", "none", "NONE" -> NONE;
            default -> throw new KustomizeException("illegal flag value --load-restrictor " + s
                    + "; legal values: [LoadRestrictionsRootOnly LoadRestrictionsNone]");
        };
    }
}
