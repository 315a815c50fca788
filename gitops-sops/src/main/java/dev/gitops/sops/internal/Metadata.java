package dev.gitops.sops.internal;

import dev.gitops.api.error.Origin;
import dev.gitops.sops.CryptRules;
import dev.gitops.sops.SopsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The parsed {@code sops} metadata block. */
public record Metadata(List<KeyGroup> keyGroups, int shamirThreshold, String lastModified, String mac,
        CryptRules rules, String version) {

    /** The master keys of one key group. */
    public record KeyGroup(List<AgeKey> age, List<String> otherKeys) {
        /** Copies. */
        public KeyGroup {
            age = List.copyOf(age);
            otherKeys = List.copyOf(otherKeys);
        }
    }

    /** An age master key: the recipient (informational) and the armored age file holding the data key. */
    public record AgeKey(String recipient, String enc) {}

    private static final List<String> OTHER_TYPES = List.of("pgp", "kms", "gcp_kms", "azure_kv", "hc_vault", "hckms");

    /** Copies. */
    public Metadata {
        keyGroups = List.copyOf(keyGroups);
    }

    /** Parses metadata given as plain Java values (maps, lists, strings, numbers, booleans). */
    @SuppressWarnings("unchecked")
    public static Metadata parse(Object raw, Origin origin) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw new SopsException.Malformed(origin.withPointer("/sops"), "sops metadata is not a map");
        }
        Map<String, Object> meta = (Map<String, Object>) m;
        List<KeyGroup> groups = new ArrayList<>();
        KeyGroup top = group(meta, origin, "/sops");
        boolean topNonEmpty = !top.age().isEmpty() || !top.otherKeys().isEmpty();
        if (topNonEmpty) {
            groups.add(top);
        } else if (meta.get("key_groups") instanceof List<?> kgs) {
            int i = 0;
            for (Object g : kgs) {
                if (!(g instanceof Map<?, ?> gm)) {
                    throw new SopsException.Malformed(origin.withPointer("/sops/key_groups/" + i),
                            "key group is not a map");
                }
                groups.add(group((Map<String, Object>) gm, origin, "/sops/key_groups/" + i));
                i++;
            }
        }
        int threshold = 0;
        Object t = meta.get("shamir_threshold");
        if (t != null) {
            try {
                threshold = Integer.parseInt(String.valueOf(t).trim());
            } catch (NumberFormatException e) {
                throw new SopsException.Malformed(origin.withPointer("/sops/shamir_threshold"),
                        "shamir_threshold is not an integer");
            }
        }
        String lastModified = string(meta.get("lastmodified"));
        String mac = string(meta.get("mac"));
        CryptRules rules = null;
        for (CryptRules.Kind k : CryptRules.Kind.values()) {
            String v = string(meta.get(k.key()));
            if (v != null && !v.isEmpty()) {
                if (rules != null) {
                    throw new SopsException.Malformed(origin.withPointer("/sops"), "cannot use more than one of "
                            + String.join(", ", CryptRules.Kind.keys()));
                }
                rules = CryptRules.of(k, v);
            }
        }
        if (rules == null) {
            rules = CryptRules.defaults();
        }
        Object moe = meta.get("mac_only_encrypted");
        boolean macOnly = moe != null && (moe.equals(Boolean.TRUE) || parseBool(String.valueOf(moe)));
        return new Metadata(groups, threshold, lastModified == null ? "" : lastModified, mac == null ? "" : mac,
                rules.withMacOnlyEncrypted(macOnly), string(meta.get("version")) == null ? "" :
                        string(meta.get("version")));
    }

    private static boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            default -> false;
        };
    }

    @SuppressWarnings("unchecked")
    private static KeyGroup group(Map<String, Object> g, Origin origin, String pointer) {
        List<AgeKey> age = new ArrayList<>();
        if (g.get("age") instanceof List<?> l) {
            int i = 0;
            for (Object o : l) {
                if (!(o instanceof Map<?, ?> km)) {
                    throw new SopsException.Malformed(origin.withPointer(pointer + "/age/" + i),
                            "age key entry is not a map");
                }
                Map<String, Object> k = (Map<String, Object>) km;
                String enc = string(k.get("enc"));
                if (enc == null) {
                    throw new SopsException.Malformed(origin.withPointer(pointer + "/age/" + i + "/enc"),
                            "age key entry has no enc");
                }
                String r = string(k.get("recipient"));
                age.add(new AgeKey(r == null ? "" : r, enc));
                i++;
            }
        }
        List<String> other = new ArrayList<>();
        for (String type : OTHER_TYPES) {
            if (g.get(type) instanceof List<?> l) {
                for (Object o : l) {
                    other.add(type);
                }
            }
        }
        return new KeyGroup(age, other);
    }

    private static String string(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof String s) {
            return s;
        }
        return String.valueOf(o);
    }
}
