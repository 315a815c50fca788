package dev.gitops.api.json.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads JSON into the same Jackson trees {@code ObjectMapper.readTree} makes (ints as IntNode/LongNode/BigIntegerNode,
 * floats as DoubleNode, the last of duplicate keys wins), on jackson-core's streaming parser alone: for data files
 * read at start-up, where creating an ObjectMapper (its date formats, locale data and serializer caches) costs more
 * than the reading.
 */
public final class JsonTrees {

    private JsonTrees() {}

    /** Reads one JSON value; trailing content after it is an error. */
    public static JsonNode read(InputStream in) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return JsonNodeFactory.instance.missingNode();
            }
            JsonNode n = value(p, t);
            if (p.nextToken() != null) {
                throw new IOException("trailing content after the JSON value at line " + p.currentLocation().getLineNr());
            }
            return n;
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = f.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = f.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(value(p, e));
                }
                return a;
            }
            case VALUE_STRING:
                return f.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return f.numberNode(p.getIntValue());
                    case LONG:
                        return f.numberNode(p.getLongValue());
                    default:
                        return f.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return f.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return f.booleanNode(true);
            case VALUE_FALSE:
                return f.booleanNode(false);
            case VALUE_NULL:
                return f.nullNode();
            default:
                throw new IOException("unexpected JSON token " + t + " at line " + p.currentLocation().getLineNr());
        }
    }
}
