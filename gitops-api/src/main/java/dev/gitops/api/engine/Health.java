package dev.gitops.api.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.model.Resource;
import java.util.Objects;

/**
 * The health of a live object by the kstatus rules that Flux's {@code wait} and {@code healthChecks} use:
 * deletion means Terminating; an {@code observedGeneration} behind {@code generation} means InProgress;
 * {@code Reconciling=True} means InProgress and {@code Stalled=True} Failed; then per kind: Deployments
 * (updated, available and ready replicas, {@code ProgressDeadlineExceeded}), StatefulSets, DaemonSets, Jobs
 * (Complete / Failed), Pods, PersistentVolumeClaims (Bound), Services of type LoadBalancer (an ingress),
 * CustomResourceDefinitions (Established), Namespaces; any other object with a {@code Ready} condition is Current
 * when it is True and InProgress otherwise; objects without one are Current.
 *
 * @param status the status
 * @param message why
 */
public record Health(Status status, String message) {

    /** kstatus statuses. */
    public enum Status {
        /** Reconciled and ready. */
        CURRENT,
        /** Not ready yet. */
        IN_PROGRESS,
        /** Will not become ready without a change. */
        FAILED,
        /** Being deleted. */
        TERMINATING,
        /** Does not exist. */
        NOT_FOUND
    }

