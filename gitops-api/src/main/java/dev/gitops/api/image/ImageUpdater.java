package dev.gitops.api.image;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.image.internal.SetterRewriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites image references in manifests as Flux's image-automation-controller does with the {@code Setters}
 * update strategy, keeping every other byte of each file.
 *
 * <p>Files considered: names ending in {@code .yaml} or {@code .yml}, or named {@code Kustomization}, that contain
 * the literal {@code "$imagepolicy"}. In them, a scalar whose line comment (or single-line head comment) is
 * {@code # {"$imagepolicy": "NS:NAME"}} receives the policy's latest image {@code name:tag[@digest]};
 * {@code NS:NAME:tag}, {@code :name} and {@code :digest} receive that part. Only policies of the automation's
 * namespace are known; other markers are left alone. The scalar keeps its quoting style, except that a plain value
 * YAML 1.1 would read as a non-string (say a tag {@code 1.10}) is double-quoted. Nothing else changes (comments,
 * blank lines, key order, indentation, CRLF line ends, byte order mark), and only changed files are written.
 * Files with the token that do not parse are reported in {@link UpdateResult#problemFiles()} and left alone.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
public final class ImageUpdater {

    private static final Logger LOG = LoggerFactory.getLogger(ImageUpdater.class);

    private final String namespace;
    private final Map<String, ImageRef> policies;
    private final Map<String, String> setters;
    private final Map<String, ImageRef> setterImages;

    private ImageUpdater(String namespace, Map<String, ImageRef> policies) {
        this.namespace = namespace;
        this.policies = Collections.unmodifiableMap(new TreeMap<>(policies));
        Map<String, String> s = new LinkedHashMap<>();
        Map<String, ImageRef> img = new LinkedHashMap<>();
        for (Map.Entry<String, ImageRef> e : this.policies.entrySet()) {
            String base = namespace + ":" + e.getKey();
            ImageRef r = e.getValue();
            s.put(base, r.toString());
            s.put(base + ":tag", r.tag());
            s.put(base + ":name", r.name());
            s.put(base + ":digest", r.digest());
            for (String k : List.of(base, base + ":tag", base + ":name", base + ":digest")) {
                img.put(k, r);
            }
        }
        this.setters = Collections.unmodifiableMap(s);
        this.setterImages = Collections.unmodifiableMap(img);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The automation's namespace. */
    public String namespace() {
        return namespace;
    }

    /** The latest image of each policy, by policy name. */
    public Map<String, ImageRef> policies() {
        return policies;
    }

    /** Whether a file name is one Flux considers ({@code *.yaml}, {@code *.yml}, {@code Kustomization}). */
    public static boolean isCandidate(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        String ext = dot < 0 ? "" : base.substring(dot);
        return ext.equals(".yaml") || ext.equals(".yml") || base.equals("Kustomization");
    }

    /** Applies the setters to every file of the tree, writing the changed ones. */
    public UpdateResult update(ManifestFiles files) {
        Objects.requireNonNull(files, "files");
        byte[] token = SetterRewriter.TOKEN.getBytes(StandardCharsets.UTF_8);
        List<UpdateResult.FileChange> changed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String path : files.list()) {
            if (!isCandidate(path)) {
                continue;
            }
            byte[] bytes = files.read(path);
            if (!contains(bytes, token)) {
                continue;
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                LOG.warn("{}: not UTF-8, skipped", path);
                problems.add(path);
                continue;
            }
            SetterRewriter.Outcome out;
            try {
                out = SetterRewriter.rewrite(text, setters);
            } catch (RuntimeException e) {
                LOG.warn("{}: does not parse as YAML, skipped: {}", path,
                        String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                problems.add(path);
                continue;
            }
            if (out.edits().isEmpty()) {
                continue;
            }
            List<UpdateResult.Change> changes = new ArrayList<>();
            for (SetterRewriter.Edit e : out.edits()) {
                changes.add(new UpdateResult.Change(new ObjectRef(e.apiVersion(), e.kind(), e.namespace(), e.name()),
                        e.setter(), e.oldValue(), e.newValue(), setterImages.get(e.setter()), e.line()));
                LOG.debug("{}:{} setter {}: {} -> {}", path, e.line(), e.setter(), e.oldValue(), e.newValue());
            }
            files.write(path, out.text().getBytes(StandardCharsets.UTF_8));
            changed.add(new UpdateResult.FileChange(path, changes));
        }
        return new UpdateResult(changed, problems);
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Builds an {@link ImageUpdater}. */
    public static final class Builder {
        private String namespace;
        private final Map<String, ImageRef> policies = new LinkedHashMap<>();

        private Builder() {}

        /** The automation's namespace (required): only markers {@code NAMESPACE:policy…} are set. */
        public Builder namespace(String ns) {
            Objects.requireNonNull(ns, "namespace");
            if (ns.isEmpty() || ns.contains(":")) {
                throw new InvalidInputException("invalid namespace \"" + ns + "\"");
            }
            this.namespace = ns;
            return this;
        }

        /** The latest image of an ImagePolicy of that namespace. */
        public Builder policy(String name, ImageRef latest) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(latest, "latest");
            if (name.isEmpty() || name.contains(":")) {
                throw new InvalidInputException("invalid policy name \"" + name + "\"");
            }
            policies.put(name, latest);
            return this;
        }

        /** The updater. */
        public ImageUpdater build() {
            if (namespace == null) {
                throw new IllegalStateException("an ImageUpdater needs a namespace");
            }
            return new ImageUpdater(namespace, policies);
        }
    }
}
