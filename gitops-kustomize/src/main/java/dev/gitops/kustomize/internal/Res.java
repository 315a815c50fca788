package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A mutable resource during a build: the object tree with kustomize's build annotations inside it. */
public final class Res {

    public static final String DOMAIN = "internal.config.kubernetes.io";
    public static final String PREV_KINDS = DOMAIN + "/previousKinds";
    public static final String PREV_NAMES = DOMAIN + "/previousNames";
    public static final String PREFIXES = DOMAIN + "/prefixes";
    public static final String SUFFIXES = DOMAIN + "/suffixes";
    public static final String PREV_NAMESPACES = DOMAIN + "/previousNamespaces";
    public static final String REF_BY = DOMAIN + "/refBy";
    public static final String GEN_BEHAVIOR = DOMAIN + "/generatorBehavior";
    public static final String NEEDS_HASH = DOMAIN + "/needsHashSuffix";
    public static final String ALLOW_NAME_CHANGE = DOMAIN + "/allowNameChange";
    public static final String ALLOW_KIND_CHANGE = DOMAIN + "/allowKindChange";
    public static final List<String> BUILD_ANNOTATIONS = List.of(PREV_KINDS, PREV_NAMES, PREFIXES, SUFFIXES,
            PREV_NAMESPACES, REF_BY, GEN_BEHAVIOR, NEEDS_HASH, ALLOW_NAME_CHANGE, ALLOW_KIND_CHANGE);
    public static final String ORIGIN_ANNOTATION = "config.kubernetes.io/origin";
    public static final String TRANSFORMATIONS_ANNOTATION = "alpha.config.kubernetes.io/transformations";

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    ObjectNode node;
    /** The file the resource came from (for error messages). */
    final String file;
    List<String> refVarNames = new ArrayList<>();
    /** Annotations written as plain non-string scalars: key to {raw text, JSON round-trip text} (KyamlScalars). */
    Map<String, String[]> plainAnnotations = Map.of();
    /** True when the source text may hold {@code .inf} or {@code .nan} (checked before output, as JSON has none). */
    boolean mayHoldInfinity;
    /**
     * Where the object was read from: positions by JSON pointer in its repository file (kept through transformers,
     * so that findings on the built object name the file and line that produced it); empty for generated objects.
     */
    dev.gitops.api.yaml.SourceMap sourceMap = dev.gitops.api.yaml.SourceMap.empty();
    /** Fields patches set since the object was read, in order: where each was set (file, line, target pointer). */
    List<dev.gitops.api.error.Origin> placed = new ArrayList<>();

    public Res(ObjectNode node, String file) {
        this.node = node;
        this.file = file;
    }

    /** Where the object's fields come from: the file it was read from, with the fields patches set. */
    public dev.gitops.api.yaml.SourceMap sourceMap() {
        return sourceMap.withOrigins(placed);
    }

    public ObjectNode node() {
        return node;
    }

    public boolean isDeleted() {
        return node == null || node.isEmpty();
    }

    public Res deepCopy() {
        Res r = new Res(node.deepCopy(), file);
        r.refVarNames = new ArrayList<>(refVarNames);
        r.plainAnnotations = plainAnnotations;
        r.mayHoldInfinity = mayHoldInfinity;
        r.sourceMap = sourceMap;
        r.placed = new ArrayList<>(placed);
        return r;
    }

    public String apiVersion() {
        return text(node.get("apiVersion"));
    }

    public String kind() {
        return text(node.get("kind"));
    }

    public Gvk gvk() {
        String av = apiVersion();
        String k = kind();
        ParsedGvk memo = gvk;
        if (memo != null && memo.apiVersion == av && memo.kind == k) {
            return memo.gvk;
        }
        Gvk g = Gvk.of(av, k);
        gvk = new ParsedGvk(av, k, g);
        return g;
    }

    /** The last {@link #gvk()} parse, kept while apiVersion and kind are the same strings (a miss otherwise). */
    private record ParsedGvk(String apiVersion, String kind, Gvk gvk) {}

    private volatile ParsedGvk gvk;

    public String name() {
        JsonNode m = node.get("metadata");
        return m == null ? "" : text(m.get("name"));
    }

    public String namespace() {
        JsonNode m = node.get("metadata");
        return m == null ? "" : text(m.get("namespace"));
    }

