package dev.gitops.sops;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The ordered tree of a SOPS document, as sops itself models it: maps keep their order (and may contain comment
 * items), lists may contain comments, and scalars keep the type that decides their MAC bytes.
 */
public sealed interface SopsNode {

    /** An item of a {@link Branch}: an entry or a comment line. */
    sealed interface Item permits Entry, Comment {}

    /** An ordered map. Items are {@link Entry entries} and {@link Comment comments}. */
    record Branch(List<Item> items) implements SopsNode {
        /** Copies the items. */
        public Branch {
            items = List.copyOf(items);
        }

        /** The value of the first entry named {@code key}, if any. */
        public java.util.Optional<SopsNode> get(String key) {
            for (Item i : items) {
                if (i instanceof Entry e && e.key().equals(key)) {
                    return java.util.Optional.of(e.value());
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** A key and its value. */
    record Entry(String key, SopsNode value) implements Item {
        /** Validates. */
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A list; elements may be {@link Comment comments}. */
    record Sequence(List<SopsNode> elements) implements SopsNode {
        /** Copies the elements. */
        public Sequence {
            elements = List.copyOf(elements);
        }
    }

    /** A comment line (the text after {@code #}, leading space kept). */
    record Comment(String text) implements SopsNode, Item {
        /** Validates. */
        public Comment {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A scalar. */
    sealed interface Scalar extends SopsNode permits Str, Int, Float, Bool, Time, Bytes, Null {}

    /** A string; may hold arbitrary bytes (the binary store), so it is kept as bytes. */
    record Str(byte[] bytes) implements Scalar {
        /** Copies the bytes. */
        public Str {
            bytes = bytes.clone();
        }

        /** A string from text. */
        public static Str of(String s) {
            return new Str(s.getBytes(StandardCharsets.UTF_8));
        }

        /** The bytes (a copy). */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The text (invalid UTF-8 replaced). */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** True if the bytes are valid UTF-8. */
        public boolean isUtf8() {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
                return true;
            } catch (CharacterCodingException e) {
                return false;
            }
        }

        /** True if empty. */
        public boolean isEmpty() {
            return bytes.length == 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Str s && Arrays.equals(s.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Str[" + bytes.length + " bytes]";
        }
    }

    /** A 64-bit integer. */
    record Int(long value) implements Scalar {}

    /** A 64-bit float. */
    record Float(double value) implements Scalar {}

    /** A boolean. */
    record Bool(boolean value) implements Scalar {}

    /** A timestamp, kept as its RFC 3339 (nanosecond) text, which is also its MAC form. */
    record Time(java.time.OffsetDateTime value) implements Scalar {
        /** Validates. */
        public Time {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Raw bytes (sops type {@code bytes}). */
    record Bytes(byte[] value) implements Scalar {
        /** Copies. */
        public Bytes {
            value = value.clone();
        }

        /** A copy of the bytes. */
        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(b.value, value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + value.length + " bytes]";
        }
    }

    /** Null (never encrypted, never hashed). */
    record Null() implements Scalar {
        /** The instance. */
        public static final Null INSTANCE = new Null();
    }
}
