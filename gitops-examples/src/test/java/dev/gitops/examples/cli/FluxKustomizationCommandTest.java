package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.apply.ApplyOptions;
import dev.gitops.api.apply.memory.InMemoryCluster;
import dev.gitops.api.apply.memory.ReadinessSimulator;
import dev.gitops.api.diff.DriftDetector;
import dev.gitops.api.engine.EventSink;
import dev.gitops.api.engine.ReconcileReport;
import dev.gitops.api.engine.Reconciler;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.examples.engine.EngineWiring;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gitops build kustomization} and {@code gitops diff kustomization} on the example fleet. */
class FluxKustomizationCommandTest {

    @TempDir
    static Path tmp;

    static Path fleet;

    @BeforeAll
    static void repo() throws Exception {
        fleet = CliRepos.repoFrom("/dev/gitops/examples/fleet", tmp.resolve("fleet"));
    }

    @Test
    void buildPrintsWhatTheAppsKustomizationWouldApply() {
        CliRepos.Run r = CliRepos.run("build", "kustomization", "apps", "--source", fleet.toString(), "--path",
                "clusters/staging");
        assertEquals(0, r.code(), r.out() + r.err());
        String y = r.out();
        assertTrue(y.startsWith("apiVersion: v1\ndata:\n"), "a ConfigMap first, keys sorted as Go prints them");
        assertTrue(y.contains("kustomize.toolkit.fluxcd.io/name: apps\n"), y);
        assertTrue(y.contains("kustomize.toolkit.fluxcd.io/namespace: flux-system\n"), y);
        assertTrue(y.matches("(?s).*name: web-settings-[a-z0-9]{10}\n.*"), "configMapGenerator hash");
        assertTrue(y.contains("LOG_LEVEL: debug"), y);
        assertTrue(y.contains("STARTUP: echo starting on ${HOSTNAME}"), "$${HOSTNAME} is an escaped literal");
        assertEquals(1, y.split("\\$\\{", -1).length - 1, "every other variable substituted");
        // sorted by group, kind, namespace, name: core kinds, then apps, then networking
        int cm = y.indexOf("kind: ConfigMap");
        int ns = y.indexOf("kind: Namespace");
        int deploy = y.indexOf("kind: Deployment");
        int np = y.indexOf("kind: NetworkPolicy");
        assertTrue(cm < ns && ns < deploy && deploy < np, y);
        assertFalse(y.contains("managedFields"), y);
    }

