package dev.gitops.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gitops.api.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs automations against real bare repositories on disk (JGit file:// transport). */
class ImageUpdateAutomationTest {

    static final String DEPLOY = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n"
            + "spec:\n  template:\n    spec:\n      containers:\n      - name: web\n"
            + "        image: ghcr.io/acme/web:1.0.0 # {\"$imagepolicy\": \"flux-system:web\"}\n";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    Path bare;
    String url;

    @BeforeEach
    void seed() throws Exception {
        bare = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        url = bare.toUri().toString();
        Path seed = tmp.resolve("seed");
        try (Git git = Git.cloneRepository().setURI(url).setDirectory(seed.toFile()).call()) {
            Files.createDirectories(seed.resolve("clusters/prod"));
            Files.writeString(seed.resolve("clusters/prod/deploy.yaml"), DEPLOY);
            Files.writeString(seed.resolve("README.md"), "# repo\n");
            git.add().addFilepattern(".").call();
            PersonIdent me = new PersonIdent("Seed", "seed@example.com");
            git.commit().setAuthor(me).setCommitter(me).setMessage("seed").setSign(false).call();
            git.push().setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call();
        }
    }

    static ImageUpdater updater(String tag) {
        return ImageUpdater.builder().namespace("flux-system")
                .policy("web", ImageRef.parse("ghcr.io/acme/web:" + tag)).build();
    }

    ImageUpdateAutomation.Builder automation(String tag) {
        return ImageUpdateAutomation.builder().automation("flux-system", "apps").checkoutBranch("main")
                .author("Flux Bot", "flux@example.com").updater(updater(tag)).clock(CLOCK);
    }

    String readRemote(String branch, String path) throws IOException {
        try (Repository r = Git.open(bare.toFile()).getRepository(); RevWalk w = new RevWalk(r)) {
            ObjectId head = r.resolve("refs/heads/" + branch);
            if (head == null) {
                return null;
            }
            RevCommit c = w.parseCommit(head);
            try (TreeWalk tw = TreeWalk.forPath(r, path, c.getTree())) {
                return new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    RevCommit remoteHead(String branch) throws IOException {
        try (Repository r = Git.open(bare.toFile()).getRepository(); RevWalk w = new RevWalk(r)) {
            ObjectId head = r.resolve("refs/heads/" + branch);
            return head == null ? null : w.parseCommit(head);
        }
    }

    @Test
    void commitsAndPushesToTheSameBranch() throws Exception {
        ObjectId before = remoteHead("main");
        AutomationResult r = automation("1.1.0").updatePath("./clusters")
                .messageTemplate("Update {{ .AutomationObject }}\n\n{{ range .Changed.Changes }}- {{ .OldValue }} -> "
                        + "{{ .NewValue }}\n{{ end }}{{ range $f, $_ := .Changed.FileChanges }}{{ $f }}{{ end }}")
                .build().run(url, tmp.resolve("work"));
        AutomationResult.Pushed p = assertInstanceOf(AutomationResult.Pushed.class, r);
        String message = "Update flux-system/apps\n\n- ghcr.io/acme/web:1.0.0 -> ghcr.io/acme/web:1.1.0\n"
                + "prod/deploy.yaml";
        assertEquals(message, p.message());
        RevCommit head = remoteHead("main");
        assertEquals(p.commit(), head.name());
        assertEquals(before, head.getParent(0).getId());
        assertEquals(message, head.getFullMessage());
        assertEquals("Flux Bot", head.getAuthorIdent().getName());
        assertEquals("flux@example.com", head.getCommitterIdent().getEmailAddress());
        assertEquals(CLOCK.instant(), head.getAuthorIdent().getWhenAsInstant());
        assertEquals(DEPLOY.replace("1.0.0", "1.1.0"), readRemote("main", "clusters/prod/deploy.yaml"));
        assertEquals("# repo\n", readRemote("main", "README.md"));
    }

    @Test
    void noCommitWhenNothingChanged() throws Exception {
        ObjectId before = remoteHead("main");
        AutomationResult r = automation("1.0.0").build().run(url, tmp.resolve("work"));
        assertEquals(new AutomationResult.NoChange(before.name()), r);
        assertEquals(before, remoteHead("main"));
    }

    @Test
    void pushesToANewBranchCreatedFromTheCheckoutBranch() throws Exception {
        ObjectId main = remoteHead("main");
        AutomationResult r = automation("2.0.0").pushBranch("image-updates").build().run(url, tmp.resolve("w1"));
        assertEquals("Update from image update automation", ((AutomationResult.Pushed) r).message());
        assertEquals(main, remoteHead("main"), "the checkout branch is left alone");
        assertEquals(main, remoteHead("image-updates").getParent(0).getId());
        assertEquals(DEPLOY.replace("1.0.0", "2.0.0"), readRemote("image-updates", "clusters/prod/deploy.yaml"));

        // a second run builds on the existing push branch
        ObjectId first = remoteHead("image-updates");
        AutomationResult again = automation("2.1.0").pushBranch("image-updates").build().run(url, tmp.resolve("w2"));
        assertInstanceOf(AutomationResult.Pushed.class, again);
        assertEquals(first, remoteHead("image-updates").getParent(0).getId());
        assertEquals(DEPLOY.replace("1.0.0", "2.1.0"), readRemote("image-updates", "clusters/prod/deploy.yaml"));
        // and a run that finds the push branch already up to date does not commit
        assertInstanceOf(AutomationResult.NoChange.class,
                automation("2.1.0").pushBranch("image-updates").build().run(url, tmp.resolve("w3")));
        assertEquals(DEPLOY, readRemote("main", "clusters/prod/deploy.yaml"));
    }

    @Test
    void removedTemplateFieldsFailAsInFlux() {
        ImageUpdateAutomation a = automation("3.0.0").messageTemplate("{{ range .Updated.Files }}{{ . }}{{ end }}")
                .build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> a.run(url, tmp.resolve("w")));
        assertEquals("template uses removed '.Updated' field. Please use '.Changed' instead. See: "
                + "https://fluxcd.io/flux/components/image/imageupdateautomations/#message-template", e.getMessage());
        assertThrows(InvalidInputException.class, () -> automation("3.0.0").messageTemplate("{{ if }}").build());
    }

    @Test
    void missingBranchAndBadPathsAreErrors() throws Exception {
        assertThrows(dev.gitops.api.error.GitOpsException.class,
                () -> automation("1.1.0").checkoutBranch("nope").build().run(url, tmp.resolve("w")));
        assertThrows(InvalidInputException.class,
                () -> automation("1.1.0").updatePath("../outside").build().run(url, tmp.resolve("w2")));
        assertNull(remoteHead("nope"));
        assertEquals(Map.of(), Map.of());
    }
}
