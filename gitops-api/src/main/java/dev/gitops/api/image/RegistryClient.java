package dev.gitops.api.image;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.oci.HttpTransport;
import dev.gitops.api.oci.OciClient;
import dev.gitops.api.oci.OciException;
import dev.gitops.api.oci.OciReference;
import dev.gitops.api.oci.RegistryCredentials;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Lists tags from an OCI / Docker registry with the distribution API v2 (through {@link OciClient}):
 * {@code GET /v2/<name>/tags/list?n=…},
 * following {@code Link: <…>; rel="next"} pages. Access is anonymous, or with credentials from a
 * {@link DockerConfig}: {@code Basic} when the registry asks for it, or the bearer-token flow when it answers
 * {@code 401} with {@code WWW-Authenticate: Bearer realm=…,service=…,scope=…} (the token is fetched from the realm,
 * with the credentials when there are any).
 *
 * <p>Repository names follow Docker's rules: a first component with a {@code .} or {@code :}, or
 * {@code localhost}, is the registry host; otherwise the registry is Docker Hub ({@code registry-1.docker.io},
 * with {@code library/} for one-component names). HTTPS is used except for hosts named in
 * {@link Builder#plainHttp} and loopback hosts ({@code localhost}, {@code 127.0.0.1}), as in go-containerregistry.
 * Credentials never appear in logs or exceptions.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
public final class RegistryClient implements TagLister {

    private final OciClient oci;

    private RegistryClient(Builder b) {
        HttpClient http = b.http != null ? b.http
                : HttpClient.newBuilder().connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        DockerConfig config = b.config;
        OciClient.Builder ob = OciClient.builder().transport(HttpTransport.jdk(http, b.timeout)).pageSize(b.pageSize)
                .auth(registry -> config.credentials(registry).map(c -> new RegistryCredentials(c.username(),
                        c.password())));
        b.plainHttp.forEach(ob::plainHttp);
        this.oci = ob.build();
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
    }

    @Override
    public List<String> listTags(String repository) {
        Repository repo = Repository.parse(repository);
        OciReference ref = new OciReference(repo.registry(), repo.path(), "", "");
        try {
            return oci.listTags(ref);
        } catch (OciException e) {
            throw new RegistryException(e.getMessage(), e);
        }
    }

    /** {@code key="value", key2=value2} of an authentication challenge. */
    static Map<String, String> challengeParams(String s) {
        return OciClient.challengeParams(s);
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
