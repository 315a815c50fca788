package dev.gitops.api.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one lint: the findings in report order, the findings exemptions suppressed, and the rules that ran.
 *
 * @param findings findings, sorted by {@link Finding#ORDER}
 * @param suppressed findings suppressed by exemptions, sorted likewise
 * @param rules the rules that ran, by id
 */
public record LintReport(List<Finding> findings, List<Suppression> suppressed, List<RuleInfo> rules) {

    /** Sorts and copies the components. */
    public LintReport {
        List<Finding> f = new ArrayList<>(findings);
        f.sort(Finding.ORDER);
        findings = Collections.unmodifiableList(f);
        List<Suppression> s = new ArrayList<>(suppressed);
        s.sort((a, b) -> Finding.ORDER.compare(a.finding(), b.finding()));
        suppressed = Collections.unmodifiableList(s);
        List<RuleInfo> r = new ArrayList<>(rules);
        r.sort((a, b) -> a.id().compareTo(b.id()));
        rules = Collections.unmodifiableList(r);
    }

    /** True when no finding is at or above {@code threshold}. */
    public boolean passes(Severity threshold) {
        return findings.stream().noneMatch(f -> f.severity().atLeast(threshold));
    }

    /** How many findings there are of each severity (all three keys present). */
    public Map<Severity, Integer> counts() {
        Map<Severity, Integer> m = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            m.put(s, 0);
        }
        for (Finding f : findings) {
            m.merge(f.severity(), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * The findings grouped by file in report order; findings about rendered objects without a file are grouped under
     * their object ({@code Kind/namespace/name}).
     */
    public Map<String, List<Finding>> byFile() {
        Map<String, List<Finding>> m = new LinkedHashMap<>();
        for (Finding f : findings) {
            String key = f.location().fileName()
                    .orElseGet(() -> f.location().resource().map(Object::toString).orElse("-"));
            m.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        m.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(m);
    }

    /** The findings of one rule. */
    public List<Finding> findingsOf(String ruleId) {
        return findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }
}
