package dev.gitops.api.source;

import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.image.TagFilter;
import dev.gitops.api.oci.Descriptor;
import dev.gitops.api.oci.MediaTypes;
import dev.gitops.api.oci.OciClient;
import dev.gitops.api.oci.OciManifest;
import dev.gitops.api.oci.OciReference;
import dev.gitops.api.oci.internal.TarGz;
import dev.gitops.api.semver.Constraint;
import dev.gitops.api.semver.SemVer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches Flux OCIRepository sources as source-controller does: resolves the reference (a digest as is; a semver
 * range to the highest matching tag, after the optional {@code semverFilter}, with Masterminds' prerelease rule and
 * Helm's {@code _}/{@code +} tag mapping for Helm chart layers; a tag, default {@code latest}, to its manifest
 * digest), and builds an {@link Artifact} whose revision is Flux's: {@code <tag>@sha256:<manifest digest>}, or
 * {@code sha256:<digest>} for digest references. The selected layer (the first one with
 * {@code layerSelector.mediaType}, else the first layer) is a gzip tarball; {@code extract} keeps its files minus
 * the {@code .sourceignore} files' and {@code spec.ignore} patterns (no default excludes, as Flux), {@code copy}
 * keeps every file as the layer holds it.
 *
 * <p>When the resolved revision equals the one of the artifact fetched before for the same configuration, nothing
 * is downloaded ({@link FetchResult.Unchanged}). Thread-safe.
 *
 * <pre>{@code
 * OciSource oci = OciSource.builder().build();
 * Artifact a = oci.fetch(OciSourceSpec.of("oci://ghcr.io/org/manifests/app").withSemver(">=1.0.0", "")).artifact();
 * }</pre>
 */
public final class OciSource {

    private static final Logger LOG = LoggerFactory.getLogger(OciSource.class);
    /** Largest decompressed layer content (Flux's default untar limit is 100 MiB). */
    public static final long MAX_CONTENT_BYTES = 100L * 1024 * 1024;

    private final OciClient client;
    private final Clock clock;
    private final boolean offline;
    private final Map<String, Artifact> artifacts = new ConcurrentHashMap<>();

