package dev.gitops.sops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gitops.sops.internal.Shamir;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Shamir over GF(2^8): any quorum of parts recovers the secret; fewer parts do not. */
class ShamirProperties {

    @Property(tries = 200)
    void anyQuorumRecovers(@ForAll @Size(min = 1, max = 40) byte[] secret, @ForAll @IntRange(min = 2, max = 6) int parts,
            @ForAll @IntRange(min = 2, max = 6) int threshold, @ForAll long seed) {
        if (threshold > parts) {
            return;
        }
        byte[][] split = Shamir.split(secret, parts, threshold, new SecureRandom());
        List<byte[]> all = new ArrayList<>(Arrays.asList(split));
        Collections.shuffle(all, new Random(seed));
        for (byte[] p : split) {
            assertEquals(secret.length + 1, p.length);
        }
        assertArrayEquals(secret, Shamir.combine(all.subList(0, threshold)));
        assertArrayEquals(secret, Shamir.combine(all));
        if (threshold > 2 && secret.length >= 8) {
            assertFalse(Arrays.equals(secret, Shamir.combine(all.subList(0, threshold - 1))));
        }
    }

    @Property(tries = 100)
    void multiplicationIsInvertible(@ForAll @IntRange(min = 0, max = 255) int a,
            @ForAll @IntRange(min = 1, max = 255) int b) {
        assertEquals(a, Shamir.div(Shamir.mult(a, b), b));
    }
}
