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
        // the generated ConfigMap gets a new hash suffix: created, the Deployment rolls, the old one is pruned
        assertTrue(out.matches("(?s).*ConfigMap/web/web-settings-[a-z0-9]{10} created  \\(by Kustomization/apps\\).*"),
                out);
        assertTrue(out.matches("(?s).*ConfigMap/web/web-settings-[a-z0-9]{10} deleted  \\(by Kustomization/apps\\).*"),
                out);
        assertTrue(out.contains("✔ demo finished"), out);
        assertTrue(out.contains("▶ Created the sops-age Secret from the demo age key"), out);
        assertTrue(out.matches("(?s).*flux-system\\s+\tapp-secrets\\s+\tmain@sha1:[0-9a-f]{40}\\s+\tFalse\\s+"
                + "\tTrue.*"), out);
        assertTrue(out.contains("Helm install succeeded for release cache/cache-redis.v1 with chart "
                + "redis-lite@0.3.2"), out);
        assertTrue(!out.matches("(?s).*\tFalse\\s+\tFalse.*"), "every object is Ready: " + out);
    }
}
