package dev.gitops.api.fs;

import dev.gitops.api.error.InvalidInputException;
import java.util.ArrayDeque;
import java.util.Deque;

/** Relative {@code /}-separated paths as the {@link FileSystem} uses them. */
public final class FsPaths {

    private FsPaths() {}

    /**
     * Normalises a path: backslashes are not separators, {@code .} segments and empty segments go, {@code ..}
     * removes the previous segment. A leading {@code /} is dropped (the root is the file system's root).
     *
     * @throws InvalidInputException when the path climbs above the root
     */
    public static String normalize(String path) {
        if (isNormal(path)) {
            return path;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String seg : path.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (parts.isEmpty()) {
                    throw new InvalidInputException("path '" + path + "' is outside the root");
                }
                parts.removeLast();
            } else {
                parts.addLast(seg);
            }
        }
        return String.join("/", parts);
    }

    /** True when {@code path} has no empty, {@code .} or {@code ..} segment: normalising would not change it. */
    private static boolean isNormal(String path) {
        int n = path.length();
        int segStart = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                int len = i - segStart;
                if (len == 0 ? n > 0 : path.charAt(segStart) == '.'
                        && (len == 1 || len == 2 && path.charAt(segStart + 1) == '.')) {
                    return false;
                }
                segStart = i + 1;
            }
        }
        return true;
    }

    /** {@code dir/child}, normalised. */
    public static String join(String dir, String child) {
        if (dir.isEmpty()) {
            return normalize(child);
        }
        return normalize(dir + "/" + child);
    }

    /** The parent directory ({@code ""} for a top-level entry and for the root). */
    public static String parent(String path) {
        String n = normalize(path);
        int i = n.lastIndexOf('/');
        return i < 0 ? "" : n.substring(0, i);
    }

    /** The last segment. */
    public static String fileName(String path) {
        String n = normalize(path);
        int i = n.lastIndexOf('/');
        return i < 0 ? n : n.substring(i + 1);
    }

    /** True when {@code path} is {@code dir} or below it. */
    public static boolean isWithin(String path, String dir) {
        String p = normalize(path);
        String d = normalize(dir);
        return d.isEmpty() || p.equals(d) || p.startsWith(d + "/");
    }
}
