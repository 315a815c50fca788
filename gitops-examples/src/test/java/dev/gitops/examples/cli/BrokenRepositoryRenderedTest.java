package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import dev.gitops.api.policy.Finding;
import dev.gitops.api.policy.LintReport;
import dev.gitops.api.policy.Location;
import dev.gitops.api.policy.ManifestSource;
import dev.gitops.api.policy.PolicyEngine;
import dev.gitops.api.policy.PolicyRule;
import dev.gitops.api.policy.ReportFormat;
import dev.gitops.examples.engine.EngineWiring;
import dev.gitops.kustomize.KustomizeManifestBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gitops-api's deliberately broken fleet ({@code policy/broken-repo}) linted rendered, with gitops-kustomize and
 * gitops-helm wired as the CLI wires them: every rule (the render rules too) reports exactly once, at the repository
 * file and line of {@code expected-rendered.txt}, although the objects were built by kustomize.
 */
class BrokenRepositoryRenderedTest {

    private static final Path DIR = Path.of("../gitops-api/src/test/resources/policy/broken-repo").toAbsolutePath()
            .normalize();
    private static final Path FLEET = Path.of("fleet").toAbsolutePath();
    private static final ManifestSource RENDERED = ManifestSource.rendered(
            KustomizeManifestBuilder.create(), EngineWiring.chartRenderer()); // the source asks for origin tracking

    @Test
    void everyRuleReportsOnceAtItsLocation() throws IOException {
        PolicyEngine engine = PolicyEngine.builder().manifestSource(RENDERED).build();
        LintReport report = engine.lint(FileSystem.onDisk(DIR), "");
        assertEquals(expected(), lines(report.findings()), ReportFormat.TEXT.render(report));
        Set<String> fired = new TreeSet<>();
        for (Finding f : report.findings()) {
            assertTrue(fired.add(f.ruleId()), "rule " + f.ruleId() + " reported more than once");
        }
        Set<String> all = new TreeSet<>();
        engine.rules().stream().map(PolicyRule::id).forEach(all::add);
        assertEquals(all, fired, "every rule fires on the broken repository");
        assertEquals(1, report.suppressed().size(), "the legacy Deployment's probes are exempt");
    }

    @Test
    void renderedObjectsAreWhatFluxAppliesWithRepositoryOrigins() {
        List<Resource> objs = RENDERED.manifests(FileSystem.onDisk(FLEET), "clusters/production");
        Resource web = one(objs, "Deployment", "web");
        // postBuild substitution (${web_replicas:=1} with web_replicas=3), the overlay's JSON patch and Flux's
        // labels were applied: this is the build, not the file
        assertEquals(3, web.get("/spec/replicas").orElseThrow().intValue());
        assertEquals("256Mi", web.get("/spec/template/spec/containers/0/resources/limits/memory").orElseThrow()
                .asText());
        assertEquals("apps", web.labels().get("kustomize.toolkit.fluxcd.io/name"));
        // findings still name the base file and the line of the field
        Location l = Location.of(web.id(), web.originOf("/spec/template/spec/containers/0/image"));
        assertEquals("apps/base/web/deployment.yaml", l.file());
        assertEquals(21, l.line());
        // a generated ConfigMap is located at the kustomization that generates it
        Resource settings = objs.stream().filter(r -> r.name().startsWith("web-settings-")).findFirst()
                .orElseThrow();
        assertEquals("apps/overlays/production/kustomization.yaml", settings.originOf("/data").file());
        // the HelmRelease's chart was rendered; its objects are located at the HelmRelease
        Resource redis = one(objs, "Deployment", "cache-redis");
        assertEquals("cache", redis.namespace());
        assertEquals("infrastructure/controllers/redis.yaml", redis.originOf("/spec").file());
        assertEquals(1, redis.originOf("/spec").line());
        // the SOPS-encrypted Secret of staging stays encrypted
        Resource sops = one(RENDERED.manifests(FileSystem.onDisk(FLEET), "clusters/staging"), "Secret",
                "api-credentials");
        assertTrue(sops.has("/sops"));
        assertTrue(sops.get("/stringData/API_TOKEN").orElseThrow().asText().startsWith("ENC["));
    }

    @Test
    void aBaseBothClustersRenderIsReportedOnce(@TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("fleet");
        try (Stream<Path> files = Files.walk(FLEET)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = copy.resolve(FLEET.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Path web = copy.resolve("apps/base/web/deployment.yaml");
        Files.writeString(web, Files.readString(web).replace("nginx:1.27.0", "nginx:latest"));
        LintReport report = PolicyEngine.builder().manifestSource(RENDERED).build()
                .lint(FileSystem.onDisk(copy), "");
        // staging and production both render apps/base/web, the raw pass reads the file too: one finding
        assertEquals(List.of("workload-image-pinned apps/base/web/deployment.yaml:21"
                + " /spec/template/spec/containers/0/image"), lines(report.findings()));
    }

    private static Resource one(List<Resource> objs, String kind, String name) {
        return objs.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + objs));
    }

    private static List<String> expected() throws IOException {
        List<String> out = new ArrayList<>();
        for (String s : Files.readAllLines(DIR.resolve("expected-rendered.txt"), StandardCharsets.UTF_8)) {
            if (!s.isBlank() && !s.startsWith("#")) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static List<String> lines(List<Finding> findings) {
        List<String> out = new ArrayList<>();
        for (Finding f : findings) {
            Location l = f.location();
            String where = l.file().isEmpty() ? l.resource().map(Object::toString).orElse("-") : l.file();
            out.add(f.ruleId() + " " + where + (l.line() > 0 ? ":" + l.line() : "")
                    + (l.pointer().isEmpty() ? "" : " " + l.pointer()));
        }
        return out;
    }
}
