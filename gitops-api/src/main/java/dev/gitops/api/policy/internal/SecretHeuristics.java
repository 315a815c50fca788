package dev.gitops.api.policy.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What looks like a credential: names such as {@code *_PASSWORD} and URLs with a password. Never logs values. */
final class SecretHeuristics {

    private SecretHeuristics() {}

    private static final List<String> SUFFIXES = List.of("password", "passwd", "token", "secret", "apikey",
            "accesskey", "secretkey", "privatekey", "clientsecret", "credentials", "credential");

    /** scheme://user:password@host: the password part is group 1. */
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile(
            "[A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]*:([^/\\s@]+)@");

    /** {@code ${VAR}}, {@code $VAR} or {@code $(VAR)}: a substitution filled in from elsewhere, not a credential. */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?[-=][^}]*)?}|\\$\\([A-Za-z_][A-Za-z0-9_]*\\)|\\$[A-Za-z_][A-Za-z0-9_]*|"
                    + "\\{\\{[^}]*}}");

    /** True for an environment variable name such as {@code DB_PASSWORD}, {@code GITHUB_TOKEN} or {@code API_KEY}. */
    static boolean secretEnvName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return n.equals("PASSWORD") || n.equals("TOKEN") || n.equals("SECRET") || n.endsWith("_PASSWORD")
                || n.endsWith("_PASSWD") || n.endsWith("_TOKEN") || n.endsWith("_SECRET") || n.endsWith("_API_KEY")
                || n.equals("API_KEY") || n.endsWith("_APIKEY") || n.endsWith("_ACCESS_KEY")
                || n.endsWith("_SECRET_KEY") || n.endsWith("_PRIVATE_KEY") || n.endsWith("_CREDENTIALS");
    }

    /** True for a values key such as {@code password}, {@code adminPassword}, {@code api-key}, {@code jwtSecret}. */
    static boolean secretKey(String key) {
        String n = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
        if (n.startsWith("existing")) {
            return false;
        }
        for (String s : SUFFIXES) {
            if (n.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    /** True when a value holds a URL with an inline password that is not a placeholder. */
    static boolean urlWithPassword(String value) {
        Matcher m = URL_WITH_PASSWORD.matcher(value);
        while (m.find()) {
            if (!isPlaceholder(m.group(1))) {
                return true;
            }
        }
        return false;
    }

    /** True when a value is only substitutions (or empty): nothing secret is inline. */
    static boolean isPlaceholder(String value) {
        return PLACEHOLDER.matcher(value).replaceAll("").isBlank();
    }

    /** True when a scalar value under a secret-looking name holds an inline credential. */
    static boolean inlineCredential(String value) {
        return !value.isBlank() && !isPlaceholder(value);
    }

    private static final Pattern OBJECT_NAME = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /**
     * True when the value under {@code key} names a Secret rather than holding one: the key ends in "secret" (as in
     * {@code tlsSecret}, {@code TLS_SECRET}; not {@code clientSecret}) and the value looks like a Kubernetes object
     * name with a hyphen or dot ({@code my-tls-secret}).
     */
    static boolean namesASecret(String key, String value) {
        String n = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
        return n.endsWith("secret") && !n.endsWith("clientsecret") && value.length() <= 253
                && (value.contains("-") || value.contains(".")) && OBJECT_NAME.matcher(value).matches();
    }
}
