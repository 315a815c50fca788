package dev.gitops.api.apply.memory.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.diff.Quantity;
import dev.gitops.api.error.InvalidObjectException;
import dev.gitops.api.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The subset of API-server validation the in-memory cluster performs, with the API server's messages. */
public final class Validation {

    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Set<String> LABEL_NAMED = Set.of("Namespace", "Service");
    private static final Set<String> STATEFULSET_MUTABLE = Set.of("replicas", "ordinals", "template",
            "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds");
    private static final Set<String> SELECTOR_IMMUTABLE = Set.of("Deployment", "StatefulSet", "DaemonSet",
            "ReplicaSet");

    private Validation() {
    }

    /** {@code Kind.group "name"} as the API server names objects in errors. */
    public static String qualified(ResourceId id) {
        return (id.group().isEmpty() ? id.kind() : id.kind() + "." + id.group()) + " \"" + id.name() + "\"";
    }

    /**
     * Validates an object about to be stored.
     *
     * @param previous the live object for updates, null for creates
     */
    public static void validate(ResourceId id, ObjectNode obj, ObjectNode previous) {
        List<String> errs = new ArrayList<>();
        String name = id.name();
        boolean label = LABEL_NAMED.contains(id.kind()) && id.group().isEmpty();
        if (name.isEmpty()) {
            errs.add("metadata.name: Required value: name or generateName is required");
        } else if (label && (name.length() > 63 || !DNS1123_LABEL.matcher(name).matches())) {
            errs.add("metadata.name: Invalid value: \"" + name + "\": a lowercase RFC 1123 label must consist of"
                    + " lower case alphanumeric characters or '-', and must start and end with an alphanumeric"
                    + " character (e.g. 'my-name',  or '123-abc', regex used for validation is"
                    + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        } else if (!label && (name.length() > 253 || !DNS1123_SUBDOMAIN.matcher(name).matches())) {
            errs.add("metadata.name: Invalid value: \"" + name + "\": a lowercase RFC 1123 subdomain must consist"
                    + " of lower case alphanumeric characters, '-' or '.', and must start and end with an"
                    + " alphanumeric character (e.g. 'example.com', regex used for validation is"
                    + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        }
        labels(obj.path("metadata").path("labels"), "metadata.labels", errs);
        if (id.group().equals("apps") && SELECTOR_IMMUTABLE.contains(id.kind())) {
            workload(obj, previous, errs);
        }
        if (id.group().equals("apiextensions.k8s.io") && id.kind().equals("CustomResourceDefinition")) {
            crd(id, obj, errs);
        }
        if (previous != null) {
            immutable(id, obj, previous, errs);
        }
        if (!errs.isEmpty()) {
            throw new InvalidObjectException(id, qualified(id) + " is invalid: " + String.join(", ", errs));
        }
    }

    private static void labels(JsonNode labels, String field, List<String> errs) {
        if (!labels.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : labels.properties()) {
            String k = e.getKey();
            String n = k.contains("/") ? k.substring(k.indexOf('/') + 1) : k;
            String prefix = k.contains("/") ? k.substring(0, k.indexOf('/')) : null;
            if (n.isEmpty() || n.length() > 63 || !QUALIFIED_NAME.matcher(n).matches()
                    || prefix != null && (prefix.length() > 253 || !DNS1123_SUBDOMAIN.matcher(prefix).matches())) {
                errs.add(field + ": Invalid value: \"" + k + "\": name part must consist of alphanumeric characters,"
                        + " '-', '_' or '.', and must start and end with an alphanumeric character");
            }
            String v = e.getValue().asText();
            if (!e.getValue().isTextual() || v.length() > 63 || !LABEL_VALUE.matcher(v).matches()) {
                errs.add(field + ": Invalid value: \"" + v + "\": a valid label must be an empty string or consist"
                        + " of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric"
                        + " character");
            }
        }
    }

    private static void workload(ObjectNode obj, ObjectNode previous, List<String> errs) {
        JsonNode selector = obj.path("spec").path("selector");
        if (!selector.isObject() || selector.size() == 0) {
            errs.add("spec.selector: Required value");
        } else {
            JsonNode ml = selector.path("matchLabels");
            JsonNode tl = obj.path("spec").path("template").path("metadata").path("labels");
            if (ml.isObject()) {
                for (Map.Entry<String, JsonNode> e : ml.properties()) {
                    if (!e.getValue().equals(tl.get(e.getKey()))) {
                        errs.add("spec.template.metadata.labels: Invalid value: " + tl
                                + ": `selector` does not match template `labels`");
                        break;
                    }
                }
            }
        }
        JsonNode containers = obj.path("spec").path("template").path("spec").path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            errs.add("spec.template.spec.containers: Required value");
        } else {
            for (int i = 0; i < containers.size(); i++) {
                if (containers.get(i).path("name").asText("").isEmpty()) {
                    errs.add("spec.template.spec.containers[" + i + "].name: Required value");
                }
                if (containers.get(i).path("image").asText("").isEmpty()) {
                    errs.add("spec.template.spec.containers[" + i + "].image: Required value");
                }
            }
        }
        if (previous != null && !Ssa.same(previous.path("spec").get("selector"), obj.path("spec").get("selector"))) {
            errs.add("spec.selector: Invalid value: " + selector + ": field is immutable");
        }
    }

    /**
     * The update rules of the API server for fields that cannot change (besides workload selectors): Job selector
     * and template, StatefulSet spec outside the mutable fields, Service cluster IP, PersistentVolumeClaim spec
     * outside {@code resources.requests} (which may only grow, and only for bound claims), and the data of
     * ConfigMaps and Secrets marked {@code immutable: true}.
     */
    private static void immutable(ResourceId id, ObjectNode obj, ObjectNode previous, List<String> errs) {
        JsonNode spec = obj.path("spec");
        JsonNode old = previous.path("spec");
        String group = id.group();
        String kind = id.kind();
        if (group.equals("batch") && kind.equals("Job")) {
            if (!Ssa.same(old.get("selector"), spec.get("selector"))) {
                errs.add("spec.selector: Invalid value: " + spec.path("selector") + ": field is immutable");
            }
            if (!Ssa.same(old.get("template"), spec.get("template"))) {
                errs.add("spec.template: Invalid value: " + spec.path("template") + ": field is immutable");
            }
        } else if (group.equals("apps") && kind.equals("StatefulSet")) {
            ObjectNode a = spec.isObject() ? ((ObjectNode) spec).deepCopy() : obj.objectNode();
            ObjectNode b = old.isObject() ? ((ObjectNode) old).deepCopy() : obj.objectNode();
            for (String f : STATEFULSET_MUTABLE) {
                a.remove(f);
                b.remove(f);
            }
            if (!Ssa.same(a, b)) {
                errs.add("spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals',"
                        + " 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and"
                        + " 'minReadySeconds' are forbidden");
            }
        } else if (group.isEmpty() && kind.equals("Service")) {
            String was = old.path("clusterIP").asText("");
            String now = spec.path("clusterIP").asText("");
            if (!was.isEmpty() && !now.isEmpty() && !was.equals(now)) {
                errs.add("spec.clusterIPs[0]: Invalid value: []string{\"" + now + "\"}: may not change once set");
            }
        } else if (group.isEmpty() && kind.equals("PersistentVolumeClaim")) {
            pvc(obj, previous, errs);
        } else if (group.isEmpty() && (kind.equals("Secret") || kind.equals("ConfigMap"))
                && previous.path("immutable").asBoolean(false)) {
            if (!obj.path("immutable").asBoolean(false)) {
                errs.add("immutable: Forbidden: field is immutable when `immutable` is set");
            }
            if (!Ssa.same(previous.get("data"), obj.get("data"))) {
                errs.add("data: Forbidden: field is immutable when `immutable` is set");
            }
            if (kind.equals("ConfigMap") && !Ssa.same(previous.get("binaryData"), obj.get("binaryData"))) {
                errs.add("binaryData: Forbidden: field is immutable when `immutable` is set");
            }
        }
    }

    private static void pvc(ObjectNode obj, ObjectNode previous, List<String> errs) {
        JsonNode spec = obj.path("spec");
        JsonNode old = previous.path("spec");
        boolean bound = "Bound".equals(previous.path("status").path("phase").asText(""));
        ObjectNode a = spec.isObject() ? ((ObjectNode) spec).deepCopy() : obj.objectNode();
        ObjectNode b = old.isObject() ? ((ObjectNode) old).deepCopy() : obj.objectNode();
        if (bound) {
            for (ObjectNode o : List.of(a, b)) {
                if (o.path("resources").path("requests") instanceof ObjectNode req) {
                    req.remove("storage");
                }
                o.remove("volumeAttributesClassName");
            }
        }
        if (!Ssa.same(a, b)) {
            errs.add("spec: Forbidden: spec is immutable after creation except resources.requests and"
                    + " volumeAttributesClassName for bound claims");
        }
        java.util.Optional<Quantity> before = Quantity.tryParse(old.path("resources").path("requests")
                .path("storage").asText(""));
        java.util.Optional<Quantity> after = Quantity.tryParse(spec.path("resources").path("requests")
                .path("storage").asText(""));
        if (before.isPresent() && after.isPresent() && after.get().value().compareTo(before.get().value()) < 0) {
            errs.add("spec.resources.requests.storage: Forbidden: field can not be less than previous value");
        }
    }

    private static void crd(ResourceId id, ObjectNode obj, List<String> errs) {
        JsonNode spec = obj.path("spec");
        String group = spec.path("group").asText("");
        String plural = spec.path("names").path("plural").asText("");
        if (!id.name().equals(plural + "." + group)) {
            errs.add("metadata.name: Invalid value: \"" + id.name() + "\": must be spec.names.plural+\".\"+spec.group");
        }
        if (spec.path("names").path("kind").asText("").isEmpty()) {
            errs.add("spec.names.kind: Required value");
        }
        String scope = spec.path("scope").asText("");
        if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
            errs.add("spec.scope: Unsupported value: \"" + scope + "\": supported values: \"Cluster\", \"Namespaced\"");
        }
        if (!spec.path("versions").isArray() || spec.path("versions").isEmpty()) {
            errs.add("spec.versions: Invalid value: null: must have exactly one version marked as storage version");
        }
    }

    /** True when the name is a valid DNS-1123 label (namespace names). */
    public static boolean isDnsLabel(String s) {
        return s.length() <= 63 && DNS1123_LABEL.matcher(s).matches();
    }
}
