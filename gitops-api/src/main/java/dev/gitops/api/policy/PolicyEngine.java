package dev.gitops.api.policy;

import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.policy.internal.BuiltInRules;
import dev.gitops.api.policy.internal.ExemptionAnnotationRule;
import dev.gitops.api.policy.internal.Glob;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a repository (or rendered objects) against a set of {@link PolicyRule}s: the library's linter.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder()
 *         .rule(new MyTeamRule())                 // explicit registration wins over built-in and discovered rules
 *         .build();
 * LintReport report = engine.lint(FileSystem.onDisk(repo), "clusters/staging");
 * }</pre>
 *
 * <p>A lint reads the repository's {@value PolicyConfig#FILE_NAME} (unless a configuration was set on the builder),
 * obtains the objects from the {@link ManifestSource} (or takes the rendered objects it is given), runs every enabled
 * rule, applies exemptions and returns the findings as a {@link LintReport}. Invalid configuration is an
 * {@link InvalidInputException} naming file and line.
 *
 * <p>Immutable and thread-safe.
 */
public final class PolicyEngine {

    /** The annotation that exempts an object from rules: {@code rule-id[,rule-id]} or {@code *}. */
    public static final String EXEMPT_ANNOTATION = "gitops.dev/exempt";
    /** The annotation that says why an object is exempt. */
    public static final String EXEMPT_REASON_ANNOTATION = "gitops.dev/exempt-reason";

    private static final Logger LOG = LoggerFactory.getLogger(PolicyEngine.class);

    private final Map<String, PolicyRule> rules;
    private final Optional<PolicyConfig> config;
    private final ManifestSource source;

    private PolicyEngine(Map<String, PolicyRule> rules, Optional<PolicyConfig> config, ManifestSource source) {
        this.rules = rules;
        this.config = config;
        this.source = source;
    }

    /** A builder with the built-in rules and the raw-YAML manifest source. */
    public static Builder builder() {
        return new Builder();
    }

    /** The engine with the built-in rules, reading each repository's configuration and raw YAML. */
    public static PolicyEngine defaults() {
        return builder().build();
    }

    /** Every registered rule (enabled or not), by id. */
    public List<PolicyRule> rules() {
        return List.copyOf(rules.values());
    }

