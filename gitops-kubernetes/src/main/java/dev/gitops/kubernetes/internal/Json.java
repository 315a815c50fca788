package dev.gitops.kubernetes.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.json.GoJson;

/** Conversions between client-java's Gson trees and the library's Jackson trees. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** A Jackson copy of a Gson object. */
    public static ObjectNode toJackson(JsonObject o) {
        try {
            return (ObjectNode) MAPPER.readTree(o.toString());
        } catch (JsonProcessingException e) {
            throw new GitOpsException("unreadable API response", e);
        }
    }

    /** A Gson copy of a Jackson object. */
    public static JsonObject toGson(ObjectNode o) {
        return JsonParser.parseString(o.toString()).getAsJsonObject();
    }

    /**
     * The object as JSON text (valid YAML, hence a valid apply patch body), byte for byte what kubectl sends:
     * Go's {@code json.Marshal} of the unstructured object (sorted keys, Go string escaping).
     */
    public static String write(ObjectNode o) {
        return GoJson.standard().marshal(o);
    }
}
