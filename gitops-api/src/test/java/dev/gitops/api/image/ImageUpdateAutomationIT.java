package dev.gitops.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The automation against a real {@code git daemon} on 127.0.0.1 (git:// transport, push enabled). */
class ImageUpdateAutomationIT {

    @TempDir
    Path tmp;
    Process daemon;
    int port;

    @BeforeEach
    void startDaemon() throws Exception {
        Path git = Path.of("/usr/bin/git");
        Assumptions.assumeTrue(Files.isExecutable(git), "git is not installed: skipping the git daemon test");
        ImageUpdateAutomationTest seed = new ImageUpdateAutomationTest();
        seed.tmp = tmp;
        seed.seed();
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        daemon = new ProcessBuilder(git.toString(), "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack",
                "--listen=127.0.0.1", "--port=" + port, "--base-path=" + tmp, tmp.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("daemon.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline) || !daemon.isAlive()) {
                    throw new IllegalStateException("git daemon did not start: " + Files.readString(tmp.resolve("daemon.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterEach
    void stopDaemon() throws InterruptedException {
        if (daemon != null) {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    @Test
    void updatesThroughGitDaemon() throws Exception {
        String url = "git://127.0.0.1:" + port + "/remote.git";
        AutomationResult r = ImageUpdateAutomation.builder().automation("flux-system", "apps").checkoutBranch("main")
                .pushBranch("auto").author("Flux", "flux@example.com")
                .updater(ImageUpdateAutomationTest.updater("9.9.9")).clock(ImageUpdateAutomationTest.CLOCK)
                .build().run(url, tmp.resolve("work"));
        AutomationResult.Pushed p = assertInstanceOf(AutomationResult.Pushed.class, r);
        try (Git check = Git.cloneRepository().setURI(url).setBranch("auto").setDirectory(tmp.resolve("check").toFile())
                .call()) {
            assertEquals(p.commit(), check.getRepository().resolve("HEAD").name());
            assertEquals(ImageUpdateAutomationTest.DEPLOY.replace("1.0.0", "9.9.9"),
                    Files.readString(tmp.resolve("check/clusters/prod/deploy.yaml")));
        }
    }
}
