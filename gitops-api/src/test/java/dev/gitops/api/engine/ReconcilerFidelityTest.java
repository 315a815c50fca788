package dev.gitops.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.apply.memory.AuditEntry;
import dev.gitops.api.apply.memory.Authorizer;
import dev.gitops.api.apply.memory.InMemoryCluster;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.source.GitReference;
import dev.gitops.api.source.GitSource;
import dev.gitops.api.source.GitSourceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kustomize-controller behaviours the engine reproduces: {@code spec.force} recreation of objects with changed
 * immutable fields (and the error wording without it), {@code spec.serviceAccountName} impersonation, three-way
 * drift with Flux's Secret masks, and {@code flux build}'s SOPS masks. Fixture: {@code engine/fidelity}.
 */
class ReconcilerFidelityTest {

    @TempDir
    Path tmp;

    Path work;
    Git git;
    final ReconcilerTest.MutableClock clock = new ReconcilerTest.MutableClock();

    static final ResourceId JOB = ResourceId.of("batch/v1", "Job", "default", "migrate");
    static final ResourceId SETTINGS = ResourceId.of("v1", "ConfigMap", "default", "settings");

    @BeforeEach
    void setUp() throws Exception {
        work = tmp.resolve("repo");
        Path fixture = Path.of(ReconcilerFidelityTest.class.getResource("/engine/fidelity").toURI());
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path dst = work.resolve(fixture.relativize(p).toString());
                Files.createDirectories(dst.getParent());
                Files.copy(p, dst);
            }
        }
        git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        commit("initial");
    }

    void commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = new PersonIdent("t", "t@example.com", clock.instant(), ZoneOffset.UTC);
        git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    void edit(String path, String from, String to) throws Exception {
        Path p = work.resolve(path);
        String s = Files.readString(p, StandardCharsets.UTF_8);
        assertTrue(s.contains(from), path + " has no " + from);
        Files.writeString(p, s.replace(from, to), StandardCharsets.UTF_8);
    }

    Reconciler reconciler(InMemoryCluster cluster) {
        return Reconciler.builder()
                .source(GitSourceSpec.of(work.toUri().toString(), GitReference.ofBranch("main")))
                .path("clusters/test")
                .gitSource(GitSource.builder().cacheDir(tmp.resolve("cache")).clock(clock).build())
                .cluster(cluster)
                .eventSink(EventSink.none())
                .clock(clock)
                .sleeper(d -> clock.advance(d))
                .build();
    }

    static ObjectStatus ks(ReconcileReport report, String name) {
        return report.kustomizations().stream().filter(s -> s.id().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void withoutForceAnImmutableFieldChangeFailsInFluxWording() throws Exception {
        InMemoryCluster cluster = InMemoryCluster.create();
        Reconciler r = reconciler(cluster);
        assertTrue(r.reconcileOnce().allReady());
        edit("jobs/job.yaml", "migrate:1", "migrate:2");
        edit("jobs/settings.yaml", "info", "debug");
        commit("new image");
        ObjectStatus jobs = ks(r.reconcileOnce(), "jobs");
        assertFalse(jobs.ready());
        assertEquals(Reasons.RECONCILIATION_FAILED, jobs.reason());
        assertTrue(jobs.message().startsWith("Job/default/migrate dry-run failed (Invalid): Job.batch \"migrate\" is"
                + " invalid: spec.template: Invalid value: "), jobs.message());
        assertTrue(jobs.message().endsWith(": field is immutable"), jobs.message());
        assertEquals("migrate:1", cluster.get(JOB).orElseThrow().content()
                .at("/spec/template/spec/containers/0/image").asText(), "the live Job is left alone");
    }

    @Test
    void forceRecreatesAnObjectWhoseImmutableFieldsChanged() throws Exception {
        edit("clusters/test/jobs.yaml", "  prune: true\n", "  prune: true\n  force: true\n");
        commit("force");
        InMemoryCluster cluster = InMemoryCluster.create();
        Reconciler r = reconciler(cluster);
        assertTrue(r.reconcileOnce().allReady());
        String uid = cluster.get(JOB).orElseThrow().content().at("/metadata/uid").asText();
        edit("jobs/job.yaml", "migrate:1", "migrate:2");
        commit("new image");
        ReconcileReport report = r.reconcileOnce();
        assertTrue(report.allReady(), () -> report.notReady().toString());
        Resource job = cluster.get(JOB).orElseThrow();
        assertEquals("migrate:2", job.content().at("/spec/template/spec/containers/0/image").asText());
        assertNotEquals(uid, job.content().at("/metadata/uid").asText(), "deleted and created again");
        assertEquals(List.of(JOB), report.changes().get(ResourceId.of("kustomize.toolkit.fluxcd.io/v1",
                "Kustomization", "flux-system", "jobs")).created());
    }

    @Test
    void forceWaitsForTheDeletionAndGivesUpOnAnObjectThatStaysTerminating() throws Exception {
        edit("clusters/test/jobs.yaml", "  prune: true\n", "  prune: true\n  force: true\n  timeout: 1m\n");
        commit("force");
        InMemoryCluster cluster = InMemoryCluster.create();
        Reconciler r = reconciler(cluster);
        assertTrue(r.reconcileOnce().allReady());
        cluster.update(JOB, "some-controller", o -> {
            o.with("metadata").putArray("finalizers").add("example.dev/cleanup");
            return o;
        });
        edit("jobs/job.yaml", "migrate:1", "migrate:2");
        commit("new image");
        java.time.Instant before = clock.instant();
        ObjectStatus jobs = ks(r.reconcileOnce(), "jobs");
        assertFalse(jobs.ready());
        assertEquals("Job/default/migrate immutable field detected, failed to wait for object to be deleted: the "
                + "object is still terminating (finalizers: [\"example.dev/cleanup\"])", jobs.message());
        assertTrue(!clock.instant().isBefore(before.plus(java.time.Duration.ofMinutes(1))), "waited for the timeout");
    }

    @Test
    void theForceAnnotationRecreatesOneObject() throws Exception {
        edit("jobs/job.yaml", "  namespace: default\n", "  namespace: default\n  annotations:\n"
                + "    kustomize.toolkit.fluxcd.io/force: enabled\n");
        commit("force one");
        InMemoryCluster cluster = InMemoryCluster.create();
        Reconciler r = reconciler(cluster);
        assertTrue(r.reconcileOnce().allReady());
        edit("jobs/job.yaml", "migrate:1", "migrate:2");
        commit("new image");
        assertTrue(r.reconcileOnce().allReady());
        assertEquals("migrate:2", cluster.get(JOB).orElseThrow().content()
                .at("/spec/template/spec/containers/0/image").asText());
    }

    @Test
    void serviceAccountNameIsImpersonatedForApplyAndPrune() throws Exception {
        edit("clusters/test/jobs.yaml", "  prune: true\n", "  prune: true\n  serviceAccountName: deployer\n");
        commit("impersonate");
        InMemoryCluster cluster = InMemoryCluster.create();
        Reconciler r = reconciler(cluster);
        assertTrue(r.reconcileOnce().allReady());
        String sa = "system:serviceaccount:flux-system:deployer";
        List<AuditEntry> log = cluster.auditLog();
        assertTrue(log.contains(new AuditEntry(Authorizer.Verb.PATCH, JOB, sa, false)), log::toString);
        assertTrue(log.contains(new AuditEntry(Authorizer.Verb.PATCH, SETTINGS, sa, false)), log::toString);
        assertTrue(log.stream().filter(e -> e.object().equals(ResourceId.of("v1", "Secret", "default", "plain")))
                .allMatch(e -> e.user().isEmpty()), "the other Kustomization acts as the controller");
        Files.delete(work.resolve("jobs/settings.yaml"));
        commit("drop settings");
        assertTrue(r.reconcileOnce().allReady());
        assertTrue(cluster.auditLog().contains(new AuditEntry(Authorizer.Verb.DELETE, SETTINGS, sa, false)),
                "pruned as the service account");
    }

    @Test
    void aServiceAccountWithoutPermissionsCannotApply() throws Exception {
        edit("clusters/test/jobs.yaml", "  prune: true\n", "  prune: true\n  serviceAccountName: nobody\n");
        commit("impersonate");
        InMemoryCluster cluster = InMemoryCluster.builder()
                .authorizer((user, verb, object) -> !user.endsWith(":nobody")).build();
        ObjectStatus jobs = ks(reconciler(cluster).reconcileOnce(), "jobs");
        assertFalse(jobs.ready());
        assertEquals(Reasons.RECONCILIATION_FAILED, jobs.reason());
        assertTrue(jobs.message().contains(" dry-run failed (Forbidden): "), jobs.message());
        assertTrue(jobs.message().contains("is forbidden: User \"system:serviceaccount:flux-system:nobody\" cannot "
                + "get resource"), jobs.message());
        assertTrue(cluster.get(JOB).isEmpty());
    }

    @Test
    void driftIsThreeWayAndSecretValuesAreMaskedAsFluxMasksThem() {
        InMemoryCluster cluster = InMemoryCluster.create();
        Reconciler r = reconciler(cluster);
        assertTrue(r.reconcileOnce().allReady());
        assertEquals(List.of(), r.detectDrift(), "stringData applied, data stored: no drift");
        ResourceId secret = ResourceId.of("v1", "Secret", "default", "plain");
        cluster.update(secret, "kubectl-edit", o -> {
            o.with("data").put("token", java.util.Base64.getEncoder().encodeToString("leaked".getBytes(
                    StandardCharsets.UTF_8)));
            o.with("metadata").with("labels").put("extra", "by-hand");
            return o;
        });
        cluster.update(SETTINGS, "kubectl-edit", o -> {
            o.with("data").put("added", "by-hand");
            return o;
        });
        List<Drift> drift = r.detectDrift();
        assertEquals(1, drift.size(), () -> drift.toString() + ": fields only another manager set are not drift");
        Drift d = drift.get(0);
        assertEquals(secret, d.object());
        assertEquals(List.of(new Drift.Field("/data/token", "'*** (before)'", "'*** (after)'")), d.fields());
        assertFalse(drift.toString().contains("leaked") || drift.toString().contains("s3cr3t"), drift::toString);
        assertTrue(r.reconcileOnce().allReady());
        assertEquals(List.of(), r.detectDrift(), "healed");
    }

    @Test
    void buildMasksSopsDataAsFluxBuildDoes() {
        Reconciler r = reconciler(InMemoryCluster.create());
        r.reconcileOnce();
        KustomizationBuild b = r.buildKustomization("flux-system", "sealed", KustomizationBuild.Secrets.MASKED);
        Resource whole = b.objects().stream().filter(o -> o.name().equals("encrypted")).findFirst().orElseThrow();
        assertFalse(whole.has("/sops"), "the sops stanza is dropped");
        assertEquals("KipTT1BTKio=", whole.content().at("/data/password").asText(), "base64 of **SOPS**");
        assertEquals("**SOPS**", whole.content().at("/stringData/extra").asText());
        Resource partly = b.objects().stream().filter(o -> o.name().equals("partly")).findFirst().orElseThrow();
        assertEquals("KipTT1BTKio=", partly.content().at("/data/config.enc.yaml").asText());
        assertEquals("aGVsbG8=", partly.content().at("/data/plain").asText(), "plain values stay");
        assertFalse(b.toYaml().contains("ENC["), b.toYaml());
        KustomizationBuild raw = r.buildKustomization("flux-system", "sealed", KustomizationBuild.Secrets.ENCRYPTED);
        assertTrue(raw.toYaml().contains("ENC[AES256_GCM,data:AAAA"), "ENCRYPTED keeps what Git has");
    }
}
