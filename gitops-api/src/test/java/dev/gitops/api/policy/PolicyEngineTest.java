package dev.gitops.api.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              template:
                spec:
                  serviceAccountName: web
                  containers:
                    - name: web
                      image: ghcr.io/acme/web:latest
            """;

    private static FileSystem repo(String... pathAndContent) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < pathAndContent.length; i += 2) {
            files.put(pathAndContent[i], pathAndContent[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return FileSystem.inMemory(files);
    }

    private static List<String> lines(LintReport r) {
        return PolicyFixtures.lines(r.findings());
    }

    private static InvalidInputException configError(String config) {
        FileSystem fs = repo(".gitops-policy.yaml", config, "apps/web.yaml", DEPLOYMENT);
        return assertThrows(InvalidInputException.class, () -> PolicyEngine.defaults().lint(fs, ""));
    }

    @Test
    void unknownConfigFieldsAreErrorsWithFileAndLine() {
        assertEquals(".gitops-policy.yaml:3 /rules/workload-probes/severty: unknown field \"severty\" in rule"
                + " workload-probes (known: enabled, options, severity)",
                configError("rules:\n  workload-probes:\n    severty: info\n").getMessage());
        assertEquals(".gitops-policy.yaml:2 /ruleset: unknown field \"ruleset\" in the policy configuration (known:"
                + " exemptions, ruleSets, rules)",
                configError("ruleSets: {}\nruleset:\n  naming: true\n").getMessage());
        assertTrue(configError("rules:\n  workload-probe:\n    enabled: false\n").getMessage()
                .startsWith(".gitops-policy.yaml:2 /rules/workload-probe: unknown rule \"workload-probe\""));
        assertEquals(".gitops-policy.yaml:2 /rules/workload-probes/severity: unknown severity \"fatal\" (expected"
                + " info, warning or error)", configError("rules:\n  workload-probes: {severity: fatal}\n")
                .getMessage());
        assertEquals(".gitops-policy.yaml:2 /ruleSets/nameing: unknown rule set \"nameing\" (known: flux, layout,"
                + " namespaces, naming, policy, rbac, repository, secrets, workloads)",
                configError("ruleSets:\n  nameing: true\n").getMessage());
        assertEquals(".gitops-policy.yaml:2 /ruleSets/naming: expected true or false, got \"on\"",
                configError("ruleSets:\n  naming: \"on\"\n").getMessage());
        assertEquals(".gitops-policy.yaml:2 /exemptions/0: an exemption needs a \"reason\"",
                configError("exemptions:\n  - rules: [workload-probes]\n    paths: [apps/**]\n").getMessage());
        assertEquals(".gitops-policy.yaml:2 /exemptions/0: an exemption needs \"paths\" or \"resources\" to say what"
                + " it exempts", configError("exemptions:\n  - rules: [workload-probes]\n    reason: x\n")
                .getMessage());
        assertEquals(".gitops-policy.yaml:4 /exemptions/0/path: unknown field \"path\" in an exemption (known: paths,"
                + " reason, resources, rules)",
                configError("exemptions:\n  - rules: [x]\n    reason: y\n    path: apps\n").getMessage());
        assertTrue(configError("exemptions:\n  - rules: [nope]\n    paths: [a]\n    reason: r\n").getMessage()
                .startsWith(".gitops-policy.yaml:2 /exemptions/0: exemption names unknown rule \"nope\""));
        assertEquals(".gitops-policy.yaml:2 /rules/flux-interval/options/minimun: unknown option \"minimun\" of rule"
                + " flux-interval (known: minimum)",
                configError("rules:\n  flux-interval:\n    options: {minimun: 2m}\n").getMessage());
        assertEquals(".gitops-policy.yaml:2 /rules/flux-interval/options: rule flux-interval: option minimum is not"
                + " a Go duration such as \"5m\": \"two minutes\"",
                configError("rules:\n  flux-interval:\n    options: {minimum: two minutes}\n").getMessage());
    }

    @Test
    void severitiesAndSwitchesComeFromTheConfiguration() {
        FileSystem fs = repo(".gitops-policy.yaml", """
                ruleSets:
                  namespaces: false
                rules:
                  workload-image-pinned:
                    severity: info
                  workload-resources:
                    enabled: false
                """, "apps/web.yaml", DEPLOYMENT);
        LintReport r = PolicyEngine.defaults().lint(fs, "");
        assertEquals(List.of("workload-probes apps/web.yaml:11 /spec/template/spec/containers/0",
                "workload-image-pinned apps/web.yaml:12 /spec/template/spec/containers/0/image"), lines(r));
        assertEquals(Severity.INFO, r.findings().get(1).severity());
        assertTrue(r.passes(Severity.WARNING) == false);
        assertTrue(r.rules().stream().noneMatch(i -> i.id().startsWith("namespace-")));
        assertTrue(r.rules().stream().noneMatch(i -> i.id().equals("workload-resources")));
    }

    @Test
    void configExemptionsByPathAndResource() {
        String policy = """
                rules:
                  workload-resources: {enabled: false}
                  workload-probes: {enabled: false}
                  namespace-network-policy: {enabled: false}
                exemptions:
                  - rules: [workload-image-pinned]
                    paths: ["apps/legacy/**"]
                    reason: vendor images, PLAT-7
                  - rules: ["*"]
                    resources: ["Deployment/tools/*"]
                    reason: debug tooling
                """;
        FileSystem fs = repo(".gitops-policy.yaml", policy,
                "apps/web.yaml", DEPLOYMENT,
                "apps/legacy/deep/old.yaml", DEPLOYMENT.replace("name: web\n", "name: old\n"),
                "apps/tools.yaml", DEPLOYMENT.replace("namespace: shop", "namespace: tools"));
        LintReport r = PolicyEngine.defaults().lint(fs, "");
        assertEquals(List.of("workload-image-pinned apps/web.yaml:12 /spec/template/spec/containers/0/image"),
                lines(r));
        assertEquals(2, r.suppressed().size());
        assertEquals(Suppression.Source.CONFIG, r.suppressed().get(0).source());
        assertEquals("vendor images, PLAT-7", r.suppressed().get(0).reason());
        assertEquals("debug tooling", r.suppressed().get(1).reason());
    }

    @Test
    void annotationExemptionsWithReason() {
        FileSystem fs = repo("apps/web.yaml", DEPLOYMENT.replace("  namespace: shop\n", """
                  namespace: shop
                  annotations:
                    gitops.dev/exempt: "*"
                    gitops.dev/exempt-reason: being rewritten
                """));
        LintReport r = PolicyEngine.defaults().lint(fs, "");
        assertEquals(List.of(), lines(r));
        assertTrue(r.suppressed().size() >= 3);
        assertTrue(r.suppressed().stream().allMatch(s -> s.source() == Suppression.Source.ANNOTATION
                && s.reason().equals("being rewritten")));
    }

    @Test
    void explicitRegistrationWinsOverBuiltInAndDiscovered() {
        PolicyRule mine = new PolicyRule() {
            public String id() {
                return "workload-image-pinned";
            }

            public String ruleSet() {
                return "acme";
            }

            public Severity defaultSeverity() {
                return Severity.INFO;
            }

            public String rationale() {
                return "ours";
            }

            public List<Finding> check(PolicyContext c) {
                return List.of();
            }
        };
        PolicyEngine e = PolicyEngine.builder().discoverRules(getClass().getClassLoader()).rule(mine).build();
        assertEquals("ours", e.rule("workload-image-pinned").orElseThrow().rationale());
        assertTrue(e.rule("team-label").isPresent(), "discovered with ServiceLoader");
        assertFalse(PolicyEngine.defaults().rule("team-label").isPresent(), "discovery is opt-in");
        assertThrows(IllegalArgumentException.class, () -> PolicyEngine.builder().rule(mine).rule(mine));

        FileSystem fs = repo("apps/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n");
        LintReport r = e.lint(fs, "");
        assertEquals(List.of("team-label apps/cm.yaml:3 /metadata/labels"), lines(r));
        assertEquals(Severity.INFO, r.findings().get(0).severity());
    }

    private static PolicyRule rule(String id, java.util.function.Function<PolicyContext, List<Finding>> check) {
        return new PolicyRule() {
            public String id() {
                return id;
            }

            public String ruleSet() {
                return "acme";
            }

            public Severity defaultSeverity() {
                return Severity.WARNING;
            }

            public String rationale() {
                return "test";
            }

            public List<Finding> check(PolicyContext c) {
                return check.apply(c);
            }
        };
    }

    @Test
    void findingsGetTheEffectiveSeverityAndTheirRuleMustMatch() {
        FileSystem fs = repo("apps/web.yaml", DEPLOYMENT);
        PolicyRule direct = rule("direct", c -> List.of(Finding.of("direct", Severity.INFO,
                Location.ofFile("apps/web.yaml"), "made without the context")));
        LintReport r = PolicyEngine.builder().builtInRules(false).rule(direct).build().lint(fs, "");
        assertEquals(Severity.WARNING, r.findings().get(0).severity());
        PolicyRule liar = rule("liar", c -> List.of(Finding.of("someone-else", Severity.INFO,
                Location.ofFile("apps/web.yaml"), "not mine")));
        assertThrows(dev.gitops.api.error.GitOpsException.class,
                () -> PolicyEngine.builder().builtInRules(false).rule(liar).build().lint(fs, ""));
        assertThrows(IllegalArgumentException.class,
                () -> PolicyEngine.builder().rule(rule("Not_Kebab", c -> List.of())));
        assertThrows(IllegalStateException.class, () -> PolicyContext.of(List.of(), fs, "")
                .finding("apps/web.yaml", "unbound"));
    }

    @Test
    void renderedObjectsWithoutAFileAreNamedByIdAndPointer() throws Exception {
        ObjectNode content = (ObjectNode) new ObjectMapper().readTree("""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"}}""");
        LintReport r = PolicyEngine.defaults().lint(FileSystem.inMemory(), "", List.of(Resource.of(content)));
        assertEquals(List.of("namespace-pod-security Namespace/shop /metadata/labels"), lines(r));
        assertTrue(ReportFormat.TEXT.render(r).startsWith("Namespace/shop\n"));
        JsonNode sarif = new ObjectMapper().readTree(ReportFormat.SARIF.render(r));
        JsonNode loc = sarif.at("/runs/0/results/0/locations/0");
        assertFalse(loc.has("physicalLocation"));
        assertEquals("Namespace/shop/metadata/labels", loc.at("/logicalLocations/0/fullyQualifiedName").asText());
    }

    @Test
    void rawSourceSkipsKustomizeFilesPatchesChartsAndNonObjects() {
        FileSystem fs = repo(
                "apps/kustomization.yaml", "resources: [web.yaml]\npatches:\n  - path: patch.yaml\n",
                "apps/web.yaml", DEPLOYMENT,
                "apps/patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n",
                "apps/values.yaml", "replicaCount: 2\n",
                "apps/broken.yaml", "a: [\n",
                "apps/notes.txt", "kind: Pod\n",
                "charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n",
                "charts/web/templates/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\n{{ .Values }}\n",
                "components/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n",
                "other/component.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n");
        List<Resource> objects = ManifestSource.rawYaml().manifests(fs, "");
        assertEquals(1, objects.size());
        assertEquals("Deployment/shop/web", objects.get(0).id().toString());
        assertThrows(dev.gitops.api.error.NotFoundException.class,
                () -> ManifestSource.rawYaml().manifests(fs, "nope"));
    }

    @Test
    void rawSourceAppliesKustomizeNamespacesWhereTheyAreDetermined() {
        String dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n";
        String role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: web\n";
        FileSystem fs = repo(
                "apps/base/web/kustomization.yaml", "resources: [deployment.yaml, role.yaml]\n",
                "apps/base/web/deployment.yaml", dep,
                "apps/base/web/role.yaml", role,
                "apps/overlays/prod/kustomization.yaml", "namespace: shop\nresources: [../../base/web]\n",
                "apps/base/api/kustomization.yaml", "namespace: inner\nresources: [deployment.yaml]\n",
                "apps/base/api/deployment.yaml", dep.replace("web", "api"),
                "apps/overlays/a/kustomization.yaml", "namespace: a\nresources: [../../base/api, ../../base/db]\n",
                "apps/overlays/b/kustomization.yaml", "namespace: b\nresources: [../../base/db]\n",
                "apps/base/db/kustomization.yaml", "resources: [db.yaml]\n",
                "apps/base/db/db.yaml", dep.replace("web", "db") + "  namespace: own\n");
        Map<String, String> ids = new LinkedHashMap<>();
        for (Resource r : ManifestSource.rawYaml().manifests(fs, "")) {
            ids.put(r.name() + "@" + PolicyContext.fileOf(r).orElseThrow(), r.id().toString());
        }
        assertEquals(Map.of(
                "api@apps/base/api/deployment.yaml", "Deployment/a/api",
                "db@apps/base/db/db.yaml", "Deployment/own/db",
                "web@apps/base/web/deployment.yaml", "Deployment/shop/web",
                "web@apps/base/web/role.yaml", "ClusterRole/web"), ids);
        Resource web = ManifestSource.rawYaml().manifests(fs, "apps/base/web").get(0);
        assertEquals("apps/base/web/deployment.yaml:3 /metadata/namespace", web.originOf("/metadata/namespace")
                .toString(), "the origin survives");
    }

    @Test
    void rawSourceAppliesKustomizeImageOverridesEveryOverlayAgreesOn() {
        String base = DEPLOYMENT.replace("ghcr.io/acme/web:latest", "ghcr.io/acme/web");
        FileSystem pinned = repo(
                "apps/base/web/kustomization.yaml", "resources: [deployment.yaml]\n",
                "apps/base/web/deployment.yaml", base,
                "apps/overlays/prod/kustomization.yaml", "resources: [../../base/web]\nimages:\n"
                        + "  - name: ghcr.io/acme/web\n    newTag: 1.4.2\n",
                "apps/overlays/staging/kustomization.yaml", "resources: [../../base/web]\nimages:\n"
                        + "  - name: ghcr.io/acme/web\n    digest: sha256:0123456789abcdef\n");
        assertEquals("ghcr.io/acme/web:1.4.2", ManifestSource.rawYaml().manifests(pinned, "")
                .get(0).string("/spec/template/spec/containers/0/image").orElseThrow(),
                "the first top-level kustomization's override, by path");
        assertTrue(PolicyEngine.defaults().lint(pinned, "").findingsOf("workload-image-pinned").isEmpty());

        FileSystem partly = repo(
                "apps/base/web/kustomization.yaml", "resources: [deployment.yaml]\n",
                "apps/base/web/deployment.yaml", base,
                "apps/overlays/prod/kustomization.yaml", "resources: [../../base/web]\nimages:\n"
                        + "  - name: ghcr.io/acme/web\n    newTag: 1.4.2\n",
                "apps/overlays/dev/kustomization.yaml", "resources: [../../base/web]\n");
        assertEquals(List.of("workload-image-pinned apps/base/web/deployment.yaml:12"
                + " /spec/template/spec/containers/0/image"), PolicyEngine.defaults().lint(partly, "")
                .findingsOf("workload-image-pinned").stream().map(PolicyFixtures::line).toList());
    }

    @Test
    void rawSourceAppliesKustomizeLabelsToPodTemplatesAndSelectors() {
        String np = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n"
                + "  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n";
        String dep = DEPLOYMENT.replace("ghcr.io/acme/web:latest", "ghcr.io/acme/web:1.0.0");
        FileSystem fs = repo(
                "apps/base/web/kustomization.yaml", "resources: [deployment.yaml, np.yaml]\n"
                        + "commonLabels:\n  app: web\nlabels:\n  - pairs: {team: shop}\n"
                        + "    includeSelectors: true\n  - pairs: {tier: front}\n    includeTemplates: true\n",
                "apps/base/web/deployment.yaml", dep,
                "apps/base/web/np.yaml", np);
        List<Resource> objects = ManifestSource.rawYaml().manifests(fs, "");
        Map<String, String> podLabels = new LinkedHashMap<>();
        objects.get(0).get("/spec/template/metadata/labels").orElseThrow().fields()
                .forEachRemaining(e -> podLabels.put(e.getKey(), e.getValue().asText()));
        assertEquals(Map.of("app", "web", "team", "shop", "tier", "front"), podLabels);
        assertEquals("{\"app\":\"web\",\"team\":\"shop\"}",
                objects.get(1).get("/spec/podSelector/matchLabels").orElseThrow().toString());
        assertTrue(PolicyEngine.defaults().lint(fs, "").findingsOf("namespace-network-policy").isEmpty());
    }

    @Test
    void layoutAcceptsFluxExampleOverlaysWhenThereIsNoOverlaysDirectory() {
        String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n";
        FileSystem flux = repo(
                "clusters/staging/README.md", "staging\n",
                "infrastructure/README.md", "shared\n",
                "apps/base/web/kustomization.yaml", "resources: [cm.yaml]\n",
                "apps/base/web/cm.yaml", cm,
                "apps/staging/kustomization.yaml", "resources: [../base/web, cm.yaml]\n",
                "apps/staging/cm.yaml", cm,
                "apps/scripts/run.sh", "echo\n");
        LintReport r = PolicyEngine.defaults().lint(flux, "");
        assertEquals(List.of("layout-structure apps/scripts", "layout-overlay-duplicates apps/staging/cm.yaml:1"),
                lines(r));
        assertTrue(r.findings().get(0).message().contains("apps/<env>/ with a kustomization.yaml"));
    }

    @Test
    void aPluggedManifestSourceIsUsed() {
        FileSystem fs = repo("apps/web.yaml", DEPLOYMENT);
        ManifestSource nothing = (repository, path) -> List.of();
        LintReport r = PolicyEngine.builder().manifestSource(nothing).build().lint(fs, "");
        assertEquals(List.of(), lines(r));
        Resource ns = Resource.readAll("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n", "ns.yaml")
                .get(0);
        r = PolicyEngine.builder().manifestSource(ManifestSource.of(List.of(ns))).build().lint(fs, "");
        assertEquals(List.of("namespace-pod-security ns.yaml:3 /metadata/labels"), lines(r),
                "the objects' own origins, even for files outside the repository");
    }

    @Test
    void explicitConfigurationReplacesTheRepositoryFile() {
        FileSystem fs = repo(".gitops-policy.yaml", "this: is invalid\n", "apps/web.yaml", DEPLOYMENT);
        PolicyConfig cfg = PolicyConfig.parse("rules:\n  workload-probes: {enabled: false}\n", "inline.yaml");
        LintReport r = PolicyEngine.builder().config(cfg).build().lint(fs, "");
        assertTrue(r.findings().stream().noneMatch(f -> f.ruleId().equals("workload-probes")));
        assertFalse(r.findings().isEmpty());
    }

    @Test
    void reportsAreDeterministic() {
        FileSystem fs = PolicyFixtures.repo("broken-repo");
        PolicyEngine e = PolicyEngine.defaults();
        for (ReportFormat f : ReportFormat.values()) {
            assertEquals(f.render(e.lint(fs, "")), f.render(e.lint(fs, "")));
        }
    }

    @Test
    void ruleOptions() {
        FileSystem fs = repo(".gitops-policy.yaml", """
                rules:
                  flux-interval:
                    options: {minimum: 1h}
                  workload-image-pinned:
                    options:
                      forbiddenTags: stable
                """, "clusters/git.yaml", """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: fleet
                spec:
                  interval: 10m
                """, "apps/web.yaml", DEPLOYMENT.replace(":latest", ":stable"));
        LintReport r = PolicyEngine.defaults().lint(fs, "");
        assertEquals(List.of("workload-image-pinned apps/web.yaml:12 /spec/template/spec/containers/0/image"),
                r.findingsOf("workload-image-pinned").stream().map(PolicyFixtures::line).toList());
        assertEquals(List.of("flux-interval clusters/git.yaml:6 /spec/interval"),
                r.findingsOf("flux-interval").stream().map(PolicyFixtures::line).toList());
    }

    @Test
    void theSameLineRenderedTwiceIsOneFindingButTwoObjectsOfALineAreTwo() {
        String yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: a\nspec:\n"
                + "  template:\n    spec:\n      containers:\n        - name: web\n          image: web:latest\n";
        Resource inA = Resource.readAll(yaml, "apps/base/web.yaml").get(0);
        ObjectNode c = inA.content();
        c.with("metadata").put("namespace", "b");
        Resource inB = inA.withContent(c); // the same base rendered by another cluster: same file and line
        c.with("metadata").put("name", "other");
        Resource other = inA.withContent(c); // another object located at the same place (a chart's objects)
        FileSystem fs = FileSystem.inMemory(Map.of("apps/base/web.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
        PolicyEngine engine = PolicyEngine.defaults();
        assertEquals(1, engine.lint(fs, "", List.of(inA, inB)).findingsOf("workload-image-pinned").size());
        List<Finding> two = engine.lint(fs, "", List.of(inA, inB, other)).findingsOf("workload-image-pinned");
        assertEquals(2, two.size());
        assertEquals("apps/base/web.yaml:11 /spec/template/spec/containers/0/image", two.get(0).location()
                .toString());
    }
}
