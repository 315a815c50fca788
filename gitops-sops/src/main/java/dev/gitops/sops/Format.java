package dev.gitops.sops;

import java.util.Locale;

/** The SOPS stores. */
public enum Format {
    /** YAML (multi-document). */
    YAML,
    /** JSON. */
    JSON,
    /** dotenv ({@code KEY=value} lines). */
    DOTENV,
    /** INI. */
    INI,
    /** Arbitrary bytes, stored in a JSON envelope as the single value {@code data}. */
    BINARY;

    /** The store sops picks for a file name: .yaml/.yml, .json, .env, .ini, anything else binary. */
    public static Format fromPath(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".yaml") || p.endsWith(".yml")) {
            return YAML;
        } else if (p.endsWith(".json")) {
            return JSON;
        } else if (p.endsWith(".env")) {
            return DOTENV;
        } else if (p.endsWith(".ini")) {
            return INI;
        }
        return BINARY;
    }

    /** Parses a CLI name: yaml, json, dotenv, ini, binary. */
    public static Format parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new dev.gitops.api.error.InvalidInputException(
                    "unknown format '" + name + "' (expected yaml, json, dotenv, ini or binary)");
        }
    }
}
