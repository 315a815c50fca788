package dev.gitops.kustomize.internal;

import dev.gitops.api.fs.FileSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/** Remote bases ({@code https://host/org/repo//path?ref=v1}, {@code git@host:org/repo//path}, {@code file://}). */
final class Remote {

    /** A parsed remote target. */
    record Spec(String repoUrl, String path, String ref) {}

    private Remote() {}

    static Spec parse(String url) {
        String u = url;
        String ref = "";
        int q = u.indexOf('?');
        if (q >= 0) {
            for (String kv : u.substring(q + 1).split("&")) {
                int eq = kv.indexOf('=');
                String k = eq < 0 ? kv : kv.substring(0, eq);
                String v = eq < 0 ? "" : kv.substring(eq + 1);
                if (k.equals("ref") || k.equals("version")) {
                    ref = v;
                }
            }
            u = u.substring(0, q);
        }
        if (u.startsWith("git::")) {
            u = u.substring(5);
        }
        if (u.startsWith("github.com/")) {
            u = "https://" + u;
        }
        int schemeEnd = u.indexOf("://");
        int searchFrom = schemeEnd >= 0 ? schemeEnd + 3 : 0;
        int dbl = u.indexOf("//", searchFrom);
        String repo;
        String path;
        if (dbl >= 0) {
            repo = u.substring(0, dbl);
            path = u.substring(dbl + 2);
        } else if (u.contains(".git/") || u.endsWith(".git")) {
            int g = u.indexOf(".git") + 4;
            repo = u.substring(0, g);
            path = u.substring(g);
        } else if (u.startsWith("https://github.com/")) {
            String[] parts = u.substring("https://github.com/".length()).split("/", 3);
            if (parts.length < 2) {
                throw new BuildError("invalid remote resource '" + url + "': expected github.com/org/repo[//path]");
            }
            repo = "https://github.com/" + parts[0] + "/" + parts[1];
            path = parts.length > 2 ? parts[2] : "";
        } else {
            throw new BuildError("invalid remote resource '" + url
                    + "': separate the repository from the path with '//' (e.g. https://host/org/repo//path?ref=v1)");
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return new Spec(repo, path, ref);
    }

    /** Clones (or reuses from the cache) the repository at the ref; returns a loader for the path in it. */
    static Loader load(String url, Path cacheDir, boolean rootOnly) {
        Spec s = parse(url);
        Path dir = cacheDir.resolve(key(s.repoUrl() + "@" + s.ref()));
        try {
            if (!Files.isDirectory(dir.resolve(".git"))) {
                try (Git git = Git.cloneRepository().setURI(s.repoUrl()).setDirectory(dir.toFile())
                        .call()) {
                    checkout(git, s.ref());
                } catch (GitAPIException | IOException | RuntimeException e) {
                    deleteTree(dir);
                    throw e;
                }
            }
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (e instanceof BuildError be) {
                throw be;
            }
            throw new BuildError("failed to fetch remote resource '" + url + "' (repository " + s.repoUrl()
                    + (s.ref().isEmpty() ? "" : ", ref " + s.ref()) + "): " + e.getMessage(), e);
        }
        FileSystem fs = FileSystem.onDisk(dir);
        return new Loader(fs, s.path(), rootOnly);
    }

    private static void checkout(Git git, String ref) throws GitAPIException, IOException {
        Repository repo = git.getRepository();
        String target = ref.isEmpty() ? "HEAD" : ref;
        ObjectId id = null;
        for (String candidate : new String[] {"refs/remotes/origin/" + target, "refs/tags/" + target, target}) {
            id = repo.resolve(candidate + "^{commit}");
            if (id != null) {
                break;
            }
        }
        if (id == null) {
            throw new BuildError("ref '" + target + "' not found in " + repo.getConfig().getString("remote",
                    "origin", "url"));
        }
        git.checkout().setName(id.getName()).setForced(true).call();
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    private static String key(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
