package dev.gitops.api.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.error.Origin;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.policy.internal.PolicyConfigParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository's policy configuration, read from {@value #FILE_NAME} at its root.
 *
 * <pre>{@code
 * ruleSets:                  # enable or disable whole rule sets
 *   naming: true
 * rules:
 *   workload-probes:
 *     severity: warning      # info | warning | error
 *   flux-interval:
 *     enabled: false
 *   rbac-cluster-admin:
 *     options:               # rule-specific options (each rule documents its own)
 *       systemNamespaces: [kube-system, flux-system]
 * exemptions:
 *   - rules: [workload-probes]          # or ["*"]
 *     paths: ["apps/legacy/**"]         # globs over repository-relative file paths
 *     resources: ["Deployment/legacy/*"] # globs over Kind/namespace/name (Kind/name when cluster-scoped)
 *     reason: legacy app, see PLAT-12
 * }</pre>
 *
 * <p>A rule runs when {@code rules.<id>.enabled} says so, else when its rule set is listed under {@code ruleSets},
 * else when it is {@linkplain PolicyRule#enabledByDefault() on by default}. An exemption suppresses the findings of
 * its rules whose location matches every selector it gives (any of its paths and any of its resources); it needs a
 * reason. Objects can exempt themselves with the annotations {@code gitops.dev/exempt: rule-id[,rule-id]} and
 * {@code gitops.dev/exempt-reason}.
 *
 * <p>Unknown fields, unknown rule ids and values of the wrong type are errors naming file and line.
 *
 * @param ruleSets rule sets switched on or off
 * @param rules per-rule settings by rule id
 * @param exemptions exemptions, in file order
 * @param file the file the configuration was read from ({@code ""} for the defaults or one built in code)
 */
public record PolicyConfig(Map<String, Toggle> ruleSets, Map<String, RuleConfig> rules, List<Exemption> exemptions,
        String file) {

    /** The configuration file's name, at the repository root. */
    public static final String FILE_NAME = ".gitops-policy.yaml";

    /** Copies the components. */
    public PolicyConfig {
        ruleSets = Map.copyOf(new LinkedHashMap<>(ruleSets));
        rules = Map.copyOf(new LinkedHashMap<>(rules));
        exemptions = List.copyOf(exemptions);
        Objects.requireNonNull(file, "file");
    }

    /** No configuration: every rule at its defaults, no exemptions. */
    public static PolicyConfig defaults() {
        return new PolicyConfig(Map.of(), Map.of(), List.of(), "");
    }

    /**
     * Parses a configuration file's content.
     *
     * @throws dev.gitops.api.error.InvalidInputException for invalid YAML, unknown fields or wrong types
     */
    public static PolicyConfig parse(String yaml, String file) {
        return PolicyConfigParser.parse(yaml, file);
    }

    /** Reads {@value #FILE_NAME} at the root of a repository; the defaults when there is none. */
    public static PolicyConfig load(FileSystem repository) {
        if (!repository.isFile(FILE_NAME)) {
            return defaults();
        }
        return parse(repository.readString(FILE_NAME), FILE_NAME);
    }

    /**
     * A switch with the place it was set, for error messages.
     *
     * @param enabled on or off
     * @param origin where it was set
     */
    public record Toggle(boolean enabled, Origin origin) {
        /** Validates the components. */
        public Toggle {
            Objects.requireNonNull(origin, "origin");
        }
    }

    /**
     * The settings of one rule.
     *
     * @param enabled whether it runs, when set
     * @param severity its severity, when set
     * @param options rule-specific options by name
     * @param origin where the rule's entry is
     */
    public record RuleConfig(Optional<Boolean> enabled, Optional<Severity> severity, Map<String, JsonNode> options,
            Origin origin) {
        /** Validates and copies the components. */
        public RuleConfig {
            Objects.requireNonNull(enabled, "enabled");
            Objects.requireNonNull(severity, "severity");
            Map<String, JsonNode> copy = new LinkedHashMap<>();
            options.forEach((k, v) -> copy.put(k, v.deepCopy()));
            options = java.util.Collections.unmodifiableMap(copy);
            Objects.requireNonNull(origin, "origin");
        }
    }

    /**
     * An exemption from the configuration file.
     *
     * @param rules rule ids it applies to ({@code *} for all)
     * @param paths globs over repository-relative file paths ({@code *} within a segment, {@code **} across)
     * @param resources globs over {@code Kind/namespace/name} (or {@code Kind/name} for cluster-scoped objects)
     * @param reason why, never empty
     * @param origin where it is declared
     */
    public record Exemption(List<String> rules, List<String> paths, List<String> resources, String reason,
            Origin origin) {
        /** Validates and copies the components. */
        public Exemption {
            rules = List.copyOf(rules);
            paths = List.copyOf(paths);
            resources = List.copyOf(resources);
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(origin, "origin");
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("an exemption needs at least one rule");
            }
            if (paths.isEmpty() && resources.isEmpty()) {
                throw new IllegalArgumentException("an exemption needs paths or resources");
            }
        }
    }
}