    /** The rule of an id, if registered. */
    public Optional<PolicyRule> rule(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    /**
     * Lints the part of a repository at {@code path} ({@code ""} for all of it): its objects as the manifest source
     * gives them and its files.
     *
     * @throws InvalidInputException when the configuration is invalid
     * @throws GitOpsException when the repository cannot be read
     */
    public LintReport lint(FileSystem repository, String path) {
        PolicyConfig cfg = config.orElseGet(() -> PolicyConfig.load(repository));
        validate(cfg);
        return run(cfg, repository, path, source.render(repository, path));
    }

    /**
     * Lints rendered objects (for example a Kustomization's build output) together with the repository's files.
     *
     * @param repository the repository the objects were rendered from
     * @param path the repository-relative directory that was rendered ({@code ""} for all)
     * @param rendered the objects, with their origins where known
     */
    public LintReport lint(FileSystem repository, String path, List<Resource> rendered) {
        PolicyConfig cfg = config.orElseGet(() -> PolicyConfig.load(repository));
        validate(cfg);
        return run(cfg, repository, path, new ManifestSource.Manifests(rendered, List.of()));
    }

    /** The rules a configuration enables, with their effective severities, by id. */
    public List<RuleInfo> enabledRules(PolicyConfig cfg) {
        validate(cfg);
        List<RuleInfo> out = new ArrayList<>();
        for (PolicyRule r : rules.values()) {
            if (enabled(cfg, r)) {
                out.add(RuleInfo.of(r, severity(cfg, r)));
            }
        }
        return out;
    }

    private static boolean enabled(PolicyConfig cfg, PolicyRule r) {
        PolicyConfig.RuleConfig rc = cfg.rules().get(r.id());
        if (rc != null && rc.enabled().isPresent()) {
            return rc.enabled().get();
        }
        PolicyConfig.Toggle t = cfg.ruleSets().get(r.ruleSet());
        return t != null ? t.enabled() : r.enabledByDefault();
    }

    private static Severity severity(PolicyConfig cfg, PolicyRule r) {
        PolicyConfig.RuleConfig rc = cfg.rules().get(r.id());
        return rc != null && rc.severity().isPresent() ? rc.severity().get() : r.defaultSeverity();
    }

    private void validate(PolicyConfig cfg) {
        Set<String> sets = new TreeSet<>();
        rules.values().forEach(r -> sets.add(r.ruleSet()));
        cfg.ruleSets().forEach((name, t) -> {
            if (!sets.contains(name)) {
                throw new InvalidInputException(t.origin(), "unknown rule set \"" + name + "\" (known: "
                        + String.join(", ", sets) + ")");
            }
        });
        cfg.rules().forEach((id, rc) -> {
            PolicyRule r = rules.get(id);
            if (r == null) {
                throw new InvalidInputException(rc.origin(), "unknown rule \"" + id + "\"" + suggestion(id));
            }
            for (String opt : rc.options().keySet()) {
                if (!r.optionNames().contains(opt)) {
                    throw new InvalidInputException(rc.origin().withPointer(rc.origin().pointer() + "/options/"
                            + opt.replace("~", "~0").replace("/", "~1")),
                            "unknown option \"" + opt + "\" of rule " + id + (r.optionNames().isEmpty()
                                    ? " (it takes none)"
                                    : " (known: " + String.join(", ", new TreeSet<>(r.optionNames())) + ")"));
                }
            }
        });
        for (PolicyConfig.Exemption e : cfg.exemptions()) {
            for (String id : e.rules()) {
                if (!id.equals("*") && !rules.containsKey(id)) {
                    throw new InvalidInputException(e.origin(), "exemption names unknown rule \"" + id + "\""
                            + suggestion(id));
                }
            }
        }
    }

    private String suggestion(String id) {
        return " (known: " + String.join(", ", rules.keySet()) + ")";
    }

    private LintReport run(PolicyConfig cfg, FileSystem repository, String path, ManifestSource.Manifests manifests) {
        List<Resource> resources = manifests.resources();
        String scope = FsPaths.normalize(path);
        PolicyContext base = PolicyContext.of(manifests, repository, scope);
        Set<String> renderedFiles = new java.util.HashSet<>();
        resources.forEach(r -> PolicyContext.fileOf(r).ifPresent(renderedFiles::add));
        Set<ResourceId> linted = new java.util.HashSet<>();
        resources.forEach(r -> linted.add(r.id()));
        List<RuleInfo> ran = new ArrayList<>();
        LinkedHashSet<Finding> all = new LinkedHashSet<>();
        Set<String> places = new java.util.HashSet<>();
        for (PolicyRule r : rules.values()) {
            if (!enabled(cfg, r)) {
                continue;
            }
            Severity sev = severity(cfg, r);
            ran.add(RuleInfo.of(r, sev));
            PolicyConfig.RuleConfig rc = cfg.rules().get(r.id());
            List<Finding> found;
            try {
                found = r.check(base.forRule(r, sev, rc == null ? Map.of() : rc.options()));
            } catch (InvalidInputException e) {
                if (e.origin().isPresent() || rc == null || rc.options().isEmpty()) {
                    throw e;
                }
                // a rule rejecting its options: name the configuration entry
                throw new InvalidInputException(rc.origin().withPointer(rc.origin().pointer() + "/options"),
                        "rule " + r.id() + ": " + e.detail());
            }
            for (Finding f : found) {
                if (!f.ruleId().equals(r.id())) {
                    throw new GitOpsException("rule " + r.id() + " returned a finding of rule " + f.ruleId());
                }
                String file = f.location().file();
                if (!file.isEmpty() && !FsPaths.isWithin(file, scope) && !renderedFiles.contains(file)
                        && !file.equals(PolicyConfig.FILE_NAME)
                        && !f.location().resource().map(linted::contains).orElse(false)) {
                    // about a file outside the linted part that no linted object came from (a linted object's field
                    // may come from elsewhere: a patch)
                    continue;
                }
                if (!file.isEmpty() && f.location().line() > 0 && !places.add(place(f))) {
                    continue; // the same line reported again (a base rendered by several Kustomizations)
                }
                all.add(f.severity() == sev ? f : f.withSeverity(sev));
            }
            LOG.debug("rule {}: {} finding(s)", r.id(), found.size());
        }
        Map<String, Map<ResourceId, Resource>> byFile = new HashMap<>();
        for (Resource res : resources) {
            byFile.computeIfAbsent(PolicyContext.fileOf(res).orElse(""), k -> new HashMap<>())
                    .putIfAbsent(res.id(), res);
        }
        List<Glob[]> pathGlobs = new ArrayList<>();
        List<Glob[]> idGlobs = new ArrayList<>();
        for (PolicyConfig.Exemption e : cfg.exemptions()) {
            pathGlobs.add(e.paths().stream().map(Glob::of).toArray(Glob[]::new));
            idGlobs.add(e.resources().stream().map(Glob::of).toArray(Glob[]::new));
        }
        List<Finding> kept = new ArrayList<>();
        List<Suppression> suppressed = new ArrayList<>();
        for (Finding f : all) {
            Optional<Suppression> s = annotationExemption(f, byFile);
            if (s.isEmpty()) {
                s = configExemption(f, cfg, pathGlobs, idGlobs);
            }
            if (s.isPresent()) {
                suppressed.add(s.get());
            } else {
                kept.add(f);
            }
        }
        return new LintReport(kept, suppressed, ran);
    }

    /**
     * What makes two findings the same: rule, file, line, column and field, and the object's kind and name (not its
     * namespace, which a Kustomization may set differently for each cluster that renders a base).
     */
    private static String place(Finding f) {
        Location l = f.location();
        return f.ruleId() + '\0' + l.file() + '\0' + l.line() + '\0' + l.column() + '\0' + l.pointer() + '\0'
                + l.resource().map(id -> id.kind() + '/' + id.name()).orElse("");
    }

    private static Optional<Suppression> annotationExemption(Finding f, Map<String, Map<ResourceId, Resource>> byFile) {
        if (f.location().resource().isEmpty() || f.ruleId().equals(ExemptionAnnotationRule.ID)) {
            return Optional.empty();
        }
        ResourceId id = f.location().resource().get();
        Map<ResourceId, Resource> m = byFile.getOrDefault(f.location().file(), Map.of());
        Resource r = m.get(id);
        if (r == null) {
            return Optional.empty();
        }
        String exempt = r.annotations().get(EXEMPT_ANNOTATION);
        if (exempt == null) {
            return Optional.empty();
        }
        for (String rule : exempt.split(",")) {
            String t = rule.trim();
            if (t.equals("*") || t.equals(f.ruleId())) {
                return Optional.of(new Suppression(f, Suppression.Source.ANNOTATION,
                        r.annotations().getOrDefault(EXEMPT_REASON_ANNOTATION, "").trim()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Suppression> configExemption(Finding f, PolicyConfig cfg, List<Glob[]> pathGlobs,
            List<Glob[]> idGlobs) {
        for (int i = 0; i < cfg.exemptions().size(); i++) {
            PolicyConfig.Exemption e = cfg.exemptions().get(i);
            if (!e.rules().contains("*") && !e.rules().contains(f.ruleId())) {
                continue;
            }
            if (pathGlobs.get(i).length > 0 && !anyMatch(pathGlobs.get(i), f.location().file())) {
                continue;
            }
            if (idGlobs.get(i).length > 0 && (f.location().resource().isEmpty()
                    || !anyMatch(idGlobs.get(i), f.location().resource().get().toString()))) {
                continue;
            }
            return Optional.of(new Suppression(f, Suppression.Source.CONFIG, e.reason()));
        }
        return Optional.empty();
    }

    private static boolean anyMatch(Glob[] globs, String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (Glob g : globs) {
            if (g.matches(s)) {
                return true;
            }
        }
        return false;
    }

    /** Builds a {@link PolicyEngine}. Not thread-safe. */
    public static final class Builder {
        private boolean builtIns = true;
        private final List<PolicyRule> discovered = new ArrayList<>();
        private final Map<String, PolicyRule> explicit = new LinkedHashMap<>();
        private PolicyConfig config;
        private ManifestSource source = ManifestSource.rawYaml();

        private Builder() {}

        /** Whether to include the built-in rules (default true). */
        public Builder builtInRules(boolean include) {
            this.builtIns = include;
            return this;
        }

        /**
         * Adds the rules {@link ServiceLoader} finds with {@code loader}. A discovered rule replaces a built-in rule of
         * the same id; an explicitly {@linkplain #rule registered} one replaces both.
         */
        public Builder discoverRules(ClassLoader loader) {
            for (PolicyRule r : ServiceLoader.load(PolicyRule.class, Objects.requireNonNull(loader, "loader"))) {
                discovered.add(r);
            }
            return this;
        }

        /**
         * Registers a rule; it replaces any built-in or discovered rule with the same id.
         *
         * @throws IllegalArgumentException when another rule with the same id was registered explicitly
         */
        public Builder rule(PolicyRule rule) {
            checkId(rule);
            if (explicit.putIfAbsent(rule.id(), rule) != null) {
                throw new IllegalArgumentException("rule " + rule.id() + " is registered twice");
            }
            return this;
        }

        /** Uses this configuration instead of each repository's {@value PolicyConfig#FILE_NAME}. */
        public Builder config(PolicyConfig policyConfig) {
            this.config = Objects.requireNonNull(policyConfig, "policyConfig");
            return this;
        }

        /** How objects are obtained from a repository (default: {@link ManifestSource#rawYaml()}). */
        public Builder manifestSource(ManifestSource manifestSource) {
            this.source = Objects.requireNonNull(manifestSource, "manifestSource");
            return this;
        }

        private static void checkId(PolicyRule r) {
            if (!r.id().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException("rule id must be kebab-case: \"" + r.id() + "\"");
            }
            if (!r.ruleSet().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException("rule set must be kebab-case: \"" + r.ruleSet() + "\"");
            }
        }

        /** The engine. */
        public PolicyEngine build() {
            Map<String, PolicyRule> all = new TreeMap<>();
            if (builtIns) {
                BuiltInRules.all().forEach(r -> all.put(r.id(), r));
            }
            for (PolicyRule r : discovered) {
                checkId(r);
                all.put(r.id(), r);
            }
            all.putAll(explicit);
            if (!all.containsKey(ExemptionAnnotationRule.ID)) {
                Set<String> ids = new TreeSet<>(all.keySet());
                ids.add(ExemptionAnnotationRule.ID);
                all.put(ExemptionAnnotationRule.ID, new ExemptionAnnotationRule(ids));
            }
            return new PolicyEngine(Collections.unmodifiableMap(new LinkedHashMap<>(all)), Optional.ofNullable(config),
                    source);
        }
    }
}
