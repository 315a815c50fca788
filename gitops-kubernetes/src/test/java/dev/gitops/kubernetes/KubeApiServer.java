package dev.gitops.kubernetes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real kube-apiserver + etcd the *IT tests run against, managed with {@code scripts/kube-apiserver.sh}: built
 * once (cached under ~/.cache/gitops-kube), started on 127.0.0.1 for the test JVM and stopped when it exits (unless
 * it was already running, or GITOPS_KUBE_KEEP=1). No mock server.
 */
final class KubeApiServer {

    private static Paths kubeconfigs;

    /** The admin and the unprivileged kubeconfig. */
    record Paths(Path admin, Path nobody) {
    }

    private KubeApiServer() {
    }

    static synchronized Paths start() {
        if (kubeconfigs != null) {
            return kubeconfigs;
        }
        Path script = script();
        boolean running = run(script, "status", false) == 0;
        if (!running) {
            if (run(script, "build", true) != 0) {
                throw new IllegalStateException("scripts/kube-apiserver.sh build failed; see target/kube-apiserver.log");
            }
            if (run(script, "start", true) != 0) {
                throw new IllegalStateException("scripts/kube-apiserver.sh start failed; see target/kube-apiserver.log");
            }
            if (!"1".equals(System.getenv("GITOPS_KUBE_KEEP"))) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> run(script, "stop", true)));
            }
        }
        String home = System.getenv().getOrDefault("GITOPS_KUBE_HOME",
                System.getProperty("user.home") + "/.cache/gitops-kube");
        kubeconfigs = new Paths(java.nio.file.Paths.get(home, "run", "kubeconfig"),
                java.nio.file.Paths.get(home, "run", "kubeconfig-nobody"));
        return kubeconfigs;
    }

    private static Path script() {
        String prop = System.getProperty("gitops.kube.script");
        if (prop != null && Files.isRegularFile(java.nio.file.Paths.get(prop))) {
            return java.nio.file.Paths.get(prop);
        }
        Path dir = java.nio.file.Paths.get("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("scripts/kube-apiserver.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("scripts/kube-apiserver.sh not found above " + dir);
    }

    private static int run(Path script, String command, boolean log) {
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of("bash", script.toString(), command));
            File out = new File("target/kube-apiserver.log");
            out.getParentFile().mkdirs();
            if (log) {
                pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out));
            } else {
                pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            }
            Process p = pb.start();
            if (!p.waitFor(40, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
