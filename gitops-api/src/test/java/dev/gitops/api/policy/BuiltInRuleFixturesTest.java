package dev.gitops.api.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.fs.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built-in rule against its fixtures: {@code policy/<rule>/pass/} must give no finding,
 * {@code policy/<rule>/fail/} exactly the findings its {@code expected.txt} lists ({@code rule-id file:line pointer},
 * in report order). Values listed in a fixture's {@code secrets.txt} must appear in no rendering of the report.
 */
class BuiltInRuleFixturesTest {

    private static final PolicyEngine ALL = PolicyEngine.defaults();

    @TestFactory
    List<DynamicTest> fixtures() {
        List<DynamicTest> tests = new ArrayList<>();
        for (PolicyRule rule : ALL.rules()) {
            for (String c : List.of("pass", "fail")) {
                tests.add(DynamicTest.dynamicTest(rule.id() + " " + c, () -> check(rule, c)));
            }
        }
        return tests;
    }

    /** The rules about rendering run on a rendering source; the others on the files as they are. */
    static final ManifestSource RENDERING = ManifestSource.rendering()
            .manifestBuilder(dev.gitops.api.engine.ManifestBuilder.plain())
            .chartRenderer(new LiteralChartRenderer()).build();

    private static LintReport lintWithOnly(PolicyRule rule, FileSystem fs) {
        return PolicyEngine.builder().builtInRules(false).rule(rule)
                .manifestSource(rule.id().startsWith("render-") ? RENDERING : ManifestSource.rawYaml())
                .config(PolicyFixtures.configEnabling(fs, rule.id())).build().lint(fs, "");
    }

    private static void check(PolicyRule rule, String c) {
        Path dir = PolicyFixtures.root().resolve(rule.id()).resolve(c);
        assertTrue(Files.isDirectory(dir), "fixture directory of rule " + rule.id() + ": " + dir);
        FileSystem fs = FileSystem.onDisk(dir);
        LintReport report = lintWithOnly(rule, fs);
        List<Finding> own = report.findingsOf(rule.id());
        if (c.equals("pass")) {
            assertEquals(List.of(), PolicyFixtures.lines(own), "findings of " + rule.id() + " on its passing fixture");
            return;
        }
        Optional<List<String>> expected = PolicyFixtures.readLines(dir.resolve("expected.txt"));
        assertFalse(own.isEmpty(), "the failing fixture of " + rule.id() + " gives no finding");
        assertEquals(expected.orElse(List.of("<no expected.txt>")), PolicyFixtures.lines(own),
                "findings of " + rule.id() + " on its failing fixture");
        for (Finding f : own) {
            assertEquals(rule.defaultSeverity(), f.severity());
        }
        List<String> secrets = PolicyFixtures.readLines(dir.resolve("secrets.txt")).orElse(List.of());
        for (ReportFormat format : ReportFormat.values()) {
            String out = format.render(report);
            for (String s : secrets) {
                assertFalse(out.contains(s), format + " output of " + rule.id() + " contains a secret value");
            }
        }
    }

    @Test
    void everyRuleHasARationaleAndAKebabCaseId() {
        for (PolicyRule r : ALL.rules()) {
            assertTrue(r.id().matches("[a-z0-9]+(-[a-z0-9]+)*"), r.id());
            assertFalse(r.rationale().isBlank() || r.rationale().contains("\n"), r.id());
            assertFalse(r.ruleSet().isBlank(), r.id());
        }
        List<String> ids = ALL.rules().stream().map(PolicyRule::id).toList();
        assertEquals(List.of("workload-resources", "workload-probes",
                "workload-service-account", "workload-image-pinned", "namespace-pod-security",
                "namespace-network-policy", "secret-plaintext", "secret-inline-env", "rbac-cluster-admin",
                "rbac-wildcard", "flux-kustomization-prune", "flux-helm-chart-version", "flux-helm-inline-secrets",
                "flux-helm-remediation", "flux-interval", "layout-structure", "layout-overlay-duplicates",
                "naming-kebab-case", "naming-configmap", "naming-secret", "policy-exemption", "yaml-syntax",
                "render-failed", "render-incomplete")
                .stream().sorted().toList(),
                ids);
    }

    @Test
    void namingRulesAreOffByDefault() {
        List<String> on = ALL.enabledRules(PolicyConfig.defaults()).stream().map(RuleInfo::id).toList();
        assertFalse(on.contains("naming-kebab-case") || on.contains("naming-configmap")
                || on.contains("naming-secret"), on.toString());
        assertTrue(on.contains("workload-resources"));
        assertEquals(21, on.size(), on.toString());
    }

    @Test
    void everyFixtureDirectoryBelongsToARule() throws Exception {
        try (var s = Files.list(PolicyFixtures.root())) {
            List<String> dirs = s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("broken-repo") && !n.equals("config")).toList();
            List<String> ids = ALL.rules().stream().map(PolicyRule::id).toList();
            for (String d : dirs) {
                assertTrue(ids.contains(d), "fixture directory " + d + " names no rule");
            }
        }
    }
}
