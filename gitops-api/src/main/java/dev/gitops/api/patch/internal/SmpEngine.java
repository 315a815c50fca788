package dev.gitops.api.patch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gitops.api.patch.PatchException;
import dev.gitops.api.patch.PatchField;
import dev.gitops.api.patch.PatchSchema;
import dev.gitops.api.patch.internal.Json.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strategic-merge-patch algorithms (create two-way / three-way, apply, merge patches, conflicts), following
 * the semantics of Kubernetes' {@code k8s.io/apimachinery/pkg/util/strategicpatch}. Works on mutable Jackson
 * trees; callers pass copies. One instance per operation (it tracks the current path for error messages).
 */
public final class SmpEngine {

    static final String DIRECTIVE = "$patch";
    static final String DELETE = "delete";
    static final String REPLACE = "replace";
    static final String MERGE = "merge";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
    static final String SET_ELEMENT_ORDER = "$setElementOrder";

    /** Diff options (see Go's DiffOptions). */
    public record DiffOptions(boolean setElementOrder, boolean ignoreChangesAndAdditions, boolean ignoreDeletions,
            boolean buildRetainKeysDirective) {
        DiffOptions withRetainKeys(boolean b) {
            return new DiffOptions(setElementOrder, ignoreChangesAndAdditions, ignoreDeletions, b);
        }
    }

    /** Merge options (see Go's MergeOptions). */
    public record MergeOptions(boolean mergeParallelList, boolean ignoreUnmatchedNulls) {
    }

    /** The metadata of any field a lenient schema does not list (the engine never uses a field's name). */
    private static final PatchField UNKNOWN = PatchField.unknown("*");

    private final List<String> path = new ArrayList<>();

    // ---------------------------------------------------------------------------------------------- errors

    PatchException fail(String detail) {
        StringBuilder sb = new StringBuilder();
        for (String p : path) {
            sb.append('/').append(p.replace("~", "~0").replace("/", "~1"));
        }
        return new PatchException(sb.toString(), detail);
    }

    private void push(String key) {
        path.add(key);
    }

    private void pop() {
        path.remove(path.size() - 1);
    }

    PatchField lookup(PatchSchema schema, String key) {
        java.util.Optional<PatchField> f = schema.field(key);
        if (f.isPresent()) {
            return f.get();
        }
        if (schema.strict()) {
            throw fail("unable to find api field \"" + key + "\" in " + schema.typeName());
        }
        return UNKNOWN;
    }

    // ---------------------------------------------------------------------------------------------- create

