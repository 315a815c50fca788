package dev.gitops.api.oci.internal;

import dev.gitops.api.fs.internal.AtomicFiles;
import dev.gitops.api.oci.ContentCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ContentCache} in a directory: {@code <dir>/<algorithm>/<hex>}. */
public final class DiskCache implements ContentCache {

    private static final Logger LOG = LoggerFactory.getLogger(DiskCache.class);

    private final Path dir;

    /** A cache rooted at {@code dir} (created on first write). */
    public DiskCache(Path dir) {
        this.dir = dir;
    }

    private Path file(String digest) {
        if (!Digests.valid(digest)) {
            throw new IllegalArgumentException("invalid digest \"" + digest + "\"");
        }
        int colon = digest.indexOf(':');
        return dir.resolve(digest.substring(0, colon)).resolve(digest.substring(colon + 1));
    }

    @Override
    public Optional<byte[]> get(String digest) {
        Path f = file(digest);
        try {
            byte[] b = Files.readAllBytes(f);
            if (!Digests.of(b, digest).equals(digest)) {
                LOG.warn("content cache entry {} is corrupt; ignoring it", f);
                Files.deleteIfExists(f);
                return Optional.empty();
            }
            return Optional.of(b);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("cannot read content cache entry {}: {}", f, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void put(String digest, byte[] content) {
        Digests.check(digest, content);
        Path f = file(digest);
        try {
            if (Files.exists(f)) {
                return;
            }
            AtomicFiles.write(f, content);
        } catch (IOException e) {
            // a cache that cannot be written costs a download next time, nothing more
            LOG.warn("cannot write content cache entry {}: {}", f, e.toString());
        }
    }

    @Override
    public String toString() {
        return "ContentCache[" + dir + "]";
    }
}
