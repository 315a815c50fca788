package dev.gitops.api.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.error.Origin;
import java.util.Objects;

/**
 * One document of a YAML stream: its content as a Jackson tree (a {@code NullNode} for an empty document), its
 * index in the stream, and where each node stood in the file.
 *
 * <p>The content tree belongs to the caller once returned; the reader keeps no reference to it.
 *
 * @param content the document's content
 * @param index 0-based position of the document in its stream
 * @param sourceMap positions of the nodes in the file
 */
public record YamlDocument(JsonNode content, int index, SourceMap sourceMap) {

    /** Validates the components. */
    public YamlDocument {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sourceMap, "sourceMap");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0");
        }
    }

    /** True for an empty document (nothing but comments, or an explicit null). */
    public boolean isEmpty() {
        return content.isNull() || content.isMissingNode();
    }

    /** Where the document starts. */
    public Origin origin() {
        return sourceMap.documentOrigin().orElse(Origin.of(sourceMap.file()));
    }
}
