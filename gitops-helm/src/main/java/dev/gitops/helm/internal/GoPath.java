package dev.gitops.helm.internal;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/** Go's {@code path} package and Sprig's urlParse/urlJoin. */
public final class GoPath {

    private GoPath() {
    }

    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        Deque<String> out = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.peekLast().equals("..")) {
                    out.pollLast();
                } else if (!rooted) {
                    out.addLast("..");
                }
                continue;
            }
            out.addLast(part);
        }
        String r = String.join("/", out);
        if (rooted) {
            return "/" + r;
        }
        return r.isEmpty() ? "." : r;
    }

    public static String base(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/")) {
            return "/";
        }
        int i = p.lastIndexOf('/');
        return i >= 0 ? p.substring(i + 1) : p;
    }

    public static String dir(String path) {
        int i = path.lastIndexOf('/');
        return clean(path.substring(0, i + 1));
    }

    public static String ext(String path) {
        for (int i = path.length() - 1; i >= 0 && path.charAt(i) != '/'; i--) {
            if (path.charAt(i) == '.') {
                return path.substring(i);
            }
        }
        return "";
    }

    static Map<String, Object> urlParse(String s) {
        URI u = URI.create(s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", u.getScheme() == null ? "" : u.getScheme());
        String host = u.getRawAuthority() == null ? "" : u.getRawAuthority();
        if (host.contains("@")) {
            host = host.substring(host.indexOf('@') + 1);
        }
        m.put("host", host);
        m.put("hostname", u.getHost() == null ? "" : u.getHost());
        m.put("path", u.getPath() == null ? "" : u.getPath());
        m.put("query", u.getRawQuery() == null ? "" : u.getRawQuery());
        m.put("opaque", u.isOpaque() ? u.getRawSchemeSpecificPart() : "");
        m.put("fragment", u.getFragment() == null ? "" : u.getFragment());
        m.put("userinfo", u.getRawUserInfo() == null ? "" : u.getRawUserInfo());
        return m;
    }

    static String urlJoin(Map<String, Object> d) {
        StringBuilder sb = new StringBuilder();
        String scheme = str(d.get("scheme"));
        if (!scheme.isEmpty()) {
            sb.append(scheme).append(':');
        }
        String opaque = str(d.get("opaque"));
        if (!opaque.isEmpty()) {
            sb.append(opaque);
        } else {
            String host = str(d.get("host"));
            String user = str(d.get("userinfo"));
            if (!scheme.isEmpty() || !host.isEmpty() || !user.isEmpty()) {
                sb.append("//");
                if (!user.isEmpty()) {
                    sb.append(user).append('@');
                }
                sb.append(host);
            }
            String path = str(d.get("path"));
            if (!path.isEmpty() && !path.startsWith("/") && !host.isEmpty()) {
                sb.append('/');
            }
            sb.append(path);
        }
        String q = str(d.get("query"));
        if (!q.isEmpty()) {
            sb.append('?').append(q);
        }
        String f = str(d.get("fragment"));
        if (!f.isEmpty()) {
            sb.append('#').append(f);
        }
        return sb.toString();
    }

    private static String str(Object o) {
        return o == null ? "" : GoData.strval(o);
    }
}
