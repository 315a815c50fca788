package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path tmp;

    @Test
    void runsTheWholeStoryOnTheExampleFleet() {
        CliRepos.Run r = CliRepos.run("demo", "--workdir", tmp.resolve("fleet").toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("▶ Created a Git repository from the example fleet"), out);
        assertTrue(out.matches("(?s).*flux-system\\s+\tinfra-controllers\\s+\tmain@sha1:[0-9a-f]{40}\\s+\tFalse\\s+"
                + "\tTrue.*"), out);
        assertTrue(out.matches("(?s).*flux-system\\s+\tapps\\s+\tmain@sha1:[0-9a-f]{40}\\s+\tFalse\\s+\tTrue.*"), out);
        assertTrue(out.contains("► Deployment/web/web drifted\n    /spec/replicas: 5 → 1"), out);
        assertTrue(out.contains("Deployment/web/web configured  (by Kustomization/apps)"), out);
        assertTrue(out.contains("drift remaining: 0"), out);
        assertTrue(out.contains("ConfigMap/web/web-settings configured  (by Kustomization/apps)"), out);
        assertTrue(out.contains("✔ demo finished"), out);
        assertTrue(out.contains("▶ Created the sops-age Secret from the demo age key"), out);
        assertTrue(out.matches("(?s).*flux-system\\s+\tapp-secrets\\s+\tmain@sha1:.*"), out);
    }
}
