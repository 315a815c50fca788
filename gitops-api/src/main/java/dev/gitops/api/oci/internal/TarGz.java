package dev.gitops.api.oci.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes gzip-compressed tar archives (ustar, PAX {@code path}, GNU long names): regular files only;
 * directories, links and devices are skipped as Flux's untar skips them. Paths are normalised ({@code ./}
 * removed); absolute paths and {@code ..} components are rejected.
 */
public final class TarGz {

    private TarGz() {
    }

    /** Path to content of every regular file, in path order. */
    public static TreeMap<String, byte[]> read(byte[] tgz, long maxBytes) throws IOException {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
            byte[] header = new byte[512];
            String longName = null;
            long total = 0;
            while (readFully(in, header)) {
                if (allZero(header)) {
                    break;
                }
                String name = cstr(header, 0, 100);
                String prefix = cstr(header, 345, 155);
                if (!prefix.isEmpty() && cstr(header, 257, 5).equals("ustar")) {
                    name = prefix + "/" + name;
                }
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                if (size < 0 || size > Integer.MAX_VALUE) {
                    throw new IOException("tar entry " + name + " has an invalid size");
                }
                total += size;
                if (total > maxBytes) {
                    throw new IOException("archive content is larger than " + maxBytes + " bytes");
                }
                byte[] data = new byte[(int) size];
                if (!readFully(in, data) && size > 0) {
                    throw new IOException("unexpected EOF in tar archive");
                }
                in.skipNBytes((512 - size % 512) % 512);
                if (type == 'x') {
                    for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
                        int sp = line.indexOf(' ');
                        if (sp > 0 && line.substring(sp + 1).startsWith("path=")) {
                            longName = line.substring(sp + 1 + 5);
                        }
                    }
                    continue;
                }
                if (type == 'L') {
                    longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                if (type == 'g') {
                    continue;
                }
                if (longName != null) {
                    name = longName;
                    longName = null;
                }
                if (type == '0' || type == 0 || type == '7') {
                    out.put(clean(name), data);
                }
            }
        }
        return out;
    }

    private static String clean(String name) throws IOException {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (n.startsWith("/") || n.isEmpty()) {
            throw new IOException("tar entry has an absolute or empty path: " + name);
        }
        List<String> parts = new ArrayList<>();
        for (String p : n.split("/")) {
            if (p.equals("..")) {
                throw new IOException("tar entry escapes the archive: " + name);
            }
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return String.join("/", parts);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = in.read(b, off, b.length - off);
            if (n < 0) {
                if (off == 0) {
                    return false;
                }
                throw new IOException("unexpected EOF in tar archive");
            }
            off += n;
        }
        return true;
    }

    private static String cstr(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int off, int len) throws IOException {
        String s = cstr(b, off, len).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("corrupt tar header");
        }
    }

    /** A deterministic gzip tar of the files (mode 0644, mtime 0), in path order. */
    public static byte[] write(Map<String, byte[]> files) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            for (Map.Entry<String, byte[]> e : new TreeMap<>(files).entrySet()) {
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                if (name.length > 100) {
                    byte[] pax = paxRecord("path", e.getKey());
                    gz.write(header("PaxHeaders/" + e.getKey().hashCode(), pax.length, 'x'));
                    gz.write(pax);
                    gz.write(new byte[(512 - pax.length % 512) % 512]);
                }
                gz.write(header(e.getKey(), e.getValue().length, '0'));
                gz.write(e.getValue());
                gz.write(new byte[(512 - e.getValue().length % 512) % 512]);
            }
            gz.write(new byte[1024]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bos.toByteArray();
    }

    private static byte[] paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int len = body.getBytes(StandardCharsets.UTF_8).length;
        int total = len + Integer.toString(len).length();
        if (Integer.toString(total).length() != Integer.toString(len).length()) {
            total++;
        }
        return (total + body).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] header(String path, long size, char type) {
        byte[] h = new byte[512];
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, h, 0, Math.min(100, name.length));
        put(h, 100, String.format("%07o", 0644));
        put(h, 108, String.format("%07o", 0));
        put(h, 116, String.format("%07o", 0));
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 0));
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
