package dev.gitops.api.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.error.Origin;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.model.Resource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link PolicyRule} checks: the rendered objects (each knows the file and line it came from, see
 * {@link Resource#originOf(String)}), the repository's files, and the part of the repository being linted.
 *
 * <p>The engine hands each rule a context {@linkplain #forRule bound} to it, so that {@link #finding} gives findings
 * the rule's id and effective severity. Immutable and thread-safe.
 */
public final class PolicyContext {

    private final List<Resource> resources;
    private final List<RenderIssue> issues;
    private final FileSystem files;
    private final String scope;
    private final FileIndex index;
    private final String ruleId;
    private final Severity severity;
    private final Map<String, JsonNode> options;

    private PolicyContext(List<Resource> resources, List<RenderIssue> issues, FileSystem files, String scope,
            FileIndex index, String ruleId, Severity severity, Map<String, JsonNode> options) {
        this.resources = resources;
        this.issues = issues;
        this.files = files;
        this.scope = scope;
        this.index = index;
        this.ruleId = ruleId;
        this.severity = severity;
        this.options = options;
    }

    /**
     * A context not yet bound to a rule.
     *
     * @param resources the rendered objects to check (copied)
     * @param files the repository
     * @param scope the repository-relative directory being linted ({@code ""} for all of it)
     */
    public static PolicyContext of(List<Resource> resources, FileSystem files, String scope) {
        return of(new ManifestSource.Manifests(resources, List.of()), files, scope);
    }

    /**
     * A context not yet bound to a rule, with what a {@link ManifestSource} could not render.
     *
     * @param manifests the rendered objects to check and the render issues
     * @param files the repository
     * @param scope the repository-relative directory being linted ({@code ""} for all of it)
     */
    public static PolicyContext of(ManifestSource.Manifests manifests, FileSystem files, String scope) {
        Objects.requireNonNull(files, "files");
        return new PolicyContext(manifests.resources(), manifests.issues(), files, FsPaths.normalize(scope),
                new FileIndex(files), "", Severity.INFO, Map.of());
    }

    /** The same context bound to a rule, whose findings get {@code severity}. */
    public PolicyContext forRule(PolicyRule rule, Severity effectiveSeverity) {
        return forRule(rule, effectiveSeverity, Map.of());
    }

    /** The same context bound to a rule, whose findings get {@code severity}, with the rule's configured options. */
    public PolicyContext forRule(PolicyRule rule, Severity effectiveSeverity, Map<String, JsonNode> ruleOptions) {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        ruleOptions.forEach((k, v) -> copy.put(k, v.deepCopy()));
        return new PolicyContext(resources, issues, files, scope, index, rule.id(),
                Objects.requireNonNull(effectiveSeverity, "effectiveSeverity"), Collections.unmodifiableMap(copy));
    }

    /** A copy of the option {@code name} configured for the bound rule ({@code rules.<id>.options}), if set. */
    public Optional<JsonNode> option(String name) {
        JsonNode n = options.get(name);
        return n == null ? Optional.empty() : Optional.of(n.deepCopy());
    }

    /** The rendered objects, in the order they were produced. */
    public List<Resource> resources() {
        return resources;
    }

    /** What the manifest source could not render (empty for sources that do not render). */
    public List<RenderIssue> renderIssues() {
        return issues;
    }

    /** The repository's files. */
    public FileSystem files() {
        return files;
    }

    /** The repository-relative directory being linted, {@code ""} for the whole repository. */
    public String scope() {
        return scope;
    }

    /** Every regular file of the repository (repository-relative paths, sorted), computed once per lint. */
    public List<String> repositoryFiles() {
        return index.files();
    }

    /** The id of the rule this context is bound to ({@code ""} when unbound). */
    public String ruleId() {
        return ruleId;
    }

    /** The severity findings of the bound rule get. */
    public Severity severity() {
        return severity;
    }

    /** A finding about the field at {@code pointer} of an object; the location names its file and line. */
    public Finding finding(Resource resource, String pointer, String message) {
        return Finding.of(boundRule(), severity, Location.of(resource.id(), resource.originOf(pointer)), message);
    }

    /** A finding about a repository file or directory (no line). */
    public Finding finding(String file, String message) {
        return Finding.of(boundRule(), severity, Location.ofFile(file), message);
    }

    /** A finding at a location. */
    public Finding finding(Location location, String message) {
        return Finding.of(boundRule(), severity, location, message);
    }

    /** A finding at a place in a file. */
    public Finding finding(Origin origin, String message) {
        return Finding.of(boundRule(), severity, Location.of(origin), message);
    }

    private String boundRule() {
        if (ruleId.isEmpty()) {
            throw new IllegalStateException("the context is not bound to a rule (see forRule)");
        }
        return ruleId;
    }

    /** The repository's file list, walked on first use and shared by all rules of a lint. */
    private static final class FileIndex {
        private final FileSystem fs;
        private volatile List<String> files;

        FileIndex(FileSystem fs) {
            this.fs = fs;
        }

        List<String> files() {
            List<String> f = files;
            if (f == null) {
                synchronized (this) {
                    f = files;
                    if (f == null) {
                        f = walk(fs);
                        files = f;
                    }
                }
            }
            return f;
        }

        private static List<String> walk(FileSystem fs) {
            List<String> out = new ArrayList<>();
            Deque<String> dirs = new ArrayDeque<>();
            dirs.push("");
            while (!dirs.isEmpty()) {
                String dir = dirs.pop();
                for (String name : fs.list(dir)) {
                    String p = FsPaths.join(dir, name);
                    if (name.equals(".git")) {
                        continue;
                    }
                    if (fs.isDirectory(p)) {
                        dirs.push(p);
                    } else {
                        out.add(p);
                    }
                }
            }
            Collections.sort(out);
            return Collections.unmodifiableList(out);
        }
    }

    /** The file a resource was read from, if any. */
    public static Optional<String> fileOf(Resource resource) {
        return resource.origin().map(Origin::file).filter(f -> !f.equals("-"));
    }
}
