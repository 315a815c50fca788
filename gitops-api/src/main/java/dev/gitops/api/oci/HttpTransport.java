package dev.gitops.api.oci;

import dev.gitops.api.oci.internal.JdkTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Sends one HTTP request and returns the whole response: the plug point between the OCI client / chart
 * repository loader and the network. {@link #jdk(HttpClient, Duration)} is the default; tests may answer from
 * memory. Implementations are thread-safe, follow redirects (dropping {@code Authorization} when the redirect
 * leaves the origin, refusing an https to http downgrade) and throw {@link OciException} on I/O failures, naming
 * the URL.
 */
@FunctionalInterface
public interface HttpTransport {

    /**
     * Sends a request.
     *
     * @throws OciException when the server cannot be reached or the exchange fails
     */
    Response send(Request request);

    /**
     * A request.
     *
     * @param method {@code GET}, {@code HEAD}, {@code POST}, {@code PUT}
     * @param uri the URL
     * @param headers header names (any case) to values
     * @param body the body ({@code byte[0]} for none)
     */
    record Request(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        /** Validates and copies. */
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = copy(headers);
            body = body.clone();
        }

        /** A GET without headers. */
        public static Request get(URI uri) {
            return new Request("GET", uri, Map.of(), new byte[0]);
        }

        /** This request with one more header value. */
        public Request withHeader(String name, String value) {
            Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            h.putAll(headers);
            List<String> vs = new ArrayList<>(h.getOrDefault(name, List.of()));
            vs.add(value);
            h.put(name, vs);
            return new Request(method, uri, h, body);
        }

        /** This request without a header. */
        public Request withoutHeader(String name) {
            Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            h.putAll(headers);
            h.remove(name);
            return new Request(method, uri, h, body);
        }

        /** This request sent to another URL. */
        public Request withUri(URI other) {
            return new Request(method, other, headers, body);
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        /** The first value of a header. */
        public Optional<String> header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
        }

        /** Method and URL only (headers may hold credentials). */
        @Override
        public String toString() {
            return method + " " + uri;
        }
    }

    /**
     * A response.
     *
     * @param status the status code
     * @param headers header names (case-insensitive) to values
     * @param body the body
     * @param uri the URL that answered (after redirects)
     */
    record Response(int status, Map<String, List<String>> headers, byte[] body, URI uri) {
        /** Validates and copies. */
        public Response {
            headers = copy(headers);
            body = body.clone();
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        /** The body's length without copying it. */
        public int bodyLength() {
            return body.length;
        }

        /** The first value of a header. */
        public Optional<String> header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
        }

        /** Every value of a header. */
        public List<String> headers(String name) {
            return headers.getOrDefault(name, List.of());
        }

        /** True for 2xx. */
        public boolean ok() {
            return status / 100 == 2;
        }

        @Override
        public String toString() {
            return "Response[" + status + " " + uri + "]";
        }
    }

    /** A transport over a JDK {@link HttpClient} (whose own redirect policy should be {@code NEVER}). */
    static HttpTransport jdk(HttpClient client, Duration timeout) {
        return new JdkTransport(client, timeout);
    }

    /** A transport over a new JDK client: 30 s timeouts, HTTP/1.1 and HTTP/2, the JVM's trust store. */
    static HttpTransport defaults() {
        Duration t = Duration.ofSeconds(30);
        return new JdkTransport(HttpClient.newBuilder().connectTimeout(t).followRedirects(HttpClient.Redirect.NEVER)
                .build(), t);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(h);
    }
}
