package dev.gitops.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.image.AutomationResult;
import dev.gitops.api.image.ImageRef;
import dev.gitops.api.image.ImageUpdateAutomation;
import dev.gitops.api.image.ImageUpdater;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImageUpdateAutomation clones and pushes over SSH with its own identity and known_hosts only (never ~/.ssh), on
 * an in-process SSH git server on 127.0.0.1.
 */
class ImageUpdateAutomationSshTest {

    static final String DEPLOY = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n"
            + "spec:\n  template:\n    spec:\n      containers:\n      - name: web\n"
            + "        image: ghcr.io/acme/web:1.0.0 # {\"$imagepolicy\": \"flux-system:web\"}\n";

    @TempDir
    Path tmp;

    private ImageUpdateAutomation.Builder automation() {
        return ImageUpdateAutomation.builder().automation("flux-system", "apps").checkoutBranch("main")
                .pushBranch("auto").author("Flux Bot", "flux@example.com")
                .updater(ImageUpdater.builder().namespace("flux-system")
                        .policy("web", ImageRef.parse("ghcr.io/acme/web:2.0.0")).build())
                .clock(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    @Test
    void pushesOverSshWithTheAutomationsIdentity() throws Exception {
        KeyPair host = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
        KeyPair client = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        try (TestRepo repo = new TestRepo(tmp.resolve("srv/fleet"))) {
            repo.commit(Map.of("clusters/prod/deploy.yaml", DEPLOY), "seed");
        }
        try (SshGitServer server = new SshGitServer(tmp.resolve("srv"), host, client.getPublic())) {
            String url = "ssh://git@127.0.0.1:" + server.port() + "/fleet";
            String knownHosts = SshGitServer.knownHostsLine("[127.0.0.1]:" + server.port(), host.getPublic());
            AutomationResult r = automation().sshCredentials(new GitCredentials.Ssh(
                    GitSshTest.openSsh(client, null), knownHosts, "")).build().run(url, tmp.resolve("work"));
            AutomationResult.Pushed p = assertInstanceOf(AutomationResult.Pushed.class, r);
            try (Repository remote = Git.open(tmp.resolve("srv/fleet").toFile()).getRepository();
                    RevWalk w = new RevWalk(remote)) {
                ObjectId auto = remote.resolve("refs/heads/auto");
                assertEquals(p.commit(), auto.name());
                TreeWalk t = TreeWalk.forPath(remote, "clusters/prod/deploy.yaml", w.parseCommit(auto).getTree());
                String content = new String(remote.open(t.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                assertTrue(content.contains("ghcr.io/acme/web:2.0.0"), content);
            }

            // a wrong host key is refused: nothing is pushed with a key the automation does not know
            String other = SshGitServer.knownHostsLine("[127.0.0.1]:" + server.port(),
                    KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256).getPublic());
            assertThrows(GitOpsException.class, () -> automation().sshCredentials(new GitCredentials.Ssh(
                    GitSshTest.openSsh(client, null), other, "")).build().run(url, tmp.resolve("work2")));
        }
    }

    @Test
    void sshUrlsWithoutCredentialsFailBeforeConnecting() {
        GitOpsException e = assertThrows(GitOpsException.class,
                () -> automation().build().run("git@example.invalid:acme/fleet.git", tmp.resolve("w")));
        assertTrue(e.getMessage().contains("'identity' is required"), e.getMessage());
        GitOpsException k = assertThrows(GitOpsException.class, () -> automation()
                .sshCredentials(new GitCredentials.Ssh("key", "", "")).build()
                .run("ssh://git@example.invalid/acme/fleet.git", tmp.resolve("w2")));
        assertTrue(k.getMessage().contains("'known_hosts' is required"), k.getMessage());
    }
}
