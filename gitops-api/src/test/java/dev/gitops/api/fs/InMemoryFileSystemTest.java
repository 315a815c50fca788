package dev.gitops.api.fs;

import java.util.Map;

class InMemoryFileSystemTest extends FileSystemContract {
    @Override
    protected FileSystem create(Map<String, byte[]> files) {
        return FileSystem.inMemory(files);
    }
}
