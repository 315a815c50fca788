package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Resolves legacy vars: $(NAME) in varReference fields becomes the referenced field's value. */
final class VarResolver {

    private VarResolver() {}

    static void resolve(Accumulator ra) {
        Map<String, JsonNode> values = new HashMap<>();
        for (Vars.Var v : ra.vars) {
            JsonNode value = null;
            boolean found = false;
            for (Res r : ra.resMap.list()) {
                if (r.refVarNames.contains(v.name())) {
                    value = FieldPath.get(r.node, v.fieldPath());
                    if (value == null) {
                        throw new BuildError("field specified in var '" + v + "' not found in corresponding "
                                + "resource");
                    }
                    found = true;
                    break;
                }
            }
            if (!found) {
                throw new BuildError("var '" + v + "' cannot be mapped to a field in the set of known resources");
            }
            values.put(v.name(), value);
        }
        List<FieldSpec> specs = ra.config.varReference;
        for (Res r : ra.resMap.list()) {
            Walk.applyAll(r, specs, Walk.Create.NONE, slot -> set(slot, values));
        }
    }

    private static void set(Walk.Slot slot, Map<String, JsonNode> values) {
        JsonNode n = slot.get();
        if (n == null || n.isNull()) {
            return;
        }
        if (n.isTextual()) {
            slot.set(replace(n.textValue(), values));
        } else if (n instanceof ObjectNode o) {
            List<String> keys = new java.util.ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                if (o.get(k).isTextual()) {
                    o.set(k, replace(o.get(k).textValue(), values));
                }
            }
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, replace(a.get(i).textValue(), values));
                }
            }
        }
    }

    /** kustomize's DoReplacements (Kubernetes' $(VAR) expansion; $$ escapes). */
    static JsonNode replace(String input, Map<String, JsonNode> values) {
        StringBuilder buf = new StringBuilder();
        int checkpoint = 0;
        for (int cursor = 0; cursor < input.length(); cursor++) {
            if (input.charAt(cursor) == '$' && cursor + 1 < input.length()) {
                buf.append(input, checkpoint, cursor);
                String rest = input.substring(cursor + 1);
                String read;
                boolean isVar = false;
                int advance;
                char c0 = rest.charAt(0);
                if (c0 == '$') {
                    read = "$";
                    advance = 1;
                } else if (c0 == '(') {
                    int close = rest.indexOf(')', 1);
                    if (close > 0) {
                        read = rest.substring(1, close);
                        isVar = true;
                        advance = close + 1;
                    } else {
                        read = "$(";
                        advance = 1;
                    }
                } else {
                    read = "$" + c0;
                    advance = 1;
                }
                if (isVar) {
                    JsonNode mapped = values.get(read);
                    if (input.equals("$(" + read + ")")) {
                        return mapped == null ? TextNode.valueOf(input) : mapped.deepCopy();
                    }
                    buf.append(mapped == null ? "$(" + read + ")" : Res.text(mapped));
                } else {
                    buf.append(read);
                }
                cursor += advance;
                checkpoint = cursor + 1;
            }
        }
        buf.append(input.substring(Math.min(checkpoint, input.length())));
        return TextNode.valueOf(buf.toString());
    }
}
