package dev.gitops.api.source;

import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.semver.Constraint;
import dev.gitops.api.semver.SemVer;
import dev.gitops.api.source.internal.SshSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.LsRemoteCommand;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches Git repositories as Flux's source-controller does for a {@code GitRepository}: resolves the reference on
 * the remote, downloads only what the checkout needs (shallow for branches, tags and names; the full history for a
 * commit), reads the commit's tree straight from the object database (no work tree), applies the ignore rules and
 * returns an {@link Artifact}. When the remote still points at the revision already fetched for the same spec,
 * nothing is downloaded and the cached artifact is returned as {@link FetchResult.Unchanged}.
 *
 * <p>SSH remotes ({@code ssh://…}, scp-like {@code git@host:path}) need {@link GitCredentials.Ssh}: each fetch opens
 * its own JGit Apache MINA sshd session factory that offers only that identity and accepts only host keys listed in
 * its known_hosts ({@link HostKeyException} otherwise); {@code ~/.ssh}, ssh config and agents are never used.
 *
 * <p>Thread-safe; fetches of the same URL are serialised. Bare caches live under {@link Builder#cacheDir(Path)}.
 *
 * <pre>{@code
 * GitSource git = GitSource.builder().cacheDir(dir).build();
 * Artifact a = git.fetch(GitSourceSpec.of("https://example.com/fleet.git", GitReference.ofBranch("main")))
 *         .artifact();
 * a.revision();   // "main@sha1:…"
 * }</pre>
 */
public final class GitSource {

    private static final Logger LOG = LoggerFactory.getLogger(GitSource.class);

    private final Path cacheDir;
    private final Clock clock;
    private final Function<GitCredentials.Ssh, SshSessionFactory> sshSessions;
    private final Map<GitSourceSpec, Artifact> artifacts = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private GitSource(Builder b) {
        this.cacheDir = b.cacheDir;
        this.clock = b.clock;
        this.sshSessions = b.sshSessions;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fetches the artifact for {@code spec}.
     *
     * @throws SourceException when the remote cannot be read, the reference does not exist or the timeout expires
     */
    public FetchResult fetch(GitSourceSpec spec) {
        Objects.requireNonNull(spec, "spec");
        synchronized (locks.computeIfAbsent(spec.url(), k -> new Object())) {
            try (Remote remote = remote(spec)) {
                Artifact cached = artifacts.get(spec);
                Resolved r = resolve(remote, cached);
                if (cached != null && cached.revision().equals(r.revision)) {
                    LOG.debug("{} unchanged at {}", spec.redactedUrl(), r.revision);
                    return new FetchResult.Unchanged(cached);
                }
                Artifact a = checkout(remote, r);
                artifacts.put(spec, a);
                LOG.info("fetched {} {} as {}", spec.redactedUrl(), spec.reference(), a.revision());
                return new FetchResult.Fetched(a);
            }
        }
    }

    /**
     * One fetch's view of the remote: the spec, the URL handed to JGit (SSH URLs get Flux's default user
     * {@code git}) and, for SSH, the session factory of this fetch.
     */
    private record Remote(GitSourceSpec spec, String url, SshSessionFactory ssh, SshSessions owned)
            implements AutoCloseable {
        @Override
        public void close() {
            if (owned != null) {
                owned.close();
            }
        }
    }

    private Remote remote(GitSourceSpec spec) {
        if (!"ssh".equals(spec.scheme().orElse(""))) {
            return new Remote(spec, spec.url(), null, null);
        }
        GitCredentials.Ssh s = SshSessions.validate(spec.credentials());
        String url = withDefaultUser(spec.url());
        if (sshSessions != null) {
            return new Remote(spec, url, sshSessions.apply(s), null);
        }
        SshSessions owned = SshSessions.create(s, cacheDir().resolve(".no-home").toFile());
        return new Remote(spec, url, owned.factory(), owned);
    }

    /** {@code ssh://host/p} becomes {@code ssh://git@host/p}; URLs naming a user and scp-like ones are kept. */
    static String withDefaultUser(String url) {
        if (url.startsWith("ssh://")) {
            int slash = url.indexOf('/', 6);
            String authority = slash < 0 ? url.substring(6) : url.substring(6, slash);
            if (!authority.contains("@")) {
                return "ssh://" + SshSessions.DEFAULT_USER + "@" + url.substring(6);
            }
        }
        return url;
    }

    /** The reference resolved on the remote: the revision string, the commit, and the refspec to fetch. */
    private record Resolved(String revision, ObjectId commit, String remoteRef, boolean shallow) {
    }

    private Resolved resolve(Remote remote, Artifact cached) {
        GitSourceSpec spec = remote.spec;
        GitReference ref = spec.reference();
        if (ref.kind() == GitReference.Kind.COMMIT) {
            String rev = ref.branch().isEmpty() ? "sha1:" + ref.commit().toLowerCase()
                    : ref.branch() + "@sha1:" + ref.commit().toLowerCase();
            String remoteRef = ref.branch().isEmpty() ? "" : Constants.R_HEADS + ref.branch();
            return new Resolved(rev, ObjectId.fromString(ref.commit()), remoteRef, false);
        }
        Map<String, ObjectId> refs = lsRemote(remote);
        switch (ref.kind()) {
            case NAME -> {
                ObjectId id = refs.get(ref.name());
                if (id == null) {
                    throw notFound(spec, ref.name());
                }
                return new Resolved(ref.name() + "@sha1:" + id.name(), id, ref.name(), true);
            }
            case TAG -> {
                String name = Constants.R_TAGS + ref.tag();
                ObjectId id = refs.get(name);
                if (id == null) {
                    throw notFound(spec, name);
                }
                return new Resolved(ref.tag() + "@sha1:" + id.name(), id, name, true);
            }
            case SEMVER -> {
                Constraint c;
                try {
                    c = Constraint.parse(ref.semver());
                } catch (RuntimeException e) {
                    throw new SourceException("semver parse error: " + e.getMessage(), e);
                }
                List<String> tags = new ArrayList<>();
                for (String k : refs.keySet()) {
                    if (k.startsWith(Constants.R_TAGS)) {
                        tags.add(k.substring(Constants.R_TAGS.length()));
                    }
                }
                Optional<SemVer> best = c.latest(tags);
                if (best.isEmpty()) {
                    throw new SourceException("failed to checkout and determine revision: unable to clone '"
                            + spec.redactedUrl() + "': no match found for semver: " + ref.semver());
                }
                String tag = best.get().original();
                String name = Constants.R_TAGS + tag;
                ObjectId id = refs.get(name);
                return new Resolved(tag + "@sha1:" + id.name(), id, name, true);
            }
            default -> {
                String branch = ref.effectiveBranch();
                String name = Constants.R_HEADS + branch;
                ObjectId id = refs.get(name);
                if (id == null) {
                    throw notFound(spec, name);
                }
                return new Resolved(branch + "@sha1:" + id.name(), id, name, true);
            }
        }
    }

    private static SourceException notFound(GitSourceSpec spec, String refName) {
        return new SourceException("failed to checkout and determine revision: unable to clone '"
                + spec.redactedUrl() + "': couldn't find remote ref \"" + refName + "\"");
    }

    /** Remote references to peeled commit ids. */
    private Map<String, ObjectId> lsRemote(Remote remote) {
        GitSourceSpec spec = remote.spec;
        LsRemoteCommand ls = Git.lsRemoteRepository().setRemote(remote.url).setHeads(true).setTags(true);
        configure(ls, remote);
        Collection<Ref> refs = call(remote, () -> ls.call());
        Map<String, ObjectId> out = new HashMap<>();
        for (Ref r : refs) {
            ObjectId id = r.getPeeledObjectId() != null ? r.getPeeledObjectId() : r.getObjectId();
            if (id != null) {
                out.put(r.getName(), id);
            }
        }
        if (spec.reference().kind() == GitReference.Kind.NAME && !out.containsKey(spec.reference().name())) {
            // refs outside heads/tags (e.g. refs/pull/1/head) need a full listing
            LsRemoteCommand all = Git.lsRemoteRepository().setRemote(remote.url);
            configure(all, remote);
            for (Ref r : call(remote, () -> all.call())) {
                ObjectId id = r.getPeeledObjectId() != null ? r.getPeeledObjectId() : r.getObjectId();
                if (id != null) {
                    out.put(r.getName(), id);
                }
            }
        }
        return out;
    }

    private Artifact checkout(Remote remote, Resolved r) {
        GitSourceSpec spec = remote.spec;
        Path dir = cacheDir().resolve(hash(spec.url()));
        try {
            Repository repo;
            if (Files.isDirectory(dir.resolve("objects"))) {
                repo = Git.open(dir.toFile()).getRepository();
            } else {
                Files.createDirectories(dir);
                repo = Git.init().setBare(true).setDirectory(dir.toFile()).call().getRepository();
                // no background auto-gc threads in an embedded engine
                repo.getConfig().setInt("gc", null, "auto", 0);
                repo.getConfig().setBoolean("receive", null, "autogc", false);
                repo.getConfig().save();
            }
            try (repo; Git git = new Git(repo)) {
                if (!hasCommit(repo, r.commit)) {
                    FetchCommand f = git.fetch().setRemote(remote.url).setTagOpt(TagOpt.NO_TAGS);
                    if (r.remoteRef.isEmpty()) {
                        f.setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"),
                                new RefSpec("+refs/tags/*:refs/tags/*"));
                    } else {
                        f.setRefSpecs(new RefSpec("+" + r.remoteRef + ":" + r.remoteRef));
                    }
                    if (r.shallow) {
                        f.setDepth(1);
                    }
                    configure(f, remote);
                    call(remote, () -> f.call());
                }
                if (!hasCommit(repo, r.commit)) {
                    throw new SourceException("failed to checkout and determine revision: unable to clone '"
                            + spec.redactedUrl() + "': object not found: commit " + r.commit.name()
                            + (spec.reference().branch().isEmpty() ? "" : " on branch " + spec.reference().branch()));
                }
                return read(repo, r, spec);
            }
        } catch (IOException e) {
            throw new SourceException("failed to checkout and determine revision: " + spec.redactedUrl() + ": "
                    + e.getMessage(), e);
        } catch (GitAPIException e) {
            throw new SourceException("failed to initialise the cache for " + spec.redactedUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean hasCommit(Repository repo, ObjectId id) throws IOException {
        try (RevWalk rw = new RevWalk(repo)) {
            rw.parseCommit(id);
            return true;
        } catch (MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            return false;
        }
    }

    private Artifact read(Repository repo, Resolved r, GitSourceSpec spec) throws IOException {
        try (RevWalk rw = new RevWalk(repo)) {
            RevCommit c = rw.parseCommit(r.commit);
            // pass 1: the .sourceignore files, root first, then directories depth-first by name
            List<String> ignoreFiles = new ArrayList<>();
            try (TreeWalk tw = new TreeWalk(repo)) {
                tw.addTree(c.getTree());
                tw.setRecursive(false);
                while (tw.next()) {
                    if (tw.isSubtree()) {
                        if (!tw.getNameString().equals(".git")) {
                            tw.enterSubtree();
                        }
                    } else if (tw.getNameString().equals(SourceIgnore.IGNORE_FILE)
                            && tw.getFileMode(0).getObjectType() == Constants.OBJ_BLOB
                            && tw.getFileMode(0) != FileMode.SYMLINK) {
                        ignoreFiles.add(tw.getPathString());
                    }
                }
            }
            ignoreFiles.sort(Comparator.comparing((String p) -> List.of(p.split("/")), GitSource::preOrder));
            SourceIgnore ignore = SourceIgnore.defaults();
            for (String f : ignoreFiles) {
                byte[] content;
                try (TreeWalk one = TreeWalk.forPath(repo, f, c.getTree())) {
                    content = repo.open(one.getObjectId(0)).getBytes();
                }
                int slash = f.lastIndexOf('/');
                ignore = ignore.with(slash < 0 ? "" : f.substring(0, slash),
                        new String(content, StandardCharsets.UTF_8));
            }
            ignore = ignore.with("", spec.ignore());
            // pass 2: the files
            NavigableMap<String, byte[]> files = new TreeMap<>();
            try (TreeWalk tw = new TreeWalk(repo)) {
                tw.addTree(c.getTree());
                tw.setRecursive(false);
                while (tw.next()) {
                    String p = tw.getPathString();
                    FileMode m = tw.getFileMode(0);
                    if (tw.isSubtree()) {
                        if (!ignore.isIgnored(p, true)) {
                            tw.enterSubtree();
                        }
                    } else if ((m == FileMode.REGULAR_FILE || m == FileMode.EXECUTABLE_FILE)
                            && !ignore.isIgnored(p, false)) {
                        files.put(p, repo.open(tw.getObjectId(0)).getBytes());
                    }
                }
            }
            return Artifact.of(r.revision, files, clock.instant());
        }
    }

    private static int preOrder(List<String> a, List<String> b) {
        // directories of the two files, compared so that a directory comes before its subdirectories
        int n = Math.min(a.size(), b.size()) - 1;
        for (int i = 0; i < n; i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private interface GitCall<T> {
        T call() throws GitAPIException;
    }

    private static <T> T call(Remote remote, GitCall<T> c) {
        GitSourceSpec spec = remote.spec;
        try {
            return c.call();
        } catch (TransportException e) {
            if (remote.owned != null && remote.owned.rejection().isPresent()) {
                throw hostKey(spec, remote.owned.rejection().get(), e);
            }
            String msg = e.getMessage() == null ? "transport error" : redact(e.getMessage(), remote);
            if (remote.ssh != null) {
                msg = sshMessage(msg, remote);
            }
            if (msg.contains("not found") || msg.contains("does not appear to be a git repository")) {
                throw new NotFoundException("failed to checkout and determine revision: unable to clone '"
                        + spec.redactedUrl() + "': repository not found: " + msg);
            }
            throw new SourceException("failed to checkout and determine revision: unable to clone '"
                    + spec.redactedUrl() + "': " + msg, e);
        } catch (GitAPIException e) {
            String msg = e.getMessage() == null ? e.toString() : redact(e.getMessage(), remote);
            throw new SourceException("failed to checkout and determine revision: unable to clone '"
                    + spec.redactedUrl() + "': " + msg, e);
        }
    }

    /** JGit's SSH failures without the repeated URL; authentication failures worded as Go's ssh package. */
    private static String sshMessage(String msg, Remote remote) {
        String prefix = remote.spec.redactedUrl() + ": ";
        String m = msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg;
        if (m.startsWith("Cannot log in") || m.contains("No more authentication methods available")) {
            String user = SshSessions.DEFAULT_USER;
            try {
                String u = new URIish(remote.url).getUser();
                user = u == null || u.isEmpty() ? user : u;
            } catch (URISyntaxException e) {
                // keep the default
            }
            return "ssh: handshake failed: ssh: unable to authenticate as '" + user + "' with the given identity "
                    + "(publickey): " + m;
        }
        return m;
    }

    private static String redact(String msg, Remote remote) {
        return msg.replace(remote.url, remote.spec.redactedUrl()).replace(remote.spec.url(),
                remote.spec.redactedUrl());
    }

    private static HostKeyException hostKey(GitSourceSpec spec, SshSessions.Rejection r, Throwable cause) {
        HostKeyException.Reason reason = switch (r.verdict()) {
            case REVOKED -> HostKeyException.Reason.REVOKED;
            case UNKNOWN -> HostKeyException.Reason.UNKNOWN;
            default -> HostKeyException.Reason.MISMATCH;
        };
        String what = switch (reason) {
            case REVOKED -> "key is revoked";
            case UNKNOWN -> "key is unknown";
            case MISMATCH -> "key mismatch";
        };
        String detail = "failed to checkout and determine revision: unable to clone '" + spec.redactedUrl()
                + "': ssh: handshake failed: knownhosts: " + what + " for host " + r.host() + " (server offered "
                + r.offered() + (r.known().isEmpty() ? "; known_hosts lists no key for it)"
                        : "; known_hosts has " + String.join(", ", r.known()) + ")");
        return new HostKeyException(detail, r.host(), reason, cause);
    }

    private void configure(TransportCommand<?, ?> cmd, Remote remote) {
        GitSourceSpec spec = remote.spec;
        cmd.setTimeout((int) Math.max(1, spec.timeout().toSeconds()));
        GitCredentials cred = spec.credentials();
        if (cred instanceof GitCredentials.Basic b) {
            cmd.setCredentialsProvider(new UsernamePasswordCredentialsProvider(b.username(), b.password()));
        } else if (cred instanceof GitCredentials.Bearer t) {
            cmd.setTransportConfigCallback(tr -> {
                if (tr instanceof TransportHttp http) {
                    http.setAdditionalHeaders(Map.of("Authorization", "Bearer " + t.token()));
                }
            });
        }
        // never JGit's process-wide default factory (it would read ~/.ssh): SSH always uses this fetch's factory
        SshSessionFactory factory = remote.ssh;
        if (factory != null) {
            cmd.setTransportConfigCallback(tr -> {
                if (tr instanceof SshTransport ssh) {
                    ssh.setSshSessionFactory(factory);
                }
            });
        }
    }

    private synchronized Path cacheDir() {
        if (cacheDirResolved == null) {
            try {
                cacheDirResolved = cacheDir != null ? cacheDir : Files.createTempDirectory("gitops-git-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cacheDirResolved;
    }

    private Path cacheDirResolved;

    private static String hash(String url) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds a {@link GitSource}. */
    public static final class Builder {
        private Path cacheDir;
        private Clock clock = Clock.systemUTC();
        private Function<GitCredentials.Ssh, SshSessionFactory> sshSessions;

        private Builder() {
        }

        /** Where bare caches of remotes are kept (default: a new temporary directory). */
        public Builder cacheDir(Path dir) {
            this.cacheDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The clock stamping artifacts. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * Overrides how SSH sessions are opened with {@link GitCredentials.Ssh}: the function is called once per
         * fetch and its factory must authenticate with the identity and verify the server key against the
         * known_hosts lines itself. Without an override, each fetch uses its own JGit Apache MINA sshd factory that
         * offers only the identity (user from the URL, default {@code git}) and accepts only host keys listed in
         * the known_hosts, never reading {@code ~/.ssh}, an ssh config or an agent.
         */
        public Builder sshSessionFactory(Function<GitCredentials.Ssh, SshSessionFactory> factory) {
            this.sshSessions = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** The source. */
        public GitSource build() {
            return new GitSource(this);
        }
    }
}
