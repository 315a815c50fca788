package dev.gitops.api.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.error.Origin;
import dev.gitops.api.error.YamlException;
import dev.gitops.api.yaml.internal.QuotedText;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Builds Jackson trees from SnakeYAML's event stream with go-yaml v3's typing rules. One instance per stream.
 */
final class YamlComposer {

    private static final String TAG_PREFIX = "tag:yaml.org,2002:";

    private final JsonNodeFactory f = JsonNodeFactory.instance;
    private final String file;
    private final Parser parser;
    private final int maxAliasNodes;
    private final int maxDepth;
    private final Map<String, Anchored> anchors = new HashMap<>();
    private long aliasNodes;

    private record Anchored(JsonNode node, SourceMap.Node pos, long size) {}

    private final boolean lastDuplicateKeyWins;
    private final boolean yamlToJson;

    YamlComposer(String content, String file, int maxAliasNodes, int maxDepth) {
        this(content, file, maxAliasNodes, maxDepth, false);
    }

    YamlComposer(String content, String file, int maxAliasNodes, int maxDepth, boolean lastDuplicateKeyWins) {
        this(content, file, maxAliasNodes, maxDepth, lastDuplicateKeyWins, false);
    }

    YamlComposer(String content, String file, int maxAliasNodes, int maxDepth, boolean lastDuplicateKeyWins,
            boolean yamlToJson) {
        this.yamlToJson = yamlToJson;
        this.lastDuplicateKeyWins = lastDuplicateKeyWins;
        this.file = file;
        LoaderOptions opts = new LoaderOptions();
        opts.setCodePointLimit(Integer.MAX_VALUE);
        opts.setProcessComments(false);
        opts.setAllowDuplicateKeys(true);
        this.parser = new ParserImpl(new StreamReader(content), opts);
        this.maxAliasNodes = maxAliasNodes;
        this.maxDepth = maxDepth;
    }

    List<YamlDocument> readAll() {
        List<YamlDocument> docs = new ArrayList<>();
        try {
            expect(Event.ID.StreamStart);
            while (!parser.checkEvent(Event.ID.StreamEnd)) {
                Event start = parser.getEvent(); // DocumentStart
                anchors.clear();
                SourceMap.Node[] pos = new SourceMap.Node[1];
                JsonNode root;
                if (parser.checkEvent(Event.ID.DocumentEnd)) {
                    root = f.nullNode();
                    pos[0] = new SourceMap.Node(line(start.getStartMark()), 1);
                } else {
                    root = node(null, pos, 0);
                }
                expect(Event.ID.DocumentEnd);
                docs.add(new YamlDocument(root, docs.size(), SourceMap.of(file, pos[0])));
            }
            expect(Event.ID.StreamEnd);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String ctx = e.getContext() != null ? e.getContext() + ": " : "";
            Origin o = m == null ? Origin.of(file) : Origin.of(file, m.getLine() + 1, m.getColumn() + 1);
            throw new YamlException(o, "invalid YAML: " + ctx + problem.trim(), e);
        } catch (YAMLException e) {
            throw new YamlException(Origin.of(file), "invalid YAML: " + e.getMessage(), e);
        }
        return docs;
    }

    private void expect(Event.ID id) {
        Event e = parser.getEvent();
        if (!e.is(id)) {
            throw new YamlException(origin(e.getStartMark(), null), "invalid YAML: unexpected " + e.getEventId());
        }
    }

    private static int line(Mark m) {
        return m == null ? 0 : m.getLine() + 1;
    }

    private Origin origin(Mark m, Ptr ptr) {
        String pointer = Ptr.of(ptr);
        return m == null
                ? Origin.of(file).withPointer(pointer)
                : new Origin(file, m.getLine() + 1, m.getColumn() + 1, pointer);
    }

