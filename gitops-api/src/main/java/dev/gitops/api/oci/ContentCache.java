package dev.gitops.api.oci;

import dev.gitops.api.oci.internal.Digests;
import dev.gitops.api.oci.internal.DiskCache;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Content-addressed storage of downloaded blobs and chart archives, keyed by digest ({@code sha256:<hex>}): a hit
 * saves the download. Implementations verify what they return against the key (a corrupt entry is a miss) and are
 * thread-safe.
 */
public interface ContentCache {

    /** The content stored under {@code digest}, verified. */
    Optional<byte[]> get(String digest);

    /**
     * Stores content under its digest.
     *
     * @throws IllegalArgumentException when the content does not have that digest
     */
    void put(String digest, byte[] content);

    /** Caches nothing. */
    static ContentCache none() {
        return new ContentCache() {
            @Override
            public Optional<byte[]> get(String digest) {
                return Optional.empty();
            }

            @Override
            public void put(String digest, byte[] content) {
                Digests.check(digest, content);
            }
        };
    }

    /** An in-memory cache holding at most {@code maxBytes} of content, evicting the least recently used. */
    static ContentCache inMemory(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative");
        }
        return new ContentCache() {
            private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(16, 0.75f, true);
            private long size;

            @Override
            public synchronized Optional<byte[]> get(String digest) {
                byte[] b = entries.get(digest);
                return b == null ? Optional.empty() : Optional.of(b.clone());
            }

            @Override
            public synchronized void put(String digest, byte[] content) {
                Digests.check(digest, content);
                if (content.length > maxBytes || entries.containsKey(digest)) {
                    return;
                }
                entries.put(digest, content.clone());
                size += content.length;
                var it = entries.entrySet().iterator();
                while (size > maxBytes && it.hasNext()) {
                    Map.Entry<String, byte[]> e = it.next();
                    size -= e.getValue().length;
                    it.remove();
                }
            }
        };
    }

    /**
     * A cache in a directory ({@code <dir>/<algorithm>/<hex>}), shared safely between processes: entries are
     * written to a temporary file and moved into place, and verified when read.
     */
    static ContentCache onDisk(Path dir) {
        return new DiskCache(Objects.requireNonNull(dir, "dir"));
    }
}
