package dev.gitops.api.source;

import dev.gitops.api.fs.FsPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * Ignore rules in {@code .gitignore} syntax, as source-controller applies them when it archives a source: Flux's
 * default excludes first (VCS files, images and archives, CI configuration, {@code .sops.yaml},
 * {@code .goreleaser.yml}, {@code .flux.yaml}), then each {@code .sourceignore} file (scoped to its directory, the
 * root's first, then subdirectories depth-first in name order), then {@code spec.ignore}. The last matching
 * pattern wins; a {@code !pattern} re-includes. Immutable and thread-safe.
 */
public final class SourceIgnore {

    /** The name of per-directory ignore files. */
    public static final String IGNORE_FILE = ".sourceignore";

    /** Flux's VCS excludes. */
    public static final List<String> VCS_PATTERNS = List.of(".git/", ".gitignore", ".gitmodules", ".gitattributes");

    /** Flux's default excludes after the VCS ones: extensions, CI files and extra files. */
    public static final List<String> DEFAULT_PATTERNS = List.of(
            "*.jpg", "*.jpeg", "*.gif", "*.png", "*.wmv", "*.flv", "*.tar.gz", "*.zip",
            ".github/", ".circleci/", ".travis.yml", ".gitlab-ci.yml", "appveyor.yml", ".drone.yml",
            "cloudbuild.yaml", "codeship-services.yml", "codeship-steps.yml",
            "**/.goreleaser.yml", "**/.sops.yaml", "**/.flux.yaml");

    private record Rule(String domain, FastIgnoreRule rule) {
    }

    private final List<Rule> rules;

    private SourceIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Only Flux's default excludes. */
    public static SourceIgnore defaults() {
        return new SourceIgnore(List.of()).with("", String.join("\n", VCS_PATTERNS))
                .with("", String.join("\n", DEFAULT_PATTERNS));
    }

    /** No rules at all. */
    public static SourceIgnore none() {
        return new SourceIgnore(List.of());
    }

    /**
     * These rules followed by the patterns of {@code text} ({@code .sourceignore} syntax: one pattern a line,
     * {@code #} comments), scoped to directory {@code domain} ({@code ""} for the root).
     */
    public SourceIgnore with(String domain, String text) {
        Objects.requireNonNull(text, "text");
        String d = FsPaths.normalize(domain);
        List<Rule> out = new ArrayList<>(rules);
        for (String line : text.split("\r?\n", -1)) {
            String trimmed = stripTrailingSpaces(line);
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            out.add(new Rule(d, new FastIgnoreRule(trimmed)));
        }
        return new SourceIgnore(out);
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')
                && !(end > 1 && s.charAt(end - 2) == '\\')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** True when {@code path} (relative, {@code /}-separated) is excluded. */
    public boolean isIgnored(String path, boolean directory) {
        String p = FsPaths.normalize(path);
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule r = rules.get(i);
            String rel;
            if (r.domain.isEmpty()) {
                rel = p;
            } else if (p.startsWith(r.domain + "/")) {
                rel = p.substring(r.domain.length() + 1);
            } else {
                continue;
            }
            if (r.rule.isMatch(rel, directory)) {
                return r.rule.getResult();
            }
        }
        return false;
    }

    /** The number of patterns. */
    public int size() {
        return rules.size();
    }
}
