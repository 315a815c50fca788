package dev.gitops.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.Origin;
import dev.gitops.sops.age.AgeException;
import dev.gitops.sops.age.Recipient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code .sops.yaml} file's {@code creation_rules}: the first rule whose {@code path_regex} matches a file decides
 * its recipients and crypt rules.
 *
 * @param source the config file name, for errors
 * @param rules the creation rules in order
 */
public record SopsConfig(String source, List<CreationRule> rules) {

    /**
     * One creation rule.
     *
     * @param pathRegex the path regular expression (empty matches every file)
     * @param keyGroups the age recipients per key group (one group for {@code age:})
     * @param shamirThreshold the Shamir threshold (0 = all groups)
     * @param cryptRules which values are encrypted
     * @param unsupportedKeys key types named by the rule that this library cannot use (pgp, kms...)
     */
    public record CreationRule(String pathRegex, List<List<Recipient>> keyGroups, int shamirThreshold,
            CryptRules cryptRules, List<String> unsupportedKeys) {
        /** Copies. */
        public CreationRule {
            keyGroups = keyGroups.stream().map(List::copyOf).toList();
            unsupportedKeys = List.copyOf(unsupportedKeys);
        }

        /** An encryptor for this rule. */
        public SopsEncryptor encryptor() {
            if (keyGroups.isEmpty() || keyGroups.stream().allMatch(List::isEmpty)) {
                if (!unsupportedKeys.isEmpty()) {
                    throw new SopsException.UnsupportedKeyType(Origin.of(".sops.yaml"), "creation rule uses only "
                            + "unsupported key types: " + String.join(", ", unsupportedKeys));
                }
                throw new InvalidInputException("creation rule has no age recipients");
            }
            SopsEncryptor.Builder b = SopsEncryptor.builder().cryptRules(cryptRules);
            if (keyGroups.size() == 1) {
                b.recipients(keyGroups.get(0));
            } else {
                keyGroups.forEach(b::keyGroup);
                b.shamirThreshold(shamirThreshold);
            }
            return b.build();
        }
    }

    /** Copies. */
    public SopsConfig {
        rules = List.copyOf(rules);
    }

    private static final List<String> OTHER = List.of("pgp", "kms", "gcp_kms", "azure_keyvault", "hc_vault_transit_uri",
            "hckms");

    /** Parses {@code .sops.yaml} text. */
    public static SopsConfig parse(String yaml, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new InvalidInputException(Origin.of(source), "invalid YAML: " + e.getMessage());
        }
        List<CreationRule> out = new ArrayList<>();
        JsonNode rules = root == null ? null : root.get("creation_rules");
        if (rules == null || !rules.isArray()) {
            return new SopsConfig(source, out);
        }
        for (int i = 0; i < rules.size(); i++) {
            out.add(rule(rules.get(i), Origin.of(source).withPointer("/creation_rules/" + i)));
        }
        return new SopsConfig(source, out);
    }

    private static CreationRule rule(JsonNode r, Origin o) {
        String pathRegex = r.path("path_regex").asText("");
        if (pathRegex.isEmpty()) {
            pathRegex = r.path("filename_regex").asText("");
        }
        try {
            Pattern.compile(pathRegex);
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException(o.withPointer(o.pointer() + "/path_regex"), "invalid regular expression");
        }
        List<List<Recipient>> groups = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        List<Recipient> top = recipients(r.get("age"), o.withPointer(o.pointer() + "/age"));
        if (!top.isEmpty()) {
            groups.add(top);
        }
        for (String t : OTHER) {
            if (r.hasNonNull(t) && !r.get(t).asText("x").isEmpty()) {
                unsupported.add(t);
            }
        }
        JsonNode kgs = r.get("key_groups");
        if (groups.isEmpty() && kgs != null && kgs.isArray()) {
            for (int i = 0; i < kgs.size(); i++) {
                JsonNode g = kgs.get(i);
                groups.add(recipients(g.get("age"), o.withPointer(o.pointer() + "/key_groups/" + i + "/age")));
                for (String t : OTHER) {
                    if (g.has(t)) {
                        unsupported.add(t);
                    }
                }
            }
        }
        CryptRules cr = null;
        for (CryptRules.Kind k : CryptRules.Kind.values()) {
            String v = r.path(k.key()).asText("");
            if (!v.isEmpty()) {
                if (cr != null) {
                    throw new InvalidInputException(o, "cannot use more than one of "
                            + String.join(", ", CryptRules.Kind.keys()));
                }
                cr = CryptRules.of(k, v);
            }
        }
        if (cr == null) {
            cr = CryptRules.defaults();
        }
        cr = cr.withMacOnlyEncrypted(r.path("mac_only_encrypted").asBoolean(false));
        return new CreationRule(pathRegex, groups, r.path("shamir_threshold").asInt(0), cr, unsupported);
    }

    private static List<Recipient> recipients(JsonNode n, Origin o) {
        List<String> strings = new ArrayList<>();
        if (n == null || n.isNull()) {
            return List.of();
        } else if (n.isArray()) {
            n.forEach(x -> strings.add(x.asText()));
        } else {
            for (String s : n.asText().split(",")) {
                strings.add(s);
            }
        }
        List<Recipient> out = new ArrayList<>();
        for (String s : strings) {
            String t = s.strip();
            if (t.isEmpty()) {
                continue;
            }
            try {
                out.add(dev.gitops.sops.age.AgeKeys.parseRecipient(t));
            } catch (AgeException.Unsupported e) {
                throw new SopsException.UnsupportedKeyType(o, e.detail());
            } catch (AgeException.Malformed e) {
                throw new InvalidInputException(o, e.detail());
            }
        }
        return out;
    }

    /**
     * The first rule matching {@code path} (relative to the config file's directory, '/' separated), as sops.
     */
    public Optional<CreationRule> ruleFor(String path) {
        for (CreationRule r : rules) {
            if (r.pathRegex().isEmpty() || Pattern.compile(r.pathRegex()).matcher(path).find()) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
