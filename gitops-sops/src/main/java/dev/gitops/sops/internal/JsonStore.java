package dev.gitops.sops.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gitops.api.error.Origin;
import dev.gitops.api.json.GoJson;
import dev.gitops.sops.SopsException;
import dev.gitops.sops.SopsNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The JSON store: key order and duplicates kept; integers that fit int64 are ints (sops 3.13.2). */
public final class JsonStore {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final int MAX_DEPTH = 1000;
    /** sops writes values and keys with {@code json.Marshal} (HTML escaping on), then {@code json.Indent}. */
    private static final GoJson JSON = GoJson.standard();

    private JsonStore() {}

    /** Parses a JSON object. */
    public static ParsedFile parse(byte[] content, Origin origin) {
        try (JsonParser p = FACTORY.createParser(content)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new SopsException.Malformed(origin, "JSON document must be an object");
            }
            SopsNode.Branch b = object(p, origin, "", 0);
            if (p.nextToken() != null) {
                throw new SopsException.Malformed(origin.at(p.currentLocation().getLineNr(),
                        p.currentLocation().getColumnNr()), "trailing data after the JSON object");
            }
            Optional<Object> meta = b.get("sops").map(ParsedFile::toPlain);
            return new ParsedFile(List.of(ParsedFile.without(b, "sops")), meta);
        } catch (JsonParseException e) {
            throw new SopsException.Malformed(origin.at(Math.max(0, e.getLocation().getLineNr()),
                    Math.max(0, e.getLocation().getColumnNr())), "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SopsException.Malformed(origin, "invalid JSON: " + e.getMessage());
        }
    }

    private static SopsNode.Branch object(JsonParser p, Origin origin, String ptr, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new SopsException.Malformed(origin.withPointer(ptr), "JSON nesting too deep");
        }
        List<SopsNode.Item> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            p.nextToken();
            items.add(new SopsNode.Entry(k, value(p, origin, ptr + "/" + k, depth + 1)));
        }
        if (t != JsonToken.END_OBJECT) {
            throw new SopsException.Malformed(origin.withPointer(ptr), "unterminated JSON object");
        }
        return new SopsNode.Branch(items);
    }

    private static SopsNode value(JsonParser p, Origin origin, String ptr, int depth) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new SopsException.Malformed(origin.withPointer(ptr), "unexpected end of JSON");
        }
        switch (t) {
            case START_OBJECT:
                return object(p, origin, ptr, depth);
            case START_ARRAY: {
                List<SopsNode> el = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == null) {
                        throw new SopsException.Malformed(origin.withPointer(ptr), "unterminated JSON array");
                    }
                    el.add(value(p, origin, ptr + "/" + i++, depth + 1));
                }
                return new SopsNode.Sequence(el);
            }
            case VALUE_STRING:
                return SopsNode.Str.of(p.getText());
            case VALUE_NUMBER_INT: {
                BigInteger v = p.getBigIntegerValue();
                if (v.bitLength() < 64) {
                    return new SopsNode.Int(v.longValue());
                }
                return new SopsNode.Float(Double.parseDouble(p.getText()));
            }
            case VALUE_NUMBER_FLOAT:
                return new SopsNode.Float(Double.parseDouble(p.getText()));
            case VALUE_TRUE:
                return new SopsNode.Bool(true);
            case VALUE_FALSE:
                return new SopsNode.Bool(false);
            case VALUE_NULL:
                return SopsNode.Null.INSTANCE;
            default:
                throw new SopsException.Malformed(origin.withPointer(ptr), "unexpected JSON token " + t);
        }
    }

    /** Emits with tab indentation and a final newline, like sops (Go encoding/json escaping). */
    public static byte[] emit(SopsNode.Branch b) {
        StringBuilder sb = new StringBuilder();
        value(sb, b, 0);
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder sb, SopsNode v, int indent) {
        if (v instanceof SopsNode.Branch b) {
            List<SopsNode.Entry> entries = new ArrayList<>();
            for (SopsNode.Item i : b.items()) {
                if (i instanceof SopsNode.Entry e) {
                    entries.add(e);
                }
            }
            if (entries.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            for (int i = 0; i < entries.size(); i++) {
                sb.append("\t".repeat(indent + 1));
                string(sb, entries.get(i).key());
                sb.append(": ");
                value(sb, entries.get(i).value(), indent + 1);
                sb.append(i + 1 < entries.size() ? ",\n" : "\n");
            }
            sb.append("\t".repeat(indent)).append('}');
        } else if (v instanceof SopsNode.Sequence s) {
            List<SopsNode> el = s.elements().stream().filter(e -> !(e instanceof SopsNode.Comment)).toList();
            if (el.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < el.size(); i++) {
                sb.append("\t".repeat(indent + 1));
                value(sb, el.get(i), indent + 1);
                sb.append(i + 1 < el.size() ? ",\n" : "\n");
            }
            sb.append("\t".repeat(indent)).append(']');
        } else if (v instanceof SopsNode.Str s) {
            string(sb, s.text());
        } else if (v instanceof SopsNode.Int i) {
            sb.append(i.value());
        } else if (v instanceof SopsNode.Float f) {
            if (Double.isNaN(f.value()) || Double.isInfinite(f.value())) {
                throw new SopsException.Malformed(Origin.of("<output>"), "NaN and Inf cannot be written as JSON");
            }
            sb.append(GoJson.formatFloat(f.value()));
        } else if (v instanceof SopsNode.Bool b) {
            sb.append(b.value());
        } else if (v instanceof SopsNode.Time t) {
            string(sb, GoScalars.formatTime(t.value()));
        } else if (v instanceof SopsNode.Bytes b) {
            sb.append(JSON.marshal(b.value())); // json.Marshal([]byte): base64
        } else {
            sb.append("null");
        }
    }

    private static void string(StringBuilder sb, String s) {
        JSON.quote(sb, s);
    }
}
