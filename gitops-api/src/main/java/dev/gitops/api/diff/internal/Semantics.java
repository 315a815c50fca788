package dev.gitops.api.diff.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.diff.Quantity;
import dev.gitops.api.patch.PatchField;
import dev.gitops.api.patch.PatchSchema;
import dev.gitops.api.patch.internal.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in normalisations of the drift diff: server-populated noise, Secret {@code stringData}, and
 * "semantic equalisation" of the desired object towards the live one (values that are equal by meaning are
 * replaced by the live spelling; fields the server filled in inside atomic lists are copied over unless the last
 * applied configuration had them, which would make their absence a removal).
 */
public final class Semantics {

    /** kubectl's last-applied annotation. */
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private static final Set<String> SERVER_METADATA = Set.of("managedFields", "resourceVersion", "uid",
            "generation", "creationTimestamp", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");
    private static final Set<String> SERVER_ANNOTATIONS = Set.of(LAST_APPLIED, "deployment.kubernetes.io/revision");
    private static final Set<String> QUANTITY_PARENTS = Set.of("limits", "requests", "hard", "used", "capacity",
            "allocatable", "overhead", "default", "defaultRequest", "max", "min", "maxLimitRequestRatio");
    private static final Set<String> QUANTITY_KEYS = Set.of("sizeLimit");
    private static final Set<String> INT_OR_STRING_KEYS = Set.of("port", "targetPort", "containerPort", "hostPort",
            "nodePort", "maxSurge", "maxUnavailable", "minAvailable");

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static final PatchField UNKNOWN = PatchField.unknown("*");

    private Semantics() {
    }

    /** Removes what the API server writes: status, managedFields, resourceVersion, uid, ..., bookkeeping annotations. */
    public static void stripServerFields(ObjectNode o) {
        o.remove("status");
        JsonNode meta = o.get("metadata");
        if (meta instanceof ObjectNode m) {
            m.remove(SERVER_METADATA);
            if (m.get("annotations") instanceof ObjectNode a && !a.isEmpty()) {
                a.remove(SERVER_ANNOTATIONS);
                if (a.isEmpty()) {
                    m.remove("annotations");
                }
            }
        }
    }

    /**
     * {@link #stripServerFields} without modifying {@code o}: the root, {@code metadata} and
     * {@code metadata.annotations} are copied shallowly, everything else is shared with {@code o}.
     */
    public static ObjectNode withoutServerFields(ObjectNode o) {
        ObjectNode root = o.objectNode();
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            String k = e.getKey();
            if (k.equals("status")) {
                continue;
            }
            if (k.equals("metadata") && e.getValue() instanceof ObjectNode m) {
                ObjectNode meta = root.putObject("metadata");
                for (Map.Entry<String, JsonNode> me : m.properties()) {
                    if (SERVER_METADATA.contains(me.getKey())) {
                        continue;
                    }
                    if (me.getKey().equals("annotations") && me.getValue() instanceof ObjectNode a && !a.isEmpty()) {
                        ObjectNode ann = a.objectNode();
                        for (Map.Entry<String, JsonNode> ae : a.properties()) {
                            if (!SERVER_ANNOTATIONS.contains(ae.getKey())) {
                                ann.set(ae.getKey(), ae.getValue());
                            }
                        }
                        if (!ann.isEmpty()) {
                            meta.set("annotations", ann);
                        }
                        continue;
                    }
                    meta.set(me.getKey(), me.getValue());
                }
                continue;
            }
            root.set(k, e.getValue());
        }
        return root;
    }

