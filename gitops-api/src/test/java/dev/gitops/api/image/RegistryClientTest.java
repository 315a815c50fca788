package dev.gitops.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The distribution API client against an in-process fake registry (pagination, Basic and bearer-token auth). */
class RegistryClientTest {

    static final List<String> TAGS = List.of("1.0.0", "1.1.0", "1.2.0", "latest", "v2");
    HttpServer server;
    String host;
    final List<String> requests = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        host = "127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::v2);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void send(HttpExchange ex, int status, String body, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            ex.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("bob:s3cret".getBytes());

    private void token(HttpExchange ex) throws IOException {
        requests.add("token " + ex.getRequestURI().getQuery());
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (ex.getRequestURI().getQuery().contains("private") && !BASIC.equals(auth)) {
            send(ex, 401, "{}");
            return;
        }
        send(ex, 200, "{\"token\": \"tok-" + (auth == null ? "anon" : "bob") + "\"}");
    }

    private void v2(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        requests.add(path + "?" + query + " " + auth);
        String repo = path.substring(4, path.indexOf("/tags/list"));
        switch (repo) {
            case "team/basic" -> {
                if (!BASIC.equals(auth)) {
                    send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}", "WWW-Authenticate",
                            "Basic realm=\"fake\"");
                    return;
                }
            }
            case "team/bearer", "team/private" -> {
                String want = repo.equals("team/private") ? "Bearer tok-bob" : "Bearer tok-anon";
                if (!want.equals(auth)) {
                    send(ex, 401, "{}", "WWW-Authenticate", "Bearer realm=\"http://" + host
                            + "/token\",service=\"fake-registry\",scope=\"repository:" + repo + ":pull\"");
                    return;
                }
            }
            case "team/open" -> { }
            case "team/null" -> {
                send(ex, 200, "{\"name\":\"team/null\",\"tags\":null}");
                return;
            }
            default -> {
                send(ex, 404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known\"}]}");
                return;
            }
        }
        // pagination: n and last
        int n = 100;
        String last = null;
        for (String kv : query == null ? new String[0] : query.split("&")) {
            if (kv.startsWith("n=")) {
                n = Integer.parseInt(kv.substring(2));
            } else if (kv.startsWith("last=")) {
                last = kv.substring(5);
            }
        }
        int from = last == null ? 0 : TAGS.indexOf(last) + 1;
        List<String> page = TAGS.subList(from, Math.min(TAGS.size(), from + n));
        String body = "{\"name\":\"" + repo + "\",\"tags\":[" + String.join(",", page.stream().map(t -> "\"" + t + "\"").toList()) + "]}";
        if (from + n < TAGS.size()) {
            send(ex, 200, body, "Link", "</v2/" + repo + "/tags/list?last=" + page.get(page.size() - 1) + "&n=" + n
                    + ">; rel=\"next\"");
        } else {
            send(ex, 200, body);
        }
    }

    RegistryClient client(DockerConfig config, int pageSize) {
        return RegistryClient.builder().plainHttp(host).dockerConfig(config).pageSize(pageSize).build();
    }

    static DockerConfig bob(String key) {
        String json = "{\"auths\":{\"" + key + "\":{\"auth\":\""
                + Base64.getEncoder().encodeToString("bob:s3cret".getBytes()) + "\"}}}";
        return DockerConfig.parse(json.getBytes(StandardCharsets.UTF_8), "config.json");
    }

    @Test
    void anonymousWithPagination() {
        assertEquals(TAGS, client(DockerConfig.empty(), 2).listTags(host + "/team/open"));
        assertEquals(3, requests.size(), "three pages of two");
        assertEquals(List.of(), client(DockerConfig.empty(), 2).listTags(host + "/team/null"));
    }

    @Test
    void basicAuth() {
        assertEquals(TAGS, client(bob(host), 10).listTags(host + "/team/basic"));
        RegistryException e = assertThrows(RegistryException.class,
                () -> client(DockerConfig.empty(), 10).listTags(host + "/team/basic"));
        assertTrue(e.getMessage().contains("requires credentials"), e.getMessage());
    }

    @Test
    void bearerTokenFlow() {
        assertEquals(TAGS, client(DockerConfig.empty(), 3).listTags(host + "/team/bearer"));
        assertTrue(requests.contains("token service=fake-registry&scope=repository:team/bearer:pull"), requests.toString());
        assertEquals(TAGS, client(bob("http://" + host + "/v1/"), 3).listTags(host + "/team/private"));
        RegistryException e = assertThrows(RegistryException.class,
                () -> client(DockerConfig.empty(), 3).listTags(host + "/team/private"));
        assertTrue(e.getMessage().contains("token service 127.0.0.1 answered 401"), e.getMessage());
    }

    @Test
    void errorsNeverCarrySecrets() {
        DockerConfig wrong = DockerConfig.parse(("{\"auths\":{\"" + host + "\":{\"username\":\"bob\",\"password\":"
                + "\"wrong-secret\"}}}").getBytes(StandardCharsets.UTF_8), "cfg");
        RegistryException e = assertThrows(RegistryException.class, () -> client(wrong, 3).listTags(host + "/team/basic"));
        assertFalse(e.getMessage().contains("wrong-secret"));
        assertTrue(e.getMessage().contains("denied (401) with the configured credentials"), e.getMessage());
        assertFalse(wrong.credentials(host).orElseThrow().toString().contains("wrong-secret"));
        assertThrows(NotFoundException.class, () -> client(wrong, 3).listTags(host + "/team/missing"));
    }

    @Test
    void repositoryNames() {
        assertEquals(new RegistryClient.Repository("docker.io", "library/nginx"), RegistryClient.Repository.parse("nginx"));
        assertEquals(new RegistryClient.Repository("docker.io", "bitnami/redis"),
                RegistryClient.Repository.parse("bitnami/redis"));
        assertEquals(new RegistryClient.Repository("localhost:5000", "a/b"), RegistryClient.Repository.parse("localhost:5000/a/b"));
        assertEquals(new RegistryClient.Repository("ghcr.io", "org/app"), RegistryClient.Repository.parse("ghcr.io/org/app"));
        assertThrows(InvalidInputException.class, () -> RegistryClient.Repository.parse("ghcr.io/Org/App"));
        assertThrows(InvalidInputException.class, () -> RegistryClient.Repository.parse("a:1@sha256:x"));
        assertEquals(Map.of("realm", "https://a/t", "service", "x,y", "scope", "s"),
                RegistryClient.challengeParams("realm=\"https://a/t\",service=\"x,y\", scope=s"));
    }

    @Test
    void dockerConfigForms() {
        DockerConfig c = DockerConfig.parse(("{\"auths\":{"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"" + Base64.getEncoder().encodeToString("u:p:x".getBytes()) + "\"},"
                + "\"ghcr.io\":{\"identitytoken\":\"idt\"}}}").getBytes(StandardCharsets.UTF_8), "c.json");
        assertEquals(new DockerConfig.Credentials("u", "p:x"), c.credentials("docker.io").orElseThrow());
        assertEquals(new DockerConfig.Credentials("<token>", "idt"), c.credentials("ghcr.io").orElseThrow());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DockerConfig.parse(
                "{\"auths\":{\"r\":{\"auth\":\"bm9jb2xvbg==\"}}}".getBytes(StandardCharsets.UTF_8), "c.json"));
        assertEquals("c.json: /auths/r/auth: expected base64 of user:password", e.getMessage());
    }
}
