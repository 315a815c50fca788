package dev.gitops.api.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.error.Origin;
import dev.gitops.api.error.YamlException;
import dev.gitops.api.yaml.internal.GoYamlEmitter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The library's one YAML reader and writer. Reads like the Go tools our users compare against (go-yaml v3: what
 * kustomize and Helm read with) and writes what {@code kustomize build} and Helm's {@code toYaml} print
 * ({@code sigs.k8s.io/yaml}: go-yaml v2 after a JSON round trip).
 *
 * <h2>Reading</h2>
 * Multi-document streams; each document becomes a Jackson tree plus a {@link SourceMap}. Plain scalars are typed as
 * go-yaml v3 types them: {@code yes}, {@code no}, {@code on}, {@code off}, {@code y}, {@code n} stay strings;
 * timestamps stay strings; {@code 0755} is the octal integer 493, {@code 0o17} and {@code 0x1F} are integers,
 * {@code .inf} and {@code .nan} are floats; integers above {@code 2^63-1} up to {@code 2^64-1} are kept exactly.
 * Anchors and aliases are expanded (with a limit against alias bombs), {@code <<} merge keys are applied, duplicate
 * keys are rejected. Every error names the file, line and field path.
 *
 * <h2>Writing</h2>
 * Keys sorted (go-yaml v2's order), 2-space indent, sequences not indented under their key, strings quoted when YAML
 * 1.1 would read them as another type, multi-line strings as literal blocks, long lines folded at column 80,
 * documents separated by {@code ---}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Yaml {

    private static final Yaml DEFAULTS = builder().build();

    private final int maxAliasNodes;
    private final int maxDepth;
    private final boolean lastDuplicateKeyWins;
    private final boolean yamlToJson;

    private Yaml(Builder b) {
        this.maxAliasNodes = b.maxAliasNodes;
        this.maxDepth = b.maxDepth;
        this.lastDuplicateKeyWins = b.lastDuplicateKeyWins;
        this.yamlToJson = b.yamlToJson;
    }

    /** The reader and writer with default limits. */
    public static Yaml defaults() {
        return DEFAULTS;
    }

    /** A builder for non-default limits. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads every document of a stream. Empty documents are returned as {@code NullNode} contents. */
    public List<YamlDocument> readAll(String content, String file) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(file, "file");
        // the block-style subset manifests are written in is read directly; anything else (and every error) by
        // SnakeYAML: both give the same documents for what the fast reader accepts
        List<YamlDocument> fast = BlockYamlReader.read(content, file, maxDepth, lastDuplicateKeyWins, yamlToJson);
        return fast != null ? fast
                : new YamlComposer(content, file, maxAliasNodes, maxDepth, lastDuplicateKeyWins, yamlToJson).readAll();
    }

    /** Reads every document of a UTF-8 stream (a leading byte-order mark is skipped). */
    public List<YamlDocument> readAll(byte[] content, String file) {
        return readAll(decodeUtf8(content, file), file);
    }

    /** Reads every non-empty document's content. */
    public List<JsonNode> readValues(String content, String file) {
        List<JsonNode> out = new ArrayList<>();
        for (YamlDocument d : readAll(content, file)) {
            if (!d.isEmpty()) {
                out.add(d.content());
            }
        }
        return out;
    }

    /**
     * Reads a stream that must hold exactly one document (comments-only or empty streams read as
     * {@code NullNode}).
     */
    public YamlDocument readOne(String content, String file) {
        List<YamlDocument> docs = readAll(content, file);
        List<YamlDocument> nonEmpty = new ArrayList<>();
        for (YamlDocument d : docs) {
            if (!d.isEmpty()) {
                nonEmpty.add(d);
            }
        }
        if (nonEmpty.size() > 1) {
            throw new YamlException(nonEmpty.get(1).origin(), "expected one YAML document, found " + nonEmpty.size());
        }
        if (nonEmpty.isEmpty()) {
            return docs.isEmpty()
                    ? new YamlDocument(com.fasterxml.jackson.databind.node.NullNode.getInstance(), 0,
                            SourceMap.empty())
                    : docs.get(0);
        }
        return nonEmpty.get(0);
    }

    /** Writes one value as a YAML document (no {@code ---}), ending with a newline. */
    public String write(JsonNode value) {
        StringBuilder sb = new StringBuilder(256);
        new GoYamlEmitter(sb).document(value);
        return sb.toString();
    }

    /** Writes values as a multi-document stream, separated by {@code ---} lines, as kustomize prints them. */
    public String writeAll(List<? extends JsonNode> values) {
        StringBuilder sb = new StringBuilder(256 * Math.max(1, values.size()));
        GoYamlEmitter emitter = new GoYamlEmitter(sb);
        boolean first = true;
        for (JsonNode v : values) {
            if (!first) {
                sb.append("---\n");
            }
            first = false;
            emitter.document(v);
        }
        return sb.toString();
    }

    private static String decodeUtf8(byte[] content, String file) {
        int off = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        // the JDK's own decoding is much faster than a decoder; it replaces malformed input with U+FFFD, so a text
        // without one was valid UTF-8 and reads the same as below
        String lenient = new String(content, off, content.length - off, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return lenient;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(content, off, content.length - off))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new YamlException(Origin.of(file), "invalid YAML: the file is not valid UTF-8", e);
        }
    }

    /** Builds a {@link Yaml} with non-default limits. */
    public static final class Builder {
        private int maxAliasNodes = 1_000_000;
        private int maxDepth = 10_000;
        private boolean lastDuplicateKeyWins;
        private boolean yamlToJson;

        private Builder() {}

        /**
         * Type plain scalars as {@code sigs.k8s.io/yaml.YAMLToJSON} followed by a JSON decode does (what Flux's
         * postBuild substitution and the Kubernetes API machinery read YAML with): go-yaml v2's YAML 1.1 rules, so
         * {@code yes}/{@code on}/{@code y} are {@code true} and {@code no}/{@code off}/{@code n} are {@code false};
         * numbers as go-yaml reads them ({@code 0755} is octal 493, {@code 0x1F} is 31), and then through JSON:
         * a float with an integral value becomes an integer ({@code 1.0} is {@code 1}), {@code .inf} and
         * {@code .nan} fail ("json: unsupported value"), plain keys that read as booleans or integers become their
         * JSON text ({@code yes:} is {@code "true"}, {@code 010:} is {@code "8"}). Quoted scalars stay strings,
         * timestamps stay strings, and duplicate keys should be combined with {@link #lastDuplicateKeyWins}.
         * The default is go-yaml v3's typing.
         */
        public Builder yamlToJsonTyping(boolean value) {
            this.yamlToJson = value;
            return this;
        }

        /**
         * Accept duplicate mapping keys, the last one winning (as {@code sigs.k8s.io/yaml}, which kustomize reads
         * kustomization files with, does). The default rejects them, as go-yaml v3 does.
         */
        public Builder lastDuplicateKeyWins(boolean value) {
            this.lastDuplicateKeyWins = value;
            return this;
        }

        /** How many nodes aliases may expand to in one document before reading fails (default 1,000,000). */
        public Builder maxAliasNodes(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxAliasNodes must be >= 0");
            }
            this.maxAliasNodes = value;
            return this;
        }

        /** How deeply collections may nest (default 10,000). */
        public Builder maxDepth(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxDepth must be >= 1");
            }
            this.maxDepth = value;
            return this;
        }

        /** The configured reader and writer. */
        public Yaml build() {
            return new Yaml(this);
        }
    }
}
