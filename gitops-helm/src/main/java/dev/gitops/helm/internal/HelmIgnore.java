package dev.gitops.helm.internal;

import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Helm's .helmignore rules: shell globs on the path or the base name, trailing {@code /} for directories. */
public final class HelmIgnore {

    private record Rule(String pattern, boolean dirOnly, boolean negate, boolean anchored, PathMatcher matcher) {
    }

    private final List<Rule> rules;

    private HelmIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    /** Parses a .helmignore file; Helm's default rule {@code templates/.?*} is always added. */
    public static HelmIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        add(rules, "templates/.?*");
        for (String line : text.split("\n")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            add(rules, l);
        }
        return new HelmIgnore(rules);
    }

    private static void add(List<Rule> rules, String rule) {
        boolean negate = rule.startsWith("!");
        if (negate) {
            rule = rule.substring(1);
        }
        boolean dirOnly = rule.endsWith("/");
        if (dirOnly) {
            rule = rule.substring(0, rule.length() - 1);
        }
        boolean anchored = rule.contains("/");
        if (rule.startsWith("/")) {
            rule = rule.substring(1);
        }
        if (rule.isEmpty()) {
            return;
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + rule.replace("{", "\\{"));
        rules.add(new Rule(rule, dirOnly, negate, anchored, m));
    }

    /** Whether a relative path (a directory when {@code dir}) is ignored. */
    public boolean ignored(String path, boolean dir) {
        if (path.equals(".helmignore")) {
            return false;
        }
        boolean ignored = false;
        for (Rule r : rules) {
            if (r.dirOnly && !dir) {
                continue;
            }
            String target = r.anchored ? path : path.substring(path.lastIndexOf('/') + 1);
            boolean match;
            try {
                match = r.matcher.matches(Paths.get(target));
            } catch (RuntimeException e) {
                match = false;
            }
            if (match) {
                ignored = !r.negate;
            }
        }
        return ignored;
    }
}
