package dev.gitops.sops.internal;

import dev.gitops.api.error.Origin;
import dev.gitops.sops.CryptRules;
import dev.gitops.sops.SopsException;
import dev.gitops.sops.SopsNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a sops tree in document order, decrypting or encrypting the leaves the crypt rules select (sops'
 * {@code shouldBeEncrypted}) with AAD {@code path:}, and feeding every leaf into the SHA-512 MAC.
 */
public final class TreeCrypt {

    private static final Logger LOG = LoggerFactory.getLogger(TreeCrypt.class);

    /** Direction. */
    public enum Mode {
        /** Decrypt selected leaves. */
        DECRYPT,
        /** Encrypt selected leaves. */
        ENCRYPT
    }

    /** The walked tree and its MAC (uppercase hex). */
    public record Result(List<SopsNode.Branch> branches, String mac) {}

    private final Mode mode;
    private final byte[] key;
    private final CryptRules rules;
    private final Pattern regex;
    private final Origin origin;
    private final SecureRandom random;
    private final MessageDigest digest;
    private final javax.crypto.Cipher gcm = EncryptedValue.newCipher();

    private TreeCrypt(Mode mode, byte[] key, CryptRules rules, Origin origin, SecureRandom random) {
        this.mode = mode;
        this.key = key;
        this.rules = rules;
        this.regex = rules.kind().name().endsWith("REGEX") ? Pattern.compile(rules.value()) : null;
        this.origin = origin;
        this.random = random;
        try {
            this.digest = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (rules.macOnlyEncrypted()) {
            try {
                digest.update(MessageDigest.getInstance("SHA-256").digest("sops".getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Runs over all branches. */
    public static Result run(Mode mode, List<SopsNode.Branch> branches, byte[] key, CryptRules rules, Origin origin,
            SecureRandom random) {
        TreeCrypt t = new TreeCrypt(mode, key, rules, origin, random);
        List<SopsNode.Branch> out = new ArrayList<>();
        for (SopsNode.Branch b : branches) {
            List<List<String>> stack = new ArrayList<>();
            out.add(t.branch(b, new ArrayList<>(), "", stack));
        }
        return new Result(out, HexFormat.of().withUpperCase().formatHex(t.digest.digest()));
    }

    private static String esc(String k) {
        return k.replace("~", "~0").replace("/", "~1");
    }

    private SopsNode.Branch branch(SopsNode.Branch b, List<String> path, String ptr, List<List<String>> stack) {
        stack.add(new ArrayList<>());
        List<SopsNode.Item> out = new ArrayList<>(b.items().size());
        for (SopsNode.Item item : b.items()) {
            if (item instanceof SopsNode.Comment c) {
                SopsNode.Comment r = comment(c, path, stack);
                stack.get(stack.size() - 1).add(r.text());
                out.add(r);
                continue;
            }
            SopsNode.Entry e = (SopsNode.Entry) item;
            List<String> p = new ArrayList<>(path);
            p.add(e.key());
            out.add(new SopsNode.Entry(e.key(), value(e.value(), p, ptr + "/" + esc(e.key()), stack)));
            stack.get(stack.size() - 1).clear();
        }
        stack.remove(stack.size() - 1);
        return new SopsNode.Branch(out);
    }

    private SopsNode value(SopsNode v, List<String> path, String ptr, List<List<String>> stack) {
        if (v instanceof SopsNode.Branch b) {
            return branch(b, path, ptr, stack);
        } else if (v instanceof SopsNode.Sequence s) {
            stack.add(new ArrayList<>());
            List<SopsNode> out = new ArrayList<>();
            int i = 0;
            for (SopsNode el : s.elements()) {
                if (el instanceof SopsNode.Comment c) {
                    SopsNode.Comment r = comment(c, path, stack);
                    stack.get(stack.size() - 1).add(r.text());
                    out.add(r);
                } else {
                    out.add(value(el, path, ptr + "/" + i, stack));
                    stack.get(stack.size() - 1).clear();
                }
                i++;
            }
            stack.remove(stack.size() - 1);
            return new SopsNode.Sequence(out);
        } else if (v instanceof SopsNode.Null) {
            return v;
        } else if (v instanceof SopsNode.Comment c) {
            return comment(c, path, stack);
        }
        return leaf((SopsNode.Scalar) v, path, ptr, stack);
    }

    private static String aad(List<String> path) {
        return String.join(":", path) + ":";
    }

    private boolean shouldEncrypt(List<String> path, List<List<String>> stack, SopsNode.Comment self) {
        switch (rules.kind()) {
            case UNENCRYPTED_SUFFIX:
                return path.stream().noneMatch(k -> k.endsWith(rules.value()));
            case ENCRYPTED_SUFFIX:
                return path.stream().anyMatch(k -> k.endsWith(rules.value()));
            case UNENCRYPTED_REGEX:
                return path.stream().noneMatch(k -> regex.matcher(k).find());
            case ENCRYPTED_REGEX:
                return path.stream().anyMatch(k -> regex.matcher(k).find());
            case UNENCRYPTED_COMMENT_REGEX: {
                boolean enc = stack.stream().flatMap(List::stream).noneMatch(c -> regex.matcher(c).find());
                if (self != null && regex.matcher(self.text()).find()) {
                    enc = false;
                }
                return enc;
            }
            case ENCRYPTED_COMMENT_REGEX: {
                boolean enc = stack.stream().flatMap(List::stream).anyMatch(c -> regex.matcher(c).find());
                if (self != null && regex.matcher(self.text()).find()) {
                    enc = false;
                }
                return enc;
            }
            default:
                throw new IllegalStateException();
        }
    }

    private SopsNode.Comment comment(SopsNode.Comment c, List<String> path, List<List<String>> stack) {
        // the comment stack holds comments above the current item, not including this one
        if (!shouldEncrypt(path, stack, c)) {
            return c;
        }
        if (mode == Mode.ENCRYPT) {
            return new SopsNode.Comment(EncryptedValue.encrypt(c, key, aad(path), random, gcm));
        }
        try {
            SopsNode r = EncryptedValue.decrypt(c.text(), key, aad(path), gcm);
            return r instanceof SopsNode.Comment rc ? rc : c;
        } catch (EncryptedValue.DecryptException e) {
            LOG.debug("comment at {} is not encrypted; kept as is", aad(path));
            return c;
        }
    }

    private SopsNode leaf(SopsNode.Scalar v, List<String> path, String ptr, List<List<String>> stack) {
        boolean encrypted = shouldEncrypt(path, stack, null);
        SopsNode plain = v;
        SopsNode result = v;
        if (encrypted) {
            if (mode == Mode.ENCRYPT) {
                result = SopsNode.Str.of(EncryptedValue.encrypt(v, key, aad(path), random, gcm));
            } else {
                if (!(v instanceof SopsNode.Str s)) {
                    throw new SopsException.Malformed(origin.withPointer(ptr),
                            "value should be encrypted but is not a string");
                }
                try {
                    plain = EncryptedValue.decrypt(s.text(), key, aad(path), gcm);
                } catch (EncryptedValue.DecryptException e) {
                    if (e.failure() == EncryptedValue.Failure.AUTHENTICATION) {
                        throw new SopsException.ValueAuthenticationFailure(origin.withPointer(ptr),
                                "value failed to authenticate (tampered, moved to another key, or wrong data key)");
                    }
                    throw new SopsException.Malformed(origin.withPointer(ptr), e.getMessage());
                }
                if (plain instanceof SopsNode.Comment) {
                    throw new SopsException.Malformed(origin.withPointer(ptr), "value has type comment");
                }
                result = plain;
            }
        }
        if (!rules.macOnlyEncrypted() || encrypted) {
            if (!(plain instanceof SopsNode.Null)) {
                digest.update(GoScalars.macBytes((SopsNode.Scalar) plain));
            }
        }
        return result;
    }
}
