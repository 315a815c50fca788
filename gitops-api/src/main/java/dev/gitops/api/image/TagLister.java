package dev.gitops.api.image;

import java.util.List;

/**
 * Lists the tags of an image repository: the plug point between image policies and registries.
 * {@link RegistryClient} talks to OCI registries; {@link #of(java.util.Map)} serves fixed lists (tests, offline use).
 */
public interface TagLister {

    /**
     * The tags of a repository, in the registry's order.
     *
     * @param repository an image repository, e.g. {@code ghcr.io/org/app}, {@code nginx},
     *     {@code localhost:5000/team/app}
     * @throws dev.gitops.api.error.NotFoundException when the repository does not exist
     * @throws RegistryException when the registry cannot be reached, refuses access or answers nonsense
     */
    List<String> listTags(String repository);

    /** Fixed tag lists by repository name (as given to {@link #listTags}). */
    static TagLister of(java.util.Map<String, List<String>> tags) {
        java.util.Map<String, List<String>> copy = new java.util.HashMap<>();
        tags.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return repository -> {
            List<String> t = copy.get(repository);
            if (t == null) {
                throw new dev.gitops.api.error.NotFoundException("repository " + repository + " not found");
            }
            return t;
        };
    }
}