    @Test
    void buildMasksSopsSecretsAsFluxBuildDoes() {
        CliRepos.Run r = CliRepos.run("build", "ks", "app-secrets", "-n", "flux-system", "--source",
                fleet.toString(), "--path", "clusters/staging");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("kind: Secret"), r.out());
        // flux build: the sops stanza is dropped and each stringData value becomes the mask
        assertTrue(r.out().contains("stringData:\n  API_TOKEN: '**SOPS**'\n  DATABASE_URL: '**SOPS**'\n"), r.out());
        assertFalse(r.out().contains("ENC["), r.out());
        assertFalse(r.out().contains("sops:"), r.out());
    }

    @Test
    void buildOfAnUnknownKustomizationIsAnError() {
        CliRepos.Run r = CliRepos.run("build", "kustomization", "nope", "--source", fleet.toString(), "--path",
                "clusters/staging");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("Kustomization 'flux-system/nope' not found"), r.err());
        assertTrue(r.err().contains("flux-system/apps"), r.err());
    }

    @Test
    void diffShowsEveryObjectOfTheSuspendedKustomizationAsCreated() {
        CliRepos.Run r = CliRepos.run("diff", "kustomization", "apps", "--source", fleet.toString(), "--path",
                "clusters/staging");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("► Deployment/web/web created\n"), r.out());
        assertTrue(r.out().contains("► Namespace/web created\n"), r.out());
        assertTrue(r.out().contains("+++ merged/apps.v1.Deployment.web.web\n"), r.out());
        assertTrue(r.out().contains("+  replicas: 1\n"), r.out());
        assertTrue(r.err().contains("identified at least one change"), r.err());
    }

    @Test
    void diffOfAKustomizationTheClusterAlreadyHasIsEmptyForItsDependencies() {
        // infra-configs holds the cluster-vars the apps depend on; diffing it shows it as created too
        CliRepos.Run r = CliRepos.run("diff", "kustomization", "infra-configs", "--source", fleet.toString(),
                "--path", "clusters/staging");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains(" created\n"), r.out());
    }

    @Test
    void aLiveObjectChangedByAnotherManagerShowsAsDriftedWithSecretsMasked() throws Exception {
        InMemoryCluster cluster = InMemoryCluster.builder().readiness(ReadinessSimulator.ready()).build();
        ApplyOptions kubectl = ApplyOptions.defaults().withFieldManager("kubectl");
        cluster.apply(Resource.readAll("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n", "ns")
                .get(0), kubectl);
        cluster.apply(Resource.readAll("apiVersion: v1\nkind: Secret\nmetadata:\n  name: sops-age\n"
                + "  namespace: flux-system\ndata:\n  age.agekey: " + Base64.getEncoder().encodeToString(
                Files.readAllBytes(fleet.resolve("demo-age.agekey"))) + "\n", "sops-age").get(0), kubectl);
        Reconciler r = EngineWiring.reconciler(EngineWiring.source(fleet.toString(), "main"), "clusters/staging",
                cluster, EventSink.none(), Clock.systemUTC()).build();
        ReconcileReport report = r.reconcileOnce();
        assertTrue(report.allReady(), () -> report.notReady().toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, DiffKustomizationCommand.print(r.diffKustomization("flux-system", "apps",
                DriftDetector.defaults()), new PrintWriter(out), new PrintWriter(err)), out::toString);
        assertEquals("", out.toString());

        cluster.update(ResourceId.of("apps/v1", "Deployment", "web", "web"), "kubectl-edit", o -> {
            o.with("spec").put("replicas", 5);
            return o;
        });
        cluster.update(ResourceId.of("v1", "Secret", "api", "api-credentials"), "kubectl-edit", o -> {
            o.remove("stringData"); // as the API server stores it: stringData is write-only, folded into data
            o.with("data").put("API_TOKEN", Base64.getEncoder().encodeToString("leaked".getBytes()));
            return o;
        });
        assertEquals(1, DiffKustomizationCommand.print(r.diffKustomization("flux-system", "apps",
                DriftDetector.defaults()), new PrintWriter(out), new PrintWriter(err)));
        String apps = out.toString();
        assertTrue(apps.startsWith("► Deployment/web/web drifted\ndiff -u -N live/apps.v1.Deployment.web.web "
                + "merged/apps.v1.Deployment.web.web\n"), apps);
        assertTrue(apps.contains("-  replicas: 5\n+  replicas: 1\n"), apps);
        out.getBuffer().setLength(0);
        assertEquals(1, DiffKustomizationCommand.print(r.diffKustomization("flux-system", "app-secrets",
                DriftDetector.defaults()), new PrintWriter(out), new PrintWriter(err)));
        String secrets = out.toString();
        assertTrue(secrets.startsWith("► Secret/api/api-credentials drifted\n"), secrets);
        assertFalse(secrets.contains("leaked") || secrets.contains(Base64.getEncoder().encodeToString(
                "leaked".getBytes())), secrets);
        assertFalse(secrets.contains("ENC["), secrets);
        out.getBuffer().setLength(0);
        assertEquals(1, DiffKustomizationCommand.print(r.diffKustomization("flux-system", "app-secrets",
                DriftDetector.builder().fluxSecretMasks(true).build()), new PrintWriter(out), new PrintWriter(err)));
        String flux = out.toString();
        // as flux diff masks: the changed value before and after, the unchanged one as ***
        assertTrue(flux.contains("-  API_TOKEN: '*** (before)'\n+  API_TOKEN: '*** (after)'\n"), flux);
        assertTrue(flux.contains("   DATABASE_URL: '***'\n"), flux);
        assertFalse(flux.contains("leaked") || flux.contains("+++++"), flux);
    }

    @Test
    void clusterObjectsSeedTheInMemoryClusterWithLiveObjectsAndOutOfBandSecrets() throws Exception {
        Path seed = tmp.resolve("live.yaml");
        Files.writeString(seed, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: sops-age\n  namespace: flux-system\n"
                + "data:\n  age.agekey: " + Base64.getEncoder().encodeToString(Files.readAllBytes(
                fleet.resolve("demo-age.agekey"))) + "\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
                + "  name: web\n  namespace: web\nspec:\n  replicas: 5\n  selector:\n    matchLabels:\n"
                + "      app.kubernetes.io/name: web\n  template:\n    metadata:\n      labels:\n"
                + "        app.kubernetes.io/name: web\n    spec:\n      containers:\n      - name: web\n"
                + "        image: nginx:1.0\n");
        CliRepos.Run apps = CliRepos.run("diff", "kustomization", "apps", "--source", fleet.toString(), "--path",
                "clusters/staging", "--cluster-objects", seed.toString());
        assertEquals(1, apps.code(), apps.out() + apps.err());
        assertTrue(apps.out().contains("► Deployment/web/web drifted\n"), apps.out());
        assertTrue(apps.out().contains("-  replicas: 5\n"), apps.out());
        assertTrue(apps.out().contains("► Service/web/web created\n"), apps.out());
        CliRepos.Run secrets = CliRepos.run("diff", "ks", "app-secrets", "--source", fleet.toString(), "--path",
                "clusters/staging", "--cluster-objects", seed.toString());
        assertEquals(1, secrets.code(), secrets.out() + secrets.err());
        assertTrue(secrets.out().startsWith("► Secret/api/api-credentials created\n"), secrets.out());
        assertFalse(secrets.out().contains("ENC["), "decrypted, then masked: " + secrets.out());
        assertTrue(secrets.out().contains("+  API_TOKEN: '***'\n"), "values masked as flux diff: " + secrets.out());
        CliRepos.Run missing = CliRepos.run("diff", "ks", "app-secrets", "--source", fleet.toString(), "--path",
                "clusters/staging");
        assertEquals(2, missing.code(), missing.out() + missing.err());
        assertTrue(missing.err().contains("sops-age"), missing.err());
    }

    @Test
    void theFilesDiffAndTheDirectoryBuildKeepWorking() {
        CliRepos.Run noOpts = CliRepos.run("diff");
        assertEquals(2, noOpts.code());
        assertTrue(noOpts.err().contains("Missing required options: '--desired=FILE', '--live=FILE'"),
                noOpts.err());
        CliRepos.Run build = CliRepos.run("build", fleet.resolve("apps/overlays/staging").toString());
        assertEquals(0, build.code(), build.err());
        assertTrue(build.out().contains("name: web-settings-"), build.out());
        assertFalse(build.out().contains("kustomize.toolkit.fluxcd.io/name"), "plain kustomize build");
    }
}
