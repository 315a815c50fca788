package dev.gitops.api.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists tags from an OCI / Docker registry with the distribution API v2: {@code GET /v2/<name>/tags/list?n=…},
 * following {@code Link: <…>; rel="next"} pages. Access is anonymous, or with credentials from a
 * {@link DockerConfig}: {@code Basic} when the registry asks for it, or the bearer-token flow when it answers
 * {@code 401} with {@code WWW-Authenticate: Bearer realm=…,service=…,scope=…} (the token is fetched from the realm,
 * with the credentials when there are any).
 *
 * <p>Repository names follow Docker's rules: a first component with a {@code .} or {@code :}, or
 * {@code localhost}, is the registry host; otherwise the registry is Docker Hub ({@code registry-1.docker.io},
 * with {@code library/} for one-component names). HTTPS is used except for hosts named in
 * {@link Builder#plainHttp}. Credentials never appear in logs or exceptions.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
public final class RegistryClient implements TagLister {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK_NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?");
    private static final int MAX_PAGES = 10_000;

    private final HttpClient http;
    private final DockerConfig config;
    private final Set<String> plainHttp;
    private final int pageSize;
    private final Duration timeout;

    private RegistryClient(Builder b) {
        this.http = b.http != null ? b.http
                : HttpClient.newBuilder().connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.config = b.config;
        this.plainHttp = Set.copyOf(b.plainHttp);
        this.pageSize = b.pageSize;
        this.timeout = b.timeout;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A parsed repository reference.
     *
     * @param registry the registry host as named ({@code docker.io} for Docker Hub)
     * @param path the repository path inside the registry
     */
    public record Repository(String registry, String path) {
        /** Validates the components. */
        public Repository {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(path, "path");
        }

        /**
         * Parses {@code [host[:port]/]path}.
         *
         * @throws InvalidInputException when the name is not a repository name
         */
        public static Repository parse(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.contains("@") || !name.equals(name.strip())) {
                throw new InvalidInputException("invalid repository name \"" + name + "\"");
            }
            String registry = "docker.io";
            String path = name;
            int slash = name.indexOf('/');
            if (slash > 0) {
                String first = name.substring(0, slash);
                if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                    registry = first;
                    path = name.substring(slash + 1);
                }
            }
            if (registry.equals("docker.io") && !path.contains("/")) {
                path = "library/" + path;
            }
            if (!path.matches("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*")) {
                throw new InvalidInputException("invalid repository name \"" + name + "\"");
            }
            return new Repository(registry, path);
        }

        /** The host the API is served from. */
        String apiHost() {
            return registry.equals("docker.io") ? "registry-1.docker.io" : registry;
        }
    }

    @Override
    public List<String> listTags(String repository) {
        Repository repo = Repository.parse(repository);
        String scheme = plainHttp.contains(repo.registry()) ? "http" : "https";
        URI base = URI.create(scheme + "://" + repo.apiHost());
        URI next = base.resolve("/v2/" + repo.path() + "/tags/list?n=" + pageSize);
        List<String> tags = new ArrayList<>();
        Optional<String> auth = Optional.empty();
        Set<URI> seen = new HashSet<>();
        for (int page = 0; next != null; page++) {
            if (page >= MAX_PAGES || !seen.add(next)) {
                throw new RegistryException(repo.registry() + ": tag list pagination does not end for " + repo.path());
            }
            HttpResponse<byte[]> resp = get(next, auth);
            if (resp.statusCode() == 401) {
                auth = Optional.of(authenticate(resp, repo));
                resp = get(next, auth);
                if (resp.statusCode() == 401 || resp.statusCode() == 403) {
                    throw new RegistryException(repo.registry() + ": access to " + repo.path() + " denied ("
                            + resp.statusCode() + ")" + (config.credentials(repo.registry()).isPresent()
                                    ? " with the configured credentials" : " anonymously"));
                }
            }
            if (resp.statusCode() == 404) {
                throw new NotFoundException(repo.registry() + ": repository " + repo.path() + " not found");
            }
            if (resp.statusCode() / 100 != 2) {
                throw new RegistryException(repo.registry() + ": GET " + next.getPath() + " answered " + resp.statusCode()
                        + errorDetail(resp.body()));
            }
            JsonNode body;
            try {
                body = JSON.readTree(resp.body());
            } catch (IOException e) {
                throw new RegistryException(repo.registry() + ": tag list of " + repo.path() + " is not JSON");
            }
            JsonNode t = body == null ? null : body.get("tags");
            if (t != null && t.isArray()) {
                t.forEach(x -> tags.add(x.asText()));
            } else if (t != null && !t.isNull()) {
                throw new RegistryException(repo.registry() + ": tag list of " + repo.path() + " has no tags array");
            }
            next = nextPage(resp, base);
        }
        LOG.debug("{}/{}: {} tags", repo.registry(), repo.path(), tags.size());
        return List.copyOf(tags);
    }

    private static URI nextPage(HttpResponse<?> resp, URI base) {
        for (String link : resp.headers().allValues("Link")) {
            Matcher m = LINK_NEXT.matcher(link);
            if (m.find()) {
                return base.resolve(m.group(1));
            }
        }
        return null;
    }

    private HttpResponse<byte[]> get(URI uri, Optional<String> authorization) {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json");
        authorization.ifPresent(a -> req.header("Authorization", a));
        try {
            return http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryException("GET " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath()
                    + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while listing tags", e);
        }
    }

    /** The Authorization header value to retry with, from a 401's challenge. */
    private String authenticate(HttpResponse<?> resp, Repository repo) {
        Optional<DockerConfig.Credentials> creds = config.credentials(repo.registry());
        String challenge = resp.headers().firstValue("WWW-Authenticate").orElse("");
        int sp = challenge.indexOf(' ');
        String scheme = (sp < 0 ? challenge : challenge.substring(0, sp)).toLowerCase(Locale.ROOT);
        Map<String, String> params = sp < 0 ? Map.of() : challengeParams(challenge.substring(sp + 1));
        if (scheme.equals("basic")) {
            if (creds.isEmpty()) {
                throw new RegistryException(repo.registry() + ": requires credentials for " + repo.path()
                        + " and none are configured");
            }
            return basic(creds.get());
        }
        if (!scheme.equals("bearer") || !params.containsKey("realm")) {
            throw new RegistryException(repo.registry() + ": unsupported authentication challenge \""
                    + (sp < 0 ? challenge : challenge.substring(0, sp)) + "\"");
        }
        StringBuilder q = new StringBuilder();
        if (params.containsKey("service")) {
            q.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
        }
        String scope = params.getOrDefault("scope", "repository:" + repo.path() + ":pull");
        q.append(q.length() > 0 ? "&" : "").append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        URI realm = URI.create(params.get("realm"));
        URI tokenUri = URI.create(realm + (realm.getRawQuery() == null ? "?" : "&") + q);
        HttpResponse<byte[]> tr = get(tokenUri, creds.map(RegistryClient::basic));
        if (tr.statusCode() / 100 != 2) {
            throw new RegistryException(repo.registry() + ": token service " + realm.getHost() + " answered "
                    + tr.statusCode() + " for " + repo.path());
        }
        try {
            JsonNode t = JSON.readTree(tr.body());
            String token = t.path("token").asText(t.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new RegistryException(repo.registry() + ": token service " + realm.getHost() + " gave no token");
            }
            return "Bearer " + token;
        } catch (IOException e) {
            throw new RegistryException(repo.registry() + ": token service " + realm.getHost() + " answered non-JSON");
        }
    }

    private static String basic(DockerConfig.Credentials c) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code key="value", key2=value2} of an authentication challenge. */
    static Map<String, String> challengeParams(String s) {
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

    /** Builds a {@link RegistryClient}. */
    public static final class Builder {
        private HttpClient http;
        private DockerConfig config = DockerConfig.empty();
        private final Set<String> plainHttp = new HashSet<>();
        private int pageSize = 1000;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder() {}

        /** The HTTP client (proxies, TLS trust); defaults to a new one following redirects. */
        public Builder httpClient(HttpClient client) {
            this.http = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Credentials; defaults to none (anonymous). */
        public Builder dockerConfig(DockerConfig c) {
            this.config = Objects.requireNonNull(c, "config");
            return this;
        }

        /** A registry host ({@code host:port}) served over plain HTTP, e.g. a local test registry. */
        public Builder plainHttp(String registry) {
            plainHttp.add(Objects.requireNonNull(registry, "registry"));
            return this;
        }

        /** Tags requested per page ({@code n}); defaults to 1000. */
        public Builder pageSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("page size must be positive");
            }
            this.pageSize = n;
            return this;
        }

        /** Connect and request timeout; defaults to 30 seconds. */
        public Builder timeout(Duration t) {
            this.timeout = Objects.requireNonNull(t, "timeout");
            return this;
        }

        /** The client. */
        public RegistryClient build() {
            return new RegistryClient(this);
        }
    }
}
