package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LintCommandTest {

    private static final String GOOD_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  serviceAccountName: web
                  containers:
                    - name: web
                      image: ghcr.io/acme/web:1.4.2
                      readinessProbe: {httpGet: {path: /readyz, port: 8080}}
                      livenessProbe: {httpGet: {path: /healthz, port: 8080}}
                      resources:
                        requests: {cpu: 100m, memory: 128Mi}
                        limits: {cpu: 500m, memory: 256Mi}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: default-deny
              namespace: shop
            spec:
              podSelector: {}
            """;

    @TempDir
    Path repo;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void clean() throws IOException {
        write("apps/web.yaml", GOOD_DEPLOYMENT);
    }

    private void write(String path, String content) throws IOException {
        Path p = repo.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private int run(String... args) {
        CommandLine cl = GitOpsCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void cleanRepositoryExitsZero() {
        assertEquals(0, run("lint", repo.toString()), err.toString());
        assertTrue(out.toString().startsWith("no findings ("), out.toString());
    }

    @Test
    void findingsAtOrAboveTheThresholdExitOne() throws IOException {
        write("apps/web.yaml", GOOD_DEPLOYMENT.replace(
                "          readinessProbe: {httpGet: {path: /readyz, port: 8080}}\n", ""));
        assertEquals(0, run("lint", repo.toString()), "a warning does not fail by default");
        assertTrue(out.toString().contains("apps/web.yaml\n  14:11   warning workload-probes"), out.toString());
        assertEquals(1, run("lint", repo.toString(), "--fail-on", "warning"));
        write("apps/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-secret\n  namespace: shop\n"
                + "stringData:\n  password: cli-test-pw-1234\n");
        assertEquals(1, run("lint", repo.toString()));
        assertFalse(out.toString().contains("cli-test-pw-1234"));
    }

    @Test
    void invalidYamlIsAFindingNotASilentSkip() throws IOException {
        write("apps/broken.yaml", "apiVersion: v1\nkind: Secret\nstringData:\n  password: [cli-broken-pw\n");
        assertEquals(1, run("lint", repo.toString()));
        assertTrue(out.toString().contains("apps/broken.yaml\n  5:1     error   yaml-syntax  not valid YAML"),
                out.toString());
        assertFalse(out.toString().contains("cli-broken-pw"));
    }

    @Test
    void jsonAndSarif() throws IOException {
        write("apps/web.yaml", GOOD_DEPLOYMENT.replace("1.4.2", "latest"));
        assertEquals(1, run("lint", repo.toString(), "--format", "json"));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals("workload-image-pinned", json.at("/findings/0/ruleId").asText());
        assertEquals("apps/web.yaml", json.at("/findings/0/file").asText());
        assertEquals(15, json.at("/findings/0/line").asInt());
        assertEquals("/spec/template/spec/containers/0/image", json.at("/findings/0/pointer").asText());

        out.getBuffer().setLength(0);
        assertEquals(1, run("lint", repo.toString(), "--format", "sarif"));
        JsonNode sarif = new ObjectMapper().readTree(out.toString());
        assertEquals("2.1.0", sarif.path("version").asText());
        JsonNode result = sarif.at("/runs/0/results/0");
        assertEquals("workload-image-pinned", result.path("ruleId").asText());
        assertEquals("error", result.path("level").asText());
        assertEquals("apps/web.yaml", result.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals(15, result.at("/locations/0/physicalLocation/region/startLine").asInt());
        assertTrue(sarif.at("/runs/0/tool/driver/rules").size() >= 18);
    }

    @Test
    void pathRestrictsTheLint() throws IOException {
        write("clusters/prod/git.yaml", "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n"
                + "  name: fleet\nspec:\n  interval: 10s\n");
        assertEquals(0, run("lint", repo.toString(), "--path", "apps"));
        assertEquals(1, run("lint", repo.toString(), "--path", "clusters/prod"));
        assertTrue(out.toString().contains("flux-interval"));
    }

    @Test
    void outputFile() throws IOException {
        Path report = repo.resolve("report.sarif");
        assertEquals(0, run("lint", repo.toString(), "--format", "sarif", "-o", report.toString()));
        assertTrue(Files.readString(report).contains("\"version\" : \"2.1.0\""));
        assertEquals("", out.toString());
    }

    @Test
    void configurationErrorsExitTwoWithFileAndLine() throws IOException {
        write(".gitops-policy.yaml", "rules:\n  workload-probes:\n    severty: info\n");
        assertEquals(2, run("lint", repo.toString()));
        assertTrue(err.toString().startsWith("error: .gitops-policy.yaml:3 /rules/workload-probes/severty: unknown"
                + " field \"severty\""), err.toString());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("lint", repo.toString(), "--format", "xml"));
        assertTrue(err.toString().contains("unknown report format \"xml\""), err.toString());
        assertEquals(2, run("lint", repo.resolve("missing").toString()));
        assertEquals(2, run("lint", repo.toString(), "--fail-on", "fatal"));
        assertEquals(2, run("lint", repo.toString(), "--path", "../outside"));
        assertEquals(2, run("lint"));
    }

    @Test
    void listRulesShowsWhatTheConfigurationEnables() throws IOException {
        write(".gitops-policy.yaml", "ruleSets:\n  naming: true\nrules:\n  workload-probes: {severity: error}\n");
        assertEquals(0, run("lint", repo.toString(), "--list-rules"));
        String s = out.toString();
        assertTrue(s.contains("naming-configmap"), s);
        assertTrue(s.lines().anyMatch(l -> l.startsWith("workload-probes") && l.contains(" error ")
                && l.contains(" on ")), s);
        assertTrue(s.lines().anyMatch(l -> l.startsWith("naming-secret") && l.contains(" on ")), s);
    }

    @Test
    void rendersWhatFluxAppliesByDefaultAndReadsFilesWithRaw() throws IOException {
        Files.delete(repo.resolve("apps/web.yaml"));
        write("clusters/dev/flux-system/gotk-sync.yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: flux-system, namespace: flux-system}
                spec:
                  interval: 10m
                  path: ./clusters/dev
                  prune: true
                  sourceRef: {kind: GitRepository, name: flux-system}
                """);
        write("clusters/dev/apps.yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: apps, namespace: flux-system}
                spec:
                  interval: 10m
                  path: ./apps/overlays/dev
                  prune: true
                  sourceRef: {kind: GitRepository, name: flux-system}
                """);
        write("apps/base/web/deployment.yaml", GOOD_DEPLOYMENT);
        write("apps/base/web/kustomization.yaml", "resources: [deployment.yaml]\n");
        // the overlay's patch moves the image to a moving tag: only the build shows it
        write("apps/overlays/dev/kustomization.yaml", """
                resources: [../../base/web]
                patches:
                  - path: image.yaml
                    target: {kind: Deployment, name: web}
                """);
        write("apps/overlays/dev/image.yaml", """
                - op: replace
                  path: /spec/template/spec/containers/0/image
                  value: ghcr.io/acme/web:latest
                """);
        assertEquals(1, run("lint", repo.toString(), "--path", "clusters/dev"), out + err.toString());
        // located at the patch that set the field, not at the base
        assertTrue(out.toString().contains("apps/overlays/dev/image.yaml\n  3:3     error   workload-image-pinned"),
                out.toString());
        assertTrue(out.toString().contains("at Deployment/shop/web /spec/template/spec/containers/0/image"),
                out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("lint", repo.toString(), "--path", "clusters/dev", "--raw"), out.toString());
        out.getBuffer().setLength(0);
        // the whole repository: clusters/dev is found through its flux-system Kustomization
        assertEquals(1, run("lint", repo.toString()), out.toString());
        assertEquals(1, out.toString().split("workload-image-pinned", -1).length - 1, out.toString());
    }

    @Test
    void helpDescribesRenderingAndRaw() {
        assertEquals(0, run("lint", "--help"));
        assertTrue(out.toString().contains("ManifestSource"), out.toString());
        assertTrue(out.toString().contains("--raw"), out.toString());
        assertTrue(out.toString().contains("render-failed"), out.toString());
        assertTrue(out.toString().contains("--fail-on"));
    }
}
