package dev.gitops.api.policy.internal;

import java.util.regex.Pattern;

/**
 * Globs over {@code /}-separated names: {@code *} and {@code ?} stay within a segment, {@code **} crosses segments.
 * A glob without wildcards also matches everything below it (a directory names its contents).
 */
public final class Glob {

    private final Pattern pattern;

    private Glob(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Compiles a glob. */
    public static Glob of(String glob) {
        StringBuilder re = new StringBuilder();
        boolean wild = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                wild = true;
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                        i++;
                        re.append("(?:.*/)?");
                    } else {
                        re.append(".*");
                    }
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                wild = true;
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        String base = re.toString();
        if (!wild) {
            String trimmed = glob.endsWith("/") ? glob.substring(0, glob.length() - 1) : glob;
            base = Pattern.quote(trimmed) + "(?:/.*)?";
        }
        return new Glob(Pattern.compile(base, Pattern.DOTALL));
    }

    /** True when the whole name matches. */
    public boolean matches(String name) {
        return pattern.matcher(name).matches();
    }
}
