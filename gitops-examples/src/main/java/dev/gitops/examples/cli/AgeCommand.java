package dev.gitops.examples.cli;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.sops.age.AgeDecryptor;
import dev.gitops.sops.age.AgeEncryptor;
import dev.gitops.sops.age.AgeKeys;
import dev.gitops.sops.age.Identity;
import dev.gitops.sops.age.Recipient;
import dev.gitops.sops.age.X25519Identity;
import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gitops age}: encrypt and decrypt age files with the age CLI's conventions (X25519 keys). */
@Command(name = "age", description = "Encrypt to age recipients or decrypt with identity files (age v1 format).")
final class AgeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-d", "--decrypt"}, description = "Decrypt the input.")
    boolean decrypt;

    @Option(names = {"-e", "--encrypt"}, description = "Encrypt the input (the default).")
    boolean encrypt;

    @Option(names = {"-r", "--recipient"}, paramLabel = "RECIPIENT", description = "Encrypt to RECIPIENT (repeatable).")
    List<String> recipients = new ArrayList<>();

    @Option(names = {"-R", "--recipients-file"}, paramLabel = "PATH", description = "Encrypt to the recipients in "
            + "PATH (repeatable).")
    List<Path> recipientFiles = new ArrayList<>();

    @Option(names = {"-i", "--identity"}, paramLabel = "PATH", description = "Identity file (repeatable).")
    List<Path> identityFiles = new ArrayList<>();

    @Option(names = {"-a", "--armor"}, description = "Encrypt to a PEM encoded format.")
    boolean armor;

    @Option(names = {"-p", "--passphrase"}, description = "Encrypt with a passphrase (needs a terminal).")
    boolean passphrase;

    @Option(names = {"-o", "--output"}, paramLabel = "OUTPUT", description = "Write the result to OUTPUT.")
    Path output;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT", description = "Input file (default: stdin).")
    Path input;

    @Override
    public Integer call() {
        if (decrypt && encrypt) {
            throw new InvalidInputException("-e/--encrypt can't be used with -d/--decrypt");
        }
        byte[] in = CliOutput.read(Optional.ofNullable(input));
        byte[] result = decrypt ? decrypt(in) : encrypt(in);
        CliOutput.write(result, Optional.ofNullable(output), spec.commandLine().getOut());
        return GitOpsCli.OK;
    }

    private byte[] decrypt(byte[] in) {
        if (!recipients.isEmpty() || !recipientFiles.isEmpty()) {
            throw new InvalidInputException("-r/-R can't be used with -d/--decrypt");
        }
        if (armor) {
            throw new InvalidInputException("-a/--armor can't be used with -d/--decrypt");
        }
        List<Identity> ids = new ArrayList<>();
        for (Path p : identityFiles) {
            ids.addAll(AgeKeys.parseIdentities(readFile(p), p.toString(), this::prompt));
        }
        if (ids.isEmpty()) {
            if (passphrase) {
                ids.add(dev.gitops.sops.age.ScryptIdentity.of(prompt("the encrypted file")));
            } else {
                throw new InvalidInputException("missing identity: use -i IDENTITY_FILE");
            }
        }
        return AgeDecryptor.builder().identities(ids).build().decrypt(in);
    }

    private byte[] encrypt(byte[] in) {
        List<Recipient> rs = new ArrayList<>();
        for (String r : recipients) {
            rs.add(AgeKeys.parseRecipient(r));
        }
        for (Path p : recipientFiles) {
            rs.addAll(AgeKeys.parseRecipients(new String(readFile(p), StandardCharsets.UTF_8), p.toString()));
        }
        for (Path p : identityFiles) {
            for (Identity id : AgeKeys.parseIdentities(readFile(p), p.toString(), this::prompt)) {
                if (id instanceof X25519Identity x) {
                    rs.add(x.recipient());
                }
            }
        }
        if (passphrase) {
            if (!rs.isEmpty()) {
                throw new InvalidInputException("-p/--passphrase can't be combined with -r/-R/-i");
            }
            rs.add(dev.gitops.sops.age.ScryptRecipient.of(prompt("the new file")));
        }
        if (rs.isEmpty()) {
            throw new InvalidInputException("missing recipients: use -r RECIPIENT, -R PATH or -i PATH");
        }
        return AgeEncryptor.builder().recipients(rs).armor(armor).build().encrypt(in);
    }

    private String prompt(String what) {
        Console c = System.console();
        if (c == null) {
            throw new InvalidInputException("a passphrase is needed for " + what + " but there is no terminal");
        }
        char[] pw = c.readPassword("Enter passphrase for %s: ", what);
        if (pw == null || pw.length == 0) {
            throw new InvalidInputException("empty passphrase");
        }
        return new String(pw);
    }

    private static byte[] readFile(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
