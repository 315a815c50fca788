package dev.gitops.api.oci;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.oci.internal.Digests;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A reference to content in a registry: {@code registry/repository[:tag][@digest]}, e.g.
 * {@code ghcr.io/org/app:1.2.3}, {@code localhost:5000/charts/web@sha256:…}. Docker's naming rules apply: a first
 * component with a {@code .} or {@code :}, or {@code localhost}, is the registry; otherwise the registry is Docker
 * Hub ({@code docker.io}, {@code library/} added to one-component names). An {@code oci://} prefix is accepted.
 *
 * @param registry the registry host ({@code host[:port]})
 * @param repository the repository path
 * @param tag the tag, {@code ""} for none
 * @param digest the digest, {@code ""} for none (it wins over the tag)
 */
public record OciReference(String registry, String repository, String tag, String digest) {

    private static final Pattern PATH = Pattern.compile(
            "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(?::[0-9]+)?|\\[[0-9A-Fa-f:]+\\](?::[0-9]+)?");

    /** Validates. */
    public OciReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        if (!HOST.matcher(registry).matches()) {
            throw new InvalidInputException("invalid registry \"" + registry + "\"");
        }
        if (!PATH.matcher(repository).matches()) {
            throw new InvalidInputException("invalid repository name \"" + repository + "\"");
        }
        if (!tag.isEmpty() && !TAG.matcher(tag).matches()) {
            throw new InvalidInputException("invalid tag \"" + tag + "\"");
        }
        if (!digest.isEmpty() && !Digests.valid(digest)) {
            throw new InvalidInputException("invalid digest \"" + digest + "\"");
        }
    }

    /**
     * Parses {@code [oci://]name[:tag][@digest]}.
     *
     * @throws InvalidInputException when it is not a reference
     */
    public static OciReference parse(String reference) {
        Objects.requireNonNull(reference, "reference");
        String s = reference.startsWith("oci://") ? reference.substring("oci://".length()) : reference;
        if (s.isEmpty() || !s.equals(s.strip())) {
            throw new InvalidInputException("invalid OCI reference \"" + reference + "\"");
        }
        String digest = "";
        int at = s.indexOf('@');
        if (at >= 0) {
            digest = s.substring(at + 1);
            s = s.substring(0, at);
        }
        String tag = "";
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        if (colon > slash) {
            tag = s.substring(colon + 1);
            s = s.substring(0, colon);
        }
        String registry = "docker.io";
        String path = s;
        int first = s.indexOf('/');
        if (first > 0) {
            String head = s.substring(0, first);
            if (head.contains(".") || head.contains(":") || head.equals("localhost") || head.startsWith("[")) {
                registry = head;
                path = s.substring(first + 1);
            }
        }
        if (registry.equals("docker.io") && !path.contains("/")) {
            path = "library/" + path;
        }
        try {
            return new OciReference(registry, path, tag, digest);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("invalid OCI reference \"" + reference + "\": " + e.getMessage());
        }
    }

    /** This repository with a tag (and no digest). */
    public OciReference withTag(String t) {
        return new OciReference(registry, repository, t, "");
    }

    /** This repository with a digest (and no tag). */
    public OciReference withDigest(String d) {
        return new OciReference(registry, repository, "", d);
    }

    /** The repository alone. */
    public OciReference repositoryOnly() {
        return new OciReference(registry, repository, "", "");
    }

    /** What manifests are fetched by: the digest if any, else the tag, else {@code latest}. */
    public String identifier() {
        return !digest.isEmpty() ? digest : !tag.isEmpty() ? tag : "latest";
    }

    /** {@code registry/repository}. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The host the distribution API is served from. */
    public String apiHost() {
        return registry.equals("docker.io") ? "registry-1.docker.io" : registry;
    }

    /** True when the registry is a loopback host ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}). */
    public boolean loopback() {
        String host = registry.startsWith("[") ? registry.substring(0, registry.indexOf(']') + 1)
                : registry.contains(":") ? registry.substring(0, registry.indexOf(':')) : registry;
        return host.equals("localhost") || host.matches("127\\.\\d+\\.\\d+\\.\\d+") || host.equals("[::1]");
    }

    /** {@code registry/repository[:tag][@digest]}. */
    @Override
    public String toString() {
        return name() + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }
}
