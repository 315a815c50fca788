package dev.gitops.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {

    private static LeaderElection.Builder valid() {
        return LeaderElection.builder().apiClient(new ApiClient()).lease("ns", "lease").identity("me");
    }

    @Test
    void validatesConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> LeaderElection.builder().apiClient(new ApiClient())
                .lease("ns", "lease").build());
        assertThrows(IllegalArgumentException.class, () -> valid()
                .timing(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1)).build());
        assertThrows(IllegalArgumentException.class, () -> valid()
                .timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(10)).build());
        assertThrows(NullPointerException.class, () -> LeaderElection.builder().lease("ns", "l").identity("me")
                .build());
    }

    @Test
    void notLeadingBeforeStartAndClosedTwiceIsHarmless() {
        LeaderElection e = valid().build();
        assertFalse(e.isLeader());
        assertEquals(0, e.terms());
        assertEquals("me", e.identity());
        e.close();
        e.close();
        assertThrows(IllegalStateException.class, e::start);
    }
}