    /** Go's diffMaps. */
    public ObjectNode diffMaps(ObjectNode original, ObjectNode modified, PatchSchema schema, DiffOptions opts) {
        ObjectNode patch = Json.object();
        List<JsonNode> retainKeysList = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : iter(modified)) {
            String key = e.getKey();
            JsonNode modifiedValue = e.getValue();
            if (opts.buildRetainKeysDirective() && !Json.isNull(modifiedValue)) {
                retainKeysList.add(TextNode.valueOf(key));
            }
            JsonNode originalValue = original.get(key);
            if (originalValue == null) {
                if (!opts.ignoreChangesAndAdditions()) {
                    patch.set(key, modifiedValue);
                }
                continue;
            }
            if (key.equals(DIRECTIVE)) {
                if (!originalValue.isTextual() || !modifiedValue.isTextual()) {
                    throw fail("invalid value for special key: " + DIRECTIVE);
                }
                if (!originalValue.asText().equals(modifiedValue.asText())) {
                    patch.set(DIRECTIVE, modifiedValue);
                }
                continue;
            }
            if (Json.kind(originalValue) != Json.kind(modifiedValue)) {
                if (!opts.ignoreChangesAndAdditions()) {
                    patch.set(key, modifiedValue);
                }
                continue;
            }
            push(key);
            try {
                switch (Json.kind(originalValue)) {
                    case OBJECT -> handleMapDiff(key, (ObjectNode) originalValue, (ObjectNode) modifiedValue, patch,
                            schema, opts);
                    case ARRAY -> handleSliceDiff(key, (ArrayNode) originalValue, (ArrayNode) modifiedValue, patch,
                            schema, opts);
                    default -> replaceIfNotEqual(key, originalValue, modifiedValue, patch, opts);
                }
            } finally {
                pop();
            }
        }
        if (!opts.ignoreDeletions()) {
            for (Map.Entry<String, JsonNode> e : iter(original)) {
                if (!modified.has(e.getKey())) {
                    patch.set(e.getKey(), NullNode.instance);
                }
            }
        }
        if (!retainKeysList.isEmpty() && (patch.size() > 0 || hasAdditionalNewField(original, modified))) {
            ArrayNode rk = Json.F.arrayNode();
            sortScalars(retainKeysList).forEach(rk::add);
            patch.set(RETAIN_KEYS, rk);
        }
        return patch;
    }

    private static boolean hasAdditionalNewField(ObjectNode original, ObjectNode modified) {
        for (Map.Entry<String, JsonNode> e : iter(original)) {
            if (!Json.isNull(e.getValue()) && !modified.has(e.getKey())) {
                return true;
            }
        }
        return false;
    }

    private void handleMapDiff(String key, ObjectNode originalValue, ObjectNode modifiedValue, ObjectNode patch,
            PatchSchema schema, DiffOptions opts) {
        PatchField meta;
        try {
            meta = lookup(schema, key);
        } catch (PatchException e) {
            if (Json.equal(originalValue, modifiedValue)) {
                return;
            }
            throw e;
        }
        DiffOptions sub = opts.withRetainKeys(meta.retainKeys());
        if (meta.strategy() == PatchField.Strategy.REPLACE) {
            if (!opts.ignoreChangesAndAdditions()) {
                patch.set(key, modifiedValue);
            }
            return;
        }
        ObjectNode patchValue = diffMaps(originalValue, modifiedValue, meta.schema(), sub);
        if (patchValue.size() > 0) {
            patch.set(key, patchValue);
        }
    }

    private void handleSliceDiff(String key, ArrayNode originalValue, ArrayNode modifiedValue, ObjectNode patch,
            PatchSchema schema, DiffOptions opts) {
        PatchField meta;
        try {
            meta = lookup(schema, key);
        } catch (PatchException e) {
            if (Json.equal(originalValue, modifiedValue)) {
                return;
            }
            throw e;
        }
        if (meta.strategy() == PatchField.Strategy.MERGE) {
            DiffOptions sub = opts.withRetainKeys(meta.retainKeys());
            ListDiff d = diffLists(originalValue, modifiedValue, meta.schema(), meta.mergeKey(), sub);
            if (d.patch != null && !d.patch.isEmpty()) {
                patch.set(key, array(d.patch));
            }
            if (d.delete != null && !d.delete.isEmpty()) {
                patch.set(DELETE_FROM_PRIMITIVE_LIST + "/" + key, array(d.delete));
            }
            if (d.setOrder != null && !d.setOrder.isEmpty()) {
                patch.set(SET_ELEMENT_ORDER + "/" + key, array(d.setOrder));
            }
        } else {
            replaceIfNotEqual(key, originalValue, modifiedValue, patch, opts);
        }
    }

    private static void replaceIfNotEqual(String key, JsonNode original, JsonNode modified, ObjectNode patch,
            DiffOptions opts) {
        if (opts.ignoreChangesAndAdditions() || Json.equal(original, modified)) {
            return;
        }
        patch.set(key, modified);
    }

    private record ListDiff(List<JsonNode> patch, List<JsonNode> delete, List<JsonNode> setOrder) {
    }

    private ListDiff diffLists(ArrayNode original, ArrayNode modified, PatchSchema schema, String mergeKey,
            DiffOptions opts) {
        if (original.isEmpty()) {
            if (modified.isEmpty() || opts.ignoreChangesAndAdditions()) {
                return new ListDiff(null, null, null);
            }
            return new ListDiff(list(modified), null, null);
        }
        List<JsonNode> originalList = list(original);
        List<JsonNode> modifiedList = list(modified);
        Kind kind = sliceElementKind(originalList, modifiedList);
        List<JsonNode> patchList;
        List<JsonNode> deleteList;
        List<JsonNode> setOrderList = null;
        if (kind == Kind.OBJECT) {
            List<JsonNode>[] r = diffListsOfMaps(originalList, modifiedList, schema, mergeKey, opts);
            patchList = r[0].isEmpty() ? r[0] : normalizeSliceOrder(r[0], modifiedList, mergeKey, kind);
            boolean orderSame = isOrderSame(originalList, modifiedList, mergeKey);
            patchList.addAll(r[1]);
            deleteList = null;
            if (opts.setElementOrder()
                    && ((!opts.ignoreChangesAndAdditions() && (!patchList.isEmpty() || !orderSame))
                            || (!opts.ignoreDeletions() && !patchList.isEmpty()))) {
                setOrderList = new ArrayList<>(modifiedList.size());
                for (JsonNode v : modifiedList) {
                    ObjectNode o = Json.object();
                    o.set(mergeKey, v.get(mergeKey) == null ? NullNode.instance : v.get(mergeKey));
                    setOrderList.add(o);
                }
            }
        } else if (kind == Kind.ARRAY) {
            throw fail("lists of lists are not supported");
        } else {
            List<JsonNode>[] r = diffListsOfScalars(originalList, modifiedList, opts);
            patchList = normalizeSliceOrder(r[0], modifiedList, mergeKey, kind);
            deleteList = r[1];
            if (opts.setElementOrder() && ((!opts.ignoreDeletions() && !deleteList.isEmpty())
                    || (!opts.ignoreChangesAndAdditions() && !Json.equal(original, modified)))) {
                setOrderList = modifiedList;
            }
        }
        return new ListDiff(patchList, deleteList, setOrderList);
    }

    private boolean isOrderSame(List<JsonNode> original, List<JsonNode> modified, String mergeKey) {
        if (original.size() != modified.size()) {
            return false;
        }
        for (int i = 0; i < modified.size(); i++) {
            if (!mergeKeyValueEqual(original.get(i), modified.get(i), mergeKey)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private List<JsonNode>[] diffListsOfScalars(List<JsonNode> original, List<JsonNode> modified,
            DiffOptions opts) {
        List<JsonNode> originalScalars = sortScalars(new ArrayList<>(original));
        List<JsonNode> modifiedScalars = sortScalars(new ArrayList<>(modified));
        int oi = 0;
        int mi = 0;
        List<JsonNode> add = new ArrayList<>();
        List<JsonNode> del = new ArrayList<>();
        while (true) {
            boolean oin = oi < originalScalars.size();
            boolean min = mi < modifiedScalars.size();
            if (!oin && !min) {
                break;
            }
            String os = oin ? Json.goString(originalScalars.get(oi)) : "";
            String ms = min ? Json.goString(modifiedScalars.get(mi)) : "";
            boolean both = oin && min;
            if (both && os.equals(ms)) {
                oi++;
                mi++;
            } else if (!oin || (both && os.compareTo(ms) > 0)) {
                if (!opts.ignoreChangesAndAdditions()) {
                    add.add(modifiedScalars.get(mi));
                }
                mi++;
            } else {
                if (!opts.ignoreDeletions()) {
                    del.add(originalScalars.get(oi));
                }
                oi++;
            }
        }
        return new List[] {add, deduplicateScalars(del)};
    }

    @SuppressWarnings("unchecked")
    private List<JsonNode>[] diffListsOfMaps(List<JsonNode> original, List<JsonNode> modified, PatchSchema schema,
            String mergeKey, DiffOptions opts) {
        List<JsonNode> patch = new ArrayList<>(modified.size());
        List<JsonNode> deletion = new ArrayList<>();
        List<JsonNode> originalSorted = sortMergeListsByNameArray(original, schema, mergeKey, false);
        List<JsonNode> modifiedSorted = sortMergeListsByNameArray(modified, schema, mergeKey, false);
        int oi = 0;
        int mi = 0;
        while (true) {
            boolean oin = oi < originalSorted.size();
            boolean min = mi < modifiedSorted.size();
            if (!oin && !min) {
                break;
            }
            ObjectNode oe = null;
            ObjectNode me = null;
            String os = "";
            String ms = "";
            if (oin) {
                oe = mapWithMergeKey(originalSorted.get(oi), mergeKey);
                os = Json.goString(oe.get(mergeKey));
            }
            if (min) {
                me = mapWithMergeKey(modifiedSorted.get(mi), mergeKey);
                ms = Json.goString(me.get(mergeKey));
            }
            boolean both = oin && min;
            if (both && os.equals(ms)) {
                ObjectNode pv = diffMaps(oe, me, schema, opts);
                if (pv.size() > 0) {
                    pv.set(mergeKey, me.get(mergeKey));
                    patch.add(pv);
                }
                oi++;
                mi++;
            } else if (!oin || (both && os.compareTo(ms) > 0)) {
                if (!opts.ignoreChangesAndAdditions()) {
                    patch.add(me);
                }
                mi++;
            } else {
                if (!opts.ignoreDeletions()) {
                    ObjectNode d = Json.object();
                    d.set(mergeKey, oe.get(mergeKey));
                    d.put(DIRECTIVE, DELETE);
                    deletion.add(d);
                }
                oi++;
            }
        }
        return new List[] {patch, deletion};
    }

    private ObjectNode mapWithMergeKey(JsonNode item, String mergeKey) {
        if (!item.isObject()) {
            throw fail("expected a map, but received a " + goKind(item));
        }
        if (!item.has(mergeKey)) {
            throw fail("map with keys " + keysOf(item) + " does not contain declared merge key: " + mergeKey);
        }
        return (ObjectNode) item;
    }

    // ---------------------------------------------------------------------------------------------- three-way

    /** The three-way patch: deletions original→modified merged with the delta current→modified. */
    public ObjectNode threeWay(ObjectNode original, ObjectNode modified, ObjectNode current, PatchSchema schema) {
        ObjectNode delta = diffMaps(current, modified, schema, new DiffOptions(true, false, true, false));
        ObjectNode deletions = diffMaps(original, modified, schema, new DiffOptions(true, true, false, false));
        JsonNode merged = mergeMap(deletions, delta, schema, new MergeOptions(false, false));
        return (ObjectNode) merged;
    }

    /** The changes original→current, for conflict detection. */
    public ObjectNode changes(ObjectNode original, ObjectNode current, PatchSchema schema) {
        return diffMaps(original, current, schema, new DiffOptions(false, false, false, false));
    }

    // ---------------------------------------------------------------------------------------------- apply

    /** Go's mergeMap; returns the merged map (may be the patch itself for {@code $patch: replace}). */
    public ObjectNode mergeMap(ObjectNode original, ObjectNode patch, PatchSchema schema, MergeOptions opts) {
        JsonNode directive = patch.get(DIRECTIVE);
        if (directive != null) {
            if (directive.isTextual() && directive.asText().equals(REPLACE)) {
                patch.remove(DIRECTIVE);
                return patch;
            }
            if (directive.isTextual() && directive.asText().equals(DELETE)) {
                return Json.object();
            }
            throw fail("unknown patch type: " + Json.goString(directive) + " in map with keys " + keysOf(patch));
        }
        if (original == null) {
            original = Json.object();
        }
        applyRetainKeysDirective(original, patch, opts);
        mergePatchIntoOriginal(original, patch, schema, opts);

        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        entries.addAll(patch.properties());
        for (Map.Entry<String, JsonNode> e : entries) {
            String k = e.getKey();
            JsonNode patchV = e.getValue();
            boolean isDeleteList = false;
            if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                if (!opts.mergeParallelList()) {
                    original.set(k, patchV);
                    continue;
                }
                k = extractKey(k, DELETE_FROM_PRIMITIVE_LIST);
                isDeleteList = true;
            }
            if (Json.isNull(patchV)) {
                original.remove(k);
                if (opts.ignoreUnmatchedNulls()) {
                    continue;
                }
            }
            JsonNode originalV = original.get(k);
            if (originalV == null) {
                if (!isDeleteList) {
                    if (opts.ignoreUnmatchedNulls()) {
                        discardNullValuesFromPatch(patchV);
                    }
                    setOrRemove(original, k, removeDirectives(patchV));
                }
                continue;
            }
            if (Json.kind(originalV) != Json.kind(patchV)) {
                if (!isDeleteList) {
                    if (opts.ignoreUnmatchedNulls()) {
                        discardNullValuesFromPatch(patchV);
                    }
                    setOrRemove(original, k, removeDirectives(patchV));
                }
                continue;
            }
            push(k);
            try {
                switch (Json.kind(originalV)) {
                    case OBJECT -> {
                        PatchField meta = lookup(schema, k);
                        if (meta.strategy() != PatchField.Strategy.REPLACE) {
                            original.set(k, mergeMap((ObjectNode) originalV, (ObjectNode) patchV, meta.schema(),
                                    opts));
                        } else {
                            original.set(k, patchV);
                        }
                    }
                    case ARRAY -> {
                        PatchField meta = lookup(schema, k);
                        original.set(k, mergeSliceHandler((ArrayNode) originalV, (ArrayNode) patchV, meta.schema(),
                                meta.strategy() == PatchField.Strategy.MERGE, meta.mergeKey(), isDeleteList, opts));
                    }
                    default -> setOrRemove(original, k, removeDirectives(patchV));
                }
            } finally {
                pop();
            }
        }
        return original;
    }

    private static void setOrRemove(ObjectNode target, String k, JsonNode v) {
        if (v == null) {
            target.remove(k);
        } else {
            target.set(k, v);
        }
    }

    private String extractKey(String s, String prefix) {
        int slash = s.indexOf('/');
        if (slash < 0 || !s.substring(0, slash).equals(prefix)) {
            if (prefix.equals(DELETE_FROM_PRIMITIVE_LIST)) {
                throw fail("invalid patch format of primitive list");
            }
            throw fail("invalid patch format of setElementOrder list");
        }
        return s.substring(slash + 1);
    }

    private void applyRetainKeysDirective(ObjectNode original, ObjectNode patch, MergeOptions opts) {
        JsonNode retainKeys = patch.get(RETAIN_KEYS);
        if (retainKeys == null) {
            return;
        }
        patch.remove(RETAIN_KEYS);
        if (!opts.mergeParallelList()) {
            JsonNode inOriginal = original.get(RETAIN_KEYS);
            if (inOriginal != null) {
                if (!Json.equal(inOriginal, retainKeys)) {
                    throw fail(Json.goString(inOriginal) + " and " + Json.goString(retainKeys)
                            + " are not deep equal: this may happen when calculating the 3-way diff patch");
                }
            } else {
                original.set(RETAIN_KEYS, retainKeys);
            }
            return;
        }
        if (!retainKeys.isArray()) {
            throw fail("invalid patch format of retainKeys");
        }
        Set<String> keep = new HashSet<>();
        Set<JsonNodeKey> keepValues = new HashSet<>();
        for (JsonNode v : retainKeys) {
            keepValues.add(new JsonNodeKey(v));
            if (v.isTextual()) {
                keep.add(v.asText());
            }
        }
        for (Map.Entry<String, JsonNode> e : iter(patch)) {
            String k = e.getKey();
            if (Json.isNull(e.getValue()) || k.startsWith(DELETE_FROM_PRIMITIVE_LIST)
                    || k.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            if (!keep.contains(k)) {
                throw fail("invalid patch format of retainKeys");
            }
        }
        List<String> remove = new ArrayList<>();
        original.fieldNames().forEachRemaining(k -> {
            if (!keep.contains(k)) {
                remove.add(k);
            }
        });
        original.remove(remove);
    }

    private void mergePatchIntoOriginal(ObjectNode original, ObjectNode patch, PatchSchema schema,
            MergeOptions opts) {
        List<String> keys = new ArrayList<>();
        patch.fieldNames().forEachRemaining(k -> {
            if (k.startsWith(SET_ELEMENT_ORDER)) {
                keys.add(k);
            }
        });
        for (String key : keys) {
            JsonNode setElementOrder = patch.get(key);
            if (setElementOrder == null) {
                continue;
            }
            if (!opts.mergeParallelList()) {
                JsonNode inOriginal = original.get(key);
                if (inOriginal != null) {
                    if (!Json.equal(inOriginal, setElementOrder)) {
                        throw fail("invalid patch format of setElementOrder list");
                    }
                } else {
                    original.set(key, setElementOrder);
                }
            }
            patch.remove(key);
            if (!setElementOrder.isArray()) {
                throw fail("expected a []interface {}, but received a " + goKind(setElementOrder));
            }
            String originalKey = extractKey(key, SET_ELEMENT_ORDER);
            JsonNode originalList = original.get(originalKey);
            JsonNode patchList = patch.get(originalKey);
            List<JsonNode> originalFieldValue = null;
            List<JsonNode> patchFieldValue = null;
            push(originalKey);
            try {
                if (originalList != null) {
                    if (!originalList.isArray()) {
                        throw fail("expected a []interface {}, but received a " + goKind(originalList));
                    }
                    originalFieldValue = list(originalList);
                }
                if (patchList != null) {
                    if (!patchList.isArray()) {
                        throw fail("expected a []interface {}, but received a " + goKind(patchList));
                    }
                    patchFieldValue = list(patchList);
                }
                PatchField meta = lookup(schema, originalKey);
                String mergeKey = meta.mergeKey();
                validatePatchWithSetOrderList(patchFieldValue, list(setElementOrder), mergeKey);
                List<JsonNode> merged;
                if (originalList != null && patchList == null) {
                    merged = originalFieldValue;
                } else if (originalList == null && patchList != null) {
                    JsonNode v = removeDirectives(patchList);
                    if (v == null) {
                        continue;
                    }
                    merged = list(v);
                } else if (originalList != null) {
                    merged = list(mergeSliceHandler((ArrayNode) originalList, (ArrayNode) patchList, meta.schema(),
                            meta.strategy() == PatchField.Strategy.MERGE, mergeKey, false, opts));
                } else {
                    continue;
                }
                List<JsonNode> patchItems = new ArrayList<>();
                List<JsonNode> serverOnly = new ArrayList<>();
                if (mergeKey.isEmpty()) {
                    partitionPrimitives(merged, list(setElementOrder), patchItems, serverOnly);
                } else {
                    partitionMaps(merged, list(setElementOrder), mergeKey, patchItems, serverOnly);
                }
                Kind kind = sliceElementKind(orEmpty(originalFieldValue), orEmpty(patchFieldValue));
                List<JsonNode> serverOrder = orEmpty(originalFieldValue);
                if (originalList != null && patchList != null && kind == Kind.OBJECT && !mergeKey.isEmpty()
                        && meta.strategy() == PatchField.Strategy.MERGE) {
                    serverOrder = goAliasedView(originalFieldValue, patchFieldValue, mergeKey);
                }
                List<JsonNode> both = normalizeElementOrder(patchItems, serverOnly, list(setElementOrder),
                        serverOrder, mergeKey, kind);
                original.set(originalKey, array(both));
                patch.remove(originalKey);
            } finally {
                pop();
            }
        }
    }

    /**
     * What Go's {@code originalFieldValue} slice holds after mergeSlice ran: Go deletes merging-list elements in
     * place (shifting the shared backing array) and appends into spare capacity (a slice decoded from JSON has a
     * power-of-two capacity), so the "live order" used to place server-only items sees those writes. Reproduced
     * because the order of merged lists depends on it.
     */
    private static List<JsonNode> goAliasedView(List<JsonNode> original, List<JsonNode> patch, String mergeKey) {
        int n = original.size();
        int cap = n == 0 ? 0 : Integer.highestOneBit(n - 1) << 1;
        if (n == 1) {
            cap = 1;
        }
        JsonNode[] b = new JsonNode[Math.max(cap, n)];
        for (int i = 0; i < n; i++) {
            b[i] = original.get(i);
        }
        int len = n;
        boolean replace = false;
        List<JsonNode> rest = new ArrayList<>();
        for (JsonNode v : patch) {
            JsonNode d = v.get(DIRECTIVE);
            if (d == null) {
                rest.add(v);
            } else if (d.isTextual() && d.asText().equals(DELETE) && v.has(mergeKey)) {
                JsonNode mv = v.get(mergeKey);
                while (true) {
                    int k = -1;
                    for (int i = 0; i < len; i++) {
                        JsonNode m = b[i].get(mergeKey);
                        if (m != null && !m.isContainerNode() && Json.equal(m, mv)) {
                            k = i;
                            break;
                        }
                    }
                    if (k < 0) {
                        break;
                    }
                    System.arraycopy(b, k + 1, b, k, len - k - 1);
                    len--;
                }
            } else if (d.isTextual() && d.asText().equals(REPLACE)) {
                replace = true;
            }
        }
        if (!replace) {
            for (JsonNode v : rest) {
                JsonNode mv = v.get(mergeKey);
                boolean found = false;
                for (int i = 0; i < len && mv != null; i++) {
                    JsonNode m = b[i].get(mergeKey);
                    if (m != null && !m.isContainerNode() && Json.equal(m, mv)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    if (len < b.length) {
                        b[len++] = v;
                    } else {
                        break; // reallocated: no further writes to the shared array
                    }
                }
            }
        }
        List<JsonNode> view = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            view.add(b[i]);
        }
        return view;
    }

    private static List<JsonNode> orEmpty(List<JsonNode> l) {
        return l == null ? List.of() : l;
    }

    private void validatePatchWithSetOrderList(List<JsonNode> patchList, List<JsonNode> setOrderList,
            String mergeKey) {
        if (patchList == null || setOrderList.isEmpty() || patchList.isEmpty()) {
            return;
        }
        List<JsonNode> nonDelete;
        if (!mergeKey.isEmpty()) {
            nonDelete = new ArrayList<>();
            List<JsonNode> ignored = new ArrayList<>();
            extractToDeleteItems(patchList, nonDelete, ignored);
        } else {
            nonDelete = patchList;
        }
        int pi = 0;
        int si = 0;
        while (pi < nonDelete.size() && si < setOrderList.size()) {
            if (containsDirectiveMarker(nonDelete.get(pi))) {
                pi++;
                continue;
            }
            if (mergeKeyValueEqual(nonDelete.get(pi), setOrderList.get(si), mergeKey)) {
                pi++;
            }
            si++;
        }
        if (pi < nonDelete.size() && si >= setOrderList.size()) {
            throw fail("The order in patch list:\n" + orderKeys(patchList, mergeKey) + "\n doesn't match "
                    + SET_ELEMENT_ORDER + " list:\n" + orderKeys(setOrderList, mergeKey) + "\n");
        }
    }

    /** The merge keys (or primitive values) of a list, for messages that must not show other values. */
    private static String orderKeys(List<JsonNode> l, String mergeKey) {
        List<String> out = new ArrayList<>(l.size());
        for (JsonNode e : l) {
            if (e.isObject()) {
                JsonNode k = e.get(mergeKey);
                out.add(k == null ? keysOf(e) : Json.goString(k));
            } else {
                out.add(Json.goString(e));
            }
        }
        return out.toString();
    }

    private static String goList(List<JsonNode> l) {
        return Json.goString(array(l));
    }

    private static boolean containsDirectiveMarker(JsonNode item) {
        return item.isObject() && item.has(DIRECTIVE);
    }

    private boolean mergeKeyValueEqual(JsonNode left, JsonNode right, String mergeKey) {
        if (mergeKey.isEmpty()) {
            return Json.equal(left, right) && !left.isContainerNode();
        }
        if (!left.isObject()) {
            throw fail("expected a map, but received a " + goKind(left));
        }
        if (!right.isObject()) {
            throw fail("expected a map, but received a " + goKind(right));
        }
        JsonNode l = left.get(mergeKey);
        if (l == null) {
            throw fail("map with keys " + keysOf(left) + " does not contain declared merge key: " + mergeKey);
        }
        JsonNode r = right.get(mergeKey);
        if (r == null) {
            throw fail("map with keys " + keysOf(right) + " does not contain declared merge key: " + mergeKey);
        }
        return Json.equal(l, r);
    }

    private JsonNode mergeSliceHandler(ArrayNode original, ArrayNode patch, PatchSchema schema, boolean merge,
            String mergeKey, boolean isDeleteList, MergeOptions opts) {
        if (merge || isDeleteList) {
            return array(mergeSlice(list(original), list(patch), schema, mergeKey, opts, isDeleteList));
        }
        return patch;
    }

    private List<JsonNode> mergeSlice(List<JsonNode> original, List<JsonNode> patch, PatchSchema schema,
            String mergeKey, MergeOptions opts, boolean isDeleteList) {
        if (original.isEmpty() && patch.isEmpty()) {
            return original;
        }
        Kind kind = sliceElementKind(original, patch);
        List<JsonNode> merged;
        List<JsonNode> orig = original;
        List<JsonNode> pat = patch;
        if (kind != Kind.OBJECT) {
            if (opts.mergeParallelList() && isDeleteList) {
                return deleteFromSlice(original, patch);
            }
            List<JsonNode> both = new ArrayList<>(original);
            both.addAll(patch);
            merged = deduplicateScalars(both);
        } else {
            if (mergeKey.isEmpty()) {
                throw fail("cannot merge lists without merge key for " + schema.typeName());
            }
            List<JsonNode>[] r = mergeSliceWithSpecialElements(original, patch, mergeKey);
            orig = r[0];
            pat = r[1];
            merged = mergeSliceWithoutSpecialElements(orig, pat, mergeKey, schema, opts);
        }
        List<JsonNode> patchItems = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        if (mergeKey.isEmpty()) {
            partitionPrimitives(merged, pat, patchItems, serverOnly);
        } else {
            partitionMaps(merged, pat, mergeKey, patchItems, serverOnly);
        }
        return normalizeElementOrder(patchItems, serverOnly, pat, orig, mergeKey, kind);
    }

    @SuppressWarnings("unchecked")
    private List<JsonNode>[] mergeSliceWithSpecialElements(List<JsonNode> original, List<JsonNode> patch,
            String mergeKey) {
        List<JsonNode> without = new ArrayList<>();
        List<JsonNode> orig = new ArrayList<>(original);
        boolean replace = false;
        for (JsonNode v : patch) {
            JsonNode type = v.get(DIRECTIVE);
            if (type == null) {
                without.add(v);
                continue;
            }
            String t = type.isTextual() ? type.asText() : Json.goString(type);
            switch (t) {
                case DELETE -> {
                    JsonNode mergeValue = v.get(mergeKey);
                    if (mergeValue == null) {
                        throw fail("map with keys " + keysOf(v) + " does not contain declared merge key: " + mergeKey);
                    }
                    orig.removeIf(o -> {
                        if (!o.isObject()) {
                            throw fail("value for key is not a map");
                        }
                        JsonNode m = o.get(mergeKey);
                        return m != null && Json.equal(m, mergeValue);
                    });
                }
                case REPLACE -> replace = true;
                case MERGE -> throw fail("merging lists cannot yet be specified in the patch");
                default -> throw fail("unknown patch type: " + t + " in map with keys " + keysOf(v));
            }
        }
        if (replace) {
            return new List[] {without, new ArrayList<>()};
        }
        return new List[] {orig, without};
    }

    private List<JsonNode> mergeSliceWithoutSpecialElements(List<JsonNode> original, List<JsonNode> patch,
            String mergeKey, PatchSchema schema, MergeOptions opts) {
        List<JsonNode> result = new ArrayList<>(original);
        for (JsonNode v : patch) {
            JsonNode mergeValue = v.get(mergeKey);
            if (mergeValue == null) {
                throw fail("map with keys " + keysOf(v) + " does not contain declared merge key: " + mergeKey);
            }
            int found = findMapInSlice(result, mergeKey, mergeValue);
            if (found >= 0) {
                result.set(found, mergeMap((ObjectNode) result.get(found), (ObjectNode) v, schema, opts));
            } else {
                result.add(v);
            }
        }
        return result;
    }

    private int findMapInSlice(List<JsonNode> list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = list.get(i);
            if (!v.isObject()) {
                throw fail("value for key " + i + " is not a map");
            }
            JsonNode m = v.get(key);
            if (m != null && !m.isContainerNode() && Json.equal(m, value)) {
                return i;
            }
        }
        return -1;
    }

    private static List<JsonNode> deleteFromSlice(List<JsonNode> current, List<JsonNode> toDelete) {
        Set<JsonNodeKey> del = new HashSet<>();
        toDelete.forEach(v -> del.add(new JsonNodeKey(v)));
        List<JsonNode> out = new ArrayList<>(current.size());
        for (JsonNode v : current) {
            if (!del.contains(new JsonNodeKey(v))) {
                out.add(v);
            }
        }
        return out;
    }

    private static void partitionPrimitives(List<JsonNode> original, List<JsonNode> partitionBy,
            List<JsonNode> patch, List<JsonNode> serverOnly) {
        Set<JsonNodeKey> in = new HashSet<>();
        partitionBy.forEach(v -> in.add(new JsonNodeKey(v)));
        for (JsonNode v : original) {
            if (in.contains(new JsonNodeKey(v))) {
                patch.add(v);
            } else {
                serverOnly.add(v);
            }
        }
    }

    private void partitionMaps(List<JsonNode> original, List<JsonNode> partitionBy, String mergeKey,
            List<JsonNode> patch, List<JsonNode> serverOnly) {
        for (JsonNode v : original) {
            ObjectNode o = mapWithMergeKey(v, mergeKey);
            if (findMapInSlice(partitionBy, mergeKey, o.get(mergeKey)) >= 0) {
                patch.add(v);
            } else {
                serverOnly.add(v);
            }
        }
    }

    private List<JsonNode> normalizeElementOrder(List<JsonNode> patch, List<JsonNode> serverOnly,
            List<JsonNode> patchOrder, List<JsonNode> serverOrder, String mergeKey, Kind kind) {
        List<JsonNode> p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
        List<JsonNode> s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
        return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
    }

    private static List<JsonNode> mergeSortedSlice(List<JsonNode> left, List<JsonNode> right,
            List<JsonNode> serverOrder, String mergeKey, Kind kind) {
        int size = left.size() + right.size();
        int i = 0;
        int j = 0;
        List<JsonNode> s = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            if (i >= left.size() && j < right.size()) {
                s.add(right.get(j++));
            } else if (j >= right.size() && i < left.size()) {
                s.add(left.get(i++));
            } else {
                int li = index(serverOrder, left.get(i), mergeKey, kind);
                int ri = index(serverOrder, right.get(j), mergeKey, kind);
                if (li >= 0 && ri >= 0 && li < ri) {
                    s.add(left.get(i++));
                } else {
                    s.add(right.get(j++));
                }
            }
        }
        return s;
    }

    private static JsonNode indexValue(JsonNode item, String mergeKey, Kind kind) {
        if (kind == Kind.OBJECT) {
            if (!item.isObject()) {
                return null;
            }
            return item.get(mergeKey);
        }
        return item;
    }

    private static int index(List<JsonNode> l, JsonNode lookup, String mergeKey, Kind kind) {
        JsonNode want = indexValue(lookup, mergeKey, kind);
        for (int i = 0; i < l.size(); i++) {
            JsonNode have = indexValue(l.get(i), mergeKey, kind);
            if (want == null ? have == null : (have != null && !have.isContainerNode() && Json.equal(want, have))) {
                return i;
            }
        }
        return -1;
    }

    private void extractToDeleteItems(List<JsonNode> l, List<JsonNode> nonDelete, List<JsonNode> toDelete) {
        for (JsonNode v : l) {
            if (!v.isObject()) {
                throw fail("expected a map, but received a " + goKind(v));
            }
            JsonNode d = v.get(DIRECTIVE);
            if (d != null && d.isTextual() && d.asText().equals(DELETE)) {
                toDelete.add(v);
            } else {
                nonDelete.add(v);
            }
        }
    }

    private List<JsonNode> normalizeSliceOrder(List<JsonNode> toSort, List<JsonNode> order, String mergeKey,
            Kind kind) {
        List<JsonNode> sorted = new ArrayList<>();
        List<JsonNode> toDelete = new ArrayList<>();
        if (kind == Kind.OBJECT) {
            for (JsonNode v : toSort) {
                mapWithMergeKey(v, mergeKey);
            }
            for (JsonNode v : order) {
                mapWithMergeKey(v, mergeKey);
            }
            extractToDeleteItems(toSort, sorted, toDelete);
        } else {
            sorted.addAll(toSort);
        }
        // Go's sort.SliceStable with its (not always consistent) less: insertion sort keeps the same result
        int n = sorted.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = index(order, sorted.get(i), mergeKey, kind);
        }
        for (int i = 1; i < n; i++) {
            for (int j = i; j > 0 && lessByOrder(idx[j], idx[j - 1]); j--) {
                JsonNode t = sorted.get(j);
                sorted.set(j, sorted.get(j - 1));
                sorted.set(j - 1, t);
                int ti = idx[j];
                idx[j] = idx[j - 1];
                idx[j - 1] = ti;
            }
        }
        sorted.addAll(toDelete);
        return sorted;
    }

    private static boolean lessByOrder(int ii, int ij) {
        if (ii >= 0 && ij >= 0) {
            return ii < ij;
        }
        return true;
    }

    /** Go's removeDirectives: returns null when the value must be dropped. Mutates. */
    static JsonNode removeDirectives(JsonNode obj) {
        if (obj == null || obj.isNull()) {
            return obj;
        }
        if (obj.isObject()) {
            if (obj.has(DIRECTIVE)) {
                return null;
            }
            ObjectNode o = (ObjectNode) obj;
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                JsonNode v = removeDirectives(o.get(k));
                if (v == null) {
                    o.remove(k);
                } else {
                    o.set(k, v);
                }
            }
            return o;
        }
        if (obj.isArray()) {
            ArrayNode res = Json.F.arrayNode();
            for (JsonNode v : obj) {
                JsonNode nv = removeDirectives(v);
                if (nv != null) {
                    res.add(nv);
                }
            }
            return res;
        }
        return obj;
    }

    static void discardNullValuesFromPatch(JsonNode v) {
        if (v == null) {
            return;
        }
        if (v.isObject()) {
            ObjectNode o = (ObjectNode) v;
            List<String> remove = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : iter(o)) {
                if (e.getValue().isNull()) {
                    remove.add(e.getKey());
                } else {
                    discardNullValuesFromPatch(e.getValue());
                }
            }
            o.remove(remove);
        } else if (v.isArray()) {
            for (JsonNode e : v) {
                discardNullValuesFromPatch(e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- sorting

    /** Go's sortMergeListsByNameMap: sorts merging lists (by merge key / value) recursively; a new tree. */
    public ObjectNode sortMergeListsByNameMap(ObjectNode s, PatchSchema schema) {
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> e : iter(s)) {
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (k.equals(RETAIN_KEYS)) {
                if (!v.isArray()) {
                    throw fail("invalid patch format of retainKeys");
                }
                v = array(sortScalars(list(v)));
            } else if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                if (!v.isArray()) {
                    throw fail("invalid patch format of primitive list");
                }
                v = array(sortScalars(list(v)));
            } else if (k.startsWith(SET_ELEMENT_ORDER)) {
                if (!v.isArray()) {
                    throw fail("invalid patch format of setElementOrder list");
                }
            } else if (!k.equals(DIRECTIVE)) {
                push(k);
                try {
                    if (v.isObject()) {
                        PatchField meta = lookup(schema, k);
                        v = sortMergeListsByNameMap((ObjectNode) v, meta.schema());
                    } else if (v.isArray()) {
                        PatchField meta = lookup(schema, k);
                        if (meta.strategy() == PatchField.Strategy.MERGE) {
                            v = array(sortMergeListsByNameArray(list(v), meta.schema(), meta.mergeKey(), true));
                        }
                    }
                } finally {
                    pop();
                }
            }
            out.set(k, v);
        }
        return out;
    }

    private List<JsonNode> sortMergeListsByNameArray(List<JsonNode> s, PatchSchema schema, String mergeKey,
            boolean recurse) {
        if (s.isEmpty()) {
            return s;
        }
        Kind kind = sliceElementKind(s);
        if (kind != Kind.OBJECT) {
            return sortScalars(deduplicateScalars(new ArrayList<>(s)));
        }
        List<JsonNode> out = new ArrayList<>(s.size());
        for (JsonNode e : s) {
            out.add(recurse ? sortMergeListsByNameMap((ObjectNode) e, schema) : e);
        }
        if (out.size() == 1) {
            return out;
        }
        List<String> keys = new ArrayList<>(out.size());
        boolean inOrder = true;
        for (JsonNode e : out) {
            JsonNode k = e.get(mergeKey);
            String ks = k == null ? "<nil>" : Json.goString(k);
            if (!keys.isEmpty() && keys.get(keys.size() - 1).compareTo(ks) > 0) {
                inOrder = false;
            }
            keys.add(ks);
        }
        if (inOrder) {
            return out;
        }
        // stable sort by the string form of the merge key
        Integer[] order = new Integer[out.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> keys.get(a).compareTo(keys.get(b)));
        List<JsonNode> sorted = new ArrayList<>(out.size());
        for (Integer i : order) {
            sorted.add(out.get(i));
        }
        return sorted;
    }

    static List<JsonNode> sortScalars(List<JsonNode> s) {
        List<JsonNode> out = new ArrayList<>(s);
        Map<JsonNode, String> cache = new HashMap<>();
        out.sort((a, b) -> cache.computeIfAbsent(a, Json::goString).compareTo(cache.computeIfAbsent(b,
                Json::goString)));
        return out;
    }

    /** Go's in-place "clever" deduplication (order-changing, reproduced exactly). */
    static List<JsonNode> deduplicateScalars(List<JsonNode> in) {
        List<JsonNode> s = new ArrayList<>(in);
        int length = s.size() - 1;
        for (int i = 0; i < length; i++) {
            for (int j = i + 1; j <= length; j++) {
                if (Json.equal(s.get(i), s.get(j))) {
                    s.set(j, s.get(length));
                    s.remove(length);
                    length--;
                    j--;
                }
            }
        }
        return s;
    }

    @SafeVarargs
    private Kind sliceElementKind(List<JsonNode>... slices) {
        Kind prev = null;
        for (List<JsonNode> s : slices) {
            for (JsonNode v : s) {
                Kind k = Json.kind(v);
                if (prev == null) {
                    prev = k;
                    if (prev == Kind.ARRAY) {
                        throw fail("lists of lists are not supported");
                    }
                } else if (prev != k) {
                    throw fail("list element types are not identical");
                }
            }
        }
        if (prev == null) {
            throw fail("no elements in any of the given slices");
        }
        return prev;
    }

    // ---------------------------------------------------------------------------------------------- conflicts

    /** Go's MergingMapsHaveConflicts. */
    public boolean mergingMapsHaveConflicts(ObjectNode left, ObjectNode right, PatchSchema schema) {
        return fieldsHaveConflicts(left, right, schema, PatchField.Strategy.DEFAULT, "");
    }

    private boolean fieldsHaveConflicts(JsonNode left, JsonNode right, PatchSchema schema,
            PatchField.Strategy strategy, String mergeKey) {
        switch (Json.kind(left)) {
            case OBJECT: {
                if (!right.isObject()) {
                    return true;
                }
                JsonNode lm = left.get(DIRECTIVE);
                JsonNode rm = right.get(DIRECTIVE);
                if (lm != null || rm != null) {
                    if ((lm == null) != (rm == null)) {
                        return true;
                    }
                    if (!Json.equal(lm, rm)) {
                        return true;
                    }
                }
                if (strategy == PatchField.Strategy.REPLACE) {
                    return false;
                }
                return mapsHaveConflicts((ObjectNode) left, (ObjectNode) right, schema);
            }
            case ARRAY: {
                if (!right.isArray()) {
                    return true;
                }
                return slicesHaveConflicts(list(left), list(right), schema, strategy, mergeKey);
            }
            default:
                return !Json.equal(left, right);
        }
    }

    private boolean mapsHaveConflicts(ObjectNode left, ObjectNode right, PatchSchema schema) {
        for (Map.Entry<String, JsonNode> e : iter(left)) {
            String key = e.getKey();
            if (key.equals(DIRECTIVE) || key.equals(RETAIN_KEYS)) {
                continue;
            }
            JsonNode rightValue = right.get(key);
            if (rightValue == null) {
                continue;
            }
            PatchSchema sub = schema;
            PatchField.Strategy strategy = PatchField.Strategy.DEFAULT;
            String mergeKey = "";
            if (e.getValue().isContainerNode()) {
                PatchField meta = lookup(schema, key);
                sub = meta.schema();
                strategy = meta.strategy();
                mergeKey = meta.mergeKey();
            }
            if (fieldsHaveConflicts(e.getValue(), rightValue, sub, strategy, mergeKey)) {
                return true;
            }
        }
        return false;
    }

    private boolean slicesHaveConflicts(List<JsonNode> left, List<JsonNode> right, PatchSchema schema,
            PatchField.Strategy strategy, String mergeKey) {
        Kind kind = sliceElementKind(left, right);
        if (strategy == PatchField.Strategy.MERGE) {
            if (kind != Kind.OBJECT) {
                return false;
            }
            Map<String, JsonNode> lm = sliceOfMapsToMap(left, mergeKey);
            Map<String, JsonNode> rm = sliceOfMapsToMap(right, mergeKey);
            for (Map.Entry<String, JsonNode> e : lm.entrySet()) {
                JsonNode r = rm.get(e.getKey());
                if (r != null && fieldsHaveConflicts(e.getValue(), r, schema, PatchField.Strategy.DEFAULT, "")) {
                    return true;
                }
            }
            return false;
        }
        if (left.size() != right.size()) {
            return true;
        }
        List<JsonNode> l = left;
        List<JsonNode> r = right;
        if (kind != Kind.OBJECT) {
            l = sortScalars(deduplicateScalars(left));
            r = sortScalars(deduplicateScalars(right));
        }
        for (int i = 0; i < l.size() && i < r.size(); i++) {
            if (fieldsHaveConflicts(l.get(i), r.get(i), schema, PatchField.Strategy.DEFAULT, "")) {
                return true;
            }
        }
        return false;
    }

    private Map<String, JsonNode> sliceOfMapsToMap(List<JsonNode> slice, String mergeKey) {
        Map<String, JsonNode> m = new HashMap<>();
        for (JsonNode v : slice) {
            if (!v.isObject()) {
                throw fail("invalid element type in merging list:" + goList(slice));
            }
            JsonNode k = v.get(mergeKey);
            if (k == null) {
                throw fail("cannot find merge key `" + mergeKey + "` in merging list element with keys " + keysOf(v));
            }
            m.put(Json.goString(k), v);
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static Iterable<Map.Entry<String, JsonNode>> iter(JsonNode o) {
        return o.properties();
    }

    static List<JsonNode> list(JsonNode a) {
        List<JsonNode> l = new ArrayList<>(a.size());
        a.forEach(l::add);
        return l;
    }

    static ArrayNode array(List<JsonNode> l) {
        ArrayNode a = Json.F.arrayNode(l.size());
        l.forEach(a::add);
        return a;
    }

    /**
     * The keys of a map, sorted, for error messages: values are left out because they may be secrets (an env
     * value, a token).
     */
    static String keysOf(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        java.util.Collections.sort(keys);
        return keys.toString();
    }

    static String goKind(JsonNode n) {
        return switch (Json.kind(n)) {
            case OBJECT -> "map[string]interface {}";
            case ARRAY -> "[]interface {}";
            case STRING -> "string";
            case INT -> "int64";
            case FLOAT -> "float64";
            case BOOL -> "bool";
            case NULL -> "nil";
        };
    }

    /** A JsonNode with {@link Json#equal}/{@link Json#hash} semantics, for sets. */
    record JsonNodeKey(JsonNode node) {
        @Override
        public boolean equals(Object o) {
            return o instanceof JsonNodeKey k && Json.equal(node, k.node);
        }

        @Override
        public int hashCode() {
            return Json.hash(node);
        }
    }
}