    static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "";
        }
        return n.isTextual() ? n.textValue() : n.asText();
    }

    public RId curId() {
        return new RId(gvk(), name(), namespace());
    }

    public ObjectNode metadata(boolean create) {
        JsonNode m = node.get("metadata");
        if (m instanceof ObjectNode o) {
            return o;
        }
        if (!create) {
            return null;
        }
        ObjectNode o = node.objectNode();
        node.set("metadata", o);
        return o;
    }

    public void setName(String name) {
        metadata(true).put("name", name);
    }

    public void setNamespace(String ns) {
        if (ns.isEmpty()) {
            ObjectNode m = metadata(false);
            if (m != null) {
                m.remove("namespace");
            }
            return;
        }
        metadata(true).put("namespace", ns);
    }

    public void setKind(String kind) {
        node.put("kind", kind);
    }

    /** String-valued annotations (kustomize reads all scalars as strings). */
    public Map<String, String> annotations() {
        return stringMap("annotations");
    }

    public Map<String, String> labels() {
        return stringMap("labels");
    }

    private Map<String, String> stringMap(String field) {
        ObjectNode m = metadata(false);
        if (m == null) {
            return Collections.emptyMap();
        }
        JsonNode a = m.get(field);
        if (a == null || !a.isObject()) {
            return Collections.emptyMap();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), text(e.getValue()));
        }
        return out;
    }

    public String annotation(String key) {
        ObjectNode m = metadata(false);
        if (m == null) {
            return null;
        }
        JsonNode a = m.get("annotations");
        if (a == null || !a.isObject()) {
            return null;
        }
        JsonNode v = a.get(key);
        return v == null || v.isNull() ? null : text(v);
    }

    public void setAnnotation(String key, String value) {
        ObjectNode m = metadata(true);
        JsonNode a = m.get("annotations");
        ObjectNode ao;
        if (a instanceof ObjectNode o) {
            ao = o;
        } else {
            ao = m.putObject("annotations");
        }
        ao.put(key, value);
    }

    public void removeAnnotation(String key) {
        ObjectNode m = metadata(false);
        if (m == null) {
            return;
        }
        JsonNode a = m.get("annotations");
        if (a instanceof ObjectNode o) {
            o.remove(key);
        }
    }

    /** Replaces all annotations; an empty map removes the field (kyaml's SetAnnotations). */
    public void setAnnotations(Map<String, String> map) {
        setStringMap("annotations", map);
    }

    public void setLabels(Map<String, String> map) {
        setStringMap("labels", map);
    }

    private void setStringMap(String field, Map<String, String> map) {
        if (map.isEmpty()) {
            ObjectNode m = metadata(false);
            if (m != null) {
                m.remove(field);
            }
            return;
        }
        ObjectNode o = F.objectNode();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(map).entrySet()) {
            o.put(e.getKey(), e.getValue());
        }
        metadata(true).set(field, o);
    }

    List<String> csv(String key) {
        String v = annotation(key);
        if (v == null) {
            return List.of();
        }
        return Arrays.asList(v.split(",", -1));
    }

    void appendCsv(String key, String value) {
        if (value.isEmpty()) {
            return;
        }
        String cur = annotation(key);
        setAnnotation(key, cur == null ? value : cur + "," + value);
    }

    public List<String> prefixes() {
        return csv(PREFIXES);
    }

    public List<String> suffixes() {
        return csv(SUFFIXES);
    }

    public void addNamePrefix(String p) {
        appendCsv(PREFIXES, p);
    }

    public void addNameSuffix(String s) {
        appendCsv(SUFFIXES, s);
    }

    public void storePreviousId() {
        RId id = curId();
        String ns = id.effectiveNamespace();
        appendCsvAlways(PREV_NAMES, id.name());
        appendCsvAlways(PREV_NAMESPACES, ns);
        appendCsvAlways(PREV_KINDS, id.gvk().kind());
    }

    private void appendCsvAlways(String key, String value) {
        // kustomize's appendCsvAnnotation ignores empty values; mirror that.
        appendCsv(key, value);
    }

    /**
     * The ids the resource had before renames, from its build annotations. The parsed list is kept while the
     * annotation values (the same strings) and the apiVersion stay those it was parsed from: name references and
     * id lookups ask for it many times per resource.
     */
    public List<RId> prevIds() {
        String names = annotation(PREV_NAMES);
        if (names == null) {
            return List.of();
        }
        String nsv = annotation(PREV_NAMESPACES);
        String kv = annotation(PREV_KINDS);
        String av = apiVersion();
        PrevIds memo = prevIds;
        if (memo != null && memo.names == names && memo.namespaces == nsv && memo.kinds == kv
                && memo.apiVersion.equals(av)) {
            return memo.ids;
        }
        String[] n = names.split(",", -1);
        String[] ns = nsv == null ? new String[] {""} : nsv.split(",", -1);
        String[] k = kv == null ? new String[] {""} : kv.split(",", -1);
        Gvk g = Gvk.of(av, "");
        List<RId> ids = new ArrayList<>(n.length);
        for (int i = 0; i < n.length; i++) {
            ids.add(new RId(new Gvk(g.group(), g.version(), i < k.length ? k[i] : ""), n[i],
                    i < ns.length ? ns[i] : ""));
        }
        ids = List.copyOf(ids);
        prevIds = new PrevIds(names, nsv, kv, av, ids);
        return ids;
    }

    /** A parse of the previous-id annotations (immutable: safe to share between threads). */
    private record PrevIds(String names, String namespaces, String kinds, String apiVersion, List<RId> ids) {}

    /** The last {@link #prevIds()} parse; a stale or racing value is only ever a cache miss. */
    private volatile PrevIds prevIds;

    public RId orgId() {
        List<RId> p = prevIds();
        return p.isEmpty() ? curId() : p.get(0);
    }

    public boolean enabled(String key) {
        return "enabled".equals(annotation(key));
    }

    public void enable(String key) {
        setAnnotation(key, "enabled");
    }

    public String behavior() {
        String b = annotation(GEN_BEHAVIOR);
        return b == null ? "" : b;
    }

    public void appendRefBy(RId id) {
        appendCsv(REF_BY, id.toString());
    }

    public boolean prefixesSuffixesEquals(Res o, boolean allowEmpty) {
        List<String> rp = prefixes();
        List<String> op = o.prefixes();
        List<String> rs = suffixes();
        List<String> os = o.suffixes();
        if (allowEmpty) {
            boolean pe = rp.isEmpty() || op.isEmpty();
            boolean se = rs.isEmpty() || os.isEmpty();
            return (pe || sameEndingSubSlice(rp, op)) && (se || sameEndingSubSlice(rs, os));
        }
        return sameEndingSubSlice(rp, op) && sameEndingSubSlice(rs, os);
    }

    static boolean sameEndingSubSlice(List<String> a, List<String> b) {
        List<String> shorter = a.size() <= b.size() ? a : b;
        List<String> longer = a.size() <= b.size() ? b : a;
        if (shorter.isEmpty()) {
            return longer.isEmpty();
        }
        int d = longer.size() - shorter.size();
        for (int i = 0; i < shorter.size(); i++) {
            if (!shorter.get(i).equals(longer.get(i + d))) {
                return false;
            }
        }
        return true;
    }

    /** Kustomize's CopyMergeMetaDataFieldsFrom. */
    public void copyMergeMetaDataFieldsFrom(Res other) {
        Map<String, String> labels = new LinkedHashMap<>(other.labels());
        labels.putAll(labels());
        setLabels(labels);
        Map<String, String> ra = annotations();
        boolean enableHash = ra.containsKey(NEEDS_HASH);
        Map<String, String> oa = other.annotations();
        Map<String, String> merged = new LinkedHashMap<>(oa);
        merged.putAll(ra);
        for (String b : BUILD_ANNOTATIONS) {
            if (oa.containsKey(b)) {
                merged.put(b, oa.get(b));
            } else {
                merged.remove(b);
            }
        }
        if (!enableHash) {
            merged.remove(NEEDS_HASH);
        }
        setAnnotations(merged);
        setName(other.name());
        setNamespace(other.namespace());
        refVarNames = new ArrayList<>(other.refVarNames);
    }

    public void removeBuildAnnotations() {
        ObjectNode m = metadata(false);
        if (m == null) {
            return;
        }
        JsonNode a = m.get("annotations");
        if (!(a instanceof ObjectNode ao) || ao.isEmpty()) {
            return;
        }
        boolean any = false;
        for (String b : BUILD_ANNOTATIONS) {
            if (ao.remove(b) != null) {
                any = true;
            }
        }
        if (any && ao.isEmpty()) {
            m.remove("annotations");
        }
    }

    @Override
    public String toString() {
        return curId().toString();
    }
}