    private JsonNode node(Ptr pointer, SourceMap.Node[] posOut, int depth) {
        if (depth > maxDepth) {
            Event e = parser.peekEvent();
            throw new YamlException(origin(e.getStartMark(), pointer), "document nested deeper than " + maxDepth);
        }
        Event e = parser.getEvent();
        Mark m = e.getStartMark();
        SourceMap.Node pos = new SourceMap.Node(m.getLine() + 1, m.getColumn() + 1);
        posOut[0] = pos;
        JsonNode result;
        String anchor = null;
        if (e instanceof AliasEvent alias) {
            Anchored a = anchors.get(alias.getAnchor());
            if (a == null) {
                throw new YamlException(origin(m, pointer), "unknown anchor '" + alias.getAnchor() + "' referenced");
            }
            aliasNodes += a.size;
            if (aliasNodes > maxAliasNodes) {
                throw new YamlException(origin(m, pointer), "document contains excessive aliasing (more than "
                        + maxAliasNodes + " nodes expanded from aliases)");
            }
            posOut[0] = a.pos;
            return a.node.deepCopy();
        } else if (e instanceof ScalarEvent s) {
            anchor = s.getAnchor();
            result = scalar(s, pointer);
        } else if (e.is(Event.ID.MappingStart)) {
            anchor = ((NodeEvent) e).getAnchor();
            result = mapping((CollectionStartEvent) e, pointer, pos, depth);
        } else if (e.is(Event.ID.SequenceStart)) {
            anchor = ((NodeEvent) e).getAnchor();
            ArrayNode arr = f.arrayNode();
            int i = 0;
            while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                String index = Integer.toString(i);
                SourceMap.Node[] child = new SourceMap.Node[1];
                arr.add(node(new Ptr(pointer, index), child, depth + 1));
                pos.put(index, child[0]);
                i++;
            }
            parser.getEvent();
            result = arr;
        } else {
            throw new YamlException(origin(m, pointer), "invalid YAML: unexpected " + e.getEventId());
        }
        if (anchor != null) {
            anchors.put(anchor, new Anchored(result, pos, countNodes(result)));
        }
        return result;
    }

    private static long countNodes(JsonNode n) {
        long c = 1;
        if (n.isContainerNode()) {
            for (JsonNode child : n) {
                c += countNodes(child);
            }
        }
        return c;
    }

    private ObjectNode mapping(CollectionStartEvent start, Ptr pointer, SourceMap.Node pos, int depth) {
        ObjectNode obj = f.objectNode();
        Map<String, Integer> keyLines = new HashMap<>();
        List<JsonNode> merges = null;
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            Event keyEvent = parser.peekEvent();
            Mark km = keyEvent.getStartMark();
            String key;
            boolean merge = false;
            if (keyEvent instanceof ScalarEvent ks) {
                parser.getEvent();
                key = ks.getValue();
                if (ks.getAnchor() != null) {
                    anchors.put(ks.getAnchor(), new Anchored(f.textNode(key), new SourceMap.Node(line(km), 1), 1));
                }
                boolean plain = ks.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
                String tag = ks.getTag();
                merge = plain && key.equals("<<") && (tag == null || ks.getImplicit().canOmitTagInPlainScalar());
                if (yamlToJson && plain && tag == null && !merge) {
                    key = YamlScalarTyping.jsonKey(key);
                }
            } else if (keyEvent instanceof AliasEvent ak) {
                parser.getEvent();
                Anchored a = anchors.get(ak.getAnchor());
                if (a == null) {
                    throw new YamlException(origin(km, pointer), "unknown anchor '" + ak.getAnchor() + "' referenced");
                }
                if (a.node.isContainerNode()) {
                    throw new YamlException(origin(km, pointer), "invalid map key: a collection");
                }
                key = a.node.asText();
            } else {
                throw new YamlException(origin(km, pointer),
                        "invalid map key: collections cannot be keys (kustomize and Kubernetes need string keys)");
            }
            Ptr childPointer = new Ptr(pointer, key);
            SourceMap.Node[] child = new SourceMap.Node[1];
            JsonNode value = node(childPointer, child, depth + 1);
            if (merge) {
                if (merges == null) {
                    merges = new ArrayList<>();
                }
                if (value.isObject()) {
                    merges.add(value);
                } else if (value.isArray()) {
                    for (JsonNode v : value) {
                        if (!v.isObject()) {
                            throw new YamlException(origin(km, pointer), "map merge requires map or sequence of maps"
                                    + " as the value");
                        }
                        merges.add(v);
                    }
                } else {
                    throw new YamlException(origin(km, pointer), "map merge requires map or sequence of maps as the"
                            + " value");
                }
                continue;
            }
            Integer prev = keyLines.putIfAbsent(key, line(km));
            if (prev != null && !lastDuplicateKeyWins) {
                throw new YamlException(origin(km, childPointer),
                        "mapping key \"" + key + "\" already defined at line " + prev);
            }
            obj.set(key, value);
            // a field is located at its key: "file:14 /spec/replicas" names the line a person looks for
            SourceMap.Node at = new SourceMap.Node(km.getLine() + 1, km.getColumn() + 1);
            at.children = child[0].children;
            pos.put(key, at);
        }
        parser.getEvent();
        if (merges != null) {
            // explicit keys win; among merged maps the earlier one wins
            Map<String, JsonNode> merged = new LinkedHashMap<>();
            for (JsonNode m : merges) {
                for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> en = it.next();
                    merged.putIfAbsent(en.getKey(), en.getValue());
                }
            }
            for (Map.Entry<String, JsonNode> en : merged.entrySet()) {
                if (!obj.has(en.getKey())) {
                    obj.set(en.getKey(), en.getValue().deepCopy());
                }
            }
        }
        return obj;
    }

    private JsonNode scalar(ScalarEvent s, Ptr pointer) {
        String value = s.getValue();
        String tag = s.getTag();
        boolean plain = s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
        if (tag == null) {
            if (!plain) {
                return quoted(value);
            }
            if (yamlToJson) {
                return viaJson(value, s, pointer);
            }
            return typed(resolveV3(value));
        }
        if (tag.equals("!")) {
            return quoted(value);
        }
        String shortTag = tag.startsWith(TAG_PREFIX) ? tag.substring(TAG_PREFIX.length()) : null;
        if (shortTag == null) {
            // application tags (!Ref, !vault ...) keep their value: go-yaml reads them as plain resolution would
            return plain ? typed(resolveV3(value)) : f.textNode(value);
        }
        Origin o = origin(s.getStartMark(), pointer);
        switch (shortTag) {
            case "str":
                return quoted(value);
            case "timestamp":
                return f.textNode(value);
            case "null":
                return f.nullNode();
            case "bool": {
                Object r = resolveV3(value);
                if (r instanceof Boolean) {
                    return typed(r);
                }
                throw new YamlException(o, "cannot decode !!str `" + value + "` as a !!bool");
            }
            case "int": {
                Object r = resolveV3(value);
                if (r instanceof Long || r instanceof BigInteger) {
                    return typed(r);
                }
                throw new YamlException(o, "cannot decode !!str `" + value + "` as a !!int");
            }
            case "float": {
                Object r = resolveV3(value);
                if (r instanceof Double) {
                    return typed(r);
                }
                if (r instanceof Long l) {
                    return f.numberNode((double) l);
                }
                if (r instanceof BigInteger b) {
                    return f.numberNode(b.doubleValue());
                }
                throw new YamlException(o, "cannot decode !!str `" + value + "` as a !!float");
            }
            case "binary": {
                try {
                    byte[] bytes = Base64.getMimeDecoder().decode(value);
                    return f.textNode(new String(bytes, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException ex) {
                    throw new YamlException(o, "!!binary value contains invalid base64 data");
                }
            }
            default:
                return f.textNode(value);
        }
    }

    private static Object resolveV3(String value) {
        return YamlScalarTyping.resolveV3(value);
    }

    private static final Object NULL = YamlScalarTyping.NULL;

    private static JsonNode quoted(String value) {
        return YamlScalarTyping.quoted(value);
    }

    private static JsonNode typed(Object r) {
        return YamlScalarTyping.typed(r);
    }

    /** A plain scalar as go-yaml v2 reads it into interface{}, then encoding/json writes and reads it back. */
    private JsonNode viaJson(String value, ScalarEvent s, Ptr pointer) {
        JsonNode n = YamlScalarTyping.plain(value, true);
        if (n == null) {
            throw new YamlException(origin(s.getStartMark(), pointer), YamlScalarTyping.unsupported(value));
        }
        return n;
    }

    /**
     * A JSON pointer built only when an error needs it: the parent and the last token (a key, unescaped, or an
     * index); the root is {@code null}.
     */
    private record Ptr(Ptr parent, String token) {
        static String of(Ptr p) {
            if (p == null) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            append(sb, p);
            return sb.toString();
        }

        private static void append(StringBuilder sb, Ptr p) {
            if (p.parent != null) {
                append(sb, p.parent);
            }
            sb.append('/').append(p.token.replace("~", "~0").replace("/", "~1"));
        }
    }
}
