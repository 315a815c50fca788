package dev.gitops.api.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.diff.internal.LineDiff;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.patch.internal.Json;
import dev.gitops.api.yaml.Yaml;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Renders drift reports: a unified diff of YAML that reads like {@code kubectl diff} (live on the left, the
 * object after converging on the right, one file per object named {@code group.version.Kind.namespace.name}), and
 * a JSON report for machines. Output is deterministic. Secret values appear only as masks, and patches of Secrets
 * are never printed.
 */
public final class DriftOutput {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DriftOutput() {
    }

    /** The unified diff of every report with drift (in-sync objects print nothing). */
    public static String unified(List<? extends DriftReport> reports) {
        Yaml yaml = Yaml.defaults();
        StringBuilder out = new StringBuilder();
        for (DriftReport r : reports) {
            String before;
            String after;
            if (r instanceof DriftReport.Drifted d) {
                before = yaml.write(d.live());
                after = yaml.write(d.merged());
            } else if (r instanceof DriftReport.Missing m) {
                before = "";
                after = yaml.write(m.desired());
            } else if (r instanceof DriftReport.Extra e) {
                before = yaml.write(e.live());
                after = "";
            } else {
                continue;
            }
            String name = fileName(r.id());
            String hunks = LineDiff.unified(lines(before), lines(after), 3);
            if (hunks.isEmpty()) {
                continue;
            }
            out.append("diff -u -N live/").append(name).append(" merged/").append(name).append('\n');
            out.append("--- live/").append(name).append('\n');
            out.append("+++ merged/").append(name).append('\n');
            out.append(hunks);
        }
        return out.toString();
    }

    /** {@code group.version.Kind.namespace.name} as kubectl diff names its files ({@code v1.Secret.ns.x}). */
    public static String fileName(ResourceId id) {
        return (id.group().isEmpty() ? "" : id.group() + ".") + id.version() + "." + id.kind() + "."
                + id.namespace() + "." + id.name();
    }

    private static List<String> lines(String s) {
        if (s.isEmpty()) {
            return List.of();
        }
        String t = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        return new ArrayList<>(Arrays.asList(t.split("\n", -1)));
    }

    /**
     * A JSON document: {@code {"summary": {"inSync", "drifted", "missing", "extra"}, "objects": [{"id": {...},
     * "status", "changes": [{"path", "type", "before", "after"}], "patchType", "patch"}]}}. Absent before/after
     * values are left out; Secret patches are replaced by {@code "patchRedacted": true}.
     */
    public static String json(List<? extends DriftReport> reports) {
        ObjectNode root = Json.object();
        ObjectNode summary = root.putObject("summary");
        int inSync = 0;
        int drifted = 0;
        int missing = 0;
        int extra = 0;
        ArrayNode objects = root.putArray("objects");
        for (DriftReport r : reports) {
            ObjectNode o = objects.addObject();
            ObjectNode id = o.putObject("id");
            id.put("apiVersion", r.id().apiVersion());
            id.put("kind", r.id().kind());
            if (!r.id().namespace().isEmpty()) {
                id.put("namespace", r.id().namespace());
            }
            id.put("name", r.id().name());
            if (r instanceof DriftReport.InSync) {
                inSync++;
                o.put("status", "InSync");
            } else if (r instanceof DriftReport.Drifted d) {
                {
                    drifted++;
                    o.put("status", "Drifted");
                    ArrayNode changes = o.putArray("changes");
                    for (FieldChange c : d.changes()) {
                        ObjectNode ch = changes.addObject();
                        ch.put("path", c.pointer());
                        ch.put("type", c.type().name().toLowerCase(java.util.Locale.ROOT));
                        c.beforeValue().ifPresent(v -> ch.set("before", v));
                        c.afterValue().ifPresent(v -> ch.set("after", v));
                    }
                    o.put("patchType", d.patchType().mediaType());
                    if (isSecret(r.id())) {
                        o.put("patchRedacted", true);
                    } else {
                        o.set("patch", d.patch());
                    }
                }
            } else if (r instanceof DriftReport.Missing) {
                missing++;
                o.put("status", "Missing");
            } else {
                extra++;
                o.put("status", "Extra");
            }
        }
        summary.put("inSync", inSync);
        summary.put("drifted", drifted);
        summary.put("missing", missing);
        summary.put("extra", extra);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isSecret(ResourceId id) {
        return id.group().isEmpty() && id.kind().equals("Secret");
    }

}
