package dev.gitops.api.oci;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A manifest as fetched: an image manifest (config and layers) or an index of manifests. */
public sealed interface OciManifest {

    /** The media type (from the document, else the response's {@code Content-Type}). */
    String mediaType();

    /** The digest of the manifest bytes. */
    String digest();

    /** The annotations. */
    Map<String, String> annotations();

    /** The bytes as served (their digest is {@link #digest()}). */
    byte[] bytes();

    /**
     * An image manifest.
     *
     * @param mediaType the media type
     * @param digest the digest
     * @param artifactType the artifactType, {@code ""} when absent
     * @param config the config descriptor
     * @param layers the layers, in order
     * @param annotations the annotations
     * @param bytes the bytes
     */
    record Image(String mediaType, String digest, String artifactType, Descriptor config, List<Descriptor> layers,
            Map<String, String> annotations, byte[] bytes) implements OciManifest {
        /** Validates and copies. */
        public Image {
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(artifactType, "artifactType");
            Objects.requireNonNull(config, "config");
            layers = List.copyOf(layers);
            annotations = Map.copyOf(annotations);
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The first layer with {@code mediaType}. */
        public java.util.Optional<Descriptor> layer(String layerMediaType) {
            return layers.stream().filter(l -> l.mediaType().equals(layerMediaType)).findFirst();
        }
    }

    /**
     * An image index (or Docker manifest list).
     *
     * @param mediaType the media type
     * @param digest the digest
     * @param manifests the child manifests
     * @param annotations the annotations
     * @param bytes the bytes
     */
    record Index(String mediaType, String digest, List<Descriptor> manifests, Map<String, String> annotations,
            byte[] bytes) implements OciManifest {
        /** Validates and copies. */
        public Index {
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(digest, "digest");
            manifests = List.copyOf(manifests);
            annotations = Map.copyOf(annotations);
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }
}
