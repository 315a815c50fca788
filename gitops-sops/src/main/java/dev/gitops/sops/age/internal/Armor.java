package dev.gitops.sops.age.internal;

import dev.gitops.sops.age.AgeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** age's PEM-like ASCII armor, strict as age 1.x reads it. */
public final class Armor {

    /** The first line. */
    public static final String HEADER = "-----BEGIN AGE ENCRYPTED FILE-----";
    /** The last line. */
    public static final String FOOTER = "-----END AGE ENCRYPTED FILE-----";
    private static final int COLUMNS = 64;
    private static final int BYTES_PER_LINE = COLUMNS / 4 * 3;
    private static final int MAX_WHITESPACE = 1024;

    private Armor() {}

    static AgeException.Malformed malformed(String detail) {
        return new AgeException.Malformed(AgeException.Layer.ARMOR, detail);
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x0B || c == 0x0C;
    }

    /** Decoding reader. */
    public static final class Reader extends InputStream {
        private final InputStream src;
        private boolean started;
        private boolean done;
        private AgeException pending;
        private byte[] unread = new byte[0];
        private int pos;

        /** Reads armored text from {@code src} (which should be buffered). */
        public Reader(InputStream src) {
            this.src = Objects.requireNonNull(src, "src");
        }

        private String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(80);
            int c;
            boolean any = false;
            while ((c = src.read()) >= 0) {
                any = true;
                if (c == '\n') {
                    break;
                }
                if (b.size() > COLUMNS + 8) {
                    throw malformed("armor line too long");
                }
                b.write(c);
            }
            if (!any) {
                throw malformed("unexpected end of armored data");
            }
            String s = b.toString(StandardCharsets.ISO_8859_1);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        private void drainTrailing() throws IOException {
            int n = 0;
            int c;
            while ((c = src.read()) >= 0) {
                if (!isSpace(c)) {
                    throw malformed("trailing data after the armored file");
                }
                if (++n >= MAX_WHITESPACE) {
                    throw malformed("too much trailing whitespace after the armored file");
                }
            }
        }

        private void next() throws IOException {
            if (!started) {
                int removed = 0;
                while (true) {
                    src.mark(1);
                    int c = src.read();
                    if (c < 0) {
                        throw malformed("empty armored input");
                    }
                    if (isSpace(c) && c != 0x0B && c != 0x0C) {
                        if (++removed > MAX_WHITESPACE) {
                            throw malformed("too much leading whitespace");
                        }
                        continue;
                    }
                    src.reset();
                    break;
                }
                started = true;
                if (!HEADER.equals(line())) {
                    throw malformed("invalid first line of armored file");
                }
            }
            String line = line();
            if (FOOTER.equals(line)) {
                drainTrailing();
                done = true;
                return;
            }
            if (line.length() > COLUMNS) {
                throw malformed("armor line exceeds 64 columns");
            }
            if (line.isEmpty()) {
                throw malformed("empty line in armored data");
            }
            byte[] data = StrictBase64.decodePadded(line)
                    .orElseThrow(() -> malformed("invalid or non-canonical base64 in armored data"));
            if (data.length < BYTES_PER_LINE) {
                if (!FOOTER.equals(line())) {
                    throw malformed("invalid closing line of armored file");
                }
                drainTrailing();
                done = true;
            }
            unread = data;
            pos = 0;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            while (pos == unread.length) {
                if (pending != null) {
                    throw pending;
                }
                if (done) {
                    return -1;
                }
                try {
                    next();
                } catch (AgeException.Malformed e) {
                    pending = e;
                    throw e;
                }
            }
            int n = Math.min(len, unread.length - pos);
            System.arraycopy(unread, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            src.close();
        }
    }

    /** Encoding writer; {@link #close()} writes the footer but does not close the destination. */
    public static final class Writer extends OutputStream {
        private final OutputStream dst;
        private final byte[] buf = new byte[BYTES_PER_LINE];
        private int len;
        private boolean closed;

        /** Writes the header line immediately. */
        public Writer(OutputStream dst) throws IOException {
            this.dst = Objects.requireNonNull(dst, "dst");
            dst.write((HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            Objects.checkFromIndexSize(off, n, b.length);
            while (n > 0) {
                int k = Math.min(n, BYTES_PER_LINE - len);
                System.arraycopy(b, off, buf, len, k);
                len += k;
                off += k;
                n -= k;
                if (len == BYTES_PER_LINE) {
                    emit();
                }
            }
        }

        private void emit() throws IOException {
            byte[] chunk = len == buf.length ? buf : java.util.Arrays.copyOf(buf, len);
            dst.write(Base64.getEncoder().encode(chunk));
            dst.write('\n');
            len = 0;
        }

        @Override
        public void flush() throws IOException {
            dst.flush();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                if (len > 0) {
                    emit();
                }
                dst.write((FOOTER + "\n").getBytes(StandardCharsets.US_ASCII));
                dst.flush();
            }
        }
    }
}
