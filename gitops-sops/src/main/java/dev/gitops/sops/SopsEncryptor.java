package dev.gitops.sops;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.Origin;
import dev.gitops.sops.age.AgeEncryptor;
import dev.gitops.sops.age.Recipient;
import dev.gitops.sops.internal.EncryptedValue;
import dev.gitops.sops.internal.GoScalars;
import dev.gitops.sops.internal.ParsedFile;
import dev.gitops.sops.internal.Shamir;
import dev.gitops.sops.internal.Stores;
import dev.gitops.sops.internal.TreeCrypt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Encrypts plaintext files into SOPS files (sops 3.x format) for age recipients: one key group, or several combined
 * with Shamir's secret sharing. The output decrypts with the real {@code sops}. Immutable and thread-safe.
 *
 * <pre>{@code
 * SopsEncryptor e = SopsEncryptor.builder()
 *         .recipient(Recipient.parse("age1..."))
 *         .cryptRules(CryptRules.of(CryptRules.Kind.ENCRYPTED_REGEX, "^(data|stringData)$"))
 *         .build();
 * byte[] encrypted = e.encrypt(plainYaml, Format.YAML);
 * }</pre>
 */
public final class SopsEncryptor {

    /** The sops version written into the metadata (the format this library follows). */
    public static final String VERSION = "3.13.2";

    private final List<List<Recipient>> groups;
    private final int shamirThreshold;
    private final CryptRules rules;
    private final Clock clock;
    private final SecureRandom random;

    private SopsEncryptor(Builder b) {
        List<List<Recipient>> g = new ArrayList<>();
        if (!b.recipients.isEmpty()) {
            g.add(List.copyOf(b.recipients));
        }
        for (Recipient r : b.recipients) {
            checkRecipient(r);
        }
        for (List<Recipient> group : b.groups) {
            group.forEach(SopsEncryptor::checkRecipient);
            if (group.isEmpty()) {
                throw new InvalidInputException("a key group must have at least one recipient");
            }
            g.add(List.copyOf(group));
        }
        if (!b.recipients.isEmpty() && !b.groups.isEmpty()) {
            throw new InvalidInputException("use either recipients (one key group) or key groups, not both");
        }
        if (g.isEmpty()) {
            throw new InvalidInputException("no age recipients given");
        }
        this.groups = List.copyOf(g);
        int t = b.shamirThreshold == 0 ? groups.size() : b.shamirThreshold;
        if (groups.size() > 1 && (t < 2 || t > groups.size())) {
            throw new InvalidInputException("shamir_threshold must be between 2 and the number of key groups ("
                    + groups.size() + "), got " + t);
        }
        this.shamirThreshold = groups.size() > 1 ? t : 0;
        this.rules = b.rules;
        this.clock = b.clock;
        this.random = b.random;
    }

    private static void checkRecipient(Recipient r) {
        if (r.encoded().isEmpty() || r.mustBeAlone()) {
            throw new InvalidInputException("sops master keys must be age public keys (age1... or age1pq1...)");
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Encrypts, writing the same format (BINARY input is written as a JSON envelope). */
    public byte[] encrypt(byte[] plaintext, Format format) {
        return encrypt(plaintext, format, format == Format.BINARY ? Format.JSON : format, "<input>");
    }

    /** Encrypts {@code plaintext} read as {@code input}, written as {@code output}; {@code source} names it. */
    public byte[] encrypt(byte[] plaintext, Format input, Format output, String source) {
        Origin origin = Origin.of(source);
        List<SopsNode.Branch> branches;
        if (input == Format.BINARY) {
            branches = List.of(new SopsNode.Branch(List.of(new SopsNode.Entry("data", new SopsNode.Str(plaintext)))));
        } else {
            ParsedFile pf = Stores.parse(plaintext, input, origin);
            if (pf.metadata().isPresent()) {
                throw new InvalidInputException(origin, "the file is already encrypted (it has sops metadata)");
            }
            branches = pf.branches();
        }
        if (output == Format.BINARY) {
            output = Format.JSON;
        }
        byte[] dataKey = new byte[32];
        random.nextBytes(dataKey);
        TreeCrypt.Result r = TreeCrypt.run(TreeCrypt.Mode.ENCRYPT, branches, dataKey, rules, origin, random);
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS),
                ZoneOffset.UTC);
        String lastModified = GoScalars.formatRfc3339(now);
        Map<String, Object> meta = new TreeMap<>();
        List<Object> wrapped = wrap(dataKey);
        if (groups.size() == 1) {
            meta.put("age", ((Map<?, ?>) wrapped.get(0)).get("age"));
        } else {
            meta.put("key_groups", wrapped);
            meta.put("shamir_threshold", (long) shamirThreshold);
        }
        meta.put("lastmodified", lastModified);
        meta.put("mac", EncryptedValue.encryptRaw(r.mac().getBytes(StandardCharsets.US_ASCII), "str", dataKey,
                lastModified, random));
        meta.put(rules.kind().key(), rules.value());
        if (rules.macOnlyEncrypted()) {
            meta.put("mac_only_encrypted", true);
        }
        meta.put("version", VERSION);
        return Stores.emit(r.branches(), meta, output);
    }

    private List<Object> wrap(byte[] dataKey) {
        List<byte[]> secrets = new ArrayList<>();
        if (groups.size() == 1) {
            secrets.add(dataKey);
        } else {
            for (byte[] part : Shamir.split(dataKey, groups.size(), shamirThreshold, random)) {
                secrets.add(part);
            }
        }
        List<Object> out = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<Object> keys = new ArrayList<>();
            for (Recipient rcp : groups.get(g)) {
                byte[] enc = AgeEncryptor.builder().recipient(rcp).armor(true).random(random).build()
                        .encrypt(secrets.get(g));
                Map<String, Object> k = new LinkedHashMap<>();
                k.put("recipient", rcp.encoded().orElseThrow());
                k.put("enc", new String(enc, StandardCharsets.US_ASCII));
                keys.add(k);
            }
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("age", keys);
            out.add(group);
        }
        return out;
    }

    /** Builder for {@link SopsEncryptor}. */
    public static final class Builder {
        private final List<Recipient> recipients = new ArrayList<>();
        private final List<List<Recipient>> groups = new ArrayList<>();
        private int shamirThreshold;
        private CryptRules rules = CryptRules.defaults();
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();

        private Builder() {}

        /** Adds a recipient to the single key group. */
        public Builder recipient(Recipient r) {
            recipients.add(Objects.requireNonNull(r, "recipient"));
            return this;
        }

        /** Adds recipients to the single key group. */
        public Builder recipients(List<Recipient> rs) {
            rs.forEach(this::recipient);
            return this;
        }

        /** Adds a key group (with more than one group the data key is split with Shamir). */
        public Builder keyGroup(List<Recipient> group) {
            groups.add(List.copyOf(group));
            return this;
        }

        /** The number of key groups needed to decrypt (default: all of them). */
        public Builder shamirThreshold(int threshold) {
            this.shamirThreshold = threshold;
            return this;
        }

        /** Which values to encrypt (default {@code unencrypted_suffix: _unencrypted}). */
        public Builder cryptRules(CryptRules rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /** The clock for {@code lastmodified}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The randomness source. */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Builds the encryptor. */
        public SopsEncryptor build() {
            return new SopsEncryptor(this);
        }
    }
}
