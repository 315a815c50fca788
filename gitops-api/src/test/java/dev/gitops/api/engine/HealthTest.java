package dev.gitops.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gitops.api.model.Resource;
import org.junit.jupiter.api.Test;

class HealthTest {

    private static Health health(String yaml) {
        return Health.of(Resource.readAll(yaml, "h.yaml").get(0));
    }

    private static final String DEPLOY = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
            + "  generation: 2\nspec:\n  replicas: 3\n";

    @Test
    void deployments() {
        assertEquals(Health.Status.IN_PROGRESS, health(DEPLOY + "status:\n  observedGeneration: 1\n").status());
        assertEquals("Updated: 1/3", health(DEPLOY + "status:\n  observedGeneration: 2\n  replicas: 3\n"
                + "  updatedReplicas: 1\n").message());
        assertEquals("Ready: 2/3", health(DEPLOY + "status:\n  observedGeneration: 2\n  replicas: 3\n"
                + "  updatedReplicas: 3\n  availableReplicas: 3\n  readyReplicas: 2\n").message());
        assertEquals(Health.Status.CURRENT, health(DEPLOY + "status:\n  observedGeneration: 2\n  replicas: 3\n"
                + "  updatedReplicas: 3\n  availableReplicas: 3\n  readyReplicas: 3\n  conditions:\n"
                + "  - type: Available\n    status: \"True\"\n").status());
        assertEquals(Health.Status.FAILED, health(DEPLOY + "status:\n  conditions:\n  - type: Progressing\n"
                + "    status: \"False\"\n    reason: ProgressDeadlineExceeded\n").status());
    }

    @Test
    void jobsPodsAndGenericConditions() {
        String job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nstatus:\n  conditions:\n  - type: ";
        assertEquals(Health.Status.CURRENT, health(job + "Complete\n    status: \"True\"\n").status());
        assertEquals(Health.Status.FAILED, health(job + "Failed\n    status: \"True\"\n").status());
        assertEquals(Health.Status.IN_PROGRESS, health("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n")
                .status());
        String cr = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n";
        assertEquals(Health.Status.CURRENT, health(cr).status(), "no conditions: current");
        assertEquals(Health.Status.IN_PROGRESS, health(cr + "status:\n  conditions:\n  - type: Ready\n"
                + "    status: \"False\"\n    message: waiting\n").status());
        assertEquals(Health.Status.FAILED, health(cr + "status:\n  conditions:\n  - type: Stalled\n"
                + "    status: \"True\"\n    message: broken\n").status());
        assertEquals(Health.Status.TERMINATING, health("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
                + "  deletionTimestamp: \"2026-01-01T00:00:00Z\"\n").status());
        assertEquals(Health.Status.IN_PROGRESS, health("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n"
                + "  name: p\nstatus:\n  phase: Pending\n").status());
        assertEquals(Health.Status.IN_PROGRESS, health("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n"
                + "spec:\n  type: LoadBalancer\n").status());
    }

    @Test
    void statefulSetsAndDaemonSets() {
        String sts = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\nspec:\n  replicas: 2\nstatus:\n"
                + "  replicas: 2\n  readyReplicas: 2\n  currentReplicas: 2\n  updatedReplicas: 2\n";
        assertEquals(Health.Status.CURRENT, health(sts + "  currentRevision: a\n  updateRevision: a\n").status());
        assertEquals(Health.Status.IN_PROGRESS, health(sts + "  currentRevision: a\n  updateRevision: b\n")
                .status());
        assertEquals(Health.Status.IN_PROGRESS, health("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n"
                + "  name: d\nstatus:\n  desiredNumberScheduled: 3\n  currentNumberScheduled: 3\n"
                + "  updatedNumberScheduled: 3\n  numberAvailable: 2\n  numberReady: 2\n").status());
    }
}
