package dev.gitops.api.policy.internal;

import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.Origin;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.policy.Finding;
import dev.gitops.api.policy.PolicyContext;
import dev.gitops.api.policy.Severity;
import dev.gitops.api.yaml.Yaml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code yaml-syntax}: every YAML file of the linted part (outside Helm charts, whose templates are not YAML until
 * rendered) parses. The finding names the file and line only: parser messages can quote the offending text, which
 * may be a secret. Files objects were read from parsed already and are not read again.
 */
final class YamlSyntaxRule extends BaseRule {

    YamlSyntaxRule() {
        super("yaml-syntax", "repository", Severity.ERROR,
                "A file that is not valid YAML fails the whole Flux Kustomization that includes it.");
    }

    @Override
    public List<Finding> check(PolicyContext ctx) {
        FileSystem fs = ctx.files();
        Map<String, Boolean> chartDirs = new HashMap<>();
        List<Finding> out = new ArrayList<>();
        java.util.Set<String> parsed = new java.util.HashSet<>();
        ctx.resources().forEach(r -> PolicyContext.fileOf(r).ifPresent(parsed::add));
        for (String f : ctx.repositoryFiles()) {
            if (!(f.endsWith(".yaml") || f.endsWith(".yml")) || parsed.contains(f)
                    || !FsPaths.isWithin(f, ctx.scope()) || inChart(fs, FsPaths.parent(f), chartDirs)) {
                continue;
            }
            try {
                Yaml.defaults().readAll(fs.read(f), f);
            } catch (GitOpsException e) {
                Origin o = e.origin().orElse(Origin.of(f));
                out.add(ctx.finding(new Origin(f, o.line(), o.column(), ""), "not valid YAML"
                        + (o.line() > 0 ? " at line " + o.line() + (o.column() > 0 ? ", column " + o.column() : "")
                                : "") + "; Flux cannot apply anything from the Kustomization that includes it"));
            }
        }
        return out;
    }

    private static boolean inChart(FileSystem fs, String dir, Map<String, Boolean> memo) {
        Boolean known = memo.get(dir);
        if (known != null) {
            return known;
        }
        boolean result = fs.isFile(FsPaths.join(dir, "Chart.yaml")) || (!dir.isEmpty()
                && inChart(fs, FsPaths.parent(dir), memo));
        memo.put(dir, result);
        return result;
    }
}
