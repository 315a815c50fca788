package dev.gitops.helm.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads the regular files of a gzip-compressed tar archive (ustar, PAX and GNU long names). */
public final class Tar {

    private Tar() {
    }

    /** Path to content of every regular file; fails on a truncated or corrupt archive. */
    public static Map<String, byte[]> readTgz(byte[] tgz, long maxBytes) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
            byte[] header = new byte[512];
            String longName = null;
            long total = 0;
            while (true) {
                if (!readFully(in, header)) {
                    break;
                }
                boolean zero = true;
                for (byte b : header) {
                    if (b != 0) {
                        zero = false;
                        break;
                    }
                }
                if (zero) {
                    break;
                }
                String name = cstr(header, 0, 100);
                String prefix = cstr(header, 345, 155);
                if (!prefix.isEmpty() && "ustar".equals(cstr(header, 257, 5))) {
                    name = prefix + "/" + name;
                }
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                total += size;
                if (total > maxBytes) {
                    throw new IOException("chart archive is larger than " + maxBytes + " bytes");
                }
                byte[] data = new byte[(int) size];
                if (!readFully(in, data)) {
                    throw new IOException("unexpected EOF in tar archive");
                }
                long pad = (512 - size % 512) % 512;
                in.skipNBytes(pad);
                if (type == 'x') {
                    String pax = new String(data, StandardCharsets.UTF_8);
                    for (String line : pax.split("\n")) {
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
                if (longName != null) {
                    name = longName;
                    longName = null;
                }
                if (type == '0' || type == 0 || type == '7') {
                    out.put(name, data);
                }
            }
        }
        return out;
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

    private static long octal(byte[] b, int off, int len) {
        String s = cstr(b, off, len).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }

    /** Writes a gzip tar (for tests and packaging). */
    public static byte[] writeTgz(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bos)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                byte[] h = new byte[512];
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                System.arraycopy(name, 0, h, 0, Math.min(100, name.length));
                put(h, 100, String.format("%07o", 0644));
                put(h, 108, String.format("%07o", 0));
                put(h, 116, String.format("%07o", 0));
                put(h, 124, String.format("%011o", e.getValue().length));
                put(h, 136, String.format("%011o", 0));
                h[156] = '0';
                put(h, 257, "ustar");
                h[262] = 0;
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
                gz.write(h);
                gz.write(e.getValue());
                gz.write(new byte[(int) ((512 - e.getValue().length % 512) % 512)]);
            }
            gz.write(new byte[1024]);
        }
        return bos.toByteArray();
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
