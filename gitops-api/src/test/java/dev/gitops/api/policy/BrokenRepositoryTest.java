package dev.gitops.api.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.api.fs.FileSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The deliberately broken fleet under {@code policy/broken-repo/}: every rule reports exactly once, at the location
 * its {@code expected.txt} names, and no output format leaks a secret value of the repository.
 */
class BrokenRepositoryTest {

    private static final Path DIR = PolicyFixtures.root().resolve("broken-repo");
    private static final FileSystem REPO = FileSystem.onDisk(DIR);
    private static final List<String> SECRETS = List.of("broken-repo-redis-pw-8812", "broken-repo-env-pw-4471",
            "YnJva2VuLXJlcG8tc2Vzc2lvbi1rZXk=", "broken-repo-session-key");

    @Test
    void everyRuleReportsOnceAtItsLocation() throws Exception {
        LintReport report = PolicyEngine.defaults().lint(REPO, "");
        List<String> expected = PolicyFixtures.readLines(DIR.resolve("expected.txt")).orElseThrow();
        assertEquals(expected, PolicyFixtures.lines(report.findings()));
        Set<String> fired = new TreeSet<>();
        for (Finding f : report.findings()) {
            assertTrue(fired.add(f.ruleId()), "rule " + f.ruleId() + " reported more than once");
        }
        Set<String> all = new TreeSet<>();
        PolicyEngine.defaults().rules().forEach(r -> all.add(r.id()));
        // the render rules report what a rendering source could not render: nothing when files are read as they are
        // (gitops-examples' BrokenRepositoryRenderedTest lints this repository rendered, where they fire too)
        all.removeIf(id -> id.startsWith("render-"));
        assertEquals(all, fired, "every rule fires on the broken repository");
        assertEquals(1, report.suppressed().size(), "the legacy Deployment's probes are exempt");
        assertEquals("workload-probes", report.suppressed().get(0).finding().ruleId());
        assertFalse(report.passes(Severity.ERROR));
    }

    @Test
    void noOutputContainsASecretValue() {
        LintReport report = PolicyEngine.defaults().lint(REPO, "");
        for (ReportFormat f : ReportFormat.values()) {
            String out = f.render(report);
            for (String s : SECRETS) {
                assertFalse(out.contains(s), f + " output contains a secret value");
            }
        }
        for (Finding f : report.findings()) {
            for (String s : SECRETS) {
                assertFalse(f.toString().contains(s) || f.suggestedFix().orElse("").contains(s));
            }
        }
    }

    @Test
    void textReportMatchesGolden() throws Exception {
        LintReport report = PolicyEngine.defaults().lint(REPO, "");
        String actual = ReportFormat.TEXT.render(report);
        if (Boolean.getBoolean("gitops.updateGolden")) {
            Files.writeString(Path.of("src/test/resources/policy/broken-repo/expected-report.txt"), actual,
                    StandardCharsets.UTF_8);
        }
        String golden = Files.readString(DIR.resolve("expected-report.txt"), StandardCharsets.UTF_8);
        assertEquals(golden, actual);
    }

    @Test
    void sarifHasTheStructureCodeHostsRead() throws Exception {
        LintReport report = PolicyEngine.defaults().lint(REPO, "");
        JsonNode sarif = new ObjectMapper().readTree(ReportFormat.SARIF.render(report));
        assertEquals("2.1.0", sarif.path("version").asText());
        assertTrue(sarif.path("$schema").asText().contains("sarif-2.1.0"));
        JsonNode run = sarif.path("runs").get(0);
        JsonNode rules = run.path("tool").path("driver").path("rules");
        assertEquals(report.rules().size(), rules.size());
        JsonNode results = run.path("results");
        assertEquals(report.findings().size() + report.suppressed().size(), results.size());
        for (JsonNode r : results) {
            String ruleId = r.path("ruleId").asText();
            int index = r.path("ruleIndex").asInt(-1);
            assertEquals(ruleId, rules.get(index).path("id").asText());
            assertTrue(Set.of("note", "warning", "error").contains(r.path("level").asText()));
            assertFalse(r.path("message").path("text").asText().isBlank());
            JsonNode phys = r.path("locations").get(0).path("physicalLocation");
            assertFalse(phys.path("artifactLocation").path("uri").asText().isBlank(), r.toString());
            assertFalse(phys.path("artifactLocation").path("uri").asText().startsWith("/"));
            if (phys.has("region")) {
                assertTrue(phys.path("region").path("startLine").asInt() >= 1);
            }
        }
        JsonNode first = results.get(0);
        Finding f = report.findings().get(0);
        assertEquals(f.location().file(), first.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        JsonNode suppressed = results.get(results.size() - 1);
        assertEquals("inSource", suppressed.at("/suppressions/0/kind").asText());
    }

    @Test
    void jsonReportListsFindingsAndSummary() throws Exception {
        LintReport report = PolicyEngine.defaults().lint(REPO, "");
        JsonNode json = new ObjectMapper().readTree(ReportFormat.JSON.render(report));
        assertEquals(report.findings().size(), json.path("findings").size());
        JsonNode f = json.path("findings").get(0);
        assertEquals(report.findings().get(0).ruleId(), f.path("ruleId").asText());
        assertEquals(report.counts().get(Severity.ERROR), json.at("/summary/error").asInt());
        assertEquals(1, json.at("/summary/suppressed").asInt());
        assertEquals("annotation", json.at("/suppressed/0/exemption/source").asText());
    }

    @Test
    void pathLimitsTheLintToPartOfTheRepository() {
        LintReport report = PolicyEngine.defaults().lint(REPO, "clusters/prod");
        Set<String> rules = new TreeSet<>();
        report.findings().forEach(f -> rules.add(f.ruleId()));
        assertEquals(Set.of("flux-interval", "flux-kustomization-prune"), rules);
    }
}
