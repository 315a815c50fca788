package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gitops.api.yaml.Yaml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * The scalar rules of kustomize's object model (kyaml nodes, printed after a JSON round trip), applied to documents
 * the shared reader has typed:
 * <ul>
 *   <li>a plain scalar go-yaml v3 reads as a timestamp becomes Go's RFC 3339 text ({@code 2021-01-01} prints as
 *       {@code "2021-01-01T00:00:00Z"}), anywhere except in annotations; quoted ones stay as written;</li>
 *   <li>annotation values keep the text they were written with ({@code a: 1.10} prints as {@code "1.10"}, kustomize
 *       reads annotations as node text), until a JSON 6902 patch round-trips the object through JSON, after
 *       which they print as that JSON value's text ({@code "1.1"}); see {@link #roundTripAnnotations(Res)}.</li>
 * </ul>
 * Labels keep their YAML types, as in kustomize. The source is only scanned a second time when a document holds a
 * candidate (a string that parses as a timestamp, or a non-string annotation value).
 */
final class KyamlScalars {

    private KyamlScalars() {}

    /**
     * A plain timestamp: prints as Go's RFC 3339 text, but remembers the text it was written with, which is what
     * kustomize sees when it reads the node as text (an annotation value copied from it keeps {@code 2021-01-01}).
     * A value node, so copies share it; a JSON round trip turns it into a plain string.
     */
    static final class TimeNode extends TextNode {
        private static final long serialVersionUID = 1L;
        final String raw;

        TimeNode(String rfc3339, String raw) {
            super(rfc3339);
            this.raw = raw;
        }
    }

    /**
     * Annotations written as plain non-string scalars, per resource of a document (by the JSON pointer prefix of the
     * resource: {@code ""}, or {@code /items/3} inside a List): annotation key to {raw text, text after a JSON round
     * trip}.
     */
    static final class Records {
        static final Records NONE = new Records();
        final Map<String, Map<String, String[]>> byPrefix = new HashMap<>();

        Map<String, String[]> forPrefix(String prefix) {
            Map<String, String[]> m = byPrefix.get(prefix);
            return m == null ? Map.of() : m;
        }
    }

    /** Normalizes the documents (in place) and returns their annotation records, one per document. */
    static List<Records> normalize(List<JsonNode> docs, Supplier<String> text, String file) {
        boolean needed = false;
        for (JsonNode d : docs) {
            if (hasCandidate(d)) {
                needed = true;
                break;
            }
        }
        List<Records> out = new ArrayList<>(docs.size());
        if (!needed) {
            for (int i = 0; i < docs.size(); i++) {
                out.add(Records.NONE);
            }
            return out;
        }
        List<Map<String, ScalarEvent>> scalars = scan(text.get(), file);
        for (int i = 0; i < docs.size(); i++) {
            Records r = new Records();
            if (i < scalars.size() && docs.get(i).isContainerNode()) {
                apply(docs.get(i), scalars.get(i), r);
            }
            out.add(r);
        }
        return out;
    }