    /** The last-applied configuration recorded on a live object, when there is a readable one. */
    public static Optional<ObjectNode> lastAppliedAnnotation(JsonNode live) {
        JsonNode a = live.path("metadata").path("annotations").get(LAST_APPLIED);
        if (a == null || !a.isTextual()) {
            return Optional.empty();
        }
        try {
            JsonNode n = MAPPER.readTree(a.asText());
            return n instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** True for core/v1 Secrets. */
    public static boolean isSecret(JsonNode o) {
        return "Secret".equals(o.path("kind").asText()) && "v1".equals(o.path("apiVersion").asText());
    }

    /** Moves a Secret's {@code stringData} into {@code data} (base64), as the API server does on write. */
    public static void foldStringData(ObjectNode o) {
        if (!isSecret(o) || !(o.get("stringData") instanceof ObjectNode sd)) {
            return;
        }
        ObjectNode data = o.get("data") instanceof ObjectNode d ? d : o.putObject("data");
        for (Map.Entry<String, JsonNode> e : sd.properties()) {
            if (e.getValue().isNull()) {
                continue;
            }
            String text = e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString();
            data.put(e.getKey(), Base64.getEncoder().encodeToString(text.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
        }
        o.remove("stringData");
    }

    /** Removes {@code null} members of {@code desired} that {@code live} does not have (deleting nothing). */
    public static void dropNoopNulls(JsonNode desired, JsonNode live) {
        if (!(desired instanceof ObjectNode d)) {
            return;
        }
        List<String> remove = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : d.properties()) {
            JsonNode l = live == null ? null : live.get(e.getKey());
            if (e.getValue().isNull()) {
                if (l == null || l.isNull()) {
                    remove.add(e.getKey());
                }
            } else if (e.getValue().isObject()) {
                dropNoopNulls(e.getValue(), l);
            }
        }
        d.remove(remove);
    }

    /**
     * Rewrites {@code desired} (a copy; mutated) towards {@code live} where they mean the same.
     *
     * @return the node to use in place of {@code desired}
     */
    public static JsonNode equalize(JsonNode desired, JsonNode live, JsonNode last, String key, PatchField field,
            String parentKey, boolean atomic) {
        if (desired == null || live == null) {
            return desired;
        }
        if (desired.isObject() && live.isObject()) {
            ObjectNode d = (ObjectNode) desired;
            PatchSchema schema = field.schema();
            List<String> remove = null;
            for (Map.Entry<String, JsonNode> e : d.properties()) {
                String k = e.getKey();
                JsonNode dv = e.getValue();
                JsonNode lv = live.get(k);
                if (dv.isNull()) {
                    if (lv == null || lv.isNull()) {
                        // deleting what is not there: no change
                        if (remove == null) {
                            remove = new ArrayList<>();
                        }
                        remove.add(k);
                    }
                    continue;
                }
                if (lv == null) {
                    if (dv.isObject()) {
                        dropNoopNulls(dv, null);
                    }
                    continue;
                }
                PatchField f = schema.field(k).orElse(UNKNOWN);
                JsonNode lastChild = last != null && last.isObject() ? last.get(k) : null;
                JsonNode nd = equalize(dv, lv, lastChild, k, f, key, atomic);
                if (nd != dv) {
                    e.setValue(nd);
                }
            }
            if (remove != null) {
                d.remove(remove);
            }
            if (atomic) {
                for (Map.Entry<String, JsonNode> e : live.properties()) {
                    if (!d.has(e.getKey()) && (last == null || !last.isObject() || !last.has(e.getKey()))) {
                        d.set(e.getKey(), e.getValue().deepCopy());
                    }
                }
            }
            return d;
        }
        if (desired.isArray() && live.isArray()) {
            ArrayNode d = (ArrayNode) desired;
            String mergeKey = field.mergeKey();
            PatchField elem = PatchField.of(key, field.schema());
            if (field.merging() && !mergeKey.isEmpty()) {
                for (int i = 0; i < d.size(); i++) {
                    JsonNode item = d.get(i);
                    JsonNode kv = item.get(mergeKey);
                    if (kv == null) {
                        continue;
                    }
                    JsonNode li = findByKey(live, mergeKey, kv);
                    JsonNode la = last != null && last.isArray() ? findByKey(last, mergeKey, kv) : null;
                    if (li != null) {
                        JsonNode nd = equalize(item, li, la, key, elem, parentKey, false);
                        if (nd != item) {
                            d.set(i, nd);
                        }
                    }
                }
                return d;
            }
            if (field.merging()) {
                return d;
            }
            if (d.size() == live.size()) {
                for (int i = 0; i < d.size(); i++) {
                    JsonNode la = last != null && last.isArray() && last.size() == d.size() ? last.get(i) : null;
                    JsonNode nd = equalize(d.get(i), live.get(i), la, key, elem, parentKey, true);
                    if (nd != d.get(i)) {
                        d.set(i, nd);
                    }
                }
            }
            return d;
        }
        if (!desired.isContainerNode() && !live.isContainerNode() && semanticallyEqual(desired, live, key,
                parentKey)) {
            return live;
        }
        return desired;
    }

    /**
     * True when converging would change nothing because {@code desired} is contained in {@code live}: every field
     * of desired is on the live object with an equal value, lists merged by key hold the same keys in the same
     * order, and other lists are equal. A fast path only: false does not mean drift.
     */
    public static boolean covers(JsonNode desired, JsonNode live, PatchField field) {
        if (desired.isObject()) {
            if (!live.isObject()) {
                return false;
            }
            if (field.strategy() == PatchField.Strategy.REPLACE) {
                return Json.equal(desired, live);
            }
            PatchSchema schema = field.schema();
            for (Map.Entry<String, JsonNode> e : desired.properties()) {
                JsonNode dv = e.getValue();
                JsonNode lv = live.get(e.getKey());
                if (lv == null || dv.isNull()
                        || !covers(dv, lv, dv.isContainerNode() ? schema.field(e.getKey()).orElse(UNKNOWN) : UNKNOWN)) {
                    return false;
                }
            }
            return true;
        }
        if (desired.isArray()) {
            if (!live.isArray() || desired.size() != live.size()) {
                return false;
            }
            String mk = field.mergeKey();
            if (field.merging() && !mk.isEmpty()) {
                PatchField elem = PatchField.of(field.name(), field.schema());
                for (int i = 0; i < desired.size(); i++) {
                    JsonNode d = desired.get(i);
                    JsonNode l = live.get(i);
                    JsonNode dk = d.get(mk);
                    if (dk == null || !Json.equal(dk, l.get(mk)) || !covers(d, l, elem)) {
                        return false;
                    }
                }
                return true;
            }
            return Json.equal(desired, live);
        }
        return Json.equal(desired, live);
    }

    /**
     * True when the last-applied configuration has nothing that desired dropped (so the three-way patch deletes
     * nothing). A fast path only.
     */
    public static boolean deletesNothing(JsonNode lastApplied, JsonNode desired, PatchField field) {
        if (lastApplied == null || !lastApplied.isObject() || !desired.isObject()) {
            return true;
        }
        if (field.strategy() == PatchField.Strategy.REPLACE) {
            return true;
        }
        PatchSchema schema = field.schema();
        for (Map.Entry<String, JsonNode> e : lastApplied.properties()) {
            JsonNode dv = desired.get(e.getKey());
            if (dv == null) {
                return false;
            }
            JsonNode lv = e.getValue();
            if (lv.isObject() && dv.isObject()) {
                if (!deletesNothing(lv, dv, schema.field(e.getKey()).orElse(UNKNOWN))) {
                    return false;
                }
            } else if (lv.isArray() && dv.isArray()) {
                PatchField f = schema.field(e.getKey()).orElse(UNKNOWN);
                if (!f.merging()) {
                    continue;
                }
                String mk = f.mergeKey();
                PatchField elem = PatchField.of(f.name(), f.schema());
                for (JsonNode item : lv) {
                    if (mk.isEmpty()) {
                        boolean found = false;
                        for (JsonNode x : dv) {
                            if (Json.equal(x, item)) {
                                found = true;
                                break;
                            }
                        }
                        if (!found) {
                            return false;
                        }
                    } else {
                        JsonNode k = item.get(mk);
                        JsonNode match = k == null ? null : findByKey(dv, mk, k);
                        if (match == null || !deletesNothing(item, match, elem)) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /**
     * Puts back into {@code merged} the fields the live object has that we never set (not in the last-applied
     * configuration) and that a {@code $retainKeys} directive cleared: the API server defaults them again, so
     * they are not drift.
     */
    public static void restoreUnowned(JsonNode merged, JsonNode live, JsonNode lastApplied, PatchField field) {
        if (!(merged instanceof ObjectNode m) || !live.isObject()) {
            return;
        }
        PatchSchema schema = field.schema();
        for (Map.Entry<String, JsonNode> e : live.properties()) {
            String k = e.getKey();
            JsonNode lv = e.getValue();
            JsonNode mv = m.get(k);
            JsonNode lav = lastApplied != null && lastApplied.isObject() ? lastApplied.get(k) : null;
            if (mv == null) {
                if (lav == null) {
                    m.set(k, lv.deepCopy());
                }
                continue;
            }
            if (mv.isObject() && lv.isObject()) {
                restoreUnowned(mv, lv, lav, schema.field(k).orElse(UNKNOWN));
            } else if (mv.isArray() && lv.isArray()) {
                PatchField f = schema.field(k).orElse(UNKNOWN);
                String mk = f.mergeKey();
                if (!f.merging() || mk.isEmpty()) {
                    continue;
                }
                PatchField elem = PatchField.of(k, f.schema());
                for (JsonNode item : mv) {
                    JsonNode key = item.get(mk);
                    if (key == null) {
                        continue;
                    }
                    JsonNode li = findByKey(lv, mk, key);
                    JsonNode la = lav != null && lav.isArray() ? findByKey(lav, mk, key) : null;
                    if (li != null) {
                        restoreUnowned(item, li, la, elem);
                    }
                }
            }
        }
    }

    private static JsonNode findByKey(JsonNode list, String mergeKey, JsonNode value) {
        for (JsonNode e : list) {
            JsonNode k = e.get(mergeKey);
            if (k != null && (Json.equal(k, value) || numericEqual(k, value))) {
                return e;
            }
        }
        return null;
    }

    /** Scalar equality by meaning: numbers by value, quantities by value, int-or-string ports. */
    public static boolean semanticallyEqual(JsonNode a, JsonNode b, String key, String parentKey) {
        if (Json.equal(a, b) || numericEqual(a, b)) {
            return true;
        }
        if (QUANTITY_PARENTS.contains(parentKey) || QUANTITY_KEYS.contains(key)) {
            Optional<Quantity> qa = quantity(a);
            Optional<Quantity> qb = quantity(b);
            if (qa.isPresent() && qb.isPresent()) {
                return qa.get().sameValue(qb.get());
            }
        }
        if (INT_OR_STRING_KEYS.contains(key)) {
            if (a.isIntegralNumber() && b.isTextual()) {
                return b.asText().equals(a.bigIntegerValue().toString());
            }
            if (b.isIntegralNumber() && a.isTextual()) {
                return a.asText().equals(b.bigIntegerValue().toString());
            }
        }
        return false;
    }

    private static boolean numericEqual(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            BigDecimal x = a.decimalValue();
            BigDecimal y = b.decimalValue();
            return x.compareTo(y) == 0;
        }
        return false;
    }

    private static Optional<Quantity> quantity(JsonNode n) {
        if (n.isTextual()) {
            return Quantity.tryParse(n.asText());
        }
        if (n.isNumber()) {
            return Optional.of(new Quantity(n.asText(), n.decimalValue()));
        }
        return Optional.empty();
    }
}
