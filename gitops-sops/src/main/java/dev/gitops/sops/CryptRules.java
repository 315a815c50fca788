package dev.gitops.sops;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which values sops encrypts: at most one rule (a suffix or a regular expression over the keys on a value's path, or
 * a regular expression over the comments above it), plus {@code mac_only_encrypted}.
 *
 * @param kind the rule kind
 * @param value the suffix or regular expression
 * @param macOnlyEncrypted whether the MAC covers only encrypted values
 */
public record CryptRules(Kind kind, String value, boolean macOnlyEncrypted) {

    /** The rule kinds, named as in the sops metadata. */
    public enum Kind {
        /** {@code unencrypted_suffix}. */
        UNENCRYPTED_SUFFIX("unencrypted_suffix"),
        /** {@code encrypted_suffix}. */
        ENCRYPTED_SUFFIX("encrypted_suffix"),
        /** {@code unencrypted_regex}. */
        UNENCRYPTED_REGEX("unencrypted_regex"),
        /** {@code encrypted_regex}. */
        ENCRYPTED_REGEX("encrypted_regex"),
        /** {@code unencrypted_comment_regex}. */
        UNENCRYPTED_COMMENT_REGEX("unencrypted_comment_regex"),
        /** {@code encrypted_comment_regex}. */
        ENCRYPTED_COMMENT_REGEX("encrypted_comment_regex");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The metadata key. */
        public String key() {
            return key;
        }

        /** All metadata keys. */
        public static List<String> keys() {
            return java.util.Arrays.stream(values()).map(Kind::key).toList();
        }
    }

    /** Validates (the regular expressions must compile). */
    public CryptRules {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (kind.name().endsWith("REGEX")) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new dev.gitops.api.error.InvalidInputException(
                        "invalid " + kind.key() + " '" + value + "': " + e.getDescription());
            }
        }
    }

    /** sops' default: {@code unencrypted_suffix: _unencrypted}. */
    public static CryptRules defaults() {
        return new CryptRules(Kind.UNENCRYPTED_SUFFIX, "_unencrypted", false);
    }

    /** A rule of the given kind. */
    public static CryptRules of(Kind kind, String value) {
        return new CryptRules(kind, value, false);
    }

    /** The same rule with {@code mac_only_encrypted} set. */
    public CryptRules withMacOnlyEncrypted(boolean on) {
        return new CryptRules(kind, value, on);
    }
}
