package dev.gitops.kubernetes;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.GitOpsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesClusterApplierTest {

    @Test
    void missingKubeconfigIsAClearError() {
        GitOpsException e = assertThrows(GitOpsException.class,
                () -> KubernetesClusterApplier.builder().kubeconfig(Path.of("/nonexistent/kubeconfig")));
        assertTrue(e.getMessage().contains("/nonexistent/kubeconfig"), e.getMessage());
    }

    @Test
    void malformedKubeconfigIsAClearError(@TempDir Path dir) throws Exception {
        Path kc = dir.resolve("kubeconfig");
        Files.writeString(kc, "apiVersion: v1\nkind: Config\nclusters: [\n");
        GitOpsException e = assertThrows(GitOpsException.class,
                () -> KubernetesClusterApplier.builder().kubeconfig(kc));
        assertTrue(e.getMessage().startsWith("cannot load kubeconfig " + kc), e.getMessage());
    }

    @Test
    void requiresAClient() {
        assertThrows(NullPointerException.class, () -> KubernetesClusterApplier.builder().build());
        assertThrows(IllegalArgumentException.class,
                () -> KubernetesClusterApplier.builder().discoveryTimeout(Duration.ofSeconds(-1)));
    }
}
