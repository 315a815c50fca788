package dev.gitops.sops.age;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.sops.age.internal.Armor;
import dev.gitops.sops.age.internal.Header;
import dev.gitops.sops.age.internal.Stream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Encrypts to a fixed set of recipients, binary or ASCII-armored, streaming in constant memory. Immutable and
 * thread-safe (the {@link SecureRandom} is thread-safe).
 */
public final class AgeEncryptor {

    private final List<Recipient> recipients;
    private final boolean armor;
    private final SecureRandom random;

    private AgeEncryptor(Builder b) {
        this.recipients = List.copyOf(b.recipients);
        this.armor = b.armor;
        this.random = b.random;
        if (recipients.isEmpty()) {
            throw new InvalidInputException("an age encryptor needs at least one recipient");
        }
        boolean anyPq = recipients.stream().anyMatch(Recipient::postQuantum);
        if (anyPq && !recipients.stream().allMatch(Recipient::postQuantum)) {
            throw new InvalidInputException("post-quantum recipients can't be combined with classic recipients "
                    + "(it would defeat their post-quantum security)");
        }
        for (Recipient r : recipients) {
            if (r.mustBeAlone() && recipients.size() > 1) {
                throw new InvalidInputException("a passphrase (scrypt) recipient must be the only recipient");
            }
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts an encrypted stream on {@code dst}. Closing the returned stream writes the final chunk (and the armor
     * footer) and flushes {@code dst}, but does not close it.
     */
    public OutputStream encrypt(OutputStream dst) {
        Objects.requireNonNull(dst, "dst");
        byte[] fileKey = new byte[16];
        random.nextBytes(fileKey);
        List<Stanza> stanzas = new ArrayList<>();
        for (Recipient r : recipients) {
            List<Stanza> s = r.wrap(fileKey, random);
            if (r.mustBeAlone() && s.size() != 1) {
                throw new IllegalStateException("a stand-alone recipient produced several stanzas");
            }
            stanzas.addAll(s);
        }
        Header unsigned = new Header(stanzas, new byte[32]);
        Header header = new Header(stanzas, Header.computeMac(fileKey, unsigned.bytesForMac()));
        try {
            OutputStream framed = armor ? new Armor.Writer(dst) : dst;
            framed.write(header.encode());
            byte[] nonce = new byte[Stream.NONCE_SIZE];
            random.nextBytes(nonce);
            framed.write(nonce);
            Stream.Writer w = new Stream.Writer(framed, Stream.payloadKey(fileKey, nonce));
            return new FilterOutputStream(w) {
                private boolean closed;

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    w.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    if (!closed) {
                        closed = true;
                        w.close();
                        if (framed != dst) {
                            framed.close();
                        }
                    }
                }
            };
        } catch (IOException e) {
            throw new AgeException.Io("writing age header: " + e.getMessage(), e);
        }
    }

    /** Encrypts a byte array. */
    public byte[] encrypt(byte[] plaintext) {
        ByteArrayOutputStream bout = new ByteArrayOutputStream(plaintext.length + 256);
        try (OutputStream o = encrypt(bout)) {
            o.write(plaintext);
        } catch (IOException e) {
            throw new AgeException.Io("encrypting: " + e.getMessage(), e);
        }
        return bout.toByteArray();
    }

    /** Builder for {@link AgeEncryptor}. */
    public static final class Builder {
        private final List<Recipient> recipients = new ArrayList<>();
        private boolean armor;
        private SecureRandom random = new SecureRandom();

        private Builder() {}

        /** Adds a recipient. */
        public Builder recipient(Recipient r) {
            recipients.add(Objects.requireNonNull(r, "recipient"));
            return this;
        }

        /** Adds recipients. */
        public Builder recipients(Collection<? extends Recipient> rs) {
            rs.forEach(this::recipient);
            return this;
        }

        /** Whether to write ASCII armor (default false). */
        public Builder armor(boolean armor) {
            this.armor = armor;
            return this;
        }

        /** The randomness source (default a new {@link SecureRandom}). */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Builds the encryptor. */
        public AgeEncryptor build() {
            return new AgeEncryptor(this);
        }
    }
}
