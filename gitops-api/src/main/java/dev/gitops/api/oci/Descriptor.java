package dev.gitops.api.oci;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.oci.internal.Digests;
import java.util.Map;
import java.util.Objects;

/**
 * An OCI content descriptor: what a manifest says about a config, layer or child manifest.
 *
 * @param mediaType the media type
 * @param digest the digest ({@code sha256:<hex>})
 * @param size the size in bytes
 * @param annotations the annotations
 */
public record Descriptor(String mediaType, String digest, long size, Map<String, String> annotations) {

    /** Validates and copies. */
    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (!Digests.valid(digest)) {
            throw new InvalidInputException("invalid digest \"" + digest + "\"");
        }
        if (size < 0) {
            throw new InvalidInputException("negative size " + size + " for " + digest);
        }
        annotations = Map.copyOf(annotations);
    }

    /** The descriptor of {@code content}. */
    public static Descriptor of(String mediaType, byte[] content) {
        return new Descriptor(mediaType, Digests.sha256(content), content.length, Map.of());
    }
}
