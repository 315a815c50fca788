package dev.gitops.api.image;

import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.image.internal.CommitMessageFunctions;
import dev.gitops.api.image.internal.FluxTemplateData;
import dev.gitops.api.template.TemplateException;
import dev.gitops.api.template.TemplateFunction;
import dev.gitops.api.template.Templates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a Flux ImageUpdateAutomation ({@code image.toolkit.fluxcd.io/v1}) with the Setters strategy, through
 * JGit: clone the repository at the checkout branch, switch to the push branch when it differs (the remote push
 * branch when it exists, else a new branch from the checkout branch), apply the {@link ImageUpdater} under the
 * update path, and when files changed commit them with the author and the {@code messageTemplate} and push;
 * when nothing changed, no commit is made.
 *
 * <p>The message template runs on the Go {@code text/template} engine ({@code dev.gitops.api.template}, template
 * name {@code commit message}) over Flux's {@code source.TemplateData}: {@code .AutomationObject}
 * ({@code types.NamespacedName}, printed {@code namespace/name}; {@code .Namespace}, {@code .Name}),
 * {@code .Changed} ({@code update.Result}: the field {@code .FileChanges}, file to object to changes, and the
 * methods {@code .Changes} and {@code .Objects}; changes have {@code .OldValue}, {@code .NewValue},
 * {@code .Setter}; object keys, ordered field by field as Go orders struct map keys, have {@code .APIVersion},
 * {@code .Kind}, {@code .Name}, {@code .Namespace}) and {@code .Values}. The removed {@code .Updated} and
 * {@code .Changed.ImageResult} fields fail with Flux's messages. Functions: Go's built-ins, the common Sprig string
 * functions and whatever {@link Builder#templateFunctions} adds (Flux has all of Sprig's hermetic functions).
 *
 * <p>Immutable and thread-safe (each run uses its own work directory). Build with {@link #builder()}.
 */
public final class ImageUpdateAutomation {

    private static final Logger LOG = LoggerFactory.getLogger(ImageUpdateAutomation.class);

    /** Flux's default commit message. */
    public static final String DEFAULT_MESSAGE_TEMPLATE = "Update from image update automation";

    private static final String TEMPLATE_NAME = "commit message";

    private final String namespace;
    private final String name;
    private final String checkoutBranch;
    private final String pushBranch;
    private final String authorName;
    private final String authorEmail;
    private final Templates template;
    private final Map<String, String> values;
    private final String updatePath;
    private final ImageUpdater updater;
    private final Clock clock;
    private final Optional<CredentialsProvider> credentials;
    private final Optional<dev.gitops.api.source.GitCredentials.Ssh> ssh;

    private ImageUpdateAutomation(Builder b) {
        this.namespace = b.namespace;
        this.name = b.name;
        this.checkoutBranch = b.checkoutBranch;
        this.pushBranch = b.pushBranch == null ? b.checkoutBranch : b.pushBranch;
        this.authorName = b.authorName;
        this.authorEmail = b.authorEmail;
        this.template = Templates.builder().name(TEMPLATE_NAME).functions(CommitMessageFunctions.functions())
                .functions(b.functions).add(TEMPLATE_NAME,
                        b.messageTemplate.isEmpty() ? DEFAULT_MESSAGE_TEMPLATE : b.messageTemplate).build();
        this.values = Map.copyOf(b.values);
        this.updatePath = b.updatePath;
        this.updater = b.updater;
        this.clock = b.clock;
        this.credentials = Optional.ofNullable(b.credentials);
        this.ssh = Optional.ofNullable(b.ssh);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The branch commits are pushed to. */
    public String pushBranch() {
        return pushBranch;
    }

    /**
     * Runs the automation against a remote repository.
     *
     * @param remoteUrl the repository URL (any JGit transport: {@code file://}, {@code git://}, https, ssh)
     * @param workDir an empty or absent directory to clone into (left in place for the caller to inspect or
     *     delete)
     * @throws GitOpsException when cloning, committing or pushing fails (a rejected push included)
     */
    public AutomationResult run(String remoteUrl, Path workDir) {
        Objects.requireNonNull(remoteUrl, "remoteUrl");
        Objects.requireNonNull(workDir, "workDir");
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new GitOpsException("cannot create work directory " + workDir, e);
        }
        // SSH only with the automation's own identity and known_hosts, never ~/.ssh (as GitSource)
        dev.gitops.api.source.internal.SshSessions sessions = null;
        org.eclipse.jgit.api.TransportConfigCallback sshConfig = null;
        if (isSsh(remoteUrl)) {
            if (ssh.isEmpty()) {
                throw new GitOpsException("failed to configure authentication options: invalid 'ssh' auth option: "
                        + "'identity' is required (set sshCredentials on the automation for " + remoteUrl + ")");
            }
            // the same checks and messages as GitSource (Flux's AuthOptions.Validate)
            dev.gitops.api.source.GitCredentials.Ssh s = dev.gitops.api.source.internal.SshSessions.validate(ssh.get());
            sessions = dev.gitops.api.source.internal.SshSessions.create(s,
                    workDir.resolveSibling(workDir.getFileName() + ".ssh-home").toFile());
            org.eclipse.jgit.transport.SshSessionFactory factory = sessions.factory();
            sshConfig = tr -> {
                if (tr instanceof org.eclipse.jgit.transport.SshTransport t) {
                    t.setSshSessionFactory(factory);
                }
            };
        }
        try {
            return run(remoteUrl, workDir, sshConfig);
        } finally {
            if (sessions != null) {
                sessions.close();
            }
        }
    }

    /** {@code ssh://…} and scp-like {@code user@host:path} URLs. */
    static boolean isSsh(String url) {
        try {
            org.eclipse.jgit.transport.URIish u = new org.eclipse.jgit.transport.URIish(url);
            return u.getScheme() == null ? u.getHost() != null && !url.startsWith("/")
                    : u.getScheme().equals("ssh") || u.getScheme().equals("git+ssh");
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private AutomationResult run(String remoteUrl, Path workDir,
            org.eclipse.jgit.api.TransportConfigCallback sshConfig) {
        var clone = Git.cloneRepository().setURI(remoteUrl).setDirectory(workDir.toFile())
                .setBranch(Constants.R_HEADS + checkoutBranch).setCloneAllBranches(true);
        credentials.ifPresent(clone::setCredentialsProvider);
        if (sshConfig != null) {
            clone.setTransportConfigCallback(sshConfig);
        }
        try (Git git = clone.call()) {
            if (git.getRepository().resolve(Constants.HEAD) == null
                    || !checkoutBranch.equals(git.getRepository().getBranch())) {
                throw new GitOpsException("branch " + checkoutBranch + " not found in " + remoteUrl);
            }
            if (!pushBranch.equals(checkoutBranch)) {
                switchBranch(git);
            }
            ObjectId base = git.getRepository().resolve(Constants.HEAD);
            Path updateRoot = workDir.resolve(updatePath).normalize();
            if (!updateRoot.startsWith(workDir.normalize()) || !Files.isDirectory(updateRoot)) {
                throw new InvalidInputException("update path " + updatePath + " is not a directory of the repository");
            }
            UpdateResult result = updater.update(ManifestFiles.directory(updateRoot));
            if (!result.changed()) {
                LOG.info("no changes made in the source; no commit");
                return new AutomationResult.NoChange(base.name());
            }
            String message = render(result);
            git.add().addFilepattern(".").call();
            if (git.status().call().getChanged().isEmpty() && git.status().call().getAdded().isEmpty()) {
                return new AutomationResult.NoChange(base.name());
            }
            Instant now = clock.instant();
            PersonIdent who = new PersonIdent(authorName, authorEmail, java.util.Date.from(now),
                    TimeZone.getTimeZone(clock.getZone()));
            RevCommit commit = git.commit().setAuthor(who).setCommitter(who).setMessage(message).setSign(false)
                    .setAllowEmpty(false).call();
            var push = git.push().setRemote("origin")
                    .setRefSpecs(new RefSpec(Constants.R_HEADS + pushBranch + ":" + Constants.R_HEADS + pushBranch));
            credentials.ifPresent(push::setCredentialsProvider);
            if (sshConfig != null) {
                push.setTransportConfigCallback(sshConfig);
            }
            for (PushResult pr : push.call()) {
                for (RemoteRefUpdate u : pr.getRemoteUpdates()) {
                    if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        throw new GitOpsException("push to " + pushBranch + " rejected: " + u.getStatus()
                                + (u.getMessage() == null ? "" : " (" + u.getMessage() + ")"));
                    }
                }
            }
            LOG.info("pushed commit {} to {}", commit.name(), pushBranch);
            return new AutomationResult.Pushed(pushBranch, commit.name(), message, result);
        } catch (GitAPIException | IOException e) {
            throw new GitOpsException("git: " + e.getMessage(), e);
        }
    }

    private void switchBranch(Git git) throws GitAPIException, IOException {
        Ref remote = git.getRepository().findRef(Constants.R_REMOTES + "origin/" + pushBranch);
        var create = git.checkout().setCreateBranch(true).setName(pushBranch);
        if (remote != null) {
            create.setStartPoint(remote.getName());
        }
        create.call();
    }

    private static String removedFieldMessage(String msg) {
        if (msg.contains("can't evaluate field Updated in type")) {
            return "template uses removed '.Updated' field. Please use '.Changed' instead. See: "
                    + "https://fluxcd.io/flux/components/image/imageupdateautomations/#message-template";
        }
        if (msg.contains("can't evaluate field ImageResult")) {
            return "template uses removed '.Changed.ImageResult' field. Please use '.Changed.FileChanges' or "
                    + "'.Changed.Objects' instead. See: "
                    + "https://fluxcd.io/flux/components/image/imageupdateautomations/#message-template";
        }
        return "failed to run template from spec: " + msg;
    }

    /** The commit message for a result (for tests and previews). */
    String message(UpdateResult r) {
        return render(r);
    }

    private String render(UpdateResult r) {
        try {
            return template.render(TEMPLATE_NAME, FluxTemplateData.of(namespace, name, r, values));
        } catch (TemplateException e) {
            throw new InvalidInputException(removedFieldMessage(e.getMessage()));
        }
    }

    /** Builds an {@link ImageUpdateAutomation}. */
    public static final class Builder {
        private String namespace;
        private String name;
        private String checkoutBranch;
        private String pushBranch;
        private String authorName;
        private String authorEmail;
        private String messageTemplate = "";
        private final Map<String, String> values = new TreeMap<>();
        private String updatePath = ".";
        private ImageUpdater updater;
        private Clock clock = Clock.systemUTC();
        private CredentialsProvider credentials;
        private dev.gitops.api.source.GitCredentials.Ssh ssh;
        private final Map<String, TemplateFunction> functions = new LinkedHashMap<>();

        private Builder() {}

        /** The automation object's namespace and name ({@code .AutomationObject}); required. */
        public Builder automation(String ns, String n) {
            this.namespace = Objects.requireNonNull(ns, "namespace");
            this.name = Objects.requireNonNull(n, "name");
            return this;
        }

        /** {@code spec.git.checkout.ref.branch}; required. */
        public Builder checkoutBranch(String branch) {
            this.checkoutBranch = Objects.requireNonNull(branch, "branch");
            return this;
        }

        /** {@code spec.git.push.branch}; defaults to the checkout branch. */
        public Builder pushBranch(String branch) {
            this.pushBranch = Objects.requireNonNull(branch, "branch");
            return this;
        }

        /** {@code spec.git.commit.author}; required. */
        public Builder author(String authorName, String email) {
            this.authorName = Objects.requireNonNull(authorName, "name");
            this.authorEmail = Objects.requireNonNull(email, "email");
            return this;
        }

        /** {@code spec.git.commit.messageTemplate}; {@code ""} gives Flux's default message. */
        public Builder messageTemplate(String t) {
            this.messageTemplate = Objects.requireNonNull(t, "messageTemplate");
            return this;
        }

        /** {@code spec.git.commit.messageTemplateValues} ({@code .Values}). */
        public Builder messageTemplateValues(Map<String, String> v) {
            this.values.putAll(v);
            return this;
        }

        /**
         * Template functions beyond Go's built-ins and the common Sprig string functions (for example the rest of
         * Sprig's hermetic functions, which Flux registers); they replace built-in ones of the same name.
         */
        public Builder templateFunctions(Map<String, TemplateFunction> fns) {
            this.functions.putAll(Objects.requireNonNull(fns, "functions"));
            return this;
        }

        /** {@code spec.update.path}, relative to the repository root; defaults to the root. */
        public Builder updatePath(String path) {
            this.updatePath = Objects.requireNonNull(path, "path");
            return this;
        }

        /** The setters to apply (the automation namespace's ImagePolicies); required. */
        public Builder updater(ImageUpdater u) {
            this.updater = Objects.requireNonNull(u, "updater");
            return this;
        }

        /** The clock for commit times; defaults to the UTC system clock. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * The SSH identity and known_hosts for {@code ssh://} and scp-like URLs (Flux's {@code identity},
         * {@code known_hosts}, {@code password} Secret keys): host keys are checked against these only, never
         * {@code ~/.ssh}. Without them an SSH URL fails before connecting.
         */
        public Builder sshCredentials(dev.gitops.api.source.GitCredentials.Ssh c) {
            this.ssh = Objects.requireNonNull(c, "sshCredentials");
            return this;
        }

        /** Credentials for clone and push. */
        public Builder credentials(CredentialsProvider c) {
            this.credentials = Objects.requireNonNull(c, "credentials");
            return this;
        }

        /**
         * The automation.
         *
         * @throws InvalidInputException when the message template does not parse
         */
        public ImageUpdateAutomation build() {
            if (namespace == null || checkoutBranch == null || authorName == null || updater == null) {
                throw new IllegalStateException("automation, checkoutBranch, author and updater are required");
            }
            try {
                return new ImageUpdateAutomation(this);
            } catch (TemplateException e) {
                throw new InvalidInputException("unable to create commit message template from spec: "
                        + e.getMessage());
            }
        }
    }
}
