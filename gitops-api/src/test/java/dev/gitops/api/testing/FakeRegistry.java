package dev.gitops.api.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small OCI distribution server on 127.0.0.1 for unit tests (a {@code com.sun.net.httpserver} server): tag lists
 * with {@code n}/{@code last} paging and {@code Link} headers, manifests by tag or digest (GET and HEAD with
 * {@code Docker-Content-Digest}), blobs, monolithic uploads, and three access modes: anonymous, {@code Basic}, or the
 * bearer-token flow with a token endpoint at {@code /token} that checks Basic credentials. Content can be corrupted
 * on purpose to test digest verification. Every request is recorded.
 */
public final class FakeRegistry implements AutoCloseable {

    /** How clients must authenticate. */
    public enum Auth { NONE, BASIC, BEARER }

    private static final Pattern TAGS = Pattern.compile("/v2/(.+)/tags/list");
    private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
    private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[a-f0-9]{64})");
    private static final Pattern UPLOAD = Pattern.compile("/v2/(.+)/blobs/uploads/([^/]*)");

    private final HttpServer server;
    private final Auth auth;
    private final String user;
    private final String password;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    private final Map<String, String> manifestTypes = new ConcurrentHashMap<>();
    private final Map<String, byte[]> corrupt = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String token = "tok-1";

    private FakeRegistry(Auth auth, String user, String password) {
        this.auth = auth;
        this.user = user;
        this.password = password;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** An anonymous registry. */
    public static FakeRegistry anonymous() {
        return new FakeRegistry(Auth.NONE, "", "");
    }

    /** A registry requiring credentials with the given scheme. */
    public static FakeRegistry withAuth(Auth mode, String user, String password) {
        return new FakeRegistry(mode, user, password);
    }

    /** {@code 127.0.0.1:port}. */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The requests served so far ({@code METHOD path}). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Makes the bearer tokens issued so far invalid. */
    public void rotateToken() {
        token = "tok-" + System.nanoTime();
    }

    /** Stores a blob; returns its digest. */
    public String putBlob(byte[] content) {
        String d = sha256(content);
        blobs.put(d, content.clone());
        return d;
    }

    /** Serves other bytes than those of {@code digest}. */
    public void corruptBlob(String digest, byte[] bytes) {
        corrupt.put(digest, bytes.clone());
    }

    /** Stores a manifest under a tag (and its digest); returns its digest. */
    public String putManifest(String repo, String tag, String mediaType, byte[] manifest) {
        String d = sha256(manifest);
        manifests.put(repo + "@" + d, manifest.clone());
        manifestTypes.put(repo + "@" + d, mediaType);
        if (!tag.isEmpty()) {
            tags.computeIfAbsent(repo, k -> new ConcurrentHashMap<>()).put(tag, d);
        }
        return d;
    }

    /**
     * Stores an OCI image manifest of a config and layers (each {@code mediaType -> bytes}) under a tag; returns the
     * manifest digest.
     */
    public String putArtifact(String repo, String tag, String configType, byte[] config,
            List<Map.Entry<String, byte[]>> layers) {
        StringBuilder m = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":" + desc(configType, config) + ",\"layers\":[");
        for (int i = 0; i < layers.size(); i++) {
            m.append(i == 0 ? "" : ",").append(desc(layers.get(i).getKey(), layers.get(i).getValue()));
        }
        m.append("]}");
        return putManifest(repo, tag, "application/vnd.oci.image.manifest.v1+json",
                m.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String desc(String mediaType, byte[] content) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + putBlob(content) + "\",\"size\":"
                + content.length + "}";
    }

    /** The bytes of a stored blob. */
    public byte[] blob(String digest) {
        return blobs.get(digest);
    }

    /** The tags of a repository. */
    public List<String> tags(String repo) {
        return List.copyOf(new TreeMap<>(tags.getOrDefault(repo, Map.of())).keySet());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            requests.add(method + " " + ex.getRequestURI());
            byte[] body = ex.getRequestBody().readAllBytes();
            if (path.equals("/token")) {
                token(ex);
                return;
            }
            if (!authorized(ex)) {
                String scope = "";
                Matcher rm = Pattern.compile("/v2/(.+?)/(?:tags|manifests|blobs)/").matcher(path);
                if (rm.find()) {
                    scope = ",scope=\"repository:" + rm.group(1) + ":" + (method.equals("GET")
                            || method.equals("HEAD") ? "pull" : "pull,push") + "\"";
                }
                ex.getResponseHeaders().add("WWW-Authenticate", auth == Auth.BASIC
                        ? "Basic realm=\"fake\""
                        : "Bearer realm=\"http://" + host() + "/token\",service=\"fake-registry\"" + scope);
                send(ex, 401, "application/json", error("UNAUTHORIZED", "authentication required"));
                return;
            }
            if (path.equals("/v2/")) {
                send(ex, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Matcher m;
            if ((m = TAGS.matcher(path)).matches()) {
                tagList(ex, m.group(1));
            } else if ((m = UPLOAD.matcher(path)).matches()) {
                upload(ex, m.group(1), m.group(2), body);
            } else if ((m = BLOB.matcher(path)).matches()) {
                byte[] b = corrupt.getOrDefault(m.group(2), blobs.get(m.group(2)));
                if (b == null) {
                    send(ex, 404, "application/json", error("BLOB_UNKNOWN", "blob unknown to registry"));
                } else {
                    ex.getResponseHeaders().add("Docker-Content-Digest", m.group(2));
                    send(ex, 200, "application/octet-stream", method.equals("HEAD") ? null : b);
                }
            } else if ((m = MANIFEST.matcher(path)).matches()) {
                manifest(ex, m.group(1), m.group(2), body);
            } else {
                send(ex, 404, "application/json", error("NAME_UNKNOWN", "unknown"));
            }
        }
    }

    private void manifest(HttpExchange ex, String repo, String ref, byte[] body) throws IOException {
        if (ex.getRequestMethod().equals("PUT")) {
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            String d = putManifest(repo, ref.startsWith("sha256:") ? "" : ref, type, body);
            ex.getResponseHeaders().add("Docker-Content-Digest", d);
            send(ex, 201, "text/plain", new byte[0]);
            return;
        }
        String digest = ref.startsWith("sha256:") ? ref : tags.getOrDefault(repo, Map.of()).get(ref);
        byte[] m = digest == null ? null : manifests.get(repo + "@" + digest);
        if (m == null) {
            send(ex, 404, "application/json", error("MANIFEST_UNKNOWN", "manifest unknown"));
            return;
        }
        ex.getResponseHeaders().add("Docker-Content-Digest", digest);
        byte[] served = corrupt.getOrDefault(digest, m);
        ex.getResponseHeaders().add("Content-Length", Integer.toString(served.length));
        send(ex, 200, manifestTypes.get(repo + "@" + digest), ex.getRequestMethod().equals("HEAD") ? null : served);
    }

    private void upload(HttpExchange ex, String repo, String id, byte[] body) throws IOException {
        if (ex.getRequestMethod().equals("POST")) {
            ex.getResponseHeaders().add("Location", "/v2/" + repo + "/blobs/uploads/u" + System.nanoTime()
                    + "?state=x");
            send(ex, 202, "text/plain", new byte[0]);
            return;
        }
        String query = ex.getRequestURI().getQuery();
        Matcher dm = Pattern.compile("digest=(sha256:[a-f0-9]{64})").matcher(query == null ? "" : query);
        if (!dm.find() || !sha256(body).equals(dm.group(1))) {
            send(ex, 400, "application/json", error("DIGEST_INVALID", "digest does not match"));
            return;
        }
        blobs.put(dm.group(1), body);
        send(ex, 201, "text/plain", new byte[0]);
    }

    private void tagList(HttpExchange ex, String repo) throws IOException {
        Map<String, String> t = tags.get(repo);
        if (t == null) {
            send(ex, 404, "application/json", error("NAME_UNKNOWN", "repository name not known to registry"));
            return;
        }
        List<String> all = new ArrayList<>(new TreeMap<>(t).keySet());
        Map<String, String> q = query(ex.getRequestURI());
        int n = Integer.parseInt(q.getOrDefault("n", "1000"));
        String last = q.getOrDefault("last", "");
        List<String> page = all.stream().filter(x -> x.compareTo(last) > 0).limit(n).toList();
        if (!page.isEmpty() && all.indexOf(page.get(page.size() - 1)) < all.size() - 1) {
            ex.getResponseHeaders().add("Link", "</v2/" + repo + "/tags/list?n=" + n + "&last="
                    + page.get(page.size() - 1) + ">; rel=\"next\"");
        }
        StringBuilder sb = new StringBuilder("{\"name\":\"" + repo + "\",\"tags\":[");
        for (int i = 0; i < page.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(page.get(i)).append('"');
        }
        send(ex, 200, "application/json", sb.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    private void token(HttpExchange ex) throws IOException {
        String authz = ex.getRequestHeaders().getFirst("Authorization");
        if (!("Basic " + b64(user + ":" + password)).equals(authz)) {
            send(ex, 401, "application/json", error("UNAUTHORIZED", "bad credentials"));
            return;
        }
        send(ex, 200, "application/json", ("{\"token\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private boolean authorized(HttpExchange ex) {
        String authz = ex.getRequestHeaders().getFirst("Authorization");
        return switch (auth) {
            case NONE -> true;
            case BASIC -> ("Basic " + b64(user + ":" + password)).equals(authz);
            case BEARER -> ("Bearer " + token).equals(authz);
        };
    }

    private static Map<String, String> query(URI u) {
        Map<String, String> out = new TreeMap<>();
        if (u.getQuery() != null) {
            for (String kv : u.getQuery().split("&")) {
                int eq = kv.indexOf('=');
                out.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
            }
        }
        return out;
    }

    private static byte[] error(String code, String message) {
        return ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        ex.getResponseBody().write(body);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code sha256:<hex>} of bytes. */
    public static String sha256(byte[] b) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
