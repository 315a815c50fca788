package dev.gitops.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.patch.internal.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JSON merge patch (RFC 7386 / RFC 7396): apply, create the minimal two-way patch, and the three-way patch that
 * {@code kubectl apply} uses for kinds without a strategic-merge schema (Kubernetes'
 * {@code CreateThreeWayJSONMergePatch}). Lists are always replaced whole. Stateless and thread-safe; inputs are
 * never modified.
 */
public final class JsonMergePatch {

    private JsonMergePatch() {
    }

    /**
     * Applies a merge patch: {@code null} members delete, objects merge recursively, anything else replaces.
     *
     * @return the patched document (a new tree)
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(patch, "patch");
        return merge(target.deepCopy(), patch);
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : Json.object();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), merge(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }

    /**
     * The minimal merge patch that turns {@code original} into {@code modified}: changed and added members, and
     * {@code null} for removed ones; lists that differ are replaced whole. When either document is not an object,
     * the patch is {@code modified} itself.
     */
    public static JsonNode createTwoWay(JsonNode original, JsonNode modified) {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(modified, "modified");
        if (!original.isObject() || !modified.isObject()) {
            return modified.deepCopy();
        }
        return diff((ObjectNode) original, (ObjectNode) modified);
    }

    private static ObjectNode diff(ObjectNode original, ObjectNode modified) {
        ObjectNode patch = Json.object();
        for (Map.Entry<String, JsonNode> e : modified.properties()) {
            JsonNode o = original.get(e.getKey());
            JsonNode m = e.getValue();
            if (o == null) {
                patch.set(e.getKey(), m.deepCopy());
            } else if (o.isObject() && m.isObject()) {
                ObjectNode sub = diff((ObjectNode) o, (ObjectNode) m);
                if (sub.size() > 0) {
                    patch.set(e.getKey(), sub);
                }
            } else if (!Json.equal(o, m)) {
                patch.set(e.getKey(), m.deepCopy());
            }
        }
        for (Iterator<String> it = original.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!modified.has(k)) {
                patch.set(k, NullNode.instance);
            }
        }
        return patch;
    }

    /**
     * Kubernetes' {@code CreateThreeWayJSONMergePatch}: the deletions from {@code original} (last applied) to
     * {@code modified} (desired) and the additions and changes from {@code current} (live) to {@code modified}.
     * Members set only on the live object are left alone. When the two parts disagree about a member (Kubernetes'
     * {@code HasConflicts}) the result is a {@link ThreeWayPatch.Conflict} whose {@code patch()} is the
     * additions-and-changes part and whose {@code liveChanges()} is the deletions part.
     */
    public static ThreeWayPatch createThreeWay(JsonNode original, JsonNode modified, JsonNode current) {
        ObjectNode o = object(original);
        ObjectNode m = object(modified);
        ObjectNode c = object(current);
        ObjectNode addAndChange = filterNulls(diff(c, m), false);
        ObjectNode deletions = filterNulls(diff(o, m), true);
        if (hasConflicts(addAndChange, deletions)) {
            return new ThreeWayPatch.Conflict(addAndChange, deletions);
        }
        JsonNode patch = merge(deletions, addAndChange);
        return new ThreeWayPatch.Created((ObjectNode) patch);
    }

    private static ObjectNode object(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return Json.object();
        }
        if (!n.isObject()) {
            throw new PatchException("a three-way merge patch needs JSON objects, got " + n.getNodeType());
        }
        return (ObjectNode) n;
    }

    /**
     * Keeps only the deleting ({@code null}) members of a merge patch ({@code keepNull}) or only the others
     * (Kubernetes' {@code keepOrDeleteNullInObj}). Objects left empty by the filtering are dropped; lists are kept
     * as they are when dropping nulls and removed when keeping them.
     */
    public static ObjectNode filterNulls(JsonNode patch, boolean keepNull) {
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                if (keepNull) {
                    out.set(e.getKey(), NullNode.instance);
                }
            } else if (v.isObject()) {
                if (v.isEmpty()) {
                    if (!keepNull) {
                        out.set(e.getKey(), Json.object());
                    }
                    continue;
                }
                ObjectNode sub = filterNulls(v, keepNull);
                if (sub.size() > 0) {
                    out.set(e.getKey(), sub);
                }
            } else if (!keepNull) {
                out.set(e.getKey(), v.deepCopy());
            }
        }
        return out;
    }

    /** Kubernetes' {@code mergepatch.HasConflicts}: both sides set a member to different values. */
    static boolean hasConflicts(JsonNode left, JsonNode right) {
        if (left.isObject()) {
            if (!right.isObject()) {
                return true;
            }
            List<String> keys = new ArrayList<>();
            left.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                JsonNode r = right.get(k);
                if (r != null && hasConflicts(left.get(k), r)) {
                    return true;
                }
            }
            return false;
        }
        if (left.isArray()) {
            if (!right.isArray() || left.size() != right.size()) {
                return true;
            }
            for (int i = 0; i < left.size(); i++) {
                if (hasConflicts(left.get(i), right.get(i))) {
                    return true;
                }
            }
            return false;
        }
        return !Json.equal(left, right);
    }
}
