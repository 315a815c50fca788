package dev.gitops.api.image.internal;

import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.image.ManifestFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link ManifestFiles} in memory. Not API. */
public final class InMemoryManifestFiles implements ManifestFiles {

    private final TreeMap<String, byte[]> files = new TreeMap<>();

    /** A copy of the given files. */
    public InMemoryManifestFiles(Map<String, byte[]> initial) {
        initial.forEach((k, v) -> files.put(DirectoryManifestFiles.checkRelative(k), v.clone()));
    }

    @Override
    public List<String> list() {
        return new ArrayList<>(files.keySet());
    }

    @Override
    public byte[] read(String path) {
        byte[] b = files.get(path);
        if (b == null) {
            throw new NotFoundException("no such file: " + path);
        }
        return b.clone();
    }

    @Override
    public void write(String path, byte[] content) {
        if (!files.containsKey(path)) {
            throw new NotFoundException("no such file: " + path);
        }
        files.put(path, content.clone());
    }
}
