package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcileCommandTest {

    @TempDir
    Path tmp;

    @Test
    void onceExitsZeroWhenEverythingIsReadyAndExportsTheCluster() throws Exception {
        Path repo = CliRepos.repoFrom("/cli/fleet", tmp.resolve("repo"));
        Path export = tmp.resolve("cluster.yaml");
        CliRepos.Run r = CliRepos.run("reconcile", "--source", repo.toString(), "--path", "clusters/dev", "--once",
                "--export", export.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("NAMESPACE"), r.out());
        assertTrue(r.out().contains("apps"), r.out());
        String yaml = Files.readString(export);
        assertTrue(yaml.contains("message: hello, world"), yaml);
        assertFalse(yaml.contains("managedFields"), "server-populated fields are removed");
        assertFalse(yaml.contains("resourceVersion"));
        assertFalse(yaml.contains("gitops.dev/bootstrap"), "the engine's own objects are left out");
        // sorted by group, kind, namespace, name: the core group first, then apps, then Flux's group
        int cm = yaml.indexOf("kind: ConfigMap");
        int ns = yaml.indexOf("kind: Namespace");
        int deploy = yaml.indexOf("kind: Deployment");
        int ks = yaml.indexOf("kind: Kustomization");
        assertTrue(cm < ns && ns < deploy && deploy < ks, yaml);
    }

    @Test
    void theExampleFleetsProductionClusterConverges() throws Exception {
        Path repo = CliRepos.repoFrom("/dev/gitops/examples/fleet", tmp.resolve("fleet"));
        Path export = tmp.resolve("production.yaml");
        CliRepos.Run r = CliRepos.run("reconcile", "--source", repo.toString(), "--path", "clusters/production",
                "--once", "--export", export.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Helm install succeeded for release cache/cache-redis.v1 with chart "
                + "redis-lite@0.3.2"), r.out());
        String yaml = Files.readString(export);
        assertTrue(yaml.contains("replicas: 3"), "postBuild web_replicas for production");
        assertTrue(yaml.contains("cpu: 100m"), "the production overlay's JSON patch");
        assertTrue(yaml.matches("(?s).*name: web-settings-[a-z0-9]{10}\n.*"), "configMapGenerator hash");
        assertTrue(yaml.contains("value: https://web.example.com"), "substituteFrom cluster-vars");
        assertTrue(yaml.contains("STARTUP: echo starting on ${HOSTNAME}"), "$${HOSTNAME} is an escaped literal");
        assertEquals(1, yaml.split("\\$\\{", -1).length - 1, "every other variable substituted");
        assertFalse(yaml.contains("api-credentials"), "production has no encrypted secrets");
    }

    @Test
    void onceExitsOneWithReasonsWhenSomethingIsNotReady() throws Exception {
        Path repo = CliRepos.repoFrom("/cli/fleet", tmp.resolve("repo"));
        CliRepos.Run r = CliRepos.run("reconcile", "--source", repo.toString(), "--path", "clusters/nope", "--once");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("Kustomization/flux-system/flux-system not ready: BuildFailed"), r.err());
        assertTrue(r.err().contains("kustomization path not found"), r.err());
    }

    @Test
    void aWorkTreeThatIsNotARepositoryIsAnInputError() {
        CliRepos.Run r = CliRepos.run("reconcile", "--source", tmp.toString(), "--path", "x", "--once");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a Git repository"), r.err());
    }

    @Test
    void missingBranch() throws Exception {
        Path repo = CliRepos.repoFrom("/cli/fleet", tmp.resolve("repo"));
        CliRepos.Run r = CliRepos.run("reconcile", "--source", repo.toString(), "--ref", "develop", "--path",
                "clusters/dev", "--once");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("couldn't find remote ref \"refs/heads/develop\""), r.err());
    }
}