    private OciSource(OciClient client, Clock clock, boolean offline) {
        this.client = client;
        this.clock = clock;
        this.offline = offline;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A source that refuses to fetch: the default of engines that were not given network access. */
    public static OciSource offline() {
        return new OciSource(OciClient.builder().build(), Clock.systemUTC(), true);
    }

    /**
     * Fetches the artifact for a spec.
     *
     * @throws SourceException when the registry cannot be reached, refuses access, nothing matches the reference
     *     or the content is not a valid tarball
     * @throws InvalidInputException when the URL or the semver range is invalid
     */
    public FetchResult fetch(OciSourceSpec spec) {
        if (offline) {
            throw new SourceException("OCIRepository " + spec.url() + ": no OCI client is configured (this engine "
                    + "runs offline; give it one with Reconciler.builder().ociSource(OciSource.builder().build()))");
        }
        OciReference repo = repository(spec.url());
        OciClient c = client.withAuth(spec.auth()).withInsecure(spec.insecure());
        try {
            OciReference ref = reference(c, repo, spec);
            String revision;
            if (!ref.digest().isEmpty()) {
                revision = ref.digest();
            } else {
                revision = ref.tag() + "@" + c.resolve(ref).digest();
            }
            String key = spec.url() + "|" + spec.layerMediaType() + "|" + spec.layerOperation() + "|"
                    + spec.ignore();
            Artifact cached = artifacts.get(key);
            if (cached != null && cached.revision().equals(revision)) {
                LOG.debug("{}: revision {} unchanged", spec.url(), revision);
                return new FetchResult.Unchanged(cached);
            }
            String digest = revision.substring(revision.indexOf('@') + 1);
            OciManifest m = c.manifest(ref.withDigest(digest));
            if (!(m instanceof OciManifest.Image image)) {
                throw new SourceException("OCIRepository " + spec.url() + ": " + ref + " is an index ("
                        + m.mediaType() + "), not an artifact");
            }
            Artifact a = build(c, repo, image, spec, revision);
            artifacts.put(key, a);
            LOG.info("{}: fetched revision {}", spec.url(), revision);
            return new FetchResult.Fetched(a);
        } catch (SourceException | InvalidInputException e) {
            throw e;
        } catch (GitOpsException e) {
            throw new SourceException("OCIRepository " + spec.url() + ": " + e.getMessage(), e);
        }
    }

    private static OciReference repository(String url) {
        OciReference r = OciReference.parse(url);
        if (!r.tag().isEmpty() || !r.digest().isEmpty()) {
            throw new InvalidInputException("URL must not contain a tag; remove ':" + (r.tag().isEmpty()
                    ? r.digest() : r.tag()) + "' from " + url);
        }
        return r;
    }

    private static OciReference reference(OciClient c, OciReference repo, OciSourceSpec spec) {
        if (!spec.digest().isEmpty()) {
            return repo.withDigest(spec.digest());
        }
        if (!spec.semver().isEmpty()) {
            Constraint constraint;
            try {
                constraint = Constraint.parse(spec.semver());
            } catch (RuntimeException e) {
                throw new InvalidInputException("semver '" + spec.semver() + "' parse error: " + e.getMessage());
            }
            List<String> tags = c.listTags(repo);
            if (!spec.semverFilter().isEmpty()) {
                Map<String, String> kept = TagFilter.of(spec.semverFilter(), "").apply(tags);
                tags = tags.stream().filter(kept::containsKey).toList();
            }
            boolean helm = spec.layerMediaType().equals(MediaTypes.HELM_CHART_CONTENT);
            SemVer best = null;
            String bestTag = null;
            for (String tag : tags) {
                String v = helm ? tag.replace('_', '+') : tag;
                if (v.split("\\.", 3).length != 3) {
                    continue; // fluxcd/pkg/version.ParseVersion wants three dot-separated parts
                }
                Optional<SemVer> sv = SemVer.tryParse(v);
                if (sv.isPresent() && constraint.matches(sv.get()) && (best == null || sv.get().compareTo(best) > 0)) {
                    best = sv.get();
                    bestTag = helm ? best.original().replace('+', '_') : best.original();
                }
            }
            if (bestTag == null) {
                throw new SourceException("OCIRepository " + spec.url() + ": no match found for semver: "
                        + spec.semver());
            }
            return repo.withTag(bestTag);
        }
        return repo.withTag(spec.tag().isEmpty() ? "latest" : spec.tag());
    }

    private Artifact build(OciClient c, OciReference repo, OciManifest.Image image, OciSourceSpec spec,
            String revision) {
        if (image.layers().isEmpty()) {
            throw new SourceException("OCIRepository " + spec.url() + ": no layers found in artifact " + revision);
        }
        Descriptor layer = spec.layerMediaType().isEmpty() ? image.layers().get(0)
                : image.layer(spec.layerMediaType()).orElseThrow(() -> new SourceException("OCIRepository "
                        + spec.url() + ": failed to find layer with media type '" + spec.layerMediaType()
                        + "' in artifact " + revision));
        byte[] blob = c.blob(repo, layer);
        TreeMap<String, byte[]> files;
        try {
            files = TarGz.read(blob, MAX_CONTENT_BYTES);
        } catch (IOException e) {
            throw new SourceException("OCIRepository " + spec.url() + ": layer " + layer.digest() + " of "
                    + revision + " is not a gzip tarball: " + e.getMessage());
        }
        if (spec.layerOperation().equals(OciSourceSpec.EXTRACT)) {
            files = ignore(files, spec.ignore());
        }
        return Artifact.of(revision, files, clock.instant());
    }

    private static TreeMap<String, byte[]> ignore(NavigableMap<String, byte[]> files, String extra) {
        List<String> ignoreFiles = new ArrayList<>();
        for (String p : files.keySet()) {
            if (p.equals(SourceIgnore.IGNORE_FILE) || p.endsWith("/" + SourceIgnore.IGNORE_FILE)) {
                ignoreFiles.add(p);
            }
        }
        // root first, then directories depth-first in name order, as LoadIgnorePatterns walks them
        ignoreFiles.sort(Comparator.comparing((String p) -> p.substring(0, Math.max(0, p.lastIndexOf('/'))),
                (a, b) -> a.isEmpty() ? (b.isEmpty() ? 0 : -1) : b.isEmpty() ? 1 : a.compareTo(b)));
        SourceIgnore rules = SourceIgnore.none();
        for (String f : ignoreFiles) {
            int slash = f.lastIndexOf('/');
            rules = rules.with(slash < 0 ? "" : f.substring(0, slash), new String(files.get(f),
                    StandardCharsets.UTF_8));
        }
        rules = rules.with("", extra);
        TreeMap<String, byte[]> out = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (!ignoredWithParents(rules, e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static boolean ignoredWithParents(SourceIgnore rules, String path) {
        String[] parts = path.split("/");
        StringBuilder dir = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            dir.append(i == 0 ? "" : "/").append(parts[i]);
            if (rules.isIgnored(dir.toString(), true)) {
                return true;
            }
        }
        return rules.isIgnored(path, false);
    }

    /** Builds an {@link OciSource}. */
    public static final class Builder {
        private OciClient client;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The OCI client (transport, cache, user agent); credentials and insecure come from each spec. */
        public Builder client(OciClient c) {
            this.client = Objects.requireNonNull(c, "client");
            return this;
        }

        /** The clock stamping artifacts. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** The source. */
        public OciSource build() {
            return new OciSource(client != null ? client : OciClient.builder().build(), clock, false);
        }
    }
}
