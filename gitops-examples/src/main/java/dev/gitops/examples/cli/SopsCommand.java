package dev.gitops.examples.cli;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.sops.CryptRules;
import dev.gitops.sops.Format;
import dev.gitops.sops.SopsConfig;
import dev.gitops.sops.SopsDecryptor;
import dev.gitops.sops.SopsDocument;
import dev.gitops.sops.SopsEncryptor;
import dev.gitops.sops.SopsKeys;
import dev.gitops.sops.age.AgeKeys;
import dev.gitops.sops.age.Recipient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gitops sops decrypt|encrypt}: SOPS files with age keys, like the sops CLI. */
@Command(name = "sops", description = "Decrypt and encrypt SOPS files with age keys (sops 3.x compatible).",
        subcommands = {SopsCommand.Decrypt.class, SopsCommand.Encrypt.class})
final class SopsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Format format(String name) {
        return Format.parse(name);
    }

    /** {@code gitops sops decrypt FILE}. */
    @Command(name = "decrypt", description = "Decrypt a SOPS file to stdout. Age identities come from SOPS_AGE_KEY, "
            + "SOPS_AGE_KEY_FILE and ~/.config/sops/age/keys.txt, as with sops.")
    static final class Decrypt implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The encrypted file.")
        Path file;

        @Option(names = "--input-type", paramLabel = "TYPE", description = "yaml, json, dotenv, ini or binary "
                + "(default: from the file extension).")
        String inputType;

        @Option(names = "--output-type", paramLabel = "TYPE", description = "Output format (default: the input's).")
        String outputType;

        @Option(names = "--ignore-mac", description = "Do not verify the MAC (values are still authenticated).")
        boolean ignoreMac;

        @Option(names = "--output", paramLabel = "PATH", description = "Write to a file instead of stdout.")
        Path output;

        /** The environment to read keys from (tests replace it). */
        Map<String, String> env = System.getenv();
        /** The home directory (tests replace it). */
        Path home = Path.of(System.getProperty("user.home"));

        @Override
        public Integer call() {
            byte[] content = CliOutput.read(Optional.of(file));
            Format in = inputType != null ? format(inputType) : Format.fromPath(file.toString());
            SopsDocument doc = SopsDecryptor.builder().identities(SopsKeys.fromEnvironment(env, home))
                    .verifyMac(!ignoreMac).build().decrypt(content, in, file.toString());
            Format out = outputType != null ? format(outputType) : in;
            CliOutput.write(doc.toBytes(out), Optional.ofNullable(output), spec.commandLine().getOut());
            return GitOpsCli.OK;
        }
    }

    /** {@code gitops sops encrypt FILE}. */
    @Command(name = "encrypt", description = "Encrypt a file to stdout. Recipients come from --age, "
            + "SOPS_AGE_RECIPIENTS, or the first matching creation rule of .sops.yaml (searched from the current "
            + "directory upwards).")
    static final class Encrypt implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The plaintext file.")
        Path file;

        @Option(names = "--age", split = ",", paramLabel = "RECIPIENT", description = "age recipients (age1...).")
        List<String> age = new ArrayList<>();

        @Option(names = "--input-type", paramLabel = "TYPE", description = "yaml, json, dotenv, ini or binary.")
        String inputType;

        @Option(names = "--output-type", paramLabel = "TYPE", description = "Output format (default: the input's).")
        String outputType;

        @Option(names = "--encrypted-regex", paramLabel = "REGEX") String encryptedRegex;
        @Option(names = "--unencrypted-regex", paramLabel = "REGEX") String unencryptedRegex;
        @Option(names = "--encrypted-suffix", paramLabel = "SUFFIX") String encryptedSuffix;
        @Option(names = "--unencrypted-suffix", paramLabel = "SUFFIX") String unencryptedSuffix;
        @Option(names = "--encrypted-comment-regex", paramLabel = "REGEX") String encryptedCommentRegex;
        @Option(names = "--unencrypted-comment-regex", paramLabel = "REGEX") String unencryptedCommentRegex;

        @Option(names = "--mac-only-encrypted", description = "Compute the MAC over encrypted values only.")
        boolean macOnlyEncrypted;

        @Option(names = "--shamir-secret-sharing-threshold", paramLabel = "N") int shamirThreshold;

        @Option(names = "--config", paramLabel = "PATH", description = "The .sops.yaml to use.")
        Path config;

        @Option(names = "--output", paramLabel = "PATH", description = "Write to a file instead of stdout.")
        Path output;

        /** The environment (tests replace it). */
        Map<String, String> env = System.getenv();
        /** The working directory (tests replace it). */
        Path cwd = Path.of("").toAbsolutePath();

        @Override
        public Integer call() {
            byte[] content = CliOutput.read(Optional.of(file));
            Format in = inputType != null ? format(inputType) : Format.fromPath(file.toString());
            Format out = outputType != null ? format(outputType) : (in == Format.BINARY ? Format.JSON : in);
            SopsEncryptor encryptor = encryptor();
            byte[] enc = encryptor.encrypt(content, in, out, file.toString());
            CliOutput.write(enc, Optional.ofNullable(output), spec.commandLine().getOut());
            return GitOpsCli.OK;
        }

        private Optional<CryptRules> flags() {
            List<CryptRules> set = new ArrayList<>();
            add(set, CryptRules.Kind.ENCRYPTED_REGEX, encryptedRegex);
            add(set, CryptRules.Kind.UNENCRYPTED_REGEX, unencryptedRegex);
            add(set, CryptRules.Kind.ENCRYPTED_SUFFIX, encryptedSuffix);
            add(set, CryptRules.Kind.UNENCRYPTED_SUFFIX, unencryptedSuffix);
            add(set, CryptRules.Kind.ENCRYPTED_COMMENT_REGEX, encryptedCommentRegex);
            add(set, CryptRules.Kind.UNENCRYPTED_COMMENT_REGEX, unencryptedCommentRegex);
            if (set.size() > 1) {
                throw new InvalidInputException("cannot use more than one of the --encrypted-*/--unencrypted-* "
                        + "options");
            }
            return set.stream().findFirst();
        }

        private static void add(List<CryptRules> set, CryptRules.Kind k, String v) {
            if (v != null) {
                set.add(CryptRules.of(k, v));
            }
        }

        private SopsEncryptor encryptor() {
            Optional<CryptRules> flagRules = flags();
            List<String> recipients = new ArrayList<>(age);
            if (recipients.isEmpty() && env.get("SOPS_AGE_RECIPIENTS") != null) {
                for (String r : env.get("SOPS_AGE_RECIPIENTS").split(",")) {
                    if (!r.isBlank()) {
                        recipients.add(r.strip());
                    }
                }
            }
            if (!recipients.isEmpty()) {
                List<Recipient> rs = recipients.stream().map(r -> AgeKeys.parseRecipient(r.strip())).toList();
                CryptRules rules = flagRules.orElse(CryptRules.defaults()).withMacOnlyEncrypted(macOnlyEncrypted);
                return SopsEncryptor.builder().recipients(rs).cryptRules(rules).build();
            }
            Path cfg = config != null ? config : findConfig();
            SopsConfig c;
            try {
                c = SopsConfig.parse(Files.readString(cfg, StandardCharsets.UTF_8), cfg.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + cfg + ": " + e.getMessage(), e);
            }
            Path dir = cfg.toAbsolutePath().getParent();
            Path abs = file.toAbsolutePath().normalize();
            String rel = abs.startsWith(dir) ? dir.relativize(abs).toString().replace('\\', '/') : abs.toString();
            SopsConfig.CreationRule rule = c.ruleFor(rel).orElseThrow(() -> new InvalidInputException(
                    cfg + ": no matching creation rules found for " + rel));
            if (flagRules.isPresent() || macOnlyEncrypted || shamirThreshold > 0) {
                rule = new SopsConfig.CreationRule(rule.pathRegex(), rule.keyGroups(),
                        shamirThreshold > 0 ? shamirThreshold : rule.shamirThreshold(),
                        flagRules.orElse(rule.cryptRules()).withMacOnlyEncrypted(macOnlyEncrypted
                                || rule.cryptRules().macOnlyEncrypted()), rule.unsupportedKeys());
            }
            return rule.encryptor();
        }

        private Path findConfig() {
            for (Path d = cwd; d != null; d = d.getParent()) {
                Path p = d.resolve(".sops.yaml");
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
            throw new InvalidInputException("no --age recipients given and no .sops.yaml found (config file not "
                    + "found)");
        }
    }
}
