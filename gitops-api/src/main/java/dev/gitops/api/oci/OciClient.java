package dev.gitops.api.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.oci.internal.Digests;
import dev.gitops.api.oci.internal.JdkTransport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the OCI distribution API v2: tag lists (following {@code Link} pages), manifests (OCI and Docker
 * media types, verified against the digest asked for or the {@code Docker-Content-Digest} the registry announces),
 * blobs (verified against their descriptor's digest and size, served from a {@link ContentCache} when present) and
 * pushes of blobs and manifests.
 *
 * <p>Authentication follows the registry's {@code WWW-Authenticate} challenge: anonymous first, then {@code Basic}
 * with the {@link RegistryAuth} credentials, or the bearer-token flow ({@code realm}, {@code service},
 * {@code scope}; the token is requested with the credentials when there are any). Tokens are kept per repository
 * and action for the life of the client. HTTPS is used except for loopback registries ({@code localhost},
 * {@code 127.0.0.1}, {@code [::1]}, as Docker and go-containerregistry do), hosts named in
 * {@link Builder#plainHttp(String)}, or every host with {@link Builder#insecure(boolean)}. Credentials and tokens
 * never appear in logs or exceptions.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
public final class OciClient {

    private static final Logger LOG = LoggerFactory.getLogger(OciClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK_NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?");
    private static final int MAX_PAGES = 10_000;
    /** Largest manifest accepted (containerd and go-containerregistry use 4 MiB). */
    public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private final HttpTransport transport;
    private final RegistryAuth auth;
    private final Set<String> plainHttp;
    private final boolean insecure;
    private final ContentCache cache;
    private final long maxBlobBytes;
    private final int pageSize;
    private final String userAgent;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private OciClient(Builder b) {
        this.transport = b.transport != null ? b.transport : HttpTransport.defaults();
        this.auth = b.auth;
        this.plainHttp = Set.copyOf(b.plainHttp);
        this.insecure = b.insecure;
        this.cache = b.cache;
        this.maxBlobBytes = b.maxBlobBytes;
        this.pageSize = b.pageSize;
        this.userAgent = b.userAgent;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this client presenting other credentials (the token cache is not shared). */
    public OciClient withAuth(RegistryAuth other) {
        Builder b = toBuilder();
        b.auth = Objects.requireNonNull(other, "auth");
        return b.build();
    }

    /** A copy of this client that uses plain HTTP for every registry. */
    public OciClient withInsecure(boolean plain) {
        Builder b = toBuilder();
        b.insecure = plain;
        return b.build();
    }

    private Builder toBuilder() {
        Builder b = new Builder();
        b.transport = transport;
        b.auth = auth;
        b.plainHttp.addAll(plainHttp);
        b.insecure = insecure;
        b.cache = cache;
        b.maxBlobBytes = maxBlobBytes;
        b.pageSize = pageSize;
        b.userAgent = userAgent;
        return b;
    }

    // ------------------------------------------------------------------ reading

    /**
     * The tags of a repository, in the registry's order, across every page.
     *
     * @throws NotFoundException when the repository does not exist
     * @throws OciException when the registry refuses access or answers nonsense
     */
    public List<String> listTags(OciReference repository) {
        URI base = base(repository);
        URI next = base.resolve("/v2/" + repository.repository() + "/tags/list?n=" + pageSize);
        List<String> tags = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        for (int page = 0; next != null; page++) {
            if (page >= MAX_PAGES || !seen.add(next)) {
                throw new OciException(repository.name() + ": tag list pagination does not end");
            }
            HttpTransport.Response resp = send(repository, "pull", new HttpTransport.Request("GET", next,
                    Map.of("Accept", List.of("application/json")), new byte[0]));
            if (resp.status() == 404) {
                throw new NotFoundException(repository.name() + ": repository not found (GET " + redact(next)
                        + " answered 404" + errorDetail(resp.body()) + ")");
            }
            expectOk(resp, "GET", next);
            JsonNode body = json(resp.body(), "tag list of " + repository.name());
            JsonNode t = body.get("tags");
            if (t != null && t.isArray()) {
                t.forEach(x -> tags.add(x.asText()));
            } else if (t != null && !t.isNull()) {
                throw new OciException(repository.name() + ": tag list has no tags array");
            }
            next = null;
            for (String link : resp.headers("Link")) {
                Matcher m = LINK_NEXT.matcher(link);
                if (m.find()) {
                    next = base.resolve(m.group(1));
                }
            }
        }
        LOG.debug("{}: {} tags", repository.name(), tags.size());
        return List.copyOf(tags);
    }

    /**
     * The descriptor of the manifest a reference points at ({@code HEAD}, falling back to {@code GET} when the
     * registry announces no digest).
     *
     * @throws NotFoundException when the manifest does not exist
     */
    public Descriptor resolve(OciReference ref) {
        URI uri = manifestUri(ref);
        HttpTransport.Response resp = send(ref, "pull", new HttpTransport.Request("HEAD", uri, accept(),
                new byte[0]));
        if (resp.status() == 404) {
            throw notFound(ref, uri, new byte[0]);
        }
        Optional<String> digest = resp.header("Docker-Content-Digest");
        if (resp.ok() && digest.isPresent() && Digests.valid(digest.get())
                && (ref.digest().isEmpty() || ref.digest().equals(digest.get()))) {
            long size = resp.header("Content-Length").map(Long::parseLong).orElse(-1L);
            String mt = resp.header("Content-Type").orElse("");
            if (size >= 0) {
                return new Descriptor(mt, digest.get(), size, Map.of());
            }
        }
        OciManifest m = manifest(ref);
        return new Descriptor(m.mediaType(), m.digest(), m.bytes().length, Map.of());
    }

    /**
     * The manifest a reference points at, verified against the reference's digest (or the digest the registry
     * announces).
     *
     * @throws NotFoundException when the manifest does not exist
     * @throws DigestMismatchException when the bytes do not have the expected digest
     */
    public OciManifest manifest(OciReference ref) {
        URI uri = manifestUri(ref);
        HttpTransport.Response resp = send(ref, "pull", new HttpTransport.Request("GET", uri, accept(),
                new byte[0]));
        if (resp.status() == 404) {
            throw notFound(ref, uri, resp.body());
        }
        expectOk(resp, "GET", uri);
        byte[] body = resp.body();
        if (body.length > MAX_MANIFEST_BYTES) {
            throw new OciException(ref + ": manifest is larger than " + MAX_MANIFEST_BYTES + " bytes");
        }
        String expected = !ref.digest().isEmpty() ? ref.digest()
                : resp.header("Docker-Content-Digest").filter(Digests::valid).orElse("");
        String actual = Digests.of(body, expected.isEmpty() ? "sha256:" : expected);
        if (!expected.isEmpty() && !expected.equals(actual)) {
            throw new DigestMismatchException("manifest " + ref, expected, actual);
        }
        String digest = expected.isEmpty() ? actual : expected;
        return parseManifest(body, digest, resp.header("Content-Type").orElse(""), ref.toString());
    }

    /**
     * Parses manifest bytes.
     *
     * @param digest the digest of {@code bytes}
     * @param contentType the media type the server gave, used when the document has none
     * @param what names the manifest in errors
     * @throws OciException when it is not an image manifest or index
     */
    public static OciManifest parseManifest(byte[] bytes, String digest, String contentType, String what) {
        JsonNode root = json(bytes, "manifest " + what);
        String mt = root.path("mediaType").asText("");
        if (mt.isEmpty()) {
            int semi = contentType.indexOf(';');
            mt = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
        }
        if (mt.isEmpty()) {
            mt = root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        }
        if (root.path("schemaVersion").asInt(0) != 2) {
            throw new OciException("manifest " + what + ": unsupported schemaVersion "
                    + root.path("schemaVersion").asText("(none)") + " (" + mt + ")");
        }
        try {
            if (MediaTypes.isIndex(mt) || (root.has("manifests") && !root.has("config"))) {
                List<Descriptor> ms = new ArrayList<>();
                for (JsonNode d : root.path("manifests")) {
                    ms.add(descriptor(d));
                }
                return new OciManifest.Index(mt, digest, ms, annotations(root), bytes);
            }
            if (!root.has("config")) {
                throw new OciException("manifest " + what + ": " + mt + " has no config");
            }
            List<Descriptor> layers = new ArrayList<>();
            for (JsonNode d : root.path("layers")) {
                layers.add(descriptor(d));
            }
            return new OciManifest.Image(mt, digest, root.path("artifactType").asText(""),
                    descriptor(root.get("config")), layers, annotations(root), bytes);
        } catch (InvalidInputException e) {
            throw new OciException("manifest " + what + ": " + e.getMessage(), e);
        }
    }

    private static Descriptor descriptor(JsonNode d) {
        if (!d.path("digest").isTextual() || !d.path("size").canConvertToLong()) {
            throw new InvalidInputException("descriptor without digest or size");
        }
        return new Descriptor(d.path("mediaType").asText(""), d.get("digest").asText(), d.get("size").asLong(),
                annotations(d));
    }

    private static Map<String, String> annotations(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        n.path("annotations").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /**
     * A blob of a repository, verified against the descriptor's digest and size; served from and stored in the
     * content cache.
     *
     * @throws NotFoundException when the blob does not exist
     * @throws DigestMismatchException when the bytes do not match the descriptor
     */
    public byte[] blob(OciReference repository, Descriptor descriptor) {
        Optional<byte[]> hit = cache.get(descriptor.digest());
        if (hit.isPresent() && hit.get().length == descriptor.size()) {
            LOG.debug("{}: blob {} from the cache", repository.name(), descriptor.digest());
            return hit.get();
        }
        if (descriptor.size() > maxBlobBytes) {
            throw new OciException(repository.name() + "@" + descriptor.digest() + ": blob of " + descriptor.size()
                    + " bytes is larger than the limit of " + maxBlobBytes);
        }
        URI uri = base(repository).resolve("/v2/" + repository.repository() + "/blobs/" + descriptor.digest());
        HttpTransport.Response resp = send(repository, "pull", HttpTransport.Request.get(uri));
        if (resp.status() == 404) {
            throw new NotFoundException(repository.name() + ": blob " + descriptor.digest() + " not found");
        }
        expectOk(resp, "GET", uri);
        byte[] body = resp.body();
        String actual = Digests.of(body, descriptor.digest());
        if (!actual.equals(descriptor.digest())) {
            throw new DigestMismatchException("blob " + repository.name() + "@" + descriptor.digest(),
                    descriptor.digest(), actual);
        }
        if (body.length != descriptor.size()) {
            throw new OciException("blob " + repository.name() + "@" + descriptor.digest() + ": size "
                    + body.length + " differs from the descriptor's " + descriptor.size());
        }
        cache.put(descriptor.digest(), body);
        return body;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Uploads a blob (monolithic upload) unless the repository already has it.
     *
     * @return its descriptor with {@code mediaType}
     */
    public Descriptor pushBlob(OciReference repository, String mediaType, byte[] content) {
        Descriptor d = Descriptor.of(mediaType, content);
        URI head = base(repository).resolve("/v2/" + repository.repository() + "/blobs/" + d.digest());
        HttpTransport.Response exists = send(repository, "pull,push", new HttpTransport.Request("HEAD", head,
                Map.of(), new byte[0]));
        if (exists.ok()) {
            return d;
        }
        URI start = base(repository).resolve("/v2/" + repository.repository() + "/blobs/uploads/");
        HttpTransport.Response s = send(repository, "pull,push", new HttpTransport.Request("POST", start,
                Map.of(), new byte[0]));
        if (s.status() != 202 || s.header("Location").isEmpty()) {
            throw new OciException("POST " + redact(start) + " answered " + s.status() + errorDetail(s.body()));
        }
        URI location = start.resolve(s.header("Location").get());
        URI put = URI.create(location + (location.getRawQuery() == null ? "?" : "&") + "digest="
                + URLEncoder.encode(d.digest(), StandardCharsets.UTF_8));
        HttpTransport.Response done = send(repository, "pull,push", new HttpTransport.Request("PUT", put,
                Map.of("Content-Type", List.of("application/octet-stream")), content));
        if (done.status() != 201) {
            throw new OciException("PUT " + redact(put) + " answered " + done.status() + errorDetail(done.body()));
        }
        return d;
    }

    /**
     * Uploads a manifest under the reference's tag (or digest).
     *
     * @return its descriptor
     */
    public Descriptor pushManifest(OciReference ref, String mediaType, byte[] manifest) {
        URI uri = manifestUri(ref);
        HttpTransport.Response r = send(ref, "pull,push", new HttpTransport.Request("PUT", uri,
                Map.of("Content-Type", List.of(mediaType)), manifest));
        if (r.status() != 201) {
            throw new OciException("PUT " + redact(uri) + " answered " + r.status() + errorDetail(r.body()));
        }
        return Descriptor.of(mediaType, manifest);
    }

    // ------------------------------------------------------------------ HTTP and authentication

    private static Map<String, List<String>> accept() {
        return Map.of("Accept", List.of(String.join(", ", MediaTypes.MANIFESTS)));
    }

    private URI manifestUri(OciReference ref) {
        return base(ref).resolve("/v2/" + ref.repository() + "/manifests/" + ref.identifier());
    }

    /** {@code http(s)://host} of a registry. */
    public URI base(OciReference ref) {
        boolean plain = insecure || ref.loopback() || plainHttp.contains(ref.registry());
        return URI.create((plain ? "http" : "https") + "://" + ref.apiHost());
    }

    private HttpTransport.Response send(OciReference ref, String actions, HttpTransport.Request request) {
        String key = ref.registry() + "/" + ref.repository() + ":" + actions;
        HttpTransport.Request req = request.withHeader("User-Agent", userAgent);
        String authz = tokens.get(key);
        HttpTransport.Response resp = transport.send(authz == null ? req : req.withHeader("Authorization", authz));
        if (resp.status() != 401) {
            return resp;
        }
        authz = authenticate(resp, ref, actions);
        tokens.put(key, authz);
        resp = transport.send(req.withHeader("Authorization", authz));
        if (resp.status() == 401 || resp.status() == 403) {
            throw new OciException(ref.registry() + ": access to " + ref.repository() + " denied (" + resp.status()
                    + ") " + (auth.credentials(ref.registry()).isPresent() ? "with the configured credentials"
                            : "anonymously") + errorDetail(resp.body()));
        }
        return resp;
    }

    private String authenticate(HttpTransport.Response resp, OciReference ref, String actions) {
        Optional<RegistryCredentials> creds = auth.credentials(ref.registry());
        String challenge = resp.header("WWW-Authenticate").orElse("");
        int sp = challenge.indexOf(' ');
        String scheme = (sp < 0 ? challenge : challenge.substring(0, sp)).toLowerCase(Locale.ROOT);
        Map<String, String> params = sp < 0 ? Map.of() : challengeParams(challenge.substring(sp + 1));
        if (scheme.equals("basic")) {
            if (creds.isEmpty()) {
                throw new OciException(ref.registry() + ": requires credentials for " + ref.repository()
                        + " and none are configured");
            }
            return basic(creds.get());
        }
        if (!scheme.equals("bearer") || !params.containsKey("realm")) {
            throw new OciException(ref.registry() + ": unsupported authentication challenge \""
                    + (sp < 0 ? challenge : challenge.substring(0, sp)) + "\" for " + ref.repository());
        }
        StringBuilder q = new StringBuilder();
        if (params.containsKey("service")) {
            q.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
        }
        String scope = params.getOrDefault("scope", "repository:" + ref.repository() + ":" + actions);
        if (!scope.contains("repository:" + ref.repository() + ":")) {
            scope = "repository:" + ref.repository() + ":" + actions;
        }
        q.append(q.length() > 0 ? "&" : "").append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        URI realm;
        try {
            realm = URI.create(params.get("realm"));
        } catch (IllegalArgumentException e) {
            throw new OciException(ref.registry() + ": invalid token realm in the authentication challenge");
        }
        if (!"https".equals(realm.getScheme()) && !"http".equals(realm.getScheme())) {
            throw new OciException(ref.registry() + ": token realm must be an http(s) URL");
        }
        if ("http".equals(realm.getScheme()) && creds.isPresent() && !"http".equals(base(ref).getScheme())) {
            throw new OciException(ref.registry() + ": refusing to send credentials to a plain-http token realm "
                    + redact(realm));
        }
        URI tokenUri = URI.create(realm + (realm.getRawQuery() == null ? "?" : "&") + q);
        HttpTransport.Request treq = new HttpTransport.Request("GET", tokenUri,
                Map.of("User-Agent", List.of(userAgent)), new byte[0]);
        if (creds.isPresent()) {
            treq = treq.withHeader("Authorization", basic(creds.get()));
        }
        HttpTransport.Response tr = transport.send(treq);
        if (!tr.ok()) {
            throw new OciException(ref.registry() + ": token service " + realm.getHost() + " answered " + tr.status()
                    + " for " + ref.repository() + (creds.isPresent() ? " with the configured credentials"
                            : " anonymously"));
        }
        JsonNode t = json(tr.body(), ref.registry() + ": token service " + realm.getHost() + " answer");
        String token = t.path("token").asText(t.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new OciException(ref.registry() + ": token service " + realm.getHost() + " gave no token");
        }
        return "Bearer " + token;
    }

    private static String basic(RegistryCredentials c) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code key="value", key2=value2} of an authentication challenge. */
    public static Map<String, String> challengeParams(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder v = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    v.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < n && s.charAt(i) != ',') {
                    v.append(s.charAt(i++));
                }
            }
            out.put(key, v.toString().trim());
        }
        return out;
    }

    private NotFoundException notFound(OciReference ref, URI uri, byte[] body) {
        return new NotFoundException(ref + ": manifest not found (GET " + redact(uri) + " answered 404"
                + errorDetail(body) + ")");
    }

    private static void expectOk(HttpTransport.Response resp, String method, URI uri) {
        if (!resp.ok()) {
            throw new OciException(method + " " + redact(uri) + " answered " + resp.status()
                    + errorDetail(resp.body()));
        }
    }

    private static JsonNode json(byte[] body, String what) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw new OciException(what + " is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new OciException(what + " is not JSON");
        }
    }

    private static String redact(URI u) {
        return JdkTransport.redact(u);
    }

    private static String errorDetail(byte[] body) {
        try {
            JsonNode e = JSON.readTree(body).path("errors").path(0);
            String code = e.path("code").asText("");
            String msg = e.path("message").asText("");
            return code.isEmpty() ? "" : " (" + code + (msg.isEmpty() ? "" : ": " + msg) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Builds an {@link OciClient}. */
    public static final class Builder {
        private HttpTransport transport;
        private RegistryAuth auth = RegistryAuth.anonymous();
        private final Set<String> plainHttp = new HashSet<>();
        private boolean insecure;
        private ContentCache cache = ContentCache.none();
        private long maxBlobBytes = 512L * 1024 * 1024;
        private int pageSize = 1000;
        private String userAgent = "gitops-java";

        private Builder() {
        }

        /** The HTTP transport (default: {@link HttpTransport#defaults()}). */
        public Builder transport(HttpTransport t) {
            this.transport = Objects.requireNonNull(t, "transport");
            return this;
        }

        /** Credentials by registry (default: anonymous). */
        public Builder auth(RegistryAuth a) {
            this.auth = Objects.requireNonNull(a, "auth");
            return this;
        }

        /** A registry host ({@code host:port}) served over plain HTTP. Loopback hosts always are. */
        public Builder plainHttp(String registry) {
            plainHttp.add(Objects.requireNonNull(registry, "registry"));
            return this;
        }

        /** Plain HTTP for every registry (Flux's {@code spec.insecure}, Helm's {@code --plain-http}). */
        public Builder insecure(boolean plain) {
            this.insecure = plain;
            return this;
        }

        /** Where verified blobs are kept (default: {@link ContentCache#none()}). */
        public Builder cache(ContentCache c) {
            this.cache = Objects.requireNonNull(c, "cache");
            return this;
        }

        /** Largest blob accepted (default 512 MiB). */
        public Builder maxBlobBytes(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxBlobBytes must be positive");
            }
            this.maxBlobBytes = n;
            return this;
        }

        /** Tags requested per page (default 1000). */
        public Builder pageSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("page size must be positive");
            }
            this.pageSize = n;
            return this;
        }

        /** The User-Agent header (default {@code gitops-java}). */
        public Builder userAgent(String ua) {
            this.userAgent = Objects.requireNonNull(ua, "userAgent");
            return this;
        }

        /** The client. */
        public OciClient build() {
            return new OciClient(this);
        }
    }
}
