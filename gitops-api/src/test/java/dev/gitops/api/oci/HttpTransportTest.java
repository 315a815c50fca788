package dev.gitops.api.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The JDK transport follows redirects itself: credentials stay on their origin. */
class HttpTransportTest {

    @Test
    void redirectsKeepAuthorizationOnlyOnTheSameOrigin() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int port = server.getAddress().getPort();
        server.createContext("/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                String host = ex.getRequestHeaders().getFirst("Host");
                seen.add(host.substring(0, host.indexOf(':')) + path + " auth="
                        + (ex.getRequestHeaders().getFirst("Authorization") != null));
                switch (path) {
                    case "/same" -> redirect(ex, "/target");
                    case "/other" -> redirect(ex, "http://localhost:" + port + "/target");
                    case "/loop" -> redirect(ex, "/loop");
                    default -> {
                        byte[] b = "ok".getBytes(StandardCharsets.UTF_8);
                        ex.sendResponseHeaders(200, b.length);
                        ex.getResponseBody().write(b);
                    }
                }
            }
        });
        server.start();
        try {
            HttpTransport t = HttpTransport.defaults();
            HttpTransport.Request same = HttpTransport.Request.get(URI.create("http://127.0.0.1:" + port + "/same"))
                    .withHeader("Authorization", "Bearer secret");
            HttpTransport.Response r = t.send(same);
            assertEquals(200, r.status());
            assertEquals("http://127.0.0.1:" + port + "/target", r.uri().toString());
            assertEquals(List.of("127.0.0.1/same auth=true", "127.0.0.1/target auth=true"), seen);
            seen.clear();
            HttpTransport.Response o = t.send(same.withUri(URI.create("http://127.0.0.1:" + port + "/other")));
            assertEquals(200, o.status());
            assertEquals(List.of("127.0.0.1/other auth=true", "localhost/target auth=false"), seen);
            OciException loop = assertThrows(OciException.class, () -> t.send(HttpTransport.Request.get(
                    URI.create("http://127.0.0.1:" + port + "/loop?token=secret"))));
            assertTrue(loop.getMessage().contains("too many redirects"), loop.getMessage());
            assertTrue(!loop.getMessage().contains("token=secret"), "queries (signed URLs) are not printed");
        } finally {
            server.stop(0);
        }
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange ex, String location) throws java.io.IOException {
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(307, -1);
    }

    @Test
    void requestsHideHeadersAndCopyBodies() {
        byte[] body = {1, 2, 3};
        HttpTransport.Request r = new HttpTransport.Request("PUT", URI.create("http://h/x"), java.util.Map.of(
                "Authorization", List.of("Basic c2VjcmV0")), body);
        body[0] = 9;
        assertEquals(1, r.body()[0]);
        assertEquals("PUT http://h/x", r.toString());
        assertEquals("Basic c2VjcmV0", r.header("authorization").orElseThrow());
        assertTrue(r.withoutHeader("AUTHORIZATION").header("Authorization").isEmpty());
    }
}
