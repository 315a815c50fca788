package dev.gitops.api.patch.internal;

import dev.gitops.api.patch.PatchException;
import dev.gitops.api.patch.PatchField;
import dev.gitops.api.patch.PatchField.ListType;
import dev.gitops.api.patch.PatchField.Strategy;
import dev.gitops.api.patch.PatchSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses the patch strategy strings used by struct tags and OpenAPI ({@code "merge,retainKeys"}). */
public final class Strategies {

    private Strategies() {
    }

    /** Builds a field from its textual metadata; {@code strategies} may be empty. */
    public static PatchField field(String name, List<String> strategies, String mergeKey, String listType,
            List<String> listMapKeys, PatchSchema schema) {
        boolean retainKeys = false;
        Strategy strategy = Strategy.DEFAULT;
        List<String> others = new ArrayList<>();
        for (String s : strategies) {
            String t = s.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (t.equals("retainKeys")) {
                retainKeys = true;
            } else {
                others.add(t);
            }
        }
        if (others.size() > 1 || strategies.size() > 2) {
            throw new PatchException("unexpected patch strategy: " + strategies + " for field \"" + name + "\"");
        }
        if (others.size() == 1) {
            switch (others.get(0)) {
                case "merge" -> strategy = Strategy.MERGE;
                case "replace" -> strategy = Strategy.REPLACE;
                default -> throw new PatchException(
                        "unknown patch strategy \"" + others.get(0) + "\" for field \"" + name + "\"");
            }
        }
        return new PatchField(name, strategy, retainKeys, mergeKey == null ? "" : mergeKey, listType(listType),
                listMapKeys, schema, true);
    }

    /** Splits {@code "merge,retainKeys"}. */
    public static List<String> split(String strategies) {
        if (strategies == null || strategies.isBlank()) {
            return List.of();
        }
        return List.of(strategies.split(","));
    }

    static ListType listType(String s) {
        if (s == null || s.isEmpty()) {
            return ListType.UNSPECIFIED;
        }
        String t = s.toLowerCase(Locale.ROOT);
        if (t.startsWith("atomic")) {
            return ListType.ATOMIC;
        }
        if (t.startsWith("set")) {
            return ListType.SET;
        }
        if (t.startsWith("map")) {
            return ListType.MAP;
        }
        throw new PatchException("unknown list type \"" + s + "\"");
    }
}