    private static boolean hasCandidate(JsonNode n) {
        if (n.isTextual()) {
            return GoTime.candidate(n.textValue()) && GoTime.rfc3339(n.textValue()) != null;
        }
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (GoTime.candidate(e.getKey())) {
                    return true;
                }
                if (e.getKey().equals("metadata") && v.get("annotations") instanceof ObjectNode a) {
                    for (JsonNode av : a) {
                        if (!av.isTextual() && av.isValueNode()) {
                            return true;
                        }
                    }
                }
                if (hasCandidate(v)) {
                    return true;
                }
            }
        } else if (n.isArray()) {
            for (JsonNode v : n) {
                if (hasCandidate(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ scan

    private static final String TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp";

    /** Per document: the scalar events of the stream by JSON pointer (aliases and complex keys skipped). */
    private static List<Map<String, ScalarEvent>> scan(String text, String file) {
        LoaderOptions opts = new LoaderOptions();
        opts.setCodePointLimit(Integer.MAX_VALUE);
        opts.setProcessComments(false);
        opts.setAllowDuplicateKeys(true);
        Parser p = new ParserImpl(new StreamReader(text), opts);
        List<Map<String, ScalarEvent>> docs = new ArrayList<>();
        p.getEvent(); // StreamStart
        while (!p.checkEvent(Event.ID.StreamEnd)) {
            p.getEvent(); // DocumentStart
            Map<String, ScalarEvent> m = new LinkedHashMap<>();
            node(p, "", m, file);
            p.getEvent(); // DocumentEnd
            docs.add(m);
        }
        return docs;
    }

    private static void node(Parser p, String pointer, Map<String, ScalarEvent> out, String file) {
        Event e = p.getEvent();
        if (e instanceof ScalarEvent s) {
            out.put(pointer, s);
        } else if (e.is(Event.ID.MappingStart)) {
            while (!p.checkEvent(Event.ID.MappingEnd)) {
                Event k = p.peekEvent();
                if (k instanceof ScalarEvent ks) {
                    p.getEvent();
                    if (ks.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN && ks.getTag() == null
                            && GoTime.rfc3339(ks.getValue()) != null) {
                        // go-yaml decodes the key as a time.Time: the map cannot be converted to JSON
                        throw new BuildError(file + ":" + (ks.getStartMark().getLine() + 1) + ": the key "
                                + ks.getValue() + " at " + (pointer.isEmpty() ? "/" : pointer) + " is a YAML"
                                + " timestamp, not a string (quote it): json: unsupported type:"
                                + " map[interface {}]interface {}");
                    }
                    node(p, pointer + "/" + ks.getValue().replace("~", "~0").replace("/", "~1"), out, file);
                } else {
                    skip(p); // a complex or aliased key
                    skip(p);
                }
            }
            p.getEvent();
        } else if (e.is(Event.ID.SequenceStart)) {
            int i = 0;
            while (!p.checkEvent(Event.ID.SequenceEnd)) {
                node(p, pointer + "/" + i++, out, file);
            }
            p.getEvent();
        }
    }

    private static void skip(Parser p) {
        Event e = p.getEvent();
        if (e.is(Event.ID.MappingStart) || e.is(Event.ID.SequenceStart)) {
            int depth = 1;
            while (depth > 0) {
                Event x = p.getEvent();
                if (x.is(Event.ID.MappingStart) || x.is(Event.ID.SequenceStart)) {
                    depth++;
                } else if (x.is(Event.ID.MappingEnd) || x.is(Event.ID.SequenceEnd)) {
                    depth--;
                }
            }
        }
    }

    // ------------------------------------------------------------------ apply

    private static void apply(JsonNode root, Map<String, ScalarEvent> scalars, Records records) {
        for (Map.Entry<String, ScalarEvent> e : scalars.entrySet()) {
            String pointer = e.getKey();
            ScalarEvent s = e.getValue();
            int slash = pointer.lastIndexOf('/');
            if (slash < 0) {
                continue;
            }
            String parentPointer = pointer.substring(0, slash);
            String token = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
            JsonNode parent = root.at(parentPointer);
            JsonNode current = parent.isObject() ? parent.get(token)
                    : parent.isArray() && isIndex(token) ? parent.get(Integer.parseInt(token)) : null;
            if (current == null || !current.isValueNode()) {
                continue;
            }
            boolean plain = s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                    && (s.getTag() == null || TIMESTAMP_TAG.equals(s.getTag()));
            boolean timestampTagged = TIMESTAMP_TAG.equals(s.getTag());
            String raw = s.getValue();
            String time = plain || timestampTagged ? GoTime.rfc3339(raw) : null;
            if (parentPointer.endsWith("/metadata/annotations") && parent.isObject()
                    && isResourceRoot(parentPointer.substring(0, parentPointer.length() - 21))) {
                // kustomize reads annotations as node text
                String afterRoundTrip = time != null ? time
                        : current.isTextual() ? current.textValue() : goText(current);
                if (!current.isTextual() || !current.textValue().equals(raw)) {
                    ((ObjectNode) parent).put(token, raw);
                }
                if (!afterRoundTrip.equals(raw)) {
                    String prefix = parentPointer.substring(0, parentPointer.length() - 21);
                    records.byPrefix.computeIfAbsent(prefix, k -> new HashMap<>())
                            .put(token, new String[] {raw, afterRoundTrip});
                }
                continue;
            }
            if (time != null && current.isTextual()) {
                if (parent instanceof ObjectNode o) {
                    o.set(token, new TimeNode(time, raw));
                } else {
                    ((ArrayNode) parent).set(Integer.parseInt(token), new TimeNode(time, raw));
                }
            }
        }
    }

    /** {@code ""} or a chain of {@code /items/N}: where a resource (or a List item) starts. */
    private static boolean isResourceRoot(String prefix) {
        return prefix.isEmpty() || prefix.matches("(/items/\\d+)+");
    }

    private static boolean isIndex(String t) {
        if (t.isEmpty() || t.length() > 9) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (!Character.isDigit(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The text Go code reading a node decoded from JSON sees: how sigs.k8s.io/yaml prints the scalar. */
    static String goText(JsonNode scalar) {
        if (scalar.isTextual()) {
            return scalar.textValue();
        }
        return Yaml.defaults().write(scalar).strip();
    }

    // ------------------------------------------------------------------ round trips

    /**
     * A JSON 6902 patch round-trips the patched object through JSON in kustomize: annotations that still hold the
     * text of a plain non-string scalar become that value's JSON text ({@code 1.10} becomes {@code "1.1"}). So does
     * the expansion of a List's items.
     */
    static void roundTripAnnotations(Res target) {
        if (target.plainAnnotations.isEmpty()) {
            return;
        }
        Map<String, String[]> all = target.plainAnnotations;
        target.plainAnnotations = Map.of();
        if (target.node == null || !(target.node.path("metadata").get("annotations") instanceof ObjectNode a)) {
            return;
        }
        for (Map.Entry<String, String[]> e : all.entrySet()) {
            JsonNode v = a.get(e.getKey());
            if (v != null && v.isTextual() && v.textValue().equals(e.getValue()[0])) {
                a.put(e.getKey(), e.getValue()[1]);
            }
        }
    }

    private static final double EXACT = 9007199254740992d; // 2^53

    /**
     * kyaml's JSON 6902 filter (and the expansion of List items) decodes JSON with Go's encoding/json, so every
     * number becomes a float64: integers beyond 2^53 lose precision and print as Go prints that float
     * ({@code 12345678901234567890} becomes {@code 12345678901234567000}); timestamps become plain strings.
     */
    static void jsonNumbers(JsonNode n) {
        if (n instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isContainerNode()) {
                    jsonNumbers(v);
                } else if (inexact(v)) {
                    e.setValue(asFloat64(v));
                } else if (v instanceof TimeNode t) {
                    e.setValue(TextNode.valueOf(t.textValue()));
                }
            }
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (v.isContainerNode()) {
                    jsonNumbers(v);
                } else if (inexact(v)) {
                    a.set(i, asFloat64(v));
                } else if (v instanceof TimeNode t) {
                    a.set(i, TextNode.valueOf(t.textValue()));
                }
            }
        }
    }

    private static boolean inexact(JsonNode v) {
        return v.isIntegralNumber() && (v.isBigInteger() || Math.abs(v.longValue()) > EXACT);
    }

    private static JsonNode asFloat64(JsonNode v) {
        double d = v.doubleValue();
        if (Math.abs(d) < 1e21) {
            // encoding/json prints the shortest decimal that reads back as d, padded with zeros
            return com.fasterxml.jackson.databind.node.BigIntegerNode.valueOf(
                    new java.math.BigDecimal(Double.toString(d)).toBigInteger());
        }
        return com.fasterxml.jackson.databind.node.DoubleNode.valueOf(d);
    }

    /** A strategic merge patch merges nodes (no JSON): the patch's plain annotations join the target's. */
    static void carryAnnotations(Res target, Res patch) {
        target.mayHoldInfinity |= patch.mayHoldInfinity;
        if (patch.plainAnnotations.isEmpty()) {
            return;
        }
        Map<String, String[]> all = new HashMap<>(target.plainAnnotations);
        all.putAll(patch.plainAnnotations);
        target.plainAnnotations = all;
    }

    private static final java.util.Set<String> YAML11_BOOLS = java.util.Set.of("y", "Y", "yes", "Yes", "YES", "n",
            "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off",
            "OFF");

    /**
     * sigs.k8s.io/yaml (which reads kustomization files) types plain scalars as YAML 1.1 does: {@code yes},
     * {@code on}, {@code y} ... are booleans. Turns those (read as strings by go-yaml v3 rules) into booleans.
     */
    static void yaml11Booleans(JsonNode doc, Supplier<String> text) {
        if (!hasYaml11Bool(doc)) {
            return;
        }
        List<Map<String, ScalarEvent>> docs = scan(text.get(), "kustomization");
        if (docs.isEmpty()) {
            return;
        }
        for (Map.Entry<String, ScalarEvent> e : docs.get(docs.size() == 1 ? 0 : firstNonEmpty(docs)).entrySet()) {
            ScalarEvent s = e.getValue();
            if (s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN || s.getTag() != null
                    || !YAML11_BOOLS.contains(s.getValue())) {
                continue;
            }
            String pointer = e.getKey();
            int slash = pointer.lastIndexOf('/');
            if (slash < 0) {
                continue;
            }
            JsonNode parent = doc.at(pointer.substring(0, slash));
            String token = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
            boolean value = s.getValue().matches("(?i)y|yes|true|on");
            if (parent instanceof ObjectNode o && o.get(token) != null && o.get(token).isTextual()) {
                o.put(token, value);
            } else if (parent instanceof ArrayNode a && isIndex(token) && Integer.parseInt(token) < a.size()
                    && a.get(Integer.parseInt(token)).isTextual()) {
                a.set(Integer.parseInt(token), com.fasterxml.jackson.databind.node.BooleanNode.valueOf(value));
            }
        }
    }

    private static int firstNonEmpty(List<Map<String, ScalarEvent>> docs) {
        for (int i = 0; i < docs.size(); i++) {
            if (!docs.get(i).isEmpty()) {
                return i;
            }
        }
        return 0;
    }

    private static boolean hasYaml11Bool(JsonNode n) {
        if (n.isTextual()) {
            return YAML11_BOOLS.contains(n.textValue());
        }
        for (JsonNode c : n) {
            if (hasYaml11Bool(c)) {
                return true;
            }
        }
        return false;
    }

    /** A cheap textual pre-check for YAML's {@code .inf} and {@code .nan} (any case). */
    static boolean mayHoldInfinity(CharSequence text) {
        for (int i = 0, n = text.length() - 3; i < n; i++) {
            if (text.charAt(i) == '.') {
                char c = (char) (text.charAt(i + 1) | 0x20);
                char d = (char) (text.charAt(i + 2) | 0x20);
                char e = (char) (text.charAt(i + 3) | 0x20);
                if (c == 'i' && d == 'n' && e == 'f' || c == 'n' && d == 'a' && e == 'n') {
                    return true;
                }
            }
        }
        return false;
    }

    /** kustomize prints objects through JSON, which has no infinities or NaN: such a value fails the build. */
    static void requireJsonNumbers(JsonNode n, String pointer, Res r) {
        if (n.isContainerNode()) {
            if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    requireJsonNumbers(e.getValue(), pointer + "/" + e.getKey(), r);
                }
            } else {
                for (int i = 0; i < n.size(); i++) {
                    requireJsonNumbers(n.get(i), pointer + "/" + i, r);
                }
            }
        } else if (n.isFloatingPointNumber() && !Double.isFinite(n.doubleValue())) {
            double d = n.doubleValue();
            throw new BuildError(r.curId() + " (" + r.file + ") " + pointer + ": json: unsupported value: "
                    + (Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf"));
        }
    }

    /** kustomize prints every annotation value as a string: values set as other types print as their JSON text. */
    static void stringifyAnnotations(ObjectNode resource) {
        if (!(resource.path("metadata").get("annotations") instanceof ObjectNode a)) {
            return;
        }
        List<String> keys = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue() instanceof TimeNode
                    || e.getValue().isValueNode() && !e.getValue().isTextual() && !e.getValue().isNull()) {
                if (keys == null) {
                    keys = new ArrayList<>();
                }
                keys.add(e.getKey());
            }
        }
        if (keys != null) {
            for (String k : keys) {
                a.put(k, a.get(k) instanceof TimeNode t ? t.raw : goText(a.get(k)));
            }
        }
    }
}
