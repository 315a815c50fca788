package dev.gitops.sops;

import dev.gitops.sops.internal.Stores;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A decrypted SOPS document: its format and its plaintext tree, one branch per YAML document (other formats have
 * exactly one). Treat it as secret.
 *
 * @param format the store the document was read with
 * @param branches the plaintext documents
 */
public record SopsDocument(Format format, List<SopsNode.Branch> branches) {

    /** Copies. */
    public SopsDocument {
        Objects.requireNonNull(format, "format");
        branches = List.copyOf(branches);
    }

    /** The plaintext in the document's own format (sops -d output; BINARY gives the raw bytes). */
    public byte[] toBytes() {
        return toBytes(format);
    }

    /** The plaintext in another format (sops -d --output-type). */
    public byte[] toBytes(Format output) {
        return Stores.emit(branches, Map.of(), output);
    }

    @Override
    public String toString() {
        return "SopsDocument[" + format + ", " + branches.size() + " document(s)]";
    }
}