    /** Validates. */
    public Health {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    /** The health of a missing object. */
    public static Health notFound() {
        return new Health(Status.NOT_FOUND, "Resource not found");
    }

    /** True for Current. */
    public boolean isCurrent() {
        return status == Status.CURRENT;
    }

    private static Health current(String m) {
        return new Health(Status.CURRENT, m);
    }

    private static Health inProgress(String m) {
        return new Health(Status.IN_PROGRESS, m);
    }

    /** Computes the health of a live object. */
    public static Health of(Resource live) {
        JsonNode o = live.content();
        JsonNode meta = o.path("metadata");
        if (meta.hasNonNull("deletionTimestamp")) {
            return new Health(Status.TERMINATING, "Resource scheduled for deletion");
        }
        JsonNode status = o.path("status");
        if (meta.has("generation") && status.has("observedGeneration")
                && status.path("observedGeneration").asLong() < meta.path("generation").asLong()) {
            return inProgress(live.kind() + " generation is " + meta.path("generation").asLong()
                    + ", but latest observed generation is " + status.path("observedGeneration").asLong());
        }
        for (JsonNode c : status.path("conditions")) {
            String type = c.path("type").asText();
            boolean isTrue = c.path("status").asText().equals("True");
            if (type.equals("Reconciling") && isTrue) {
                return inProgress(c.path("message").asText(c.path("reason").asText()));
            }
            if (type.equals("Stalled") && isTrue) {
                return new Health(Status.FAILED, c.path("message").asText(c.path("reason").asText()));
            }
        }
        String group = live.id().group();
        switch (live.kind()) {
            case "Deployment":
                if (group.equals("apps")) {
                    return deployment(o);
                }
                break;
            case "StatefulSet":
                if (group.equals("apps")) {
                    return statefulSet(o);
                }
                break;
            case "DaemonSet":
                if (group.equals("apps")) {
                    return daemonSet(o);
                }
                break;
            case "Job":
                if (group.equals("batch")) {
                    return job(o);
                }
                break;
            case "Pod":
                if (group.isEmpty()) {
                    return pod(o);
                }
                break;
            case "PersistentVolumeClaim":
                if (group.isEmpty()) {
                    return status.path("phase").asText().equals("Bound") ? current("PVC is Bound")
                            : inProgress("PVC is not Bound. phase: " + status.path("phase").asText());
                }
                break;
            case "Service":
                if (group.isEmpty() && o.path("spec").path("type").asText().equals("LoadBalancer")) {
                    return status.path("loadBalancer").path("ingress").size() > 0 ? current("Service is ready")
                            : inProgress("Pending external IP");
                }
                if (group.isEmpty()) {
                    return current("Service is ready");
                }
                break;
            case "CustomResourceDefinition":
                if (group.equals("apiextensions.k8s.io")) {
                    return conditionTrue(status, "Established") ? current("CRD is established")
                            : inProgress("Not established");
                }
                break;
            case "Namespace":
                if (group.isEmpty()) {
                    return status.path("phase").asText().equals("Terminating")
                            ? new Health(Status.TERMINATING, "Namespace is terminating") : current("Resource is current");
                }
                break;
            default:
                break;
        }
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                String s = c.path("status").asText();
                String msg = c.path("message").asText(c.path("reason").asText());
                return s.equals("True") ? current(msg) : inProgress(msg);
            }
        }
        return current("Resource is current");
    }

    private static boolean conditionTrue(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return c.path("status").asText().equals("True");
            }
        }
        return false;
    }

    private static JsonNode condition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return c;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static Health deployment(JsonNode o) {
        JsonNode st = o.path("status");
        long spec = o.path("spec").path("replicas").asLong(1);
        long replicas = st.path("replicas").asLong(0);
        long ready = st.path("readyReplicas").asLong(0);
        long updated = st.path("updatedReplicas").asLong(0);
        long available = st.path("availableReplicas").asLong(0);
        JsonNode progressing = condition(st, "Progressing");
        if (progressing.path("reason").asText().equals("ProgressDeadlineExceeded")) {
            return new Health(Status.FAILED, "Progress deadline exceeded");
        }
        if (o.path("spec").path("paused").asBoolean(false)) {
            return inProgress("Deployment is paused");
        }
        if (spec > updated) {
            return inProgress("Updated: " + updated + "/" + spec);
        }
        if (replicas > updated) {
            return inProgress("Pending termination: " + (replicas - updated));
        }
        if (updated > available) {
            return inProgress("Available: " + available + "/" + updated);
        }
        if (spec > ready) {
            return inProgress("Ready: " + ready + "/" + spec);
        }
        if (!condition(st, "Available").path("status").asText().equals("True")) {
            return inProgress("Deployment not Available");
        }
        return current("Deployment is available. Replicas: " + replicas);
    }

    private static Health statefulSet(JsonNode o) {
        JsonNode st = o.path("status");
        JsonNode strategy = o.path("spec").path("updateStrategy");
        if (strategy.path("type").asText().equals("OnDelete")) {
            return current("StatefulSet is using the ondelete update strategy");
        }
        long spec = o.path("spec").path("replicas").asLong(1);
        long ready = st.path("readyReplicas").asLong(0);
        long current = st.path("currentReplicas").asLong(0);
        long updated = st.path("updatedReplicas").asLong(0);
        if (spec > st.path("replicas").asLong(0)) {
            return inProgress("Replicas: " + st.path("replicas").asLong(0) + "/" + spec);
        }
        if (spec > ready) {
            return inProgress("Ready: " + ready + "/" + spec);
        }
        long partition = strategy.path("rollingUpdate").path("partition").asLong(0);
        if (partition > 0) {
            if (updated < spec - partition) {
                return inProgress("updated: " + updated + "/" + (spec - partition));
            }
            return current("Partitioned roll out complete. updated: " + updated + "/" + (spec - partition));
        }
        if (spec > current) {
            return inProgress("current: " + current + "/" + spec);
        }
        if (!st.path("currentRevision").asText().equals(st.path("updateRevision").asText())) {
            return inProgress("Waiting for updated revision " + st.path("updateRevision").asText());
        }
        return current("All replicas scheduled as expected. Replicas: " + ready);
    }

    private static Health daemonSet(JsonNode o) {
        JsonNode st = o.path("status");
        if (!st.has("desiredNumberScheduled")) {
            return inProgress("Missing .status.desiredNumberScheduled");
        }
        long desired = st.path("desiredNumberScheduled").asLong();
        long scheduled = st.path("currentNumberScheduled").asLong(0);
        long updated = st.path("updatedNumberScheduled").asLong(0);
        long available = st.path("numberAvailable").asLong(0);
        long ready = st.path("numberReady").asLong(0);
        if (desired > scheduled) {
            return inProgress("Current: " + scheduled + "/" + desired);
        }
        if (desired > updated) {
            return inProgress("Updated: " + updated + "/" + desired);
        }
        if (desired > available) {
            return inProgress("Available: " + available + "/" + desired);
        }
        if (desired > ready) {
            return inProgress("Ready: " + ready + "/" + desired);
        }
        return current("All replicas scheduled as expected. Replicas: " + desired);
    }

    private static Health job(JsonNode o) {
        JsonNode st = o.path("status");
        for (JsonNode c : st.path("conditions")) {
            boolean t = c.path("status").asText().equals("True");
            if (c.path("type").asText().equals("Complete") && t) {
                return current("Job Completed. succeeded: " + st.path("succeeded").asLong(0) + "/"
                        + o.path("spec").path("completions").asLong(1));
            }
            if (c.path("type").asText().equals("Failed") && t) {
                return new Health(Status.FAILED, "Job Failed. failed: " + st.path("failed").asLong(0));
            }
        }
        return inProgress("Job in progress. success:" + st.path("succeeded").asLong(0) + ", active: "
                + st.path("active").asLong(0) + ", failed: " + st.path("failed").asLong(0));
    }

    private static Health pod(JsonNode o) {
        String phase = o.path("status").path("phase").asText();
        return switch (phase) {
            case "Succeeded" -> current("Pod has completed successfully");
            case "Failed" -> new Health(Status.FAILED, "Pod has completed, but not successfully");
            case "Running" -> conditionTrue(o.path("status"), "Ready") ? current("Pod is Ready")
                    : inProgress("Pod is running but is not Ready");
            default -> inProgress("Pod phase not available");
        };
    }
}
