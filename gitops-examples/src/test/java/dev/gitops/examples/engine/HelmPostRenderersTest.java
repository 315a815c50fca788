package dev.gitops.examples.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.apply.memory.InMemoryCluster;
import dev.gitops.api.apply.memory.ReadinessSimulator;
import dev.gitops.api.engine.EventSink;
import dev.gitops.api.engine.ObjectStatus;
import dev.gitops.api.engine.ReconcileReport;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.source.GitReference;
import dev.gitops.api.source.GitSourceSpec;
import dev.gitops.api.yaml.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HelmRelease {@code postRenderers} through the engine wired as the CLI wires it (gitops-helm renders, gitops-kustomize
 * post-renders), compared with what the real tools produce: {@code expected.yaml} of each case under
 * {@code engine/postrender/cases} was recorded by {@code record.sh} ({@code helm template}, then {@code kubectl
 * kustomize} v5.7 over each post-renderer's kustomization, as helm-controller runs them). The objects the engine
 * applies must equal the recorded ones, apart from the metadata Helm and helm-controller add (managed-by label,
 * {@code meta.helm.sh} annotations, {@code helm.toolkit.fluxcd.io} labels) and the release namespace.
 */
class HelmPostRenderersTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"patches", "legacy", "chained"})
    void postRenderedObjectsMatchHelmTemplateAndKustomize(String name) throws Exception {
        Path fixture = Path.of(getClass().getResource("/engine/postrender").toURI());
        Path repo = tmp.resolve("repo");
        copy(fixture.resolve("repo"), repo);
        Files.copy(fixture.resolve("cases/" + name + "/release.yaml"), repo.resolve("clusters/test/release.yaml"));
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("t", "t@example.com");
            git.commit().setMessage("fleet").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        InMemoryCluster cluster = InMemoryCluster.builder().readiness(ReadinessSimulator.ready()).build();
        ReconcileReport report = EngineWiring.reconciler(GitSourceSpec.of(repo.toUri().toString(),
                GitReference.ofBranch("main")), "clusters/test", cluster, EventSink.recording(), Clock.systemUTC())
                .build().reconcileOnce();
        ObjectStatus hr = report.helmReleases().get(0);
        assertTrue(hr.ready(), hr.message());

        List<Resource> expected = Resource.readAll(Files.readString(fixture.resolve("cases/" + name
                + "/expected.yaml")), "expected.yaml");
        TreeSet<ResourceId> ids = new TreeSet<>();
        for (Resource want : expected) {
            ResourceId id = ResourceId.of(want.apiVersion(), want.kind(), "web", want.name());
            ids.add(id);
            Resource live = cluster.get(id).orElseThrow(() -> new AssertionError("missing " + id));
            assertEquals(Yaml.defaults().write(want.content()), Yaml.defaults().write(normalize(live.content())),
                    id.toString());
        }
        assertEquals(ids, new TreeSet<>(hr.inventory()), "the release owns exactly the post-rendered objects");
    }

    /** {@code gitops lint} renders HelmReleases as they will be applied: post-renderers included. */
    @org.junit.jupiter.api.Test
    void theLintersRenderingAppliesThePostRenderersToo() throws Exception {
        Path fixture = Path.of(getClass().getResource("/engine/postrender").toURI());
        Path repo = tmp.resolve("repo");
        copy(fixture.resolve("repo"), repo);
        Files.copy(fixture.resolve("cases/patches/release.yaml"), repo.resolve("clusters/test/release.yaml"));
        dev.gitops.api.policy.ManifestSource source = dev.gitops.api.policy.ManifestSource.rendering()
                .manifestBuilder(EngineWiring.manifestBuilder()).chartRenderer(EngineWiring.chartRenderer()).build();
        List<Resource> rendered = source.manifests(dev.gitops.api.fs.FileSystem.onDisk(repo), "clusters/test");
        List<Resource> expected = Resource.readAll(Files.readString(fixture.resolve("cases/patches/expected.yaml")),
                "expected.yaml");
        for (Resource want : expected) {
            Resource got = rendered.stream().filter(r -> r.kind().equals(want.kind()) && r.name().equals(want.name()))
                    .findFirst().orElseThrow(() -> new AssertionError("not rendered: " + want.id()));
            assertEquals(Yaml.defaults().write(want.content()), Yaml.defaults().write(normalize(got.content())),
                    want.id().toString());
        }
    }

    @org.junit.jupiter.api.Test
    void aFailingPostRendererFailsTheInstallNamingTheField() throws Exception {
        Path fixture = Path.of(getClass().getResource("/engine/postrender").toURI());
        Path repo = tmp.resolve("repo");
        copy(fixture.resolve("repo"), repo);
        String release = Files.readString(fixture.resolve("cases/chained/release.yaml")).replace(
                "path: /metadata/labels/chained", "path: /spec/nothing/here");
        release = release.replace("op: add", "op: replace");
        Files.writeString(repo.resolve("clusters/test/release.yaml"), release);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("t", "t@example.com");
            git.commit().setMessage("fleet").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        InMemoryCluster cluster = InMemoryCluster.builder().readiness(ReadinessSimulator.ready()).build();
        ObjectStatus hr = EngineWiring.reconciler(GitSourceSpec.of(repo.toUri().toString(),
                GitReference.ofBranch("main")), "clusters/test", cluster, EventSink.recording(), Clock.systemUTC())
                .build().reconcileOnce().helmReleases().get(0);
        assertEquals("InstallFailed", hr.reason());
        assertTrue(hr.message().startsWith("Helm install failed for release web/app with chart app@0.3.1: "
                + "HelmRelease/flux-system/app: spec.postRenderers[1].kustomize: error while running post render on "
                + "files: "), hr.message());
        assertTrue(cluster.get(ResourceId.of("apps/v1", "Deployment", "web", "app")).isEmpty(), "nothing applied");
    }

    /** The live object minus server fields and the metadata Helm and helm-controller add. */
    private static ObjectNode normalize(ObjectNode live) {
        ObjectNode o = live.deepCopy();
        o.remove("status");
        ObjectNode meta = (ObjectNode) o.get("metadata");
        for (String f : List.of("managedFields", "resourceVersion", "uid", "creationTimestamp", "generation",
                "namespace")) {
            meta.remove(f);
        }
        strip(meta, "labels", List.of("app.kubernetes.io/managed-by", "helm.toolkit.fluxcd.io/name",
                "helm.toolkit.fluxcd.io/namespace"));
        strip(meta, "annotations", List.of("meta.helm.sh/release-name", "meta.helm.sh/release-namespace"));
        return o;
    }

    private static void strip(ObjectNode meta, String field, List<String> keys) {
        JsonNode n = meta.get(field);
        if (n instanceof ObjectNode m) {
            keys.forEach(m::remove);
            if (m.isEmpty()) {
                meta.remove(field);
            }
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(from)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path p : files) {
            Path dst = to.resolve(from.relativize(p).toString());
            Files.createDirectories(dst.getParent());
            Files.copy(p, dst);
        }
    }
}
