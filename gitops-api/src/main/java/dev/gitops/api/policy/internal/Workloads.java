package dev.gitops.api.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where the pod template of a workload is, and its containers. */
final class Workloads {

    private Workloads() {}

    /** A workload object: its content, the pointer of its pod spec and of its pod labels. */
    record Workload(Resource resource, ObjectNode content, String podSpec, String podLabels) {
        JsonNode podSpecNode() {
            return content.at(podSpec);
        }

        /** The pod's labels (string values). */
        java.util.Map<String, String> labels() {
            java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
            content.at(podLabels).fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    m.put(e.getKey(), e.getValue().asText());
                }
            });
            return m;
        }

        /** Containers and init containers with their pointers. */
        List<Container> containers(boolean includeInit) {
            List<Container> out = new ArrayList<>();
            JsonNode spec = podSpecNode();
            List<String> fields = includeInit ? List.of("initContainers", "containers") : List.of("containers");
            for (String f : fields) {
                JsonNode list = spec.path(f);
                for (int i = 0; i < list.size(); i++) {
                    JsonNode c = list.get(i);
                    if (c.isObject()) {
                        out.add(new Container(c, podSpec + "/" + f + "/" + i, f.equals("initContainers")));
                    }
                }
            }
            return out;
        }

        /** {@code Kind/name} for messages. */
        String describe() {
            return resource.kind() + " " + resource.name();
        }
    }

    /** A container: its node and pointer. */
    record Container(JsonNode node, String pointer, boolean init) {
        String name() {
            return node.path("name").asText("");
        }

        String describe() {
            return (init ? "init container \"" : "container \"") + name() + "\"";
        }
    }

    /** The workload view of an object, when it is a Pod or has a pod template. */
    static Optional<Workload> of(Resource r) {
        String group = r.id().group();
        String kind = r.kind();
        String spec = null;
        String labels = null;
        if (group.isEmpty() && kind.equals("Pod")) {
            spec = "/spec";
            labels = "/metadata/labels";
        } else if ((group.equals("apps") && (kind.equals("Deployment") || kind.equals("StatefulSet")
                || kind.equals("DaemonSet") || kind.equals("ReplicaSet")))
                || (group.equals("batch") && kind.equals("Job"))
                || (group.isEmpty() && kind.equals("ReplicationController"))) {
            spec = "/spec/template/spec";
            labels = "/spec/template/metadata/labels";
        } else if (group.equals("batch") && kind.equals("CronJob")) {
            spec = "/spec/jobTemplate/spec/template/spec";
            labels = "/spec/jobTemplate/spec/template/metadata/labels";
        }
        if (spec == null) {
            return Optional.empty();
        }
        ObjectNode c = r.content();
        if (!c.at(spec).isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Workload(r, c, spec, labels));
    }

    /** Every workload of a list of objects. */
    static List<Workload> all(List<Resource> resources) {
        List<Workload> out = new ArrayList<>();
        for (Resource r : resources) {
            of(r).ifPresent(out::add);
        }
        return out;
    }

    /** True for Deployments, StatefulSets and DaemonSets (long-running workloads that need probes). */
    static boolean longRunning(Resource r) {
        return r.id().group().equals("apps")
                && (r.kind().equals("Deployment") || r.kind().equals("StatefulSet") || r.kind().equals("DaemonSet"));
    }

    /** Escapes a key for a JSON pointer. */
    static String esc(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
