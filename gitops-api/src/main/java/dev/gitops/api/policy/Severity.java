package dev.gitops.api.policy;

import dev.gitops.api.error.InvalidInputException;
import java.util.Locale;

/** How much a finding matters. Ordered: {@link #INFO} &lt; {@link #WARNING} &lt; {@link #ERROR}. */
public enum Severity {
    /** Worth knowing; never fails a build unless asked to. */
    INFO,
    /** Should be fixed; fails a build run with {@code --fail-on warning}. */
    WARNING,
    /** Must be fixed; fails a build by default. */
    ERROR;

    /** The lower-case name used in configuration files and reports ({@code info}, {@code warning}, {@code error}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is at or above {@code other}. */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /**
     * Parses {@code info}, {@code warning} or {@code error} (case-insensitive).
     *
     * @throws InvalidInputException for anything else
     */
    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.id().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new InvalidInputException("unknown severity \"" + text + "\" (expected info, warning or error)");
    }

    /** The SARIF 2.1.0 {@code level} for this severity ({@code note}, {@code warning}, {@code error}). */
    public String sarifLevel() {
        return this == INFO ? "note" : id();
    }
}
