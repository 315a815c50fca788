package dev.gitops.sops.age;

import dev.gitops.sops.age.internal.Armor;
import dev.gitops.sops.age.internal.Header;
import dev.gitops.sops.age.internal.Primitives;
import dev.gitops.sops.age.internal.Stream;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decrypts age v1 files, binary or ASCII-armored, with a fixed set of identities. Immutable and thread-safe.
 *
 * <p>The header is parsed strictly, a file key is unwrapped, and the header MAC is verified before a single payload
 * byte is read. The payload is then decrypted chunk by chunk in constant memory; a chunk's plaintext is released only
 * after its tag verified. A stream that fails midway throws {@link AgeException.PayloadFailure} from {@code read}:
 * callers that need all-or-nothing use {@link #decrypt(byte[])}, which never returns partial plaintext.
 *
 * <pre>{@code
 * AgeDecryptor d = AgeDecryptor.builder().identities(AgeKeys.parseIdentities(text, "keys.txt")).build();
 * try (InputStream plain = d.decrypt(Files.newInputStream(path))) { ... }
 * }</pre>
 */
public final class AgeDecryptor {

    /** How the input is encoded. */
    public enum Input {
        /** Armored if the first non-whitespace bytes are the armor header, binary otherwise. */
        AUTO,
        /** Binary only. */
        BINARY,
        /** ASCII armor only. */
        ARMORED
    }

    private final List<Identity> identities;
    private final Input input;

    private AgeDecryptor(Builder b) {
        this.identities = List.copyOf(b.identities);
        this.input = b.input;
        if (identities.isEmpty()) {
            throw new dev.gitops.api.error.InvalidInputException("an age decryptor needs at least one identity");
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The identities tried, in order. */
    public List<Identity> identities() {
        return identities;
    }

    /**
     * Opens a decrypting stream. The header is read and authenticated before this method returns.
     *
     * @throws AgeException on any header failure; payload failures are thrown by the returned stream's read methods
     */
    public InputStream decrypt(InputStream in) {
        Objects.requireNonNull(in, "in");
        try {
            BufferedInputStream buffered = new BufferedInputStream(in, 8192);
            boolean armored = switch (input) {
                case ARMORED -> true;
                case BINARY -> false;
                case AUTO -> looksArmored(buffered);
            };
            InputStream src = armored ? new Armor.Reader(buffered) : buffered;
            Header header = Header.parse(src);
            for (Stanza s : header.stanzas()) {
                if (s.type().equals("scrypt") && header.stanzas().size() != 1) {
                    throw new AgeException.Malformed(AgeException.Layer.HEADER,
                            "an scrypt stanza must be the only one in the header");
                }
            }
            byte[] fileKey = unwrap(header.stanzas());
            byte[] mac = Header.computeMac(fileKey, header.bytesForMac());
            if (!Primitives.constantTimeEquals(mac, header.mac())) {
                throw new AgeException.HeaderMacMismatch("bad header MAC: the age header was modified");
            }
            byte[] nonce = src.readNBytes(Stream.NONCE_SIZE);
            if (nonce.length != Stream.NONCE_SIZE) {
                throw new AgeException.Malformed(AgeException.Layer.HEADER, "payload nonce is missing or truncated");
            }
            return new Stream.Reader(src, Stream.payloadKey(fileKey, nonce));
        } catch (IOException e) {
            throw new AgeException.Io("reading age file: " + e.getMessage(), e);
        }
    }

    /** Decrypts a whole file in memory; never returns partial plaintext. */
    public byte[] decrypt(byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, file.length));
        decrypt(new ByteArrayInputStream(file), out);
        return out.toByteArray();
    }

    /** Decrypts {@code in} to {@code out} in constant memory (out may have received authenticated chunks on failure). */
    public void decrypt(InputStream in, OutputStream out) {
        try (InputStream plain = decrypt(in)) {
            plain.transferTo(out);
        } catch (IOException e) {
            throw new AgeException.Io("decrypting age file: " + e.getMessage(), e);
        }
    }

    private byte[] unwrap(List<Stanza> stanzas) {
        for (Identity id : identities) {
            Optional<byte[]> fk = id.unwrap(stanzas);
            if (fk.isPresent()) {
                return fk.get();
            }
        }
        List<String> types = new ArrayList<>();
        for (Stanza s : stanzas) {
            types.add(s.type());
        }
        throw new AgeException.NoIdentityMatch("no identity matched any of the recipients (stanza types "
                + String.join(", ", types) + ")");
    }

    private static boolean looksArmored(BufferedInputStream in) throws IOException {
        int max = 1024 + Armor.HEADER.length();
        in.mark(max + 1);
        byte[] head = in.readNBytes(max);
        in.reset();
        int i = 0;
        while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        String s = new String(head, i, head.length - i, StandardCharsets.ISO_8859_1);
        return s.startsWith(Armor.HEADER);
    }


    /** Builder for {@link AgeDecryptor}. */
    public static final class Builder {
        private final List<Identity> identities = new ArrayList<>();
        private Input input = Input.AUTO;

        private Builder() {}

        /** Adds an identity. */
        public Builder identity(Identity identity) {
            identities.add(Objects.requireNonNull(identity, "identity"));
            return this;
        }

        /** Adds identities. */
        public Builder identities(Collection<? extends Identity> ids) {
            ids.forEach(this::identity);
            return this;
        }

        /** How the input is encoded (default {@link Input#AUTO}). */
        public Builder input(Input input) {
            this.input = Objects.requireNonNull(input, "input");
            return this;
        }

        /** Builds the decryptor. */
        public AgeDecryptor build() {
            return new AgeDecryptor(this);
        }
    }
}
