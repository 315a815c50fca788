package dev.gitops.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.apply.ApplyOptions;
import dev.gitops.api.model.Resource;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.models.V1Lease;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Leader election on a real Lease. */
class LeaderElectionIT {

    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final Duration RENEW = Duration.ofSeconds(3);
    private static final Duration RETRY = Duration.ofMillis(500);
    private static KubernetesClusterApplier applier;
    private static String ns;

    @BeforeAll
    static void connect() {
        applier = KubernetesClusterApplier.builder().kubeconfig(KubeApiServer.start().admin()).build();
        ns = "le-" + UUID.randomUUID().toString().substring(0, 8);
        applier.apply(Resource.readAll("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + ns + "\n", "ns.yaml")
                .get(0), ApplyOptions.defaults());
    }

    private static LeaderElection election(String lease, String id, AtomicInteger started, AtomicInteger stopped) {
        ApiClient client = applier.apiClient();
        return LeaderElection.builder().apiClient(client).lease(ns, lease).identity(id).timing(LEASE, RENEW, RETRY)
                .onStartedLeading(started::incrementAndGet).onStoppedLeading(stopped::incrementAndGet).build();
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void oneLeaderAtATimeAndFailover() throws Exception {
        AtomicInteger aStarted = new AtomicInteger();
        AtomicInteger aStopped = new AtomicInteger();
        AtomicInteger bStarted = new AtomicInteger();
        AtomicInteger bStopped = new AtomicInteger();
        try (LeaderElection a = election("failover", "replica-a", aStarted, aStopped);
                LeaderElection b = election("failover", "replica-b", bStarted, bStopped)) {
            a.start();
            await(a::isLeader, Duration.ofSeconds(20), "replica-a leads");
            b.start();
            Thread.sleep(RENEW.toMillis() + RETRY.toMillis() * 2);
            assertTrue(a.isLeader());
            assertFalse(b.isLeader(), "never two leaders");
            a.close();
            await(() -> aStopped.get() == 1, Duration.ofSeconds(10), "replica-a reports it stopped leading");
            assertFalse(a.isLeader());
            await(b::isLeader, LEASE.plus(Duration.ofSeconds(20)), "replica-b takes over after the lease expires");
            assertEquals(1, bStarted.get());
        }
    }

    @Test
    void reacquiresAfterLosingTheLease() throws Exception {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger stopped = new AtomicInteger();
        try (LeaderElection a = election("reacquire", "replica-a", started, stopped)) {
            a.start();
            await(a::isLeader, Duration.ofSeconds(20), "replica-a leads");
            // another holder takes the lease (as a partitioned replica's successor would)
            CoordinationV1Api api = new CoordinationV1Api(applier.apiClient());
            for (int attempt = 0; ; attempt++) {
                V1Lease lease = api.readNamespacedLease("reacquire", ns).execute();
                lease.getSpec().holderIdentity("intruder").leaseDurationSeconds(2)
                        .acquireTime(OffsetDateTime.now(ZoneOffset.UTC)).renewTime(OffsetDateTime.now(ZoneOffset.UTC));
                try {
                    api.replaceNamespacedLease("reacquire", ns, lease).execute();
                    break;
                } catch (ApiException e) {
                    // the leader renewed between our read and write: read again
                    if (e.getCode() != 409 || attempt > 20) {
                        throw e;
                    }
                }
            }
            await(() -> stopped.get() == 1, Duration.ofSeconds(20), "replica-a notices it lost the lease");
            await(() -> a.isLeader() && a.terms() == 2, Duration.ofSeconds(30),
                    "replica-a re-acquires the expired lease");
            assertEquals(2, started.get());
        }
    }
}
