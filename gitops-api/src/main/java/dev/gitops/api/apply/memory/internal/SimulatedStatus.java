package dev.gitops.api.apply.memory.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.model.Resource;
import java.util.Optional;

/** The status documents of the simulated controllers. */
public final class SimulatedStatus {
    private SimulatedStatus() {
    }

    public static Optional<ObjectNode> status(Resource o, String ts, boolean ready) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode st = f.objectNode();
        long gen = o.get("/metadata/generation").map(JsonNode::asLong).orElse(1L);
        int replicas = o.get("/spec/replicas").map(JsonNode::asInt).orElse(1);
        String group = o.id().group();
        switch (group + "/" + o.kind()) {
            case "apps/Deployment" -> {
                st.put("observedGeneration", gen);
                st.put("replicas", replicas);
                st.put("updatedReplicas", replicas);
                if (ready) {
                    st.put("readyReplicas", replicas);
                    st.put("availableReplicas", replicas);
                } else {
                    st.put("unavailableReplicas", replicas);
                }
                ArrayNode c = st.putArray("conditions");
                c.add(condition("Available", ready, ready ? "MinimumReplicasAvailable"
                        : "MinimumReplicasUnavailable", ready ? "Deployment has minimum availability."
                        : "Deployment does not have minimum availability.", ts));
                c.add(condition("Progressing", true, ready ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                        "ReplicaSet \"" + o.name() + "\" " + (ready ? "has successfully progressed."
                                : "is progressing."), ts));
            }
            case "apps/StatefulSet", "apps/ReplicaSet" -> {
                st.put("observedGeneration", gen);
                st.put("replicas", replicas);
                st.put("readyReplicas", ready ? replicas : 0);
                st.put("availableReplicas", ready ? replicas : 0);
                if (o.kind().equals("StatefulSet")) {
                    st.put("currentReplicas", replicas);
                    st.put("updatedReplicas", replicas);
                    st.put("currentRevision", o.name() + "-" + gen);
                    st.put("updateRevision", o.name() + "-" + gen);
                }
            }
            case "apps/DaemonSet" -> {
                st.put("observedGeneration", gen);
                st.put("desiredNumberScheduled", 1);
                st.put("currentNumberScheduled", 1);
                st.put("updatedNumberScheduled", 1);
                st.put("numberReady", ready ? 1 : 0);
                st.put("numberAvailable", ready ? 1 : 0);
                st.put("numberMisscheduled", 0);
            }
            case "batch/Job" -> {
                if (ready) {
                    st.put("succeeded", 1);
                    st.put("startTime", ts);
                    st.put("completionTime", ts);
                    st.putArray("conditions").add(condition("Complete", true, "", "", ts));
                } else {
                    st.put("active", 1);
                    st.put("startTime", ts);
                }
            }
            case "/PersistentVolumeClaim" -> st.put("phase", ready ? "Bound" : "Pending");
            case "/Pod" -> {
                st.put("phase", ready ? "Running" : "Pending");
                st.putArray("conditions").add(condition("Ready", ready, "", "", ts));
            }
            default -> {
                if (!isCustom(group)) {
                    return Optional.empty();
                }
                st.put("observedGeneration", gen);
                st.putArray("conditions").add(condition("Ready", ready, ready ? "Succeeded" : "Progressing",
                        ready ? "Ready" : "Not ready", ts));
            }
        }
        return Optional.of(st);
    }

    private static boolean isCustom(String group) {
        return group.contains(".") && !group.endsWith(".k8s.io");
    }

    private static ObjectNode condition(String type, boolean status, String reason, String message, String ts) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("type", type);
        c.put("status", status ? "True" : "False");
        c.put("lastTransitionTime", ts);
        if (!reason.isEmpty()) {
            c.put("reason", reason);
        }
        if (!message.isEmpty()) {
            c.put("message", message);
        }
        return c;
    }
}
