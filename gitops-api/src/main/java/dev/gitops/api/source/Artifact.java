package dev.gitops.api.source;

import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.source.internal.Snapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable snapshot of a source at one revision, as source-controller's artifact: the files that survived the
 * ignore rules, a revision string in Flux's format and a {@code sha256:} digest.
 *
 * <p>The digest is the SHA-256 of a canonical stream of the files (sorted by path; for each: path, NUL, size, NUL,
 * bytes). It identifies the content as the tarball digest does in Flux, but it is not byte-equal to it.
 *
 * @param revision e.g. {@code main@sha1:0f1e…}, {@code v1.2.3@sha1:…}, {@code sha1:…}
 * @param digest {@code sha256:<hex>}
 * @param files the files, read-only
 * @param lastUpdateTime when this revision was first fetched
 */
public record Artifact(String revision, String digest, FileSystem files, Instant lastUpdateTime) {

    /** Validates. */
    public Artifact {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(lastUpdateTime, "lastUpdateTime");
        if (!digest.startsWith("sha256:")) {
            throw new IllegalArgumentException("digest must start with sha256:");
        }
        if (!(files instanceof Snapshot)) {
            files = Snapshot.copyOf(files);
        }
    }

    /** An artifact holding copies of {@code files} (path to bytes), with its digest computed. */
    public static Artifact of(String revision, Map<String, byte[]> files, Instant lastUpdateTime) {
        NavigableMap<String, byte[]> sorted = new TreeMap<>();
        files.forEach((k, v) -> sorted.put(FsPaths.normalize(k), v.clone()));
        return new Artifact(revision, digestOf(sorted), Snapshot.of(sorted), lastUpdateTime);
    }

    /** The SHA-1 (or other hash) after the last {@code :} of the revision. */
    public String commit() {
        int i = revision.lastIndexOf(':');
        return i < 0 ? revision : revision.substring(i + 1);
    }

    /** The part before {@code @} of the revision ({@code main}, {@code v1.2.3}), or {@code ""}. */
    public String refName() {
        int i = revision.indexOf('@');
        return i < 0 ? "" : revision.substring(0, i);
    }

    /**
     * This artifact with another one's files copied in, as {@code GitRepository.spec.include}: the files under
     * {@code fromPath} of {@code other} land under {@code toPath} here, replacing what was there. The revision is
     * unchanged; the digest is recomputed.
     */
    public Artifact include(Artifact other, String fromPath, String toPath) {
        NavigableMap<String, byte[]> merged = new TreeMap<>(((Snapshot) files).entries());
        String from = FsPaths.normalize(fromPath);
        String to = FsPaths.normalize(toPath);
        merged.keySet().removeIf(k -> !to.isEmpty() && FsPaths.isWithin(k, to));
        for (Map.Entry<String, byte[]> e : ((Snapshot) other.files).entries().entrySet()) {
            String k = e.getKey();
            if (from.isEmpty() || FsPaths.isWithin(k, from)) {
                String rel = from.isEmpty() ? k : k.substring(from.length() + 1);
                merged.put(to.isEmpty() ? rel : to + "/" + rel, e.getValue());
            }
        }
        return new Artifact(revision, digestOf(merged), Snapshot.of(merged), lastUpdateTime);
    }

    static String digestOf(NavigableMap<String, byte[]> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Integer.toString(e.getValue().length).getBytes(StandardCharsets.US_ASCII));
                md.update((byte) 0);
                md.update(e.getValue());
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Artifact[" + revision + ", " + digest + "]";
    }
}
