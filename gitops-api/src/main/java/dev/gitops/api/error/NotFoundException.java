package dev.gitops.api.error;

import dev.gitops.api.model.ResourceId;

/** Something named does not exist: a file, a Git reference, a chart version, a cluster object. */
public class NotFoundException extends GitOpsException {

    /** A missing file or field. */
    public NotFoundException(Origin origin, String detail) {
        super(origin, detail);
    }

    /** A missing object. */
    public NotFoundException(ResourceId resourceId, String detail) {
        super(resourceId, detail);
    }

    /** Something missing that has no better location. */
    public NotFoundException(String detail) {
        super(detail);
    }
}
