package dev.gitops.api.policy;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.policy.internal.ReportWriters;
import java.util.Locale;

/**
 * How a {@link LintReport} is printed. Every format is deterministic (same report, same bytes) and contains what the
 * findings say, never a value of the checked objects beyond names, fields and image references.
 */
public enum ReportFormat {
    /** For people: findings grouped by file, each {@code line:column severity rule message}, then a summary. */
    TEXT,
    /** For programs: {@code {"findings": [...], "suppressed": [...], "rules": [...], "summary": {...}}}. */
    JSON,
    /**
     * SARIF 2.1.0, for code hosts that annotate pull requests: one run whose driver lists the rules that ran, one
     * result per finding (suppressed findings carry their exemption as a {@code suppressions} entry).
     */
    SARIF;

    /** Prints a report. */
    public String render(LintReport report) {
        return switch (this) {
            case TEXT -> ReportWriters.text(report);
            case JSON -> ReportWriters.json(report);
            case SARIF -> ReportWriters.sarif(report);
        };
    }

    /**
     * Parses {@code text}, {@code json} or {@code sarif} (case-insensitive).
     *
     * @throws InvalidInputException for anything else
     */
    public static ReportFormat parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown report format \"" + name + "\" (expected text, json or sarif)");
        }
    }
}
