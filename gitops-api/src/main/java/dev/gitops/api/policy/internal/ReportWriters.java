package dev.gitops.api.policy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.policy.Finding;
import dev.gitops.api.policy.LintReport;
import dev.gitops.api.policy.Location;
import dev.gitops.api.policy.RuleInfo;
import dev.gitops.api.policy.Severity;
import dev.gitops.api.policy.Suppression;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Text, JSON and SARIF 2.1.0 renderings of a {@link LintReport}. */
public final class ReportWriters {

    /** The SARIF 2.1.0 schema. */
    public static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** The tool name in SARIF output. */
    public static final String TOOL_NAME = "gitops-lint";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ReportWriters() {}

    /** Findings grouped by file, then a summary line. */
    public static String text(LintReport report) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Finding>> e : report.byFile().entrySet()) {
            sb.append(e.getKey()).append('\n');
            for (Finding f : e.getValue()) {
                Location l = f.location();
                String pos = l.line() > 0 ? l.line() + ":" + Math.max(l.column(), 1) : "-";
                sb.append("  ").append(pad(pos, 7)).append(' ').append(pad(f.severity().id(), 7)).append(' ')
                        .append(f.ruleId()).append("  ").append(f.message()).append('\n');
                if (!l.pointer().isEmpty() || (l.file().isEmpty() && l.resource().isPresent())) {
                    sb.append("          at ");
                    if (!l.file().isEmpty() && l.resource().isPresent()) {
                        sb.append(l.resource().get()).append(' ');
                    }
                    sb.append(l.pointer().isEmpty() ? "/" : l.pointer()).append('\n');
                }
                f.suggestedFix().ifPresent(fix -> {
                    sb.append("          fix:\n");
                    for (String line : fix.split("\n", -1)) {
                        sb.append("            ").append(line).append('\n');
                    }
                });
            }
            sb.append('\n');
        }
        Map<Severity, Integer> c = report.counts();
        int total = report.findings().size();
        if (total == 0) {
            sb.append("no findings (").append(report.rules().size()).append(" rules");
        } else {
            sb.append(plural(c.get(Severity.ERROR), "error")).append(", ")
                    .append(plural(c.get(Severity.WARNING), "warning")).append(", ")
                    .append(c.get(Severity.INFO)).append(" info in ").append(plural(report.byFile().size(), "file"))
                    .append(" (").append(report.rules().size()).append(" rules");
        }
        if (!report.suppressed().isEmpty()) {
            sb.append(", ").append(report.suppressed().size()).append(" suppressed by exemptions");
        }
        sb.append(")\n");
        return sb.toString();
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** The report as JSON. */
    public static String json(LintReport report) {
        ObjectNode root = F.objectNode();
        ArrayNode findings = root.putArray("findings");
        report.findings().forEach(f -> findings.add(finding(f)));
        ArrayNode suppressed = root.putArray("suppressed");
        for (Suppression s : report.suppressed()) {
            ObjectNode n = finding(s.finding());
            ObjectNode ex = n.putObject("exemption");
            ex.put("source", s.source().name().toLowerCase(Locale.ROOT));
            ex.put("reason", s.reason());
            suppressed.add(n);
        }
        ArrayNode rules = root.putArray("rules");
        for (RuleInfo r : report.rules()) {
            ObjectNode n = rules.addObject();
            n.put("id", r.id());
            n.put("ruleSet", r.ruleSet());
            n.put("severity", r.severity().id());
            n.put("rationale", r.rationale());
        }
        ObjectNode summary = root.putObject("summary");
        report.counts().forEach((s, n) -> summary.put(s.id(), n));
        summary.put("suppressed", report.suppressed().size());
        return write(root);
    }

    private static ObjectNode finding(Finding f) {
        ObjectNode n = F.objectNode();
        Location l = f.location();
        n.put("ruleId", f.ruleId());
        n.put("severity", f.severity().id());
        if (!l.file().isEmpty()) {
            n.put("file", l.file());
        }
        if (l.line() > 0) {
            n.put("line", l.line());
            n.put("column", l.column());
        }
        n.put("pointer", l.pointer());
        l.resource().ifPresent(id -> {
            ObjectNode r = n.putObject("resource");
            r.put("apiVersion", id.apiVersion());
            r.put("kind", id.kind());
            if (!id.namespace().isEmpty()) {
                r.put("namespace", id.namespace());
            }
            r.put("name", id.name());
        });
        n.put("message", f.message());
        f.suggestedFix().ifPresent(fix -> n.put("suggestedFix", fix));
        return n;
    }

    /** The report as a SARIF 2.1.0 log with one run. */
    public static String sarif(LintReport report) {
        ObjectNode root = F.objectNode();
        root.put("$schema", SARIF_SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", TOOL_NAME);
        String version = ReportWriters.class.getPackage().getImplementationVersion();
        if (version != null) {
            driver.put("version", version);
        }
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> index = new HashMap<>();
        for (RuleInfo r : report.rules()) {
            index.put(r.id(), rules.size());
            ObjectNode n = rules.addObject();
            n.put("id", r.id());
            n.put("name", camel(r.id()));
            n.putObject("shortDescription").put("text", r.rationale());
            n.putObject("defaultConfiguration").put("level", r.severity().sarifLevel());
            n.putObject("properties").putArray("tags").add(r.ruleSet());
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : report.findings()) {
            results.add(result(f, index));
        }
        for (Suppression s : report.suppressed()) {
            ObjectNode r = result(s.finding(), index);
            ObjectNode sup = r.putArray("suppressions").addObject();
            sup.put("kind", s.source() == Suppression.Source.ANNOTATION ? "inSource" : "external");
            if (!s.reason().isEmpty()) {
                sup.put("justification", s.reason());
            }
            results.add(r);
        }
        run.put("columnKind", "unicodeCodePoints");
        return write(root);
    }

    private static ObjectNode result(Finding f, Map<String, Integer> index) {
        ObjectNode r = F.objectNode();
        r.put("ruleId", f.ruleId());
        Integer i = index.get(f.ruleId());
        if (i != null) {
            r.put("ruleIndex", i);
        }
        r.put("level", f.severity().sarifLevel());
        r.putObject("message").put("text", f.message());
        ObjectNode loc = r.putArray("locations").addObject();
        Location l = f.location();
        if (!l.file().isEmpty()) {
            ObjectNode phys = loc.putObject("physicalLocation");
            phys.putObject("artifactLocation").put("uri", uri(l.file()));
            if (l.line() > 0) {
                ObjectNode region = phys.putObject("region");
                region.put("startLine", l.line());
                if (l.column() > 0) {
                    region.put("startColumn", l.column());
                }
            }
        }
        if (l.resource().isPresent() || !l.pointer().isEmpty()) {
            ObjectNode logical = loc.putArray("logicalLocations").addObject();
            String name = l.resource().map(ResourceId::toString).orElse("");
            logical.put("fullyQualifiedName", name + l.pointer());
            logical.put("kind", "object");
        }
        ObjectNode props = F.objectNode();
        f.suggestedFix().ifPresent(fix -> props.put("suggestedFix", fix));
        if (!l.pointer().isEmpty()) {
            props.put("pointer", l.pointer());
        }
        if (props.size() > 0) {
            r.set("properties", props);
        }
        return r;
    }

    private static String camel(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }

    /** A relative URI reference for a repository path (segments percent-encoded). */
    static String uri(String path) {
        try {
            return new URI(null, null, path, null).getRawPath();
        } catch (URISyntaxException e) {
            throw new GitOpsException("cannot express " + path + " as a URI", e);
        }
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new GitOpsException("cannot write report", e);
        }
    }
}
