package dev.gitops.api.oci.internal;

import dev.gitops.api.oci.HttpTransport;
import dev.gitops.api.oci.OciException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** {@link HttpTransport} over the JDK client, following redirects itself so that credentials stay on their origin. */
public final class JdkTransport implements HttpTransport {

    private static final int MAX_REDIRECTS = 10;
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;
    private final Duration timeout;

    /** A transport. */
    public JdkTransport(HttpClient client, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Response send(Request request) {
        Request req = request;
        for (int hop = 0; ; hop++) {
            HttpResponse<byte[]> resp = once(req);
            int s = resp.statusCode();
            boolean redirect = s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
            if (!redirect || resp.headers().firstValue("Location").isEmpty()) {
                return new Response(s, resp.headers().map(), resp.body() == null ? new byte[0] : resp.body(),
                        req.uri());
            }
            if (hop >= MAX_REDIRECTS) {
                throw new OciException(req.method() + " " + redact(request.uri()) + ": too many redirects");
            }
            URI next = req.uri().resolve(resp.headers().firstValue("Location").get());
            if ("https".equals(req.uri().getScheme()) && !"https".equals(next.getScheme())) {
                throw new OciException(req.method() + " " + redact(request.uri()) + ": refusing redirect from https to "
                        + next.getScheme());
            }
            Request follow = req.withUri(next);
            if (!sameOrigin(req.uri(), next)) {
                follow = follow.withoutHeader("Authorization");
            }
            if (s == 303 || ((s == 301 || s == 302) && req.method().equals("POST"))) {
                follow = new Request("GET", next, follow.headers(), new byte[0]);
            }
            req = follow;
        }
    }

    private HttpResponse<byte[]> once(Request req) {
        byte[] body = req.body();
        HttpRequest.Builder b = HttpRequest.newBuilder(req.uri()).timeout(timeout).method(req.method(),
                body.length == 0 && !req.method().equals("PUT") && !req.method().equals("POST")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : req.headers().entrySet()) {
            if (RESTRICTED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            h.getValue().forEach(v -> b.header(h.getKey(), v));
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new OciException(req.method() + " " + redact(req.uri()) + " failed: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OciException(req.method() + " " + redact(req.uri()) + " interrupted", e);
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    /** The URL without user info and query (signed redirect URLs carry tokens in their query). */
    public static String redact(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                + (u.getRawPath() == null ? "" : u.getRawPath());
    }
}
