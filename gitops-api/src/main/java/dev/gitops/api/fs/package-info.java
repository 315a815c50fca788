/** The file-system abstraction every loader reads through: on disk (rooted, symlink-safe) and in memory. */
package dev.gitops.api.fs;
