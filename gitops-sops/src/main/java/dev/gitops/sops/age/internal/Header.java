package dev.gitops.sops.age.internal;

import dev.gitops.sops.age.AgeException;
import dev.gitops.sops.age.Stanza;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An age v1 header: its stanzas and its MAC; strict parser and canonical serialiser. */
public record Header(List<Stanza> stanzas, byte[] mac) {

    /** The version line, without its newline. */
    public static final String VERSION_LINE = "age-encryption.org/v1";

    private static final int MAX_LINE = 1 << 16;
    private static final int MAX_STANZAS = 1 << 12;
    private static final int COLUMNS = 64;

    /** Copies its arguments. */
    public Header {
        stanzas = List.copyOf(stanzas);
        mac = mac.clone();
    }

    private static AgeException.Malformed malformed(String detail) {
        return new AgeException.Malformed(AgeException.Layer.HEADER, detail);
    }

    /** Parses a header, consuming exactly its bytes from {@code in} (which should be buffered). */
    public static Header parse(InputStream in) throws IOException {
        String version = readLine(in);
        if (!VERSION_LINE.equals(version)) {
            throw malformed("not an age v1 file: unexpected version line");
        }
        List<Stanza> stanzas = new ArrayList<>();
        while (true) {
            String line = readLine(in);
            if (line.startsWith("--- ")) {
                byte[] mac = StrictBase64.decodeRaw(line.substring(4))
                        .orElseThrow(() -> malformed("malformed header MAC encoding"));
                if (mac.length != 32) {
                    throw malformed("header MAC has the wrong length");
                }
                if (stanzas.isEmpty()) {
                    throw malformed("header has no recipient stanzas");
                }
                return new Header(stanzas, mac);
            }
            if (!line.startsWith("-> ")) {
                throw malformed("malformed header line: expected a stanza or the MAC line");
            }
            if (stanzas.size() >= MAX_STANZAS) {
                throw malformed("too many stanzas");
            }
            String[] parts = line.substring(3).split(" ", -1);
            for (String p : parts) {
                if (!Stanza.isValidArg(p)) {
                    throw malformed("malformed stanza: empty argument or invalid character");
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String b = readLine(in);
                if (b.length() > COLUMNS) {
                    throw malformed("malformed stanza body: line longer than 64 columns");
                }
                byte[] chunk = StrictBase64.decodeRaw(b)
                        .orElseThrow(() -> malformed("malformed stanza body: invalid or non-canonical base64"));
                body.writeBytes(chunk);
                if (b.length() < COLUMNS) {
                    break;
                }
            }
            stanzas.add(new Stanza(parts[0], List.of(parts).subList(1, parts.length), body.toByteArray()));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw malformed("unexpected end of file in header");
            }
            if (c == '\n') {
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw malformed("header line too long");
            }
            sb.append((char) c);
        }
    }

    /** The bytes covered by the MAC: from the version line up to and including {@code ---}. */
    public byte[] bytesForMac() {
        StringBuilder sb = new StringBuilder(VERSION_LINE).append('\n');
        for (Stanza s : stanzas) {
            sb.append("->").append(' ').append(s.type());
            for (String a : s.args()) {
                sb.append(' ').append(a);
            }
            sb.append('\n');
            String b64 = StrictBase64.encodeRaw(s.body());
            int i = 0;
            while (true) {
                int end = Math.min(i + COLUMNS, b64.length());
                sb.append(b64, i, end).append('\n');
                if (end - i < COLUMNS) {
                    break;
                }
                i = end;
            }
        }
        sb.append("---");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The full serialised header including the MAC line and its newline. */
    public byte[] encode() {
        byte[] a = bytesForMac();
        byte[] b = (" " + StrictBase64.encodeRaw(mac) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** The header MAC for a file key. */
    public static byte[] computeMac(byte[] fileKey, byte[] bytesForMac) {
        byte[] key = Primitives.hkdf(fileKey, new byte[0], "header", 32);
        return Primitives.hmac(key, bytesForMac);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header h && h.stanzas.equals(stanzas) && java.util.Arrays.equals(h.mac, mac);
    }

    @Override
    public int hashCode() {
        return stanzas.hashCode() * 31 + java.util.Arrays.hashCode(mac);
    }
}
