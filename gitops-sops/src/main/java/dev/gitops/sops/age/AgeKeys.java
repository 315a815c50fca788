package dev.gitops.sops.age;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.Origin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parsing of age identity files and recipient lists, as the age CLI reads them: one key per line, empty lines and
 * lines starting with {@code #} ignored. An identity file may itself be a passphrase-encrypted age file (binary or
 * armored), which is decrypted with a {@link PassphraseSource} first.
 */
public final class AgeKeys {

    private AgeKeys() {}

    /** Supplies the passphrase of an encrypted identity file (for example by prompting). */
    @FunctionalInterface
    public interface PassphraseSource {
        /** The passphrase for the file named {@code source}. */
        String passphrase(String source);
    }

    /** Parses an identity file's text. {@code source} names the file in error messages. */
    public static List<Identity> parseIdentities(String text, String source) {
        return parseLines(text, source, AgeKeys::parseIdentity, "no age secret keys found");
    }

    /**
     * Parses identity file bytes, decrypting them first if they are a passphrase-protected age file.
     */
    public static List<Identity> parseIdentities(byte[] content, String source, PassphraseSource passphrases) {
        if (isAgeFile(content)) {
            String pass = passphrases.passphrase(source);
            AgeDecryptor d = AgeDecryptor.builder().identity(ScryptIdentity.of(pass)).build();
            byte[] plain = d.decrypt(content);
            return parseIdentities(new String(plain, StandardCharsets.UTF_8), source);
        }
        return parseIdentities(new String(content, StandardCharsets.UTF_8), source);
    }

    /** True if {@code content} starts (after whitespace) with an age header or armor header. */
    public static boolean isAgeFile(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 2048), StandardCharsets.ISO_8859_1);
        return head.startsWith("age-encryption.org/v1\n") || head.strip().startsWith(
                dev.gitops.sops.age.internal.Armor.HEADER);
    }

    /** Parses one identity: {@code AGE-SECRET-KEY-1...} (X25519) or {@code AGE-SECRET-KEY-PQ-1...} (hybrid). */
    public static Identity parseIdentity(String s) {
        if (s.startsWith("AGE-SECRET-KEY-PQ-1")) {
            return HybridIdentity.parse(s);
        }
        return X25519Identity.parse(s);
    }

    /** Parses one recipient string: {@code age1...} (X25519) or {@code age1pq1...} (hybrid). */
    public static Recipient parseRecipient(String s) {
        String t = s.strip();
        if (t.startsWith("ssh-ed25519 ") || t.startsWith("ssh-rsa ")) {
            throw new AgeException.Unsupported("unsupported recipient type: SSH recipients are not supported");
        }
        if (t.startsWith("age1pq1")) {
            return HybridRecipient.parse(t);
        }
        return X25519Recipient.parse(t);
    }

    /** Parses a recipients file (one per line, {@code #} comments). {@code source} names the file in errors. */
    public static List<Recipient> parseRecipients(String text, String source) {
        return parseLines(text, source, AgeKeys::parseRecipient, "no recipients found");
    }

    /** One key a line, blank lines and {@code #} comments skipped; errors name {@code source:line}. */
    private static <T> List<T> parseLines(String text, String source, java.util.function.Function<String, T> parser,
            String noneFound) {
        Objects.requireNonNull(text, "text");
        List<T> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripCr(lines[i]).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                out.add(parser.apply(line));
            } catch (AgeException.Malformed e) {
                throw new InvalidInputException(new Origin(source, i + 1, 0, ""), e.detail());
            } catch (AgeException.Unsupported e) {
                throw new AgeException.Unsupported(source + ":" + (i + 1) + ": " + e.detail());
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(new Origin(source, 0, 0, ""), noneFound);
        }
        return List.copyOf(out);
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

}
