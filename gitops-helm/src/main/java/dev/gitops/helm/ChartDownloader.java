package dev.gitops.helm;

import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.oci.ContentCache;
import dev.gitops.api.oci.Descriptor;
import dev.gitops.api.oci.DigestMismatchException;
import dev.gitops.api.oci.HttpTransport;
import dev.gitops.api.oci.MediaTypes;
import dev.gitops.api.oci.OciClient;
import dev.gitops.api.oci.OciManifest;
import dev.gitops.api.oci.OciReference;
import dev.gitops.api.oci.RegistryCredentials;
import dev.gitops.api.semver.Constraint;
import dev.gitops.api.semver.SemVer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches charts from chart repositories and OCI registries, as {@code helm template --repo URL CHART --version V}
 * and {@code helm template oci://host/path/CHART --version V} do, and as helm-controller does for HelmRepository
 * sources.
 *
 * <ul>
 *   <li>HTTP(S) repositories: {@code <url>/index.yaml} is fetched and the constraint resolved with
 *       {@link ChartRepositoryIndex} (an exact version first, else the highest match; pre-releases only for
 *       constraints naming one). The archive is downloaded from the entry's first URL (relative URLs resolve against
 *       the repository URL) and checked against the index's {@code digest}. Basic-auth credentials go to the
 *       repository's host only, unless {@link ChartReference#passCredentials()}.</li>
 *   <li>OCI registries: the tags of {@code host/path/chart} are read as versions (Helm's {@code _} for {@code +}),
 *       an exact tag wins, else the highest strict semver matching the constraint; the manifest must have the Helm
 *       config ({@value MediaTypes#HELM_CONFIG}) and a chart layer ({@value MediaTypes#HELM_CHART_CONTENT}), whose
 *       blob is verified against its digest.</li>
 * </ul>
 *
 * <p>Archives are kept in a {@link ContentCache} keyed by digest. Immutable and thread-safe.
 */
public final class ChartDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(ChartDownloader.class);
    /** Largest index.yaml or archive downloaded over HTTP. */
    public static final int MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024;

    private final HttpTransport transport;
    private final ContentCache cache;
    private final OciClient oci;

    private ChartDownloader(Builder b) {
        this.transport = b.transport != null ? b.transport : HttpTransport.defaults();
        this.cache = b.cache;
        this.oci = OciClient.builder().transport(transport).cache(cache).userAgent("gitops-java (helm)").build();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fetches and loads a chart.
     *
     * @throws ChartRepositoryException when the repository cannot be reached, nothing matches, or the archive does
     *     not have the promised digest
     * @throws HelmException when the archive is not a valid chart
     */
    public DownloadedChart download(ChartReference ref) {
        return ref.isOci() ? fromRegistry(ref) : fromRepository(ref);
    }

    // ------------------------------------------------------------------ HTTP chart repositories

    private DownloadedChart fromRepository(ChartReference ref) {
        String base = ref.repository();
        String indexUrl = trimSlash(base) + "/index.yaml";
        URI repoUri = uri(indexUrl, ref);
        Optional<RegistryCredentials> creds = ref.auth().credentials(hostPort(repoUri));
        HttpTransport.Response idx = get(repoUri, creds, ref);
        if (!idx.ok()) {
            throw fail(ref, "looks like \"" + base + "\" is not a valid chart repository or cannot be reached: "
                    + "failed to fetch " + indexUrl + " : " + status(idx.status()));
        }
        ChartRepositoryIndex index;
        try {
            index = ChartRepositoryIndex.parse(new String(idx.body(), StandardCharsets.UTF_8), indexUrl);
        } catch (GitOpsException e) {
            throw fail(ref, "looks like \"" + base + "\" is not a valid chart repository or cannot be reached: "
                    + e.getMessage(), e);
        }
        ChartRepositoryIndex.ChartVersion cv;
        try {
            cv = index.resolve(ref.chart(), ref.version()).orElseThrow(() -> fail(ref, "chart \"" + ref.chart()
                    + "\"" + (ref.version().isEmpty() ? "" : " version \"" + ref.version() + "\"") + " not found in "
                    + base + " repository"));
        } catch (InvalidInputException e) {
            if (e instanceof ChartRepositoryException c) {
                throw c;
            }
            throw fail(ref, e.getMessage(), e);
        }
        if (cv.urls().isEmpty()) {
            throw fail(ref, "chart \"" + ref.chart() + "\" version \"" + cv.version() + "\" in " + base
                    + " has no downloadable URLs");
        }
        String chartUrl = resolveReference(base, cv.urls().get(0), ref);
        String expected = cv.digest().isEmpty() ? "" : "sha256:" + cv.digest();
        if (!expected.isEmpty()) {
            Optional<byte[]> hit = cache.get(expected);
            if (hit.isPresent()) {
                LOG.debug("{}: {} {} from the cache", base, ref.chart(), cv.version());
                return new DownloadedChart(load(hit.get(), chartUrl, ref), cv.version(), chartUrl, expected);
            }
        }
        URI chartUri = uri(chartUrl, ref);
        boolean sameHost = sameOrigin(chartUri, repoUri);
        HttpTransport.Response resp = get(chartUri, sameHost || ref.passCredentials()
                ? ref.auth().credentials(hostPort(chartUri)).or(() -> creds) : Optional.empty(), ref);
        if (!resp.ok()) {
            throw fail(ref, "failed to fetch " + redact(chartUri) + " : " + status(resp.status()));
        }
        byte[] archive = resp.body();
        String actual = sha256(archive);
        if (!expected.isEmpty() && !expected.equals(actual)) {
            throw fail(ref, "chart \"" + ref.chart() + "\" version \"" + cv.version() + "\" downloaded from "
                    + redact(chartUri) + " does not match the index digest: expected " + expected + ", got "
                    + actual);
        }
        cache.put(actual, archive);
        LOG.info("fetched chart {} {} from {}", ref.chart(), cv.version(), redact(chartUri));
        return new DownloadedChart(load(archive, chartUrl, ref), cv.version(), chartUrl, actual);
    }

    private HttpTransport.Response get(URI uri, Optional<RegistryCredentials> creds, ChartReference ref) {
        HttpTransport.Request req = HttpTransport.Request.get(uri).withHeader("User-Agent", "gitops-java (helm)");
        if (creds.isPresent()) {
            RegistryCredentials c = creds.get();
            req = req.withHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpTransport.Response r = transport.send(req);
            if (r.bodyLength() > MAX_DOWNLOAD_BYTES) {
                throw fail(ref, redact(uri) + " is larger than " + MAX_DOWNLOAD_BYTES + " bytes");
            }
            return r;
        } catch (ChartRepositoryException e) {
            throw e;
        } catch (GitOpsException e) {
            throw fail(ref, e.getMessage(), e);
        }
    }

    /** Helm's ResolveReferenceURL: absolute URLs as they are, relative ones against the repository URL + "/". */
    static String resolveReference(String base, String ref, ChartReference cr) {
        try {
            URI r = new URI(ref);
            if (r.isAbsolute()) {
                return ref;
            }
            URI b = new URI(base);
            String path = b.getRawPath() == null ? "/" : trimSlash(b.getRawPath()) + "/";
            URI withSlash = new URI(b.getScheme(), b.getRawAuthority(), null, null, null);
            URI resolved = URI.create(withSlash + path).resolve(r);
            String q = b.getRawQuery();
            String s = resolved.toString();
            int qi = s.indexOf('?');
            if (qi >= 0) {
                s = s.substring(0, qi);
            }
            return q == null ? s : s + "?" + q;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw fail(cr, "invalid chart URL \"" + ref + "\": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ OCI registries

    private DownloadedChart fromRegistry(ChartReference ref) {
        OciReference repo;
        try {
            repo = OciReference.parse(trimSlash(ref.repository()) + "/" + ref.chart());
        } catch (InvalidInputException e) {
            throw fail(ref, e.getMessage(), e);
        }
        OciClient c = oci.withAuth(ref.auth()).withInsecure(ref.plainHttp());
        try {
            String tag = ociTag(c, repo, ref);
            OciReference tagged = repo.withTag(tag);
            OciManifest m = c.manifest(tagged);
            if (!(m instanceof OciManifest.Image image)) {
                throw fail(ref, tagged + " is an image index, not a Helm chart");
            }
            if (!image.config().mediaType().equals(MediaTypes.HELM_CONFIG)) {
                throw fail(ref, "could not load config with mediatype " + MediaTypes.HELM_CONFIG + " (" + tagged
                        + " has " + image.config().mediaType() + ")");
            }
            Descriptor layer = image.layer(MediaTypes.HELM_CHART_CONTENT).or(() -> image.layer("application/tar+gzip"))
                    .orElseThrow(() -> fail(ref, "manifest does not contain a layer with mediatype "
                            + MediaTypes.HELM_CHART_CONTENT + " (" + tagged + ")"));
            byte[] archive = c.blob(repo, layer);
            String url = "oci://" + tagged;
            return new DownloadedChart(load(archive, url, ref), tag.replace('_', '+'), url, layer.digest());
        } catch (ChartRepositoryException e) {
            throw e;
        } catch (DigestMismatchException e) {
            throw fail(ref, e.getMessage(), e);
        } catch (NotFoundException e) {
            throw fail(ref, e.getMessage(), e);
        } catch (GitOpsException e) {
            if (e instanceof HelmException h) {
                throw h;
            }
            throw fail(ref, e.getMessage(), e);
        }
    }

    /** Helm's GetTagMatchingVersionOrConstraint over the registry's tags (strict semver, {@code _} read as +). */
    private static String ociTag(OciClient c, OciReference repo, ChartReference ref) {
        List<SemVer> versions = new ArrayList<>();
        for (String t : c.listTags(repo)) {
            SemVer.tryParse(t.replace('_', '+'), SemVer.Mode.STRICT).ifPresent(versions::add);
        }
        versions.sort((a, b) -> b.compareTo(a));
        List<String> tags = versions.stream().map(SemVer::toString).toList();
        String v = ref.version();
        Constraint constraint;
        if (v.isEmpty()) {
            constraint = Constraint.parse("*");
        } else {
            if (tags.contains(v)) {
                return v.replace('+', '_');
            }
            try {
                constraint = Constraint.parse(v);
            } catch (RuntimeException e) {
                throw fail(ref, "improper constraint: " + v, e);
            }
        }
        for (SemVer sv : versions) {
            if (constraint.matches(sv)) {
                return sv.toString().replace('+', '_');
            }
        }
        throw fail(ref, "could not locate a version matching provided version string " + v + " for "
                + repo.name());
    }

    // ------------------------------------------------------------------ helpers

    private static Chart load(byte[] archive, String url, ChartReference ref) {
        return ChartLoader.loadArchive(archive, url);
    }

    private static ChartRepositoryException fail(ChartReference ref, String message) {
        return new ChartRepositoryException(ref.repository(), ref.chart(), ref.version(), message);
    }

    private static ChartRepositoryException fail(ChartReference ref, String message, Throwable cause) {
        return new ChartRepositoryException(ref.repository(), ref.chart(), ref.version(), message, cause);
    }

    private static URI uri(String s, ChartReference ref) {
        try {
            URI u = new URI(s);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                throw fail(ref, "unsupported URL scheme in \"" + s + "\"");
            }
            return u;
        } catch (URISyntaxException e) {
            throw fail(ref, "invalid URL \"" + s + "\": " + e.getMessage(), e);
        }
    }

    private static String trimSlash(String s) {
        String r = s;
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    private static String hostPort(URI u) {
        return u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    private static String redact(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                + (u.getRawPath() == null ? "" : u.getRawPath());
    }

    private static String status(int code) {
        return switch (code) {
            case 401 -> "401 Unauthorized";
            case 403 -> "403 Forbidden";
            case 404 -> "404 Not Found";
            case 500 -> "500 Internal Server Error";
            default -> Integer.toString(code);
        };
    }

    private static String sha256(byte[] b) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds a {@link ChartDownloader}. */
    public static final class Builder {
        private HttpTransport transport;
        private ContentCache cache = ContentCache.inMemory(64L * 1024 * 1024);

        private Builder() {
        }

        /** The HTTP transport (default: {@link HttpTransport#defaults()}). */
        public Builder transport(HttpTransport t) {
            this.transport = Objects.requireNonNull(t, "transport");
            return this;
        }

        /** Where archives are kept by digest (default: 64 MiB in memory; {@link ContentCache#onDisk} to persist). */
        public Builder cache(ContentCache c) {
            this.cache = Objects.requireNonNull(c, "cache");
            return this;
        }

        /** The downloader. */
        public ChartDownloader build() {
            return new ChartDownloader(this);
        }
    }
}
