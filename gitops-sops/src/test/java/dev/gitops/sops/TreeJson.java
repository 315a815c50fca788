package dev.gitops.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.sops.internal.GoScalars;
import java.util.Base64;
import java.util.List;

/** The conformance suite's JSON form of a tree ({"$map": [[k, v]...]}, {"$comment": ...}, {"$float": ...}). */
final class TreeJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TreeJson() {}

    static ArrayNode of(List<SopsNode.Branch> branches) {
        ArrayNode a = F.arrayNode();
        branches.forEach(b -> a.add(of(b)));
        return a;
    }

    static JsonNode of(SopsNode n) {
        if (n instanceof SopsNode.Branch b) {
            ArrayNode items = F.arrayNode();
            for (SopsNode.Item i : b.items()) {
                if (i instanceof SopsNode.Comment c) {
                    items.add(F.arrayNode().add(of(c)).addNull());
                } else {
                    SopsNode.Entry e = (SopsNode.Entry) i;
                    items.add(F.arrayNode().add(e.key()).add(of(e.value())));
                }
            }
            ObjectNode o = F.objectNode();
            o.set("$map", items);
            return o;
        } else if (n instanceof SopsNode.Sequence s) {
            ArrayNode a = F.arrayNode();
            s.elements().forEach(e -> a.add(of(e)));
            return a;
        } else if (n instanceof SopsNode.Comment c) {
            return F.objectNode().put("$comment", c.text());
        } else if (n instanceof SopsNode.Str s) {
            return F.textNode(s.text());
        } else if (n instanceof SopsNode.Int i) {
            return F.numberNode(i.value());
        } else if (n instanceof SopsNode.Float f) {
            return F.objectNode().put("$float", GoScalars.formatFloat(f.value()));
        } else if (n instanceof SopsNode.Bool b) {
            return F.booleanNode(b.value());
        } else if (n instanceof SopsNode.Time t) {
            return F.objectNode().put("$time", GoScalars.formatTime(t.value()));
        } else if (n instanceof SopsNode.Bytes b) {
            return F.objectNode().put("$bytes_b64", Base64.getEncoder().encodeToString(b.value()));
        }
        return F.nullNode();
    }
}
