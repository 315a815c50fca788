package dev.gitops.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.Origin;
import dev.gitops.api.semver.Constraint;
import dev.gitops.api.semver.SemVer;
import dev.gitops.api.yaml.Yaml;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Helm chart repository's {@code index.yaml}, with Helm's version resolution: an exact version string wins, else
 * the highest version satisfying the constraint ({@code ">=1.0.0 <2.0.0"}, {@code "1.2.x"}, {@code "^3"}; empty
 * means {@code "*"}). Pre-releases only match constraints that name a pre-release, as in Helm and Flux.
 * Immutable and thread-safe.
 */
public final class ChartRepositoryIndex {

    /**
     * One chart version of the index.
     *
     * @param name chart name
     * @param version the version as written in the index
     * @param appVersion the appVersion ({@code ""} when absent)
     * @param urls download URLs (relative ones are relative to the repository URL)
     * @param digest the archive's sha256 ({@code ""} when absent)
     */
    public record ChartVersion(String name, String version, String appVersion, List<String> urls, String digest) {
        /** Validates and copies. */
        public ChartVersion {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(appVersion, "appVersion");
            urls = List.copyOf(urls);
            Objects.requireNonNull(digest, "digest");
        }
    }

    private final Map<String, List<ChartVersion>> entries;

    private ChartRepositoryIndex(Map<String, List<ChartVersion>> entries) {
        this.entries = entries;
    }

    /**
     * Reads an index.yaml.
     *
     * @throws InvalidInputException naming the file when it is not an index
     */
    public static ChartRepositoryIndex parse(String yaml, String file) {
        JsonNode root = Yaml.defaults().readOne(yaml, file).content();
        JsonNode es = root.path("entries");
        if (!root.isObject() || !root.has("apiVersion")) {
            throw new InvalidInputException(Origin.of(file), "no API version specified");
        }
        Map<String, List<ChartVersion>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = es.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<ChartVersion> versions = new ArrayList<>();
            for (JsonNode v : e.getValue()) {
                List<String> urls = new ArrayList<>();
                v.path("urls").forEach(u -> urls.add(u.asText()));
                versions.add(new ChartVersion(v.path("name").asText(e.getKey()), v.path("version").asText(""),
                        v.path("appVersion").asText(""), urls, v.path("digest").asText("")));
            }
            // Helm sorts each chart's versions newest first; unparsable versions go last
            versions.sort((a, b) -> {
                Optional<SemVer> va = SemVer.tryParse(a.version());
                Optional<SemVer> vb = SemVer.tryParse(b.version());
                if (va.isEmpty() || vb.isEmpty()) {
                    return va.isPresent() ? -1 : vb.isPresent() ? 1 : 0;
                }
                return vb.get().compareTo(va.get());
            });
            out.put(e.getKey(), List.copyOf(versions));
        }
        return new ChartRepositoryIndex(out);
    }

    /** The chart names in the index. */
    public List<String> chartNames() {
        return List.copyOf(entries.keySet());
    }

    /** All versions of a chart, newest first. */
    public List<ChartVersion> versions(String chart) {
        return entries.getOrDefault(chart, List.of());
    }

    /**
     * Resolves a version constraint to the chart version Helm would pick; empty when nothing matches.
     *
     * @throws InvalidInputException when the constraint does not parse
     */
    public Optional<ChartVersion> resolve(String chart, String constraint) {
        List<ChartVersion> vs = versions(chart);
        if (vs.isEmpty()) {
            return Optional.empty();
        }
        if (!constraint.isEmpty()) {
            for (ChartVersion v : vs) {
                if (v.version().equals(constraint)) {
                    return Optional.of(v);
                }
            }
        }
        Constraint c;
        try {
            c = Constraint.parse(constraint.isEmpty() ? "*" : constraint);
        } catch (RuntimeException e) {
            throw new InvalidInputException("invalid chart version constraint \"" + constraint + "\": "
                    + e.getMessage());
        }
        for (ChartVersion v : vs) {
            Optional<SemVer> sv = SemVer.tryParse(v.version());
            if (sv.isPresent() && c.matches(sv.get())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
